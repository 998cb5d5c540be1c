"""Uploads kept across a form that fails validation.

A browser cannot refill a file input: when a form with an image came back with an error on
another field (a missing title), the image had to be chosen again. Here the upload is kept
server-side, in the default storage under ``kept-uploads/`` with a random name, and the
form carries only a signed token naming it. Submitting again without choosing a file uses
the kept one, which the image field checks again like any upload.

The token is signed with a salt holding the user's id and session key: another user, or the
same user in another login, cannot use it; a forged, altered or expired token is a form
error. The uploader's path never decides where a file is read: only the signed name does.
Kept files are deleted once the record is saved, and any left (a form abandoned) after
``KEPT_UPLOAD_MAX_AGE`` seconds whenever another upload is kept, or when
``manage.py purge_kept_uploads`` runs (``purge_kept_uploads``, the one rule of both).

django-file-resubmit (last release 0.5.2, November 2018; its "keep the file" display broke
with Django 4.2) keeps files in a cache under a key any user holding it could reuse: not used.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PREFIX = "kept-uploads/"
_KEPT_NAME = re.compile(r"^kept-uploads/[0-9a-f]{32}(?:_[A-Za-z0-9]{7})?$")
_SALT = "coopbase.kept-upload"
DEFAULT_MAX_AGE = 60 * 60  # an hour to fix the form
DISPLAY_NAME_LENGTH = 100


def max_age() -> int:
    return int(getattr(settings, "KEPT_UPLOAD_MAX_AGE", DEFAULT_MAX_AGE))


def owner_of(request: HttpRequest) -> str:
    """Who may use a kept upload: this user in this login (never written to the page)."""
    if request.session.session_key is None:
        request.session.save()
    return f"{request.user.pk}:{request.session.session_key}"


def _expired() -> ValidationError:
    return ValidationError(
        _("The file kept from your last try has expired: choose it again."),
        code="kept_upload_expired",
    )


def _refused() -> ValidationError:
    return ValidationError(
        _("The kept file cannot be used: choose the file again."), code="kept_upload_invalid"
    )


class KeptFile(ContentFile):
    """A kept upload read back: the uploader's file name, and the token naming it."""

    def __init__(self, content: bytes, *, name: str, token: str, path: str) -> None:
        super().__init__(content, name=name)
        self.token = token
        self.path = path


class KeptToken(str):
    """A posted token, before it is checked (by the form field, which knows the owner)."""


def keep_upload(file: File, *, owner: str) -> str:
    """Store ``file`` for the next submission of ``owner``; return the token naming it."""
    purge_kept_uploads()
    path = default_storage.save(f"{PREFIX}{uuid.uuid4().hex}", file)
    file.seek(0)
    name = PurePosixPath(file.name or "").name[:DISPLAY_NAME_LENGTH]
    return signing.dumps({"path": path, "name": name}, salt=f"{_SALT}:{owner}")


def load_kept_upload(token: str, *, owner: str | None) -> KeptFile:
    """The file ``token`` names, if ``owner`` kept it and it has not expired.

    Raises a ``ValidationError`` for the form otherwise; never reads a path the token does
    not carry under our signature.
    """
    if not owner:
        raise _refused()
    try:
        payload = signing.loads(token, salt=f"{_SALT}:{owner}", max_age=max_age())
    except signing.SignatureExpired:
        raise _expired() from None
    except signing.BadSignature:
        raise _refused() from None
    if not isinstance(payload, dict):
        raise _refused()
    path, name = payload.get("path"), payload.get("name")
    if not (isinstance(path, str) and _KEPT_NAME.match(path) and isinstance(name, str)):
        raise _refused()
    try:
        with default_storage.open(path) as stored:
            content = stored.read()
    except OSError:  # deleted by a purge, or saved with the record already
        raise _expired() from None
    return KeptFile(content, name=name or "upload", token=token, path=path)


def discard_kept_upload(file: KeptFile) -> None:
    default_storage.delete(file.path)


def discard_kept_uploads(form: forms.BaseForm) -> None:
    """Delete the kept files ``form`` used, once what it saved holds them."""
    for value in form.cleaned_data.values():
        if isinstance(value, KeptFile):
            discard_kept_upload(value)


def purge_kept_uploads(now=None) -> int:
    """Delete kept uploads older than ``max_age()`` (forms abandoned); return how many."""
    cutoff = (now or timezone.now()) - timedelta(seconds=max_age())
    try:
        _dirs, files = default_storage.listdir(PREFIX)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    purged = 0
    for name in files:
        path = f"{PREFIX}{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                purged += 1
        except OSError:  # deleted meanwhile by another process
            continue
    return purged


