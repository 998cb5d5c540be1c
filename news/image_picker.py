"""The image library in the admin, and the picker the rich-text editor opens.

The editor's "Browse…" button (figure dialog) opens ``admin:news_image_picker`` in a window
with a ``CKEditorFuncNum`` number; choosing an image hands its URL and description back to
the editor through ``window.opener`` (static/js/image-picker.js). Each body's editor opens it
for its own language (``cooperation.editor.rich_text_widget``): the Chinese body gets an image's
Chinese description, the English body its English one, or the Chinese one while the English
is empty (``Image.description_in``), which the picker says and the editor can still
translate in the figure dialog. Uploads go through the same checks as every image field
(cooperation/images.py), with CSRF and admin permissions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.admin import TranslationAdmin

from config.admin_search import BoundedSearchMixin
from config.spreadsheets import SpreadsheetExportMixin
from cooperation import kept_uploads
from cooperation.admin import TranslatedFieldErrorsForm
from cooperation.admin_lists import UntranslatedListFilter
from cooperation.kept_uploads import (
    KeptClearableFileInput,
    KeptUploadsAdminMixin,
    KeptUploadsFormMixin,
)
from news.models import Image

# The editor numbers its callbacks (negative numbers); anything else is ignored.
_FUNC_NUM = re.compile(r"^-?\d{1,9}$")
PICKER_PAGE_SIZE = 24


def body_language(value: str | None) -> str:
    """The language of the body the picker inserts into; without one (or a forged one), the
    default language, whose description every image has."""
    return value if value in mt_settings.AVAILABLE_LANGUAGES else mt_settings.DEFAULT_LANGUAGE


@dataclass(frozen=True)
class PickerChoice:
    """An image as the picker offers it to a body: the description it inserts, and the
    language that description is in (another than the body's while the body's is empty)."""

    image: Image
    description: str
    language: str
    fallback: bool


def picker_choices(images: Iterable[Image], language: str) -> list[PickerChoice]:
    choices = []
    for image in images:
        description, written_in = image.description_in(language)
        choices.append(PickerChoice(image, description, written_in, written_in != language))
    return choices


class ImageUploadForm(KeptUploadsFormMixin, TranslatedFieldErrorsForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text_zh_hans", "alt_text_en"]
        widgets = {"file": KeptClearableFileInput}

    class Media:
        css = {"all": ["css/image-picker.css"]}


@admin.register(Image)
class ImageAdmin(
    KeptUploadsAdminMixin, BoundedSearchMixin, SpreadsheetExportMixin, TranslationAdmin
):
    form = TranslatedFieldErrorsForm
    list_display = ["thumbnail", "alt_text_zh_hans", "alt_text_en", "uploaded_by", "created_at"]
    list_display_links = ["thumbnail", "alt_text_zh_hans"]
    list_filter = [UntranslatedListFilter]  # "Not yet in English": descriptions to translate
    list_select_related = ["uploaded_by"]
    search_fields = ["alt_text_zh_hans", "alt_text_en"]
    fields = ["file", "alt_text"]  # one column per language (TranslationAdmin)

    class Media:
        css = {"all": ["css/image-picker.css"]}

    @admin.display(description=_("image"))
    def thumbnail(self, image: Image) -> str:
        # The picture is a link to the image's form: its description names that link (an
        # empty one left the link without a name for a screen reader).
        return format_html(
            '<img src="{}" alt="{}" class="library-thumbnail">', image.thumbnail_url, image.alt_text
        )

    def save_model(self, request: HttpRequest, obj: Image, form, change: bool) -> None:
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        picker = path(
            "picker/", self.admin_site.admin_view(self.picker_view), name="news_image_picker"
        )
        return [picker, *super().get_urls()]

    def picker_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        func_num = request.GET.get("CKEditorFuncNum", "")
        func_num = func_num if _FUNC_NUM.match(func_num) else ""
        language = body_language(request.GET.get("language"))
        # What the picker's links and its upload's redirect keep: the editor's callback and
        # the body's language.
        query = urlencode({"language": language, "CKEditorFuncNum": func_num})
        can_upload = self.has_add_permission(request)
        form = ImageUploadForm()
        if request.method == "POST":
            if not can_upload:
                raise PermissionDenied
            form = ImageUploadForm(
                request.POST, request.FILES, kept_upload_owner=kept_uploads.owner_of(request)
            )
            if form.is_valid():
                image = form.save(commit=False)
                image.uploaded_by = request.user
                image.save()
                kept_uploads.discard_kept_uploads(form)
                return HttpResponseRedirect(f"{request.path}?{query}")
        page = Paginator(Image.objects.all(), PICKER_PAGE_SIZE).get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Choose an image"),
            "opts": self.opts,
            "images": page,
            "choices": picker_choices(page, language),
            "language": language,
            "language_name": dict(settings.LANGUAGES)[language],
            "query": query,
            "form": form,
            "func_num": func_num,
            "can_upload": can_upload,
            "is_popup": True,
        }
        return TemplateResponse(
            request,
            "admin/news/image_picker.html",
            context,
            status=400 if form.errors else 200,
        )
