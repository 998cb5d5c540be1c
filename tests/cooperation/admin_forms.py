"""Helpers for posting admin forms the way a browser would, starting from what the page shows."""

from __future__ import annotations

import html
import io

from django import forms
from PIL import Image


def _put(data: dict, bound) -> None:
    widget = getattr(bound.field.widget, "widget", bound.field.widget)
    value = bound.value()
    if bound.field.disabled or isinstance(widget, forms.FileInput):
        return
    if isinstance(widget, forms.MultiWidget):
        for index, part in enumerate(widget.decompress(value)):
            data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
    elif isinstance(widget, forms.CheckboxInput):
        if value:
            data[bound.html_name] = "on"
    elif getattr(widget, "allow_multiple_selected", False) or isinstance(value, list | tuple):
        data[bound.html_name] = [str(item) for item in value or []]
    else:
        data[bound.html_name] = "" if value is None else str(value)


def form_data(client, url: str, **changes) -> dict:
    """The data a browser would post back from the admin form at ``url``, with changes."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data: dict = {}
    for bound in response.context["adminform"].form:
        _put(data, bound)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            _put(data, bound)
        for form in formset.forms:
            for bound in form:
                _put(data, bound)
    data.update(changes)
    return data


def errors_shown(response) -> dict[str, list[str]]:
    """Errors of the main form and its inlines, each checked to be on the page, escaped."""
    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    errors: dict[str, list[str]] = {}
    for name, messages in response.context["adminform"].form.errors.items():
        errors.setdefault(name, []).extend(messages)
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            for name, messages in form.errors.items():
                errors.setdefault(f"{inline.formset.prefix}:{name}", []).extend(messages)
        for message in inline.formset.non_form_errors():
            errors.setdefault(f"{inline.formset.prefix}:__all__", []).append(message)
    for messages in errors.values():
        for message in messages:
            assert html.escape(message) in response.text, message
    return errors


def png_upload(name: str = "cover.png"):
    """A real PNG image the smallest size a cover takes (cooperation.described_images), as a
    browser uploads it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), (200, 80, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
