// Spreadsheet import in the admin: while the server reads, checks or writes the file, show
// how many rows are done and keep the form from being sent twice. The form names the import
// with a random token; the server counts its rows under that name (cooperation/
// import_progress.py) and this script asks for the count twice a second until the answer
// page arrives.
"use strict";

const POLL_MS = 500;

function randomToken() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function showProgress(busy, token) {
  const bar = busy.querySelector("progress");
  const count = busy.querySelector(".import-count");
  const url = busy.dataset.progressUrl.replace("progress-token-here", token);
  const poll = async () => {
    try {
      const answer = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (answer.ok) {
        const { done, total } = await answer.json();
        if (Number.isInteger(done) && Number.isInteger(total) && total > 0) {
          bar.max = total;
          bar.value = done;
          count.textContent = busy.dataset.label
            .replace("{done}", done.toLocaleString())
            .replace("{total}", total.toLocaleString());
        }
      }
    } catch (error) {
      // The page is being replaced by the server's answer, or the network blinked: the
      // indicator simply stays as it is.
    }
    setTimeout(poll, POLL_MS);
  };
  setTimeout(poll, POLL_MS);
}

document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("#content form")) {
    form.addEventListener("submit", () => {
      const busy = form.querySelector(".import-busy") || document.querySelector(".import-busy");
      for (const button of form.querySelectorAll("input[type=submit]")) button.disabled = true;
      if (!busy) return;
      busy.hidden = false;
      if (busy.dataset.progressUrl) {
        const token = randomToken();
        const field = document.createElement("input");
        field.type = "hidden";
        field.name = "progress_token";
        field.value = token;
        form.append(field);
        showProgress(busy, token);
      }
    });
  }
});
