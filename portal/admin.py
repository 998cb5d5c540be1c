from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from config.admin_search import BoundedSearchMixin
from config.spreadsheets import SpreadsheetExportMixin
from cooperation.admin import FormerAddressesAdminMixin, PublishableAdminMixin
from cooperation.admin_lists import UntranslatedListFilter
from cooperation.admin_spreadsheets import SpreadsheetImportExportMixin
from portal.models import Page, Redirect
from portal.resources import RedirectResource


@admin.register(Page)
class PageAdmin(
    FormerAddressesAdminMixin,
    BoundedSearchMixin,
    SpreadsheetExportMixin,
    PublishableAdminMixin,
    TranslationAdmin,
):
    publish_permission = "portal.publish_page"
    list_display = ["title", "slug", "publication_status", "published_at"]
    list_filter = ["publication_status", UntranslatedListFilter]
    search_fields = ["title_zh_hans", "title_en", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}


@admin.register(Redirect)
class RedirectAdmin(BoundedSearchMixin, SpreadsheetImportExportMixin, admin.ModelAdmin):
    """Retired addresses and where they go now (portal.redirects): followed only where the
    portal has no page. A former website's hundreds come in as a sheet (portal.resources)."""

    resource_classes = [RedirectResource]

    list_display = ["old_path", "target", "is_permanent", "created_at"]
    list_filter = ["is_permanent"]
    search_fields = ["old_path", "target"]
    fields = ["old_path", "target", "is_permanent"]
