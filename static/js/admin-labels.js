// Names for the controls that the admin's scripts draw without one.
// - An autocomplete (Select2) hides the field's <select>, which its label names, and draws
//   its own box: a combobox named only by the chosen value (none when empty), a text box
//   inside it and, when several may be chosen, a search field with no name at all. Each is
//   named here by the field's label, or by the select's aria-label in an inline's row
//   (cooperation.admin.LabelledCellsFormSet); the chosen value stays the box's content.
// - The filter icons of a two-list chooser (a user's roles) carry an aria-label on a plain
//   span, which no screen reader reads: they are images, named by it.
"use strict";

function nameOf(select) {
  const label = select.labels && select.labels[0];
  if (label) {
    if (!label.id) label.id = `${select.id}_label`;
    return ["aria-labelledby", label.id];
  }
  const words = select.getAttribute("aria-label");
  return words ? ["aria-label", words] : null;
}

function name(element, [attribute, value]) {
  if (element.getAttribute(attribute) === value) return;
  element.removeAttribute("aria-labelledby");
  element.setAttribute(attribute, value);
}

function nameAutocompletes() {
  for (const select of document.querySelectorAll("select.select2-hidden-accessible")) {
    const box = select.nextElementSibling;
    const named = nameOf(select);
    if (!named || !box || !box.classList.contains("select2-container")) continue;
    for (const control of box.querySelectorAll("[role=combobox], .select2-search__field")) {
      name(control, named);
    }
    // A combobox says which list it opens (Select2 says so only while it is open, and by
    // aria-owns, which ARIA 1.2 no longer asks of a combobox).
    for (const combobox of box.querySelectorAll("[role=combobox]:not([aria-controls])")) {
      combobox.setAttribute("aria-controls", `select2-${select.id}-results`);
    }
    // The chosen value, read as the combobox's content: not a text box of its own.
    for (const rendered of box.querySelectorAll(".select2-selection__rendered[role=textbox]")) {
      rendered.removeAttribute("role");
      rendered.removeAttribute("aria-readonly");
    }
    // "Remove all" is drawn inside the list of chosen values, which holds list items only;
    // the mouse's shortcut for what Backspace does on each.
    for (const clear of box.querySelectorAll(".select2-selection__clear:not([aria-hidden])")) {
      clear.setAttribute("aria-hidden", "true");
    }
  }
  // The search field of an open list, drawn apart from its box (at the end of the page).
  for (const search of document.querySelectorAll(".select2-search--dropdown .select2-search__field[aria-controls]")) {
    const id = search.getAttribute("aria-controls").replace(/^select2-(.*)-results$/, "$1");
    const select = document.getElementById(id);
    const named = select && nameOf(select);
    if (named) name(search, named);
  }
}

function nameFilterIcons() {
  for (const icon of document.querySelectorAll(".search-label-icon[aria-label]:not([role])")) {
    icon.setAttribute("role", "img");
  }
}

function nameAll() {
  nameAutocompletes();
  nameFilterIcons();
}

nameAll();
new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