class KeptUploadWidgetMixin:
    """A file input that posts back the token of the file kept from the last try."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Set by the field once it cleaned an upload (this form's own copy of the widget).
        self.keepable: File | None = None
        self.kept_owner: str | None = None
        self._kept_token: str | None = None

    @staticmethod
    def token_name(name: str) -> str:
        return f"{name}-kept"

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        token = data.get(self.token_name(name))
        if value is None and token:  # nothing chosen and not cleared: the kept file
            return KeptToken(token)
        return value

    def value_omitted_from_data(self, data, files, name) -> bool:
        return super().value_omitted_from_data(data, files, name) and not data.get(
            self.token_name(name)
        )

    def render(self, name, value, attrs=None, renderer=None):
        token = self._token()
        if token is None:
            return super().render(name, value, attrs, renderer)
        # The file input names the kept file to a screen reader, as it shows beside it.
        attrs = dict(attrs or {})
        kept_id = f"{attrs.get('id') or name}_kept"
        attrs["aria-describedby"] = " ".join(
            filter(
                None, [self.attrs.get("aria-describedby"), attrs.get("aria-describedby"), kept_id]
            )
        )
        # Written here, not in a template: the form renderer reads only the apps' templates.
        return format_html(
            '{}<p class="help kept-upload" id="{}">'
            '<input type="hidden" name="{}" value="{}">{}</p>',
            super().render(name, value, attrs, renderer),
            kept_id,
            self.token_name(name),
            token,
            gettext("Kept: %(name)s (choose another to replace it)") % {"name": self.keepable.name},
        )

    def _token(self) -> str | None:
        """The token of the file to keep, stored once however often the form is drawn."""
        if self.keepable is None or not self.kept_owner:
            return None
        if isinstance(self.keepable, KeptFile):
            return self.keepable.token
        if self._kept_token is None:
            self._kept_token = keep_upload(self.keepable, owner=self.kept_owner)
        return self._kept_token


class KeptUploadFieldMixin:
    """A file field that takes a kept upload in place of a new one (see the module)."""

    def _clean_bound_field(self, bf):
        owner = getattr(bf.form, "kept_upload_owner", None)
        data = bf.initial if self.disabled else bf.data
        if isinstance(data, KeptToken):
            data = load_kept_upload(data, owner=owner)
        value = self.clean(data, bf.initial)
        if isinstance(self.widget, KeptUploadWidgetMixin) and isinstance(
            value, UploadedFile | KeptFile
        ):
            # Drawn again only if the form fails: then the widget keeps it.
            self.widget.keepable, self.widget.kept_owner = value, owner
        return value


class KeptClearableFileInput(KeptUploadWidgetMixin, forms.ClearableFileInput):
    pass


class KeptAdminFileWidget(KeptUploadWidgetMixin, AdminFileWidget):
    pass


class ForgetsRefusedUploadsMixin:
    """A form that keeps no upload its field ended up refusing: a check after the field's
    own (a cover's smallest size, the form's or the model's clean) found it wanting, and
    "Kept" would offer the same refused file again."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in getattr(self, "_errors", None) or {}:
            field = self.fields.get(name)
            if field is not None and isinstance(field.widget, KeptUploadWidgetMixin):
                field.widget.keepable = None


class KeptUploadsFormMixin(ForgetsRefusedUploadsMixin):
    """A form of its own (not an admin's) whose uploads are kept for ``kept_upload_owner``
    (``owner_of(request)``); its upload fields need a ``KeptClearableFileInput``."""

    def __init__(self, *args, kept_upload_owner: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kept_upload_owner = kept_upload_owner


class KeptUploadsAdminMixin:
    """Keeps the files of an admin form that fails validation (every upload field)."""

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        if isinstance(db_field, models.FileField):
            kwargs.setdefault("widget", KeptAdminFileWidget)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request: HttpRequest, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        kept = type(
            form.__name__,
            (ForgetsRefusedUploadsMixin, form),
            {"kept_upload_owner": owner_of(request)},
        )
        # A subclass's fields are made afresh from the model: the form's own, as the other
        # mixins left them (a slug's help naming its former addresses), are the ones to keep.
        kept.base_fields = form.base_fields
        return kept

    def save_model(self, request: HttpRequest, obj, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        discard_kept_uploads(form)
