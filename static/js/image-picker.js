// The image library picker, opened by the rich-text editor's figure dialog.
// Choosing an image hands its URL and description back to the editor window: the
// description in the language of the body being edited, which the page was opened for
// (news/image_picker.py put it in the button's data-alt).
(function () {
  "use strict";
  const picker = document.querySelector(".image-picker");
  if (!picker) return;
  const funcNum = picker.dataset.funcNum;
  picker.addEventListener("click", function (event) {
    const button = event.target.closest(".image-picker-choose");
    if (!button || !funcNum || !window.opener) return;
    const tools = window.opener.CKEDITOR && window.opener.CKEDITOR.tools;
    if (!tools || typeof tools.callFunction !== "function") return;
    tools.callFunction(Number(funcNum), button.dataset.url, {
      id: button.dataset.id,
      alternative_text: button.dataset.alt,
    });
    window.close();
  });
})();
