"""Pagination of the open data API: numbered pages, the client may ask for up to 100 rows."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext
from django_filters import FilterSet
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.utils.urls import remove_query_param, replace_query_param

from config.content_version import CONTENT_APPS
from config.pagination import Keep, RowsByKeys
from config.tracking import path_without_tracking
from cooperation.filters import order_key, query_key
from cooperation.publication import kept_while_published

WHOLE_NUMBER = re.compile(r"[0-9]+")  # ASCII digits only: no sign, point, space or "١٢"


def whole_number(value: str) -> int | None:
    return int(value) if WHOLE_NUMBER.fullmatch(value) else None


class PageNumberPagination(pagination.PageNumberPagination):
    """A harvester walks every page of a list: each page read every row before it (news
    page 8,000: 0.7 s) and counted the whole list again (30-50 ms). The pages are read keys
    first, from anchors, and the count is kept (config.pagination.RowsByKeys), per list and
    filter, while the list's records are unchanged.

    A ``page`` or ``page_size`` that is not a whole number in range is the client's error,
    a 400 that says so: Django REST framework took a bad page size for the default (and
    kept it in the ``next`` link) and cut a larger one to the maximum. An empty one is the
    default, as for the filters; a page past the last is a 404.

    The ``next`` and ``previous`` links leave out the tracking parameters
    (``config.tracking``), as the portal's page links do: a harvester that followed a
    campaign's link walked every page as the campaign's, and its count was the campaign's."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset: QuerySet, request: Request, view=None) -> list | None:
        keep = self.keeper(queryset, request, getattr(view, "filterset", None))
        return super().paginate_queryset(RowsByKeys(queryset, keep=keep), request, view)

    def get_page_size(self, request: Request) -> int:
        value = request.query_params.get(self.page_size_query_param) or ""
        if not value:
            return self.page_size
        size = whole_number(value)
        if size is None or not 1 <= size <= self.max_page_size:
            message = gettext("Enter a whole number from %(min)s to %(max)s.")
            raise ValidationError(
                {self.page_size_query_param: [message % {"min": 1, "max": self.max_page_size}]}
            )
        return size

    def get_page_number(self, request: Request, paginator: Paginator) -> int:
        value = request.query_params.get(self.page_query_param) or ""
        if not value:
            return 1
        if value in self.last_page_strings:
            return paginator.num_pages
        number = whole_number(value)
        if number is None or number < 1:
            message = gettext("Enter a whole number of %(min)s or more.")
            raise ValidationError({self.page_query_param: [message % {"min": 1}]})
        return number

    def get_next_link(self) -> str | None:
        if not self.page.has_next():
            return None
        return self.page_link(self.page.next_page_number())

    def get_previous_link(self) -> str | None:
        if not self.page.has_previous():
            return None
        return self.page_link(self.page.previous_page_number())

    def page_link(self, number: int) -> str:
        """The address of this list's page ``number``, its query kept (as Django REST
        framework writes it), but for its tracking parameters, and the page left out for
        page one."""
        url = self.request.build_absolute_uri(path_without_tracking(self.request.get_full_path()))
        if number == 1:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, number)

    def keeper(
        self, queryset: QuerySet, request: Request, filterset: FilterSet | None = None
    ) -> Keep | None:
        """Keeps a list's count and anchors under its app's content version, per model and
        filters (the query without its page and page size, which change neither, nor its
        tracking parameters, which select nothing: each campaign's link counted afresh), the
        anchors per order too: by title, the language the client asked for orders the
        titles (``order_key``), and its anchors were another language's."""
        app = queryset.model._meta.app_label
        if app not in CONTENT_APPS:
            return None
        query = query_key(request.query_params, self.page_query_param, self.page_size_query_param)
        return kept_while_published(
            f"api:{queryset.model._meta.label_lower}:{query}", {app}, order=order_key(filterset)
        )
