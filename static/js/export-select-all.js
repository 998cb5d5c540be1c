// The export page's "Select all" box: django-import-export binds it with an inline handler,
// which the Content Security Policy blocks. onSelectToggleChange comes with the form's media
// (import_export/export_selectable_fields.js).
document.addEventListener("DOMContentLoaded", () => {
  for (const toggle of document.querySelectorAll(".select-toggle")) {
    toggle.addEventListener("change", onSelectToggleChange);
  }
});
