"""Pagination of the open data API: numbered pages, the client may ask for up to 100 rows."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import pagination
from rest_framework.request import Request

from config.content_version import CONTENT_APPS
from config.pagination import Keep, RowsByKeys
from cooperation.filters import query_key
from cooperation.publication import kept_while_published


class PageNumberPagination(pagination.PageNumberPagination):
    """A harvester walks every page of a list: each page read every row before it (news
    page 8,000: 0.7 s) and counted the whole list again (30-50 ms). The pages are read keys
    first, from anchors, and the count is kept (config.pagination.RowsByKeys), per list and
    filter, while the list's records are unchanged."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list | None:
        return super().paginate_queryset(
            RowsByKeys(queryset, keep=self.keeper(queryset, request)), request, view
        )

    def keeper(self, queryset: QuerySet, request: Request) -> Keep | None:
        """Keeps a list's count and anchors under its app's content version, per model and
        filters (the query without its page and page size, which change neither)."""
        app = queryset.model._meta.app_label
        if app not in CONTENT_APPS:
            return None
        query = query_key(request.query_params, self.page_query_param, self.page_size_query_param)
        return kept_while_published(f"api:{queryset.model._meta.label_lower}:{query}", {app})
