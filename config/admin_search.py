"""The back office's search reads at most the first MAX_QUERY_LENGTH characters of a query,
as the portal's does: Django's admin makes each word of a query a condition on every
searched column, so a pasted page of text made thousands (on SQLite "Expression tree is too
large", which answered as a database outage)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from config.search_columns import MAX_QUERY_LENGTH


class BoundedSearchMixin:
    """For every admin with a search (listed in tests/cooperation/test_admin.py)."""

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        return super().get_search_results(request, queryset, search_term[:MAX_QUERY_LENGTH])
