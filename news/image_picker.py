"""The image library in the admin, and the picker the rich-text editor opens.

The editor's "Browse…" button (figure dialog) opens ``admin:news_image_picker`` in a window
with a ``CKEditorFuncNum`` number; choosing an image hands its URL and description back to
the editor through ``window.opener`` (static/js/image-picker.js). Uploads go through the
same checks as every image field (cooperation/images.py), with CSRF and admin permissions.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from config.admin_search import BoundedSearchMixin
from config.spreadsheets import SpreadsheetExportMixin
from news.models import Image

# The editor numbers its callbacks (negative numbers); anything else is ignored.
_FUNC_NUM = re.compile(r"^-?\d{1,9}$")
PICKER_PAGE_SIZE = 24


class ImageUploadForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text"]

    class Media:
        css = {"all": ["css/image-picker.css"]}


@admin.register(Image)
class ImageAdmin(BoundedSearchMixin, SpreadsheetExportMixin, admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "uploaded_by", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    list_select_related = ["uploaded_by"]
    search_fields = ["alt_text"]
    fields = ["file", "alt_text"]

    class Media:
        css = {"all": ["css/image-picker.css"]}

    @admin.display(description=_("image"))
    def thumbnail(self, image: Image) -> str:
        return format_html('<img src="{}" alt="" class="library-thumbnail">', image.thumbnail_url)

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
        can_upload = self.has_add_permission(request)
        form = ImageUploadForm()
        if request.method == "POST":
            if not can_upload:
                raise PermissionDenied
            form = ImageUploadForm(request.POST, request.FILES)
            if form.is_valid():
                image = form.save(commit=False)
                image.uploaded_by = request.user
                image.save()
                query = f"?CKEditorFuncNum={func_num}" if func_num else ""
                return HttpResponseRedirect(request.path + query)
        page = Paginator(Image.objects.all(), PICKER_PAGE_SIZE).get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Choose an image"),
            "opts": self.opts,
            "images": page,
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
