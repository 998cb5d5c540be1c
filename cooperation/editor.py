"""The admin's rich-text editor (django-prose-editor, built on Tiptap).

The editor offers only what the sanitiser (``cooperation.richtext``) keeps: headings h2–h4,
lists, quotes, links, tables and figures with images from the image library. Whatever the
browser sends, the allow-list still cleans it on save. The editor's scripts are ES modules
from our own static files; its import map is rendered by the admin with the CSP nonce.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, reverse_lazy
from django_prose_editor.widgets import AdminProseEditorWidget
from modeltranslation.utils import build_localized_fieldname

EDITOR_EXTENSIONS: dict = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Image": True,
    "Caption": True,
    # "Browse…" in the figure dialog opens the image library (upload or choose).
    "Figure": {"pickerUrl": reverse_lazy("admin:news_image_picker")},
    "History": True,
}


class RichTextWidget(AdminProseEditorWidget):
    """The editor, with its toolbar named in the back office's language: the editor passes
    only its dialogs' words through the admin's JavaScript catalogue (static/js/editor-labels.js)."""

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=[forms.Script("js/editor-labels.js", defer=True)])


def rich_text_widget(language: str | None = None) -> AdminProseEditorWidget:
    """The editor of a text in ``language``: its figures' "Browse…" opens the image library
    for that language, which inserts an image's description in it (news.image_picker)."""
    extensions = EDITOR_EXTENSIONS
    if language:
        picker = f"{reverse('admin:news_image_picker')}?{urlencode({'language': language})}"
        extensions = {**extensions, "Figure": {"pickerUrl": picker}}
    return RichTextWidget(config={"extensions": extensions}, preset="configurable")


class RichTextAdminMixin:
    """Gives the language columns of ``rich_text_fields`` the rich-text editor."""

    rich_text_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        columns = {
            build_localized_fieldname(name, code)
            for name in self.rich_text_fields
            for code, _label in settings.LANGUAGES
        }
        if db_field.name in columns:
            kwargs["widget"] = rich_text_widget(getattr(db_field, "language", None))
        return super().formfield_for_dbfield(db_field, request, **kwargs)
