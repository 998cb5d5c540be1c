"""The leadership figures: every number aggregated in the database.

Each figure group is one query (conditional aggregates with ``filter=Q(...)`` give this
period, the previous one and the ten trend years side by side), so the summary costs the
same handful of queries whatever the number of records.

Which records count: **public records only** — the ones `.public()` lets the portal show.
Drafts, records in review, scheduled and archived ones never count, as on the portal.
Achievements and exchanges count when their project is public or they belong to no project
(their own ``.public()``).

Periods are whole calendar years. A project is *running* in a period when it started on or
before the period's last day and did not end before its first day (so a project running
across two years counts in both), whatever its status says; it is *new* when it started in
the period. Funding is attributed to the year a project starts, and amounts are summed per
currency, never across currencies.

A figure links only to a list of exactly the records it counts (see ``Row.link``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Case, Count, F, Q, QuerySet, Sum, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from cooperation.countries import country_name
from cooperation.filters import localized
from cooperation.models import (
    Achievement,
    AchievementKind,
    Award,
    AwardLevel,
    CooperationProject,
    Exchange,
    ExchangeKind,
    PartnerCountry,
    ProjectKind,
    ProjectPartner,
    ProjectResearchField,
    active_in_years,
    choice_label,
    started_in_years,
)
from cooperation.validators import FIRST_YEAR
from news.models import Article

TREND_YEARS = 10
COUNTING_RULE = gettext_lazy(
    "Only public records count: drafts, records in review, scheduled and archived records "
    "are left out, as on the portal."
)
# What the page says of its links (the files have none): the rule of Row.link.
LINK_RULE = gettext_lazy(
    "A linked figure opens the list of exactly the records it counts, with the same number. "
    "Sums (funding, people) and figures that no list matches have no link."
)
TOP_INSTITUTIONS = 15


@dataclass(frozen=True)
class Period:
    """Whole calendar years, first to last inclusive."""

    first: int
    last: int

    @property
    def length(self) -> int:
        return self.last - self.first + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.first - self.length, self.first - 1)

    @property
    def comparable(self) -> bool:
        """Whether the period before it is one a leader could ask for (from 1900 on)."""
        return self.previous().first >= FIRST_YEAR

    def unfinished_note(self, today: date | None = None) -> str:
        """What a reader must know when the period is not over yet: one that holds today
        counts what is recorded so far, one that has not begun (all of it after this year)
        only the records already dated in it. Empty for years gone by."""
        today = today or timezone.localdate()
        if self.last < today.year:
            return ""
        if self.first > today.year:
            return _("%(period)s has not begun: it counts only records dated ahead.") % {
                "period": self
            }
        return _("%(period)s is not over: its figures count what is recorded up to %(today)s.") % {
            "period": self,
            "today": today.isoformat(),
        }

    @property
    def file_label(self) -> str:
        """The period in a file's name: its year once ("2025"), or first to last with a
        hyphen ("2020-2024"), which every system's file names take."""
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    def trend_years(self) -> list[int]:
        """The ten years ending with this period's last year."""
        return list(range(self.last - TREND_YEARS + 1, self.last + 1))

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


def trend_row(year: int, this_year: int, values: list[Any], **more: Any) -> Row:
    """A trend table's row of ``year``: a year that is not over yet is marked ``unfinished``,
    so that no reader takes its part of a year for a whole one beside the others; labelled
    "2026 (to date)" for ``this_year``, "2027 (not begun)" for one to come (``not_begun``:
    it holds only records dated ahead, not a start on the year)."""
    if year < this_year:
        return Row(str(year), values, **more)
    if year == this_year:
        label = _("%(year)s (to date)") % {"year": year}
    else:
        label = _("%(year)s (not begun)") % {"year": year}
    not_begun = year > this_year
    return Row(label, values, unfinished=True, not_begun=not_begun, short_label=str(year), **more)


def in_years(lookup: str, first: int, last: int) -> Q:
    """Records whose year (``lookup``, e.g. ``"year"`` or ``"start_date__year"``) is in range."""
    return Q(**{f"{lookup}__gte": first, f"{lookup}__lte": last})


# The other records a figure counts, with the year that places them in a period. The
# dashboard's record lists use the same table, so a list always matches its figure.
@dataclass(frozen=True)
class RecordKind:
    public: Callable[[], QuerySet]  # the publication rule of the model
    year_lookup: str
    group_field: str | None  # the level or kind a list may be narrowed to
    choices: list[tuple[str, Any]] | None
    group_label: str = ""  # what its filter and its column are called
    title: str = ""  # its list's heading and <title>


