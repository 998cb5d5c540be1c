"""Back-office change lists that stay quick on large tables (100,000 projects, 200,000 articles).

Django's change list reads what it shows from the whole table three ways that grow with it:

- its date hierarchy lists the years with records by ``SELECT DISTINCT DATE_TRUNC('year', …)``
  over every row of the list (news at 200,000 articles: 130 ms; 300 ms beside a search);
- it counts the table twice, once as the list and once as the total beside a search;
- a filter through a many-to-many relation (a project's research fields) makes the list
  ``DISTINCT`` over every column, which PostgreSQL sorts or hashes whole to count and page.

The ``date_hierarchy`` block of ``templates/admin/change_list.html`` (every change list) reads
the years from the date's index instead (:func:`years_with_records`);
:class:`LargeTableAdminMixin` counts once; :class:`ResearchFieldListFilter` uses ``EXISTS``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import DateTimeField, Exists, Max, Min, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.models import ProjectResearchField, ResearchField

# Beyond this many years between a list's first and last date (a mistyped year), the date
# hierarchy lists its years as Django does.
MAX_HIERARCHY_YEARS = 200


def years_with_records(queryset: QuerySet, field_name: str) -> list[int] | None:
    """The years in which ``field_name`` (a date or a date and time) of ``queryset`` has a
    value, ascending; None if they span more than MAX_HIERARCHY_YEARS.

    Two queries, whatever the size of the table: the first and last dates (each a step into
    the field's index), then one row of an ``EXISTS`` for each year between them, which
    PostgreSQL evaluates once each (each a short walk of the index from the year's first
    day). Django's ``dates(…, "year")`` reads every row. Times count in the current time
    zone, as the date hierarchy's links do.
    """
    rows = queryset.order_by()
    bounds = rows.aggregate(first=Min(field_name), last=Max(field_name))
    if bounds["first"] is None:
        return []
    aware = settings.USE_TZ and isinstance(
        queryset.model._meta.get_field(field_name), DateTimeField
    )
    first, last = (
        (timezone.localtime(value) if aware else value).year
        for value in (bounds["first"], bounds["last"])
    )
    if last - first > MAX_HIERARCHY_YEARS:
        return None
    between = range(first + 1, last)
    if not between:
        return sorted({first, last})

    def start(year: int) -> datetime.date:
        if not isinstance(bounds["first"], datetime.datetime):
            return datetime.date(year, 1, 1)
        moment = datetime.datetime(year, 1, 1)
        return timezone.make_aware(moment) if aware else moment

    in_year = {
        f"in_{year}": Exists(
            rows.filter(**{f"{field_name}__gte": start(year), f"{field_name}__lt": start(year + 1)})
        )
        for year in between
    }
    found = rows.annotate(**in_year).values_list(*in_year)[:1].get()
    return [first, *(year for year, has in zip(between, found, strict=True) if has), last]


class LargeTableChangeList(ChangeList):
    """A change list that knows the whole table's count when it lists the whole table."""

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        # Not counted again (show_full_result_count is off): with no filter, search or date
        # narrowing the list, its own count is the total, and the search bar says nothing
        # more (rather than "200,000 results (Show all)").
        if self.full_result_count is None and not self.queryset.query.where:
            self.full_result_count = self.result_count


class LargeTableAdminMixin:
    """For the admins of tables that grow without bound (projects, exchanges, news…): each
    list counts its records once. Beside a search or filter the list says "12 results (Show
    all)", not "12 results (200,000 total)": Django's documented choice for large tables
    (``show_full_result_count``), which saves counting the whole table again on every list."""

    show_full_result_count = False

    def get_changelist(self, request: HttpRequest, **kwargs) -> type[ChangeList]:
        return LargeTableChangeList


class ResearchFieldListFilter(admin.SimpleListFilter):
    """Projects in a research field, found with ``EXISTS`` on the link table's field index.

    Django's own filter for a many-to-many field joins the links and then needs the whole
    list ``DISTINCT`` (so a project in a field and its subfield shows once), which PostgreSQL
    works out over every matching row before it can count or page them.
    """

    title = _("research field")
    parameter_name = "research_field"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [(str(field.pk), str(field)) for field in ResearchField.objects.all()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(
            Exists(ProjectResearchField.objects.filter(project=OuterRef("pk"), field_id=value))
        )
