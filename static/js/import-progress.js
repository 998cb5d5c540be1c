// Spreadsheet import in the admin: while the server reads, checks or writes the file, show
// a busy indicator and keep the form from being sent twice. The server answers with the
// row-by-row result; there is no background job whose progress could be polled.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("#content form")) {
    form.addEventListener("submit", () => {
      const busy = form.querySelector(".import-busy") || document.querySelector(".import-busy");
      if (busy) busy.hidden = false;
      for (const button of form.querySelectorAll("input[type=submit]")) button.disabled = true;
    });
  }
});