RECORD_KINDS: dict[str, RecordKind] = {
    "awards": RecordKind(
        lambda: Award.objects.public(),
        "year",
        "level",
        AwardLevel.choices,
        gettext_lazy("Level"),
        title=gettext_lazy("Awards"),
    ),
    "achievements": RecordKind(
        lambda: Achievement.objects.public(),
        "year",
        "kind",
        AchievementKind.choices,
        gettext_lazy("Kind"),
        title=gettext_lazy("Achievements"),
    ),
    "exchanges": RecordKind(
        lambda: Exchange.objects.public(),
        "start_date__year",
        "kind",
        ExchangeKind.choices,
        gettext_lazy("Kind"),
        title=gettext_lazy("Exchanges"),
    ),
    "news": RecordKind(
        lambda: Article.objects.public(),
        "published_at__year",
        None,
        None,
        title=gettext_lazy("News articles"),
    ),
}


def records_in_period(name: str, period: Period, group: str | None = None) -> QuerySet:
    """The public records of one kind in a period (optionally one level or kind)."""
    kind = RECORD_KINDS[name]
    queryset = kind.public().filter(in_years(kind.year_lookup, period.first, period.last))
    if group and kind.group_field:
        queryset = queryset.filter(**{kind.group_field: group})
    return queryset


# What the pages, the workbook and the CSV files are made of.


@dataclass
class Row:
    label: str
    values: list[Any]
    # The drill-down rule, for every link of the summary: a figure links only to a list of
    # exactly the records it counts, so the list's count is the figure. A row's link is its
    # first figure's; a sum (an amount, people), or a count that no list matches (partner
    # institutions: the directory has no period filter), has none.
    link: str = ""
    cell_links: list[str] = field(default_factory=list)  # one per value (the matrix)
    # Whether its table's bar chart draws it: a sum of people beside counts of exchanges
    # would share their scale (150 listeners dwarfing 2 visits); the table keeps it.
    charted: bool = True
    # A trend's year that is not over (this year, or one to come): its figures are what is
    # recorded so far, not a whole year's. Its label says so ("2026 (to date)", or "2027
    # (not begun)" for one to come: ``not_begun``), and a chart's column, with no room for
    # that, is drawn apart and named by ``short_label``.
    unfinished: bool = False
    not_begun: bool = False
    short_label: str = ""  # the label where room is short (a chart's column): the year


@dataclass
class Table:
    key: str  # stable name: anchors, CSV file names
    title: str
    label_column: str
    columns: list[str]
    rows: list[Row]
    chart: str = ""  # "compare", "bars", "columns", "matrix" or "" (table only)
    note: str = ""

    @property
    def unfinished_note(self) -> str:
        """What a trend table says under its title when a row of it is marked ``unfinished``
        (a year not over: this year's "to date", or one to come "not begun"); empty
        otherwise."""
        to_date, not_begun = self.years_to_date, self.years_not_begun
        if to_date and not_begun:
            return _(
                "A year marked “to date” is not over: its figures count what is recorded so "
                "far. A year marked “not begun” has not begun: it counts only records dated "
                "ahead."
            )
        if not_begun:
            return _("A year marked “not begun” has not begun: it counts only records dated ahead.")
        if to_date:
            return _(
                "A year marked “to date” is not over: its figures count what is recorded so far."
            )
        return ""

    @property
    def years_to_date(self) -> list[str]:
        """The years of its rows not over yet that have begun (this year's): "to date"."""
        return [row.short_label for row in self.rows if row.unfinished and not row.not_begun]

    @property
    def years_not_begun(self) -> list[str]:
        """The years of its rows still to come: "not begun"."""
        return [row.short_label for row in self.rows if row.not_begun]

    @property
    def signed(self) -> bool:
        """Whether its last column is a change, written with a + before increases."""
        return bool(self.columns) and self.columns[-1] == _change_column()


