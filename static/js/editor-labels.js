// The rich-text editor (django-prose-editor) names its toolbar's buttons and its block menu's
// entries in English, and passes only its dialogs' words through Django's catalogue. Name
// them in the back office's language: each one's title, aria-label and text through the
// admin's JavaScript catalogue (locale/zh_Hans/LC_MESSAGES/djangojs.po), as the editor
// draws them (it draws a toolbar per field, and redraws its menus).
"use strict";

function translated(text) {
  return typeof window.gettext === "function" && text ? window.gettext(text) : text;
}

function nameInLanguage(root) {
  for (const element of root.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]")) {
    for (const attribute of ["title", "aria-label"]) {
      const text = element.getAttribute(attribute);
      const words = translated(text);
      if (text && words !== text) element.setAttribute(attribute, words);
    }
  }
  // A menu's entries ("Heading 2", "Paragraph"): elements holding only their text.
  for (const element of root.querySelectorAll(".prose-menubar *")) {
    if (element.children.length || element.classList.contains("material-icons")) continue;
    const text = element.textContent;
    const words = translated(text);
    if (text && words !== text) element.textContent = words;
  }
}

if (typeof window.gettext === "function" && document.documentElement.lang !== "en") {
  nameInLanguage(document);
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) nameInLanguage(node.parentElement || node);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
}
