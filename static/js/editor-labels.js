// The rich-text editor (django-prose-editor) names its toolbar's buttons and its block menu's
// entries in English, and passes only its dialogs' words through Django's catalogue. Name
// them in the back office's language: each one's title, aria-label and text through the
// admin's JavaScript catalogue (locale/zh_Hans/LC_MESSAGES/djangojs.po), as the editor
// draws them (it draws a toolbar per field, and redraws its menus).
// Its writing area (a textbox) is named by its field's label too, which named only the
// hidden textarea the editor writes to: a screen reader announced a textbox with no name.
"use strict";

function translated(text) {
  return typeof window.gettext === "function" && text ? window.gettext(text) : text;
}

function inLanguage() {
  return typeof window.gettext === "function" && document.documentElement.lang !== "en";
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

function nameWritingAreas() {
  for (const area of document.querySelectorAll(".prose-editor > .ProseMirror:not([aria-labelledby])")) {
    const textarea = area.parentElement.querySelector("textarea");
    const label = textarea && textarea.labels && textarea.labels[0];
    if (!label) continue;
    if (!label.id) label.id = `${textarea.id}_label`;
    area.setAttribute("aria-labelledby", label.id);
  }
}

nameWritingAreas();
if (inLanguage()) nameInLanguage(document);
new MutationObserver((changes) => {
  nameWritingAreas();
  if (!inLanguage()) return;
  for (const change of changes) {
    for (const node of change.addedNodes) {
      if (node.nodeType === Node.ELEMENT_NODE) nameInLanguage(node.parentElement || node);
    }
  }
}).observe(document.body, { childList: true, subtree: true });