@dataclass
class Summary:
    period: Period
    previous: Period | None  # None: no comparison (Period.comparable)
    trend_years: list[int]
    tables: list[Table]
    map_countries: list[PartnerCountry]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def in_groups(self) -> list[tuple[str | None, list[Table]]]:
        """The tables as the dashboard, its print layout and its Word document show them:
        under a title each group (the second without one: more key figures)."""
        groups = [
            (_("Key figures"), ["projects", "funding", "funding-sources", "awards"]),
            (None, ["achievements", "exchanges", "news"]),
            (
                _("Ten-year trends"),
                ["trend-projects", "trend-funding", "trend-achievements", "trend-exchanges"],
            ),
            (_("Breakdowns"), ["countries", "fields", "units", "kinds", "matrix", "institutions"]),
        ]
        return [(title, [self.table(key) for key in keys]) for title, keys in groups]


# Drill-down links.


def projects_url(**params: Any) -> str:
    return f"{reverse('cooperation:project-list')}?{urlencode(params)}"


def active_projects_url(period: Period, **params: Any) -> str:
    return projects_url(year_from=period.first, year_to=period.last, **params)


def new_projects_url(period: Period, **params: Any) -> str:
    return projects_url(started_from=period.first, started_to=period.last, **params)


def records_url(name: str, period: Period, group: str | None = None) -> str:
    params: dict[str, Any] = {"year_from": period.first, "year_to": period.last}
    if group:
        params["group"] = group
    return f"{reverse('dashboard:records', kwargs={'kind': name})}?{urlencode(params)}"


def _change(current: Any, previous: Any) -> Any:
    return (current or 0) - (previous or 0)


def _compare_row(
    label: str, current: Any, previous: Any, link: str = "", charted: bool = True
) -> Row:
    current, previous = current or 0, previous or 0
    return Row(label, [current, previous, _change(current, previous)], link, charted=charted)


def no_comparison_text() -> str:
    """What the summary says instead of its comparison, when it has none."""
    return _("There is no comparison: the period before it would begin before %(year)s.") % {
        "year": FIRST_YEAR
    }


def _without_comparison(tables: list[Table]) -> list[Table]:
    """The tables with no previous period: the columns of the comparison left out (their
    figures would be of years no one may ask for), compared bars drawn alone."""
    compare = _compare_columns()
    result = []
    for table in tables:
        if table.columns[-len(compare) :] != compare:
            result.append(table)
            continue
        keep = len(table.columns) - 2  # all but "Previous period" and "Change"
        rows = [replace(row, values=row.values[:keep]) for row in table.rows]
        chart = "bars" if table.chart == "compare" else table.chart
        result.append(replace(table, columns=table.columns[:keep], rows=rows, chart=chart))
    return result


def _span(*periods: Period) -> tuple[int, int]:
    return min(p.first for p in periods), max(p.last for p in periods)


# One function per figure group, one query each.


def _project_figures(period: Period, previous: Period, years: list[int]) -> dict[str, int]:
    aggregates = {
        "active": Count("pk", filter=active_in_years(period.first, period.last)),
        "active_prev": Count("pk", filter=active_in_years(previous.first, previous.last)),
        "new": Count("pk", filter=started_in_years(period.first, period.last)),
        "new_prev": Count("pk", filter=started_in_years(previous.first, previous.last)),
    }
    for year in years:
        aggregates[f"active_{year}"] = Count("pk", filter=active_in_years(year, year))
        aggregates[f"started_{year}"] = Count("pk", filter=started_in_years(year, year))
    return CooperationProject.objects.public().aggregate(**aggregates)


def _partner_figures(period: Period, previous: Period) -> dict[str, int]:
    current = active_in_years(period.first, period.last, prefix="project__")
    before = active_in_years(previous.first, previous.last, prefix="project__")
    return ProjectPartner.objects.filter(
        project__in=CooperationProject.objects.public().values("pk")
    ).aggregate(
        countries=Count("institution__country", distinct=True, filter=current),
        countries_prev=Count("institution__country", distinct=True, filter=before),
        institutions=Count("institution", distinct=True, filter=current),
        institutions_prev=Count("institution", distinct=True, filter=before),
    )


def _funding_by_currency(period: Period, previous: Period, years: list[int]) -> list[dict]:
    first, last = _span(period, previous, Period(years[0], years[-1]))
    aggregates = {
        "current": Sum("funding_amount", filter=started_in_years(period.first, period.last)),
        "previous": Sum("funding_amount", filter=started_in_years(previous.first, previous.last)),
    }
    for year in years:
        aggregates[f"y{year}"] = Sum("funding_amount", filter=started_in_years(year, year))
    return list(
        CooperationProject.objects.public()
        .filter(started_in_years(first, last), funding_amount__isnull=False)
        .values("currency")
        .annotate(**aggregates)
        .order_by("currency")
    )


