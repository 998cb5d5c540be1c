"""A translated field's label in the back office, its forms' errors, the export's column
boxes and the API's schema: the field's label and its language in words, "Title (English)"
and "标题（英文）", where modeltranslation wrote the language's code ("标题 [zh-hans]")."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext

# pgettext keeps these apart from the language switch's names ("English", "Simplified Chinese"):
# a field holds text in Chinese or in English, in Chinese as 中文 and 英文.
_LANGUAGE_NAMES = {
    "zh-hans": lambda: pgettext("language of a field", "Chinese"),
    "en": lambda: pgettext("language of a field", "English"),
}


def translated_field_label(label: object, language: str) -> str:
    """Called by modeltranslation each time a translated field's label is read (it wraps
    this in a lazy string), so the label is worded in the language active then."""
    name = _LANGUAGE_NAMES.get(language)
    return gettext("%(label)s (%(language)s)") % {
        "label": label,
        "language": name() if name else language,
    }
