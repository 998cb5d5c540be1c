from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from config.admin_search import BoundedSearchMixin
from config.spreadsheets import SpreadsheetExportMixin
from cooperation.admin import (
    TITLE_SUMMARY_SEARCH,
    FormerAddressesAdminMixin,
    LabelledListEditableMixin,
    PublishableAdminMixin,
    TranslatedFieldErrorsForm,
)
from cooperation.admin_lists import LargeTableAdminMixin, UntranslatedListFilter
from cooperation.admin_spreadsheets import SpreadsheetImportExportMixin
from cooperation.editor import RichTextAdminMixin
from cooperation.kept_uploads import KeptUploadsAdminMixin
from news.image_picker import ImageAdmin  # noqa: F401  (registers the image library)
from news.models import Article, Category, Topic
from news.resources import ArticleResource


@admin.register(Category)
class CategoryAdmin(
    LabelledListEditableMixin,
    FormerAddressesAdminMixin,
    BoundedSearchMixin,
    SpreadsheetExportMixin,
    TranslationAdmin,
):
    list_display = ["name", "slug", "sort_order"]
    list_editable = ["sort_order"]
    search_fields = ["name_zh_hans", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Topic)
class TopicAdmin(BoundedSearchMixin, SpreadsheetExportMixin, TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_zh_hans", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Article)
class ArticleAdmin(
    KeptUploadsAdminMixin,
    FormerAddressesAdminMixin,
    LargeTableAdminMixin,
    RichTextAdminMixin,
    SpreadsheetImportExportMixin,
    PublishableAdminMixin,
    TranslationAdmin,
):
    resource_classes = [ArticleResource]
    # An article's two long texts make its rows slower to read, check and write: a dry run
    # of 10,000 held the admin's request 25.5 s (projects' 15.8 s), near the server's 30;
    # half as many keep each step as short as the projects'.
    import_max_rows_share = 0.5
    rich_text_fields = ("body",)
    preview_url_name = "news:article-preview"
    form = TranslatedFieldErrorsForm
    list_display = ["title", "category", "author", "publication_status", "published_at", "featured"]
    list_filter = ["publication_status", "category", "featured", UntranslatedListFilter]
    list_select_related = ["category", "author"]
    search_fields = TITLE_SUMMARY_SEARCH
    chinese_grams_search = True
    date_hierarchy = "published_at"
    autocomplete_fields = [
        "category",
        "topics",
        "related_projects",
        "related_countries",
        "related_awards",
    ]
    prepopulated_fields = {"slug": ["title_en"]}
    exclude = ["author"]

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)