def _funding_by_source(period: Period, previous: Period) -> list[dict]:
    return list(
        CooperationProject.objects.public()
        .filter(started_in_years(*_span(period, previous)), funding_amount__isnull=False)
        .values("funding_source_zh_hans", "funding_source_en", "currency")
        .annotate(
            current=Sum("funding_amount", filter=started_in_years(period.first, period.last)),
            previous=Sum("funding_amount", filter=started_in_years(previous.first, previous.last)),
        )
        .order_by("-current", "currency", "funding_source_en", "funding_source_zh_hans")
    )


def _grouped_counts(
    name: str, period: Period, previous: Period, years: list[int], people: bool = False
) -> list[dict]:
    """Awards, achievements or exchanges by level/kind: this period, the previous one and
    (when years are given) each trend year, from one grouped query."""
    kind = RECORD_KINDS[name]
    lookup = kind.year_lookup
    aggregates: dict[str, Any] = {
        "current": Count("pk", filter=in_years(lookup, period.first, period.last)),
        "previous": Count("pk", filter=in_years(lookup, previous.first, previous.last)),
    }
    if people:
        aggregates["people"] = Sum(
            "people_count", filter=in_years(lookup, period.first, period.last)
        )
        aggregates["people_prev"] = Sum(
            "people_count", filter=in_years(lookup, previous.first, previous.last)
        )
    for year in years:
        aggregates[f"y{year}"] = Count("pk", filter=in_years(lookup, year, year))
        if people:
            aggregates[f"p{year}"] = Sum("people_count", filter=in_years(lookup, year, year))
    first, last = _span(period, previous, *([Period(years[0], years[-1])] if years else []))
    return list(
        kind.public()
        .filter(in_years(lookup, first, last))
        .values(kind.group_field)
        .annotate(**aggregates)
        .order_by(kind.group_field)
    )


def _news_figures(period: Period, previous: Period) -> dict[str, int]:
    lookup = RECORD_KINDS["news"].year_lookup
    return Article.objects.public().aggregate(
        current=Count("pk", filter=in_years(lookup, period.first, period.last)),
        previous=Count("pk", filter=in_years(lookup, previous.first, previous.last)),
    )


def _active_projects(period: Period) -> QuerySet:
    return CooperationProject.objects.public().filter(active_in_years(period.first, period.last))


def _top_field(prefix: str, column: str) -> Case:
    """A research field's top-level ancestor (itself when it has no parent): sub-fields
    count under their parent, as the directory's field filter does."""
    return Case(
        When(**{f"{prefix}parent__isnull": True}, then=F(f"{prefix}{column}")),
        default=F(f"{prefix}parent__{column}"),
    )


def _countries(period: Period) -> list[dict]:
    return list(
        ProjectPartner.objects.filter(project__in=_active_projects(period).values("pk"))
        .values("institution__country__country")
        .annotate(count=Count("project", distinct=True))
        .order_by("-count", "institution__country__country")
    )


def _fields(period: Period) -> list[dict]:
    return list(
        ProjectResearchField.objects.filter(project__in=_active_projects(period).values("pk"))
        .annotate(
            top_slug=_top_field("field__", "slug"),
            top_zh=_top_field("field__", "name_zh_hans"),
            top_en=_top_field("field__", "name_en"),
            top_order=_top_field("field__", "sort_order"),
        )
        .values("top_slug", "top_zh", "top_en", "top_order")
        .annotate(count=Count("project", distinct=True))
        .order_by("-count", "top_order", "top_slug")
    )


def _units(period: Period) -> list[dict]:
    return list(
        _active_projects(period)
        .order_by()
        .values("lead_unit__slug", "lead_unit__name_zh_hans", "lead_unit__name_en")
        .annotate(count=Count("pk"))
        .order_by("-count", "lead_unit__slug")
    )


def _kinds(period: Period) -> dict[str, int]:
    rows = _active_projects(period).order_by().values("kind").annotate(count=Count("pk"))
    return {row["kind"]: row["count"] for row in rows}


