"""Back-office change lists that stay quick on large tables (100,000 projects, 200,000 articles).

Django's change list reads what it shows in ways that grow with the table:

- its date hierarchy lists the years with records by ``SELECT DISTINCT DATE_TRUNC('year', …)``
  over every row of the list (news at 200,000 articles: 130 ms; 300 ms beside a search);
- it counts the table twice, once as the list and once as the total beside a search;
- a filter through a many-to-many relation (a project's research fields) makes the list
  ``DISTINCT`` over every column, which PostgreSQL sorts or hashes whole to count and page;
- a search term shorter than three characters has no trigram, yet PostgreSQL reads each
  trigram index of the searched columns whole for it (seconds).

The ``date_hierarchy`` block of ``templates/admin/change_list.html`` (every change list) reads
the years from the date's index instead (:func:`hierarchy_years`); :class:`LargeTableAdminMixin`
counts once, matches short terms row by row or through the stored Chinese grams, and writes
out its rows' checkboxes; :class:`ResearchFieldListFilter` uses ``EXISTS``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.views.main import SEARCH_VAR, ChangeList
from django.db import connection
from django.db.models import (
    CharField,
    DateTimeField,
    Exists,
    Lookup,
    Max,
    Min,
    Model,
    OuterRef,
    QuerySet,
    TextField,
)
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import smart_split
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.admin_lists import CheckedChangeList
from config.admin_search import BoundedSearchMixin
from config.search_columns import having_grams, is_common_gram, is_one_gram
from cooperation.models import (
    ProjectCheck,
    ProjectResearchField,
    ResearchField,
    projects_failing,
    untranslated_in,
)

# Beyond this many years between a list's first and last date (a mistyped year), the date
# hierarchy lists its years as Django does.
MAX_HIERARCHY_YEARS = 200


def is_moment(queryset: QuerySet, field_name: str) -> bool:
    """Whether the field holds moments (a DateTimeField), which have a time zone, not dates."""
    return isinstance(queryset.model._meta.get_field(field_name), DateTimeField)


def years_with_records(queryset: QuerySet, field_name: str) -> list[int] | None:
    """The years in which ``field_name`` (a date or a date and time) of ``queryset`` has a
    value, ascending; None if they span more than MAX_HIERARCHY_YEARS.

    Two queries, whatever the size of the table: the first and last dates (each a step into
    the field's index), then, beside the first record, an ``EXISTS`` for each year between,
    which PostgreSQL evaluates once each (each a short walk of the index from the year's
    first day). Django's ``dates(…, "year")`` reads every row. Times count in the current
    time zone, as the date hierarchy's links do.
    """
    rows = queryset.order_by()
    bounds = rows.aggregate(first=Min(field_name), last=Max(field_name))
    if bounds["first"] is None:
        return []
    moments = is_moment(queryset, field_name)
    aware = settings.USE_TZ and moments
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
        if not moments:
            return datetime.date(year, 1, 1)
        moment = datetime.datetime(year, 1, 1)
        return timezone.make_aware(moment) if aware else moment

    in_year = {
        f"in_{year}": Exists(
            rows.filter(**{f"{field_name}__gte": start(year), f"{field_name}__lt": start(year + 1)})
        )
        for year in between
    }
    # Asked beside the first record, found by the index: any row would do, but a bare
    # "FROM table LIMIT 1" plans as a sequential scan, which make explain would report.
    beside_first = rows.filter(**{field_name: bounds["first"]}).annotate(**in_year)
    found = next(iter(beside_first.values_list(*in_year)[:1]), None)
    if found is None:  # the first record went in the meantime: as Django would
        return None
    return [first, *(year for year, has in zip(between, found, strict=True) if has), last]


# A narrowed list of at most this many records lists its years from its own rows (one
# DISTINCT over them), not by stepping down the date's index: few matches lie far apart there.
FEW_ROWS_TO_READ = 1000


def hierarchy_years(cl: ChangeList) -> list[int] | None:
    """The years a change list's date hierarchy offers before one is chosen, or None where
    Django's own way serves (dates beyond MAX_HIERARCHY_YEARS, and a whole table whose records
    all fall in one year, which Django opens at its months).

    Its records are counted by now (``cl.result_count``): none have no years, and a few
    matches of a search or filter are read at once rather than looked for down the index,
    where the first and last of them may lie a whole table apart (3 s for a rare search
    term in the news).
    """
    field_name = cl.date_hierarchy
    narrowed = bool(cl.queryset.query.where)
    if cl.result_count == 0:
        return []
    if narrowed and cl.result_count <= FEW_ROWS_TO_READ:
        listed = cl.queryset.datetimes if is_moment(cl.queryset, field_name) else cl.queryset.dates
        return [moment.year for moment in listed(field_name, "year")]
    years = years_with_records(cl.queryset, field_name)
    if years is not None and len(years) == 1 and not narrowed:
        return None
    return years


class LargeTableChangeList(CheckedChangeList):
    """A change list that makes the most of its count: the total of a whole table, and no
    search for rows when there are none."""

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        # Not counted again (show_full_result_count is off): with no filter, search or date
        # narrowing the list, its own count is the total, and the search bar says nothing
        # more (rather than "200,000 results (Show all)").
        if self.full_result_count is None and not self.queryset.query.where:
            self.full_result_count = self.result_count
        # Counted none: nothing to look for again (a rare search term's rows would be sought
        # down the list's order through the whole table, 1.3 s in the news).
        if self.result_count == 0:
            self.result_list = self.queryset.none()


# pg_trgm indexes a text's three-character sequences, so a shorter search term has none to
# look up; yet PostgreSQL's planner, expecting few matches, still reads each trigram index of
# the searched columns from end to end and then every row again (a rare two-letter term in
# the news: 2 s a query, 5-6 s a change list). Such a term is matched row by row instead.
SHORTEST_INDEXED_TERM = 3
AUTOCOMPLETE_TERM = "term"  # django.contrib.admin.views.autocomplete


class ScanContains(Lookup):
    """``text__scan_contains=term``: ``STRPOS(text, term) > 0``, contains as a plain test of
    each row, which no trigram index matches (on SQLite ``INSTR``)."""

    lookup_name = "scan_contains"
    function = "STRPOS"
    case = "{}"

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        lhs, rhs = self.case.format(lhs), self.case.format(rhs)
        return f"{self.function}({lhs}, {rhs}) > 0", [*lhs_params, *rhs_params]

    def as_sqlite(self, compiler, connection) -> tuple[str, list]:
        sql, params = self.as_sql(compiler, connection)
        return "INSTR" + sql.removeprefix(self.function), params


class ScanIContains(ScanContains):
    """``text__scan_icontains=term``: as ``icontains`` (both upper-cased), row by row."""

    lookup_name = "scan_icontains"
    case = "UPPER({})"


for text_field in (CharField, TextField):
    text_field.register_lookup(ScanContains)
    text_field.register_lookup(ScanIContains)


def scanned_search_field(name: str) -> str:
    """An admin search field (Django's notation) that matches a term row by row: a contains
    or (by default) icontains lookup becomes its scan_ twin; other lookups stay."""
    if name.startswith(("^", "=", "@")):
        return name
    if name.endswith("__icontains") or name.endswith("__contains"):
        field, lookup = name.rsplit("__", 1)
        return f"{field}__scan_{lookup}"
    if "__" not in name:
        return f"{name}__scan_icontains"
    return name


class LargeTableAdminMixin(BoundedSearchMixin):
    """For the admins of tables that grow without bound (projects, exchanges, news…).

    - Each list counts its records once. Beside a search or filter the list says "12
      results (Show all)", not "12 results (200,000 total)": Django's documented choice for
      large tables (``show_full_result_count``), which saves counting the whole table again.
    - A search with a term shorter than SHORTEST_INDEXED_TERM (PostgreSQL) matches every
      term row by row (scan_contains, scan_icontains), not through the trigram indexes.
    - With ``chinese_grams_search`` (a table with stored Chinese grams, portal.0005, of the
      Chinese columns its admin searches), a query of one or two Chinese characters that is
      rare in the table (config.search_columns.common_grams) matches through the grams'
      index, as the portal's search does: a name such as 李明 in 200,000 articles costs
      milliseconds, not seconds. It finds the records with it in their Chinese title or
      text; the English columns and the slug, which hold no Chinese, are not searched.
    """

    show_full_result_count = False
    chinese_grams_search = False

    def get_changelist(self, request: HttpRequest, **kwargs) -> type[ChangeList]:
        return LargeTableChangeList

    def action_checkbox(self, obj: Model) -> SafeString:
        """Django's checkbox of a row, written out as Django's widget renders it: rendered as
        a form widget, through the template engine, it was a quarter of the time of a list
        of 100 rows (30 ms)."""
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        term = search_term.strip()
        if (
            self.chinese_grams_search
            and connection.vendor == "postgresql"
            and is_one_gram(term)
            and not is_common_gram(queryset, term)
        ):
            return having_grams(queryset, [term]), False
        return super().get_search_results(request, queryset, search_term)

    def get_search_fields(self, request: HttpRequest) -> list[str]:
        fields = super().get_search_fields(request)
        # The term of a change list's search bar, or of an autocomplete typed into a form.
        query = request.GET.get(SEARCH_VAR) or request.GET.get(AUTOCOMPLETE_TERM, "")
        if connection.vendor == "postgresql" and any(
            len(term.strip("\"'")) < SHORTEST_INDEXED_TERM for term in smart_split(query)
        ):
            return [scanned_search_field(str(name)) for name in fields]
        return fields


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
        if not (value.isascii() and value.isdigit()):  # no field's id: nothing in it
            return queryset.none()
        return queryset.filter(
            Exists(ProjectResearchField.objects.filter(project=OuterRef("pk"), field_id=value))
        )


class UntranslatedListFilter(admin.SimpleListFilter):
    """Records a reader in one language sees partly in the other: what is left to translate
    (``cooperation.models.untranslated_in`` over the model's ``reader_fields``)."""

    title = _("translation")
    parameter_name = "untranslated"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [(code, self.choice_label(name)) for code, name in settings.LANGUAGES]

    @staticmethod
    def choice_label(language_name: str) -> str:
        return gettext("Not yet in %(language)s") % {"language": language_name}

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() not in dict(settings.LANGUAGES):
            return queryset
        return queryset.filter(untranslated_in(self.value(), queryset.model.reader_fields))


class ProjectCheckListFilter(admin.SimpleListFilter):
    """Projects failing one of the checks of ``ProjectCheck``, on the site's today."""

    title = _("needs attention")
    parameter_name = "check"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return ProjectCheck.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() not in ProjectCheck.values:
            return queryset
        return queryset.filter(projects_failing(self.value(), timezone.localdate()))
