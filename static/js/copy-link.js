// The "Copy" buttons of a record's "Cite and share" block (templates/includes/cite_and_share.html).
// Progressive enhancement: the buttons are hidden until this script shows them; without it the
// page's address stays in its read-only field, and the citation in its paragraph, to select.
// A static file: the Content Security Policy allows no inline script.
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");

  function announce(message) {
    if (!status) return;
    // Emptied first, so that a second copy announces the message again.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function select(source) {
    if (typeof source.select === "function") {
      source.focus();
      source.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = "value" in source ? source.value : source.textContent.trim();
      // No clipboard where the page is not served securely, or the reader refused it: the
      // text is selected for them to copy instead.
      var copied = navigator.clipboard
        ? navigator.clipboard.writeText(text)
        : Promise.reject(new Error("no clipboard"));
      copied.then(
        function () {
          announce(button.dataset.copied);
        },
        function () {
          select(source);
          announce(button.dataset.failed);
        }
      );
    });
  });
})();