def _matrix(period: Period) -> list[dict]:
    return list(
        ProjectPartner.objects.filter(project__in=_active_projects(period).values("pk"))
        .annotate(top_slug=_top_field("project__projectresearchfield__field__", "slug"))
        .filter(top_slug__isnull=False)
        .values("institution__country__country", "top_slug")
        .annotate(count=Count("project", distinct=True))
        .order_by()
    )


def _institutions(period: Period) -> list[dict]:
    return list(
        ProjectPartner.objects.filter(project__in=_active_projects(period).values("pk"))
        .values(
            "institution__slug",
            "institution__name_zh_hans",
            "institution__name_en",
            "institution__country__country",
        )
        # A project lists an institution once (a unique constraint): no DISTINCT needed.
        .annotate(count=Count("project"))
        .order_by("-count", "institution__slug")[:TOP_INSTITUTIONS]
    )


# Assembling the tables (Python works on the grouped rows only, never on records).


def build_summary(period: Period) -> Summary:
    """Every table of the leadership summary for a period, in the active language."""
    return with_news(project_summary(period), news_table(period))


def _compare_columns() -> list[str]:
    return [_("This period"), _("Previous period"), _change_column()]


def _change_column() -> str:
    # A context of its own: the admin's "Change" (修改, edit a record) is another word, and
    # one msgid gave the back office's "Change" links this column's 变化.
    return pgettext("difference between two periods", "Change")


def news_table(period: Period) -> Table:
    """The summary's news table: it reads only the articles (news's app), the rest of the
    summary none of them, so each is kept through changes to the other's records."""
    news = _news_figures(period, period.previous())
    table = Table(
        "news",
        _("News"),
        _("Figure"),
        _compare_columns(),
        [
            _compare_row(
                _("Articles published"),
                news["current"],
                news["previous"],
                records_url("news", period),
            )
        ],
    )
    return table if period.comparable else _without_comparison([table])[0]


def with_news(summary: Summary, news: Table) -> Summary:
    """The summary with its news table in place, after the exchanges."""
    tables = list(summary.tables)
    at = next(i for i, table in enumerate(tables) if table.key == "exchanges") + 1
    return replace(summary, tables=[*tables[:at], news, *tables[at:]])


