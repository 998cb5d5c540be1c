"""Django's own messages that its Chinese catalogue gets wrong read right in ours
(config/django_strings.py), through a form as staff and readers meet them."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import override


def refusal_of(value: str, language: str) -> list[str]:
    """A text field's messages for ``value``, worded in ``language`` (as a page shows them)."""
    with override(language):
        try:
            forms.CharField().clean(value)
        except ValidationError as refused:
            return [str(message) for message in refused.messages]
    return []


def test_a_nul_character_in_a_text_is_named_so_in_chinese():
    # Django's Chinese read 不允许是用空字符串 ("an empty string is not allowed", misspelt).
    assert refusal_of("title\x00", "zh-hans") == ["不允许包含空字符（NUL）。"]
    assert refusal_of("title\x00", "en") == ["Null characters are not allowed."]