def project_summary(period: Period, this_year: int | None = None) -> Summary:
    """Every table of the summary but the news: the cooperation app's records alone. The
    trends mark the years from ``this_year`` (today's, by default) on as not over."""
    previous = period.previous()
    years = period.trend_years()
    this_year = this_year or timezone.localdate().year
    compare_columns = _compare_columns()
    tables: list[Table] = []

    projects = _project_figures(period, previous, years)
    partners = _partner_figures(period, previous)
    tables.append(
        Table(
            "projects",
            _("Projects and partners"),
            _("Figure"),
            compare_columns,
            [
                _compare_row(
                    _("Projects running"),
                    projects["active"],
                    projects["active_prev"],
                    active_projects_url(period),
                ),
                _compare_row(
                    _("New projects"),
                    projects["new"],
                    projects["new_prev"],
                    new_projects_url(period),
                ),
                _compare_row(
                    _("Partner countries"),
                    partners["countries"],
                    partners["countries_prev"],
                    "#table-countries",
                ),
                _compare_row(
                    _("Partner institutions"),
                    partners["institutions"],
                    partners["institutions_prev"],
                ),
            ],
            chart="compare",
        )
    )

    currencies = [
        row
        for row in _funding_by_currency(period, previous, years)
        if row["current"] or row["previous"] or any(row[f"y{y}"] for y in years)
    ]
    tables.append(
        Table(
            "funding",
            _("Funding by currency"),
            _("Currency"),
            compare_columns,
            # A currency of earlier trend years alone is a trend column, not a row of zeros.
            [
                _compare_row(row["currency"], row["current"], row["previous"])
                for row in currencies
                if row["current"] or row["previous"]
            ],
            note=_(
                "Funding of the projects that started in the period; currencies are never added together."
            ),
        )
    )
    tables.append(
        Table(
            "funding-sources",
            _("Funding by source"),
            _("Source"),
            [_("Currency"), *compare_columns],
            [
                Row(
                    localized((row["funding_source_zh_hans"], row["funding_source_en"]))
                    or _("(not stated)"),
                    [
                        row["currency"],
                        row["current"] or 0,
                        row["previous"] or 0,
                        _change(row["current"], row["previous"]),
                    ],
                )
                for row in _funding_by_source(period, previous)
            ],
        )
    )

    awards = _grouped_counts("awards", period, previous, [])
    tables.append(
        Table(
            "awards",
            _("Awards by level"),
            _("Level"),
            compare_columns,
            [
                _compare_row(
                    choice_label(AwardLevel, row["level"]),
                    row["current"],
                    row["previous"],
                    records_url("awards", period, row["level"]),
                )
                for row in awards
            ]
            + [
                _compare_row(
                    _("All awards"),
                    sum(row["current"] for row in awards),
                    sum(row["previous"] for row in awards),
                    records_url("awards", period),
                )
            ],
            chart="compare",
        )
    )

    achievements = _grouped_counts("achievements", period, previous, years)
    tables.append(
        Table(
            "achievements",
            _("Achievements by kind"),
            _("Kind"),
            compare_columns,
            [
                _compare_row(
                    choice_label(AchievementKind, row["kind"]),
                    row["current"],
                    row["previous"],
                    records_url("achievements", period, row["kind"]),
                )
                for row in achievements
                if row["current"] or row["previous"]
            ]
            + [
                _compare_row(
                    _("All achievements"),
                    sum(row["current"] for row in achievements),
                    sum(row["previous"] for row in achievements),
                    records_url("achievements", period),
                )
            ],
            chart="compare",
        )
    )

    exchanges = _grouped_counts("exchanges", period, previous, years, people=True)
    # Talent training, as an evaluation report counts it, leaves out conference audiences
    # (one forum can bring more people than a year of visits): they are a figure of their own.
    trained = [row for row in exchanges if row["kind"] != ExchangeKind.CONFERENCE]
    conferences = [row for row in exchanges if row["kind"] == ExchangeKind.CONFERENCE]

    def people(rows: list[dict], key: str) -> int:
        return sum(row[key] or 0 for row in rows)

    tables.append(
        Table(
            "exchanges",
            _("Exchanges and people"),
            _("Figure"),
            compare_columns,
            [
                _compare_row(
                    _("Exchanges"),
                    sum(row["current"] for row in exchanges),
                    sum(row["previous"] for row in exchanges),
                    records_url("exchanges", period),
                ),
                _compare_row(
                    _("People trained or hosted"),
                    people(trained, "people"),
                    people(trained, "people_prev"),
                    charted=False,
                ),
                _compare_row(
                    _("Conference participants"),
                    people(conferences, "people"),
                    people(conferences, "people_prev"),
                    charted=False,
                ),
            ]
            + [
                _compare_row(
                    choice_label(ExchangeKind, row["kind"]),
                    row["current"],
                    row["previous"],
                    records_url("exchanges", period, row["kind"]),
                )
                for row in exchanges
                if row["current"] or row["previous"]
            ],
            chart="compare",
            note=_(
                "People trained or hosted leave out conference participants, who are counted apart."
            ),
        )
    )

    # Ten-year trends.
    def year_period(year: int) -> Period:
        return Period(year, year)

    tables += [
        Table(
            "trend-projects",
            _("Projects per year"),
            _("Year"),
            [_("Started"), _("Running")],
            [
                trend_row(
                    year,
                    this_year,
                    [projects[f"started_{year}"], projects[f"active_{year}"]],
                    cell_links=[
                        new_projects_url(year_period(year)),
                        active_projects_url(year_period(year)),
                    ],
                )
                for year in years
            ],
            chart="columns",
        ),
        Table(
            "trend-funding",
            _("Funding per year"),
            _("Year"),
            [row["currency"] for row in currencies],
            # No currency, no figures: the table says so rather than list bare years.
            [
                trend_row(year, this_year, [row[f"y{year}"] or 0 for row in currencies])
                for year in years
            ]
            if currencies
            else [],
            chart="columns",
            note=_("By the year the project started, one column per currency."),
        ),
        Table(
            "trend-achievements",
            _("Achievements per year"),
            _("Year"),
            [_("Achievements")],
            [
                trend_row(
                    year,
                    this_year,
                    [sum(row[f"y{year}"] for row in achievements)],
                    link=records_url("achievements", year_period(year)),
                )
                for year in years
            ],
            chart="columns",
        ),
        Table(
            "trend-exchanges",
            _("Exchanges per year"),
            _("Year"),
            [_("Exchanges"), _("People trained or hosted"), _("Conference participants")],
            [
                trend_row(
                    year,
                    this_year,
                    [
                        sum(row[f"y{year}"] for row in exchanges),
                        people(trained, f"p{year}"),
                        people(conferences, f"p{year}"),
                    ],
                    link=records_url("exchanges", year_period(year)),
                )
                for year in years
            ],
            chart="columns",
        ),
    ]

    # Breakdowns of the projects running in the period.
    country_rows = _countries(period)
    tables.append(
        Table(
            "countries",
            _("Projects by partner country"),
            _("Country"),
            [_("Projects")],
            [
                Row(
                    country_name(code := row["institution__country__country"]) or code,
                    [row["count"]],
                    active_projects_url(period, country=code),
                )
                for row in country_rows
            ],
            chart="bars",
        )
    )
    field_rows = _fields(period)
    tables.append(
        Table(
            "fields",
            _("Projects by research field"),
            _("Research field"),
            [_("Projects")],
            [
                Row(
                    localized((row["top_zh"], row["top_en"])),
                    [row["count"]],
                    active_projects_url(period, field=row["top_slug"]),
                )
                for row in field_rows
            ],
            chart="bars",
            note=_(
                "Sub-fields count under their top-level field; a project may have several fields."
            ),
        )
    )
    tables.append(
        Table(
            "units",
            _("Projects by unit"),
            _("Unit"),
            [_("Projects")],
            [
                Row(
                    localized((row["lead_unit__name_zh_hans"], row["lead_unit__name_en"])),
                    [row["count"]],
                    active_projects_url(period, unit=row["lead_unit__slug"]),
                )
                for row in _units(period)
            ],
            chart="bars",
        )
    )
    kinds = _kinds(period)
    tables.append(
        Table(
            "kinds",
            _("Projects by kind"),
            _("Kind"),
            [_("Projects")],
            [
                Row(str(label), [kinds[value]], active_projects_url(period, kind=value))
                for value, label in ProjectKind.choices
                if value in kinds
            ],
            chart="bars",
        )
    )
    cells = {
        (row["institution__country__country"], row["top_slug"]): row["count"]
        for row in _matrix(period)
    }
    tables.append(
        Table(
            "matrix",
            _("Country × research field"),
            _("Country"),
            [localized((row["top_zh"], row["top_en"])) for row in field_rows],
            [
                Row(
                    country_name(code := row["institution__country__country"]) or code,
                    [cells.get((code, f["top_slug"]), 0) for f in field_rows],
                    cell_links=[
                        active_projects_url(period, country=code, field=f["top_slug"])
                        for f in field_rows
                    ],
                )
                for row in country_rows
            ],
            chart="matrix",
        )
    )
    tables.append(
        Table(
            "institutions",
            _("Top partner institutions"),
            _("Institution"),
            [_("Country"), _("Projects")],
            [
                Row(
                    localized((row["institution__name_zh_hans"], row["institution__name_en"])),
                    [country_name(row["institution__country__country"]), row["count"]],
                    active_projects_url(period, institution=row["institution__slug"]),
                )
                for row in _institutions(period)
            ],
        )
    )

    # The map needs country objects only for their code and name: built, not queried.
    map_countries = []
    for row in country_rows:
        partner = PartnerCountry(country=row["institution__country__country"])
        partner.public_project_count = row["count"]
        partner.drilldown = active_projects_url(period, country=partner.code)
        map_countries.append(partner)
    if not period.comparable:
        return Summary(period, None, years, _without_comparison(tables), map_countries)
    return Summary(period, previous, years, tables, map_countries)


def is_figure(value: Any) -> bool:
    """Whether a table's value is a number (the rest are names: a country, a currency)."""
    return isinstance(value, int | float | Decimal)


def figure_text(value: Any, signed: bool = False) -> str:
    """A number with grouped thousands (two decimals for amounts that have cents), in the
    active language's format; ``signed`` puts a + before increases. Other values as text."""
    if not is_figure(value):
        return "" if value is None else str(value)
    places = 2 if isinstance(value, Decimal | float) and value != int(value) else 0
    text = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"+{text}" if signed and value > 0 else text


def as_number(value: Any) -> Any:
    """Decimals as plain numbers for spreadsheets (amounts have two decimals at most)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def default_period(today: date | None = None) -> Period:
    """The last complete calendar year: what an annual report covers."""
    year = (today or timezone.localdate()).year - 1
    return Period(year, year)
