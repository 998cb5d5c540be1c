"""Open-data rows: projects (CSV and JSON of the portal directory), and awards, achievements
and exchanges (CSV of their portal lists)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import batched
from typing import Any

from django.db.models import (
    Aggregate,
    Case,
    Exists,
    F,
    JSONField,
    OuterRef,
    QuerySet,
    Subquery,
    TextChoices,
    When,
)
from django.db.models.functions import JSONArray
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.spreadsheets import BOM, spreadsheet_safe
from cooperation.models import (
    AchievementKind,
    AwardLevel,
    CooperationProject,
    Currency,
    ExchangeKind,
    PartnerRole,
    ProjectKind,
    ProjectPartner,
    ProjectResearchField,
    ProjectStatus,
    partner_order,
    reading_order,
)

# Rows in each piece of a streamed CSV export (some 100 KB): a streamed response is sent a
# piece at a time, one write each, and gunicorn frames each piece as a chunk.
CSV_ROWS_PER_PIECE = 250
# Rows fetched at a time from the database while an export streams.
ROWS_PER_FETCH = 500


@dataclass(frozen=True)
class Column:
    """One column of an export: what it holds, and where its value is read from."""

    description: Promise
    value: str = ""  # the path values() reads (blank: the column's own name)
    codes: type[TextChoices] | None = None  # its values are these choices' codes


# Every record's title, in both languages, as every export writes them.
TITLE_COLUMNS = {
    "title_zh_hans": Column(_("The title in Chinese.")),
    "title_en": Column(_("The title in English.")),
}
PAGE_URL = Column(_("The address of its page on this portal, in the export's language."))

# Each column of the projects' export, with what it holds: the open data page's dictionary
# of the CSV and JSON exports (in the JSON, a list is an array rather than text joined by
# "; "). The records are made by _project_records, whose keys these are.
PROJECT_EXPORT_COLUMNS = {
    "id": Column(_("The project's number in the base's records: it stays the same.")),
    "slug": Column(_("The project's name in the address of its page, /projects/<slug>/.")),
    **TITLE_COLUMNS,
    "kind": Column(_("The kind of project, as a code."), codes=ProjectKind),
    "status": Column(_("The project's status, as a code."), codes=ProjectStatus),
    "start_date": Column(_("The day it started (YYYY-MM-DD).")),
    "end_date": Column(_("The day it ended or ends (YYYY-MM-DD); empty when not set.")),
    "lead_unit_zh_hans": Column(_("The base's unit that leads it, in Chinese.")),
    "lead_unit_en": Column(_("The base's unit that leads it, in English.")),
    "lead_partner_zh_hans": Column(
        _(
            "The lead partner institution, in Chinese (in English when it has no Chinese "
            "name); empty when none is named."
        )
    ),
    "lead_partner_en": Column(
        _("The lead partner institution, in English; empty when none is named.")
    ),
    "partner_institutions_zh_hans": Column(
        _(
            "The partner institutions in Chinese (in English when one has no Chinese name), "
            "in the same order as in English, the lead partner first, separated by semicolons."
        )
    ),
    "partner_institutions_en": Column(
        _("The partner institutions in English, the lead partner first, separated by semicolons.")
    ),
    "partner_countries": Column(
        _("The partners' countries as ISO 3166-1 alpha-2 codes, separated by semicolons.")
    ),
    "research_fields_zh_hans": Column(
        _(
            "The research fields in Chinese (in English when one has no Chinese name), in the "
            "same order as in English, separated by semicolons."
        )
    ),
    "research_fields_en": Column(_("The research fields in English, separated by semicolons.")),
    "funding_source_zh_hans": Column(_("Who funds it, in Chinese.")),
    "funding_source_en": Column(_("Who funds it, in English.")),
    "funding_amount": Column(
        _("The amount of funding, a decimal number in the next column's currency.")
    ),
    "currency": Column(_("The currency of the amount, as an ISO 4217 code."), codes=Currency),
    "url": PAGE_URL,
}
PROJECT_COLUMNS = list(PROJECT_EXPORT_COLUMNS)


# The project's own columns that the records read (a project's texts, description and
# outcomes, can run to kilobytes and are never loaded).
PROJECT_VALUES = [
    "pk",
    "slug",
    "title_zh_hans",
    "title_en",
    "kind",
    "status",
    "start_date",
    "end_date",
    "lead_unit__name_zh_hans",
    "lead_unit__name_en",
    "funding_source_zh_hans",
    "funding_source_en",
    "funding_amount",
    "currency",
]


class JSONArrayAgg(Aggregate):
    """A group's values as one JSON array: PostgreSQL's JSONB_AGG, SQLite's JSON_GROUP_ARRAY
    (Django has the first only in django.contrib.postgres)."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def _links_as_json(links: QuerySet, *columns: str) -> Subquery:
    """A project's links (rows of a link table naming it) as one JSON array of [columns]."""
    return Subquery(
        links.filter(project=OuterRef("pk"))
        .values("project")
        .annotate(rows=JSONArrayAgg(JSONArray(*columns)))
        .values("rows")
    )


def project_records(projects: QuerySet, request: HttpRequest) -> Iterator[dict[str, Any]]:
    """Each project as open data: stable id, both languages, codes rather than labels.

    One query, streamed, whatever the number of projects: plain values, each project's
    partner institutions and research fields beside them as JSON arrays (a subquery each,
    by the links' index). No model instances (there would be eight for each project), so
    thousands of rows stay cheap. Every text column is named in its language, so
    modeltranslation's rewriting (and its fallback, worked out again for every row) is
    turned off. The partners are listed lead partner first (also named in its own column),
    then by name in the reader's language, whatever its case; the fields by their sort
    order, then by name."""
    # Worked out now, in the request's language: the rows are made later, while streaming.
    project_url = page_url_maker(request, "cooperation:project-detail", "slug")
    return _project_records(projects, project_url, get_language() == "en")


def _name(english_first: bool) -> Callable[[list], str]:
    """A link row's name ([English, Chinese, …]) in the reader's language, or the other."""

    def name(row: list) -> str:
        english, chinese = row[0], row[1]
        return (english or chinese) if english_first else (chinese or english)

    return name


def _project_records(
    projects: QuerySet, project_url: Callable[[str], str], english: bool
) -> Iterator[dict[str, Any]]:
    name = _name(english)
    rows = (
        projects.rewrite(False)
        .annotate(
            partner_rows=_links_as_json(
                ProjectPartner.objects.all(),
                "institution__name_en",
                "institution__name_zh_hans",
                "institution__country__country",
                "role",
            ),
            field_rows=_links_as_json(
                ProjectResearchField.objects.all(),
                "field__name_en",
                "field__name_zh_hans",
                "field__sort_order",
            ),
        )
        .values(*PROJECT_VALUES, "partner_rows", "field_rows")
        .iterator(chunk_size=ROWS_PER_FETCH)
    )
    for row in rows:
        partners = sorted(
            row["partner_rows"] or [], key=lambda partner: partner_order(partner[3], name(partner))
        )
        lead = next((p for p in partners if p[3] == PartnerRole.LEAD_PARTNER), None)
        fields = sorted(
            row["field_rows"] or [], key=lambda field: (field[2], reading_order(name(field)))
        )
        yield {
            "id": row["pk"],
            "slug": row["slug"],
            "title_zh_hans": row["title_zh_hans"],
            "title_en": row["title_en"],
            "kind": row["kind"],
            "status": row["status"],
            "start_date": iso_date(row["start_date"]),
            "end_date": iso_date(row["end_date"]),
            "lead_unit_zh_hans": row["lead_unit__name_zh_hans"],
            "lead_unit_en": row["lead_unit__name_en"],
            "lead_partner_zh_hans": (lead[1] or lead[0]) if lead else None,
            "lead_partner_en": (lead[0] or lead[1]) if lead else None,
            "partner_institutions_zh_hans": [zh or en for en, zh, _code, _role in partners],
            "partner_institutions_en": [en or zh for en, zh, _code, _role in partners],
            "partner_countries": sorted({code for _en, _zh, code, _role in partners}),
            "research_fields_zh_hans": [zh or en for en, zh, _order in fields],
            "research_fields_en": [en or zh for en, zh, _order in fields],
            "funding_source_zh_hans": row["funding_source_zh_hans"],
            "funding_source_en": row["funding_source_en"],
            "funding_amount": (
                str(row["funding_amount"]) if row["funding_amount"] is not None else None
            ),
            "currency": row["currency"],
            "url": project_url(row["slug"]),
        }


def csv_rows(records: Iterable[dict[str, Any]]) -> Iterator[list]:
    yield PROJECT_COLUMNS
    for record in records:
        yield [
            spreadsheet_safe("; ".join(value) if isinstance(value, list) else value)
            for value in (record[column] for column in PROJECT_COLUMNS)
        ]


def csv_text(rows: Iterable[list]) -> Iterator[str]:
    """The rows as CSV, in pieces of CSV_ROWS_PER_PIECE rows: streamed, an export's size
    stays cheap, and it is sent in few writes (a piece a row was a system call a row: 2,866
    for an export of 2,840 projects). The first piece starts with the byte-order mark."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    for piece in batched(rows, CSV_ROWS_PER_PIECE):
        writer.writerows(piece)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


@dataclass(frozen=True)
class RecordExport:
    """The CSV of one kind of record, as its portal list selects and orders them: plain
    values, one query, streamed; each record's page last."""

    columns: dict[str, Column]
    page: str  # the URL name of a record's page, by ``page_key``
    page_key: str
    order: tuple[str, ...]  # the list's own, for records the reader did not sort

    def rows(self, records: QuerySet, request: HttpRequest) -> Iterator[list]:
        page_url = page_url_maker(request, self.page, self.page_key)
        paths = [column.value or name for name, column in self.columns.items()]
        yield [*self.columns, "url"]
        records = records.rewrite(False)
        if not records.query.order_by:  # a selection the reader sorted keeps its order
            records = records.order_by(*self.order)
        for values in records.values_list(*paths, self.page_key).iterator(
            chunk_size=ROWS_PER_FETCH
        ):
            *cells, key = values
            yield [
                *(spreadsheet_safe(iso_date(cell)) for cell in cells),
                page_url(key),
            ]


def iso_date(value: Any) -> Any:
    """A date as every export writes it, YYYY-MM-DD; anything else (None too) as it is."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def page_url_maker(request: HttpRequest, url_name: str, key: str) -> Callable[[Any], str]:
    """The absolute URL of a record's page from its slug or id, reversed once rather than
    once a row (a third of an export's time): a slug's characters need no quoting."""
    marker = "record-slug" if key == "slug" else 987654321
    page = reverse(url_name, kwargs={key: marker})
    head, tail = request.build_absolute_uri(page).rsplit(str(marker), 1)
    return lambda value: f"{head}{value}{tail}"


def with_public_recipient_project(awards: QuerySet) -> QuerySet:
    """Awards with the slug of their recipient project while it is public (blank else): a
    draft project is never named, as on the award's page (``Award.public_recipient``)."""
    public = CooperationProject.objects.public().filter(pk=OuterRef("recipient_project_id"))
    return awards.annotate(
        public_recipient_project=Case(When(Exists(public), then=F("recipient_project__slug")))
    )


RECORD_EXPORTS = {
    "awards": RecordExport(
        {
            "id": Column(_("The award's number in the base's records: it stays the same."), "pk"),
            "slug": Column(_("The award's name in the address of its page, /awards/<slug>/.")),
            **TITLE_COLUMNS,
            "level": Column(_("The award's level, as a code."), codes=AwardLevel),
            "granting_body_zh_hans": Column(_("Who granted it, in Chinese.")),
            "granting_body_en": Column(_("Who granted it, in English.")),
            "year": Column(_("The year of the award.")),
            "awarded_on": Column(_("The day it was awarded (YYYY-MM-DD); empty when not known.")),
            "recipient_unit": Column(
                _("The base's unit that received it, by its slug; empty for another recipient."),
                "recipient_unit__slug",
            ),
            "recipient_researcher": Column(
                _("The researcher who received it, by their slug; empty for another recipient."),
                "recipient_researcher__slug",
            ),
            "recipient_project": Column(
                _(
                    "The project that received it, by its slug; empty for another recipient "
                    "or a project not public. With no recipient, the base received it."
                ),
                "public_recipient_project",
            ),
        },
        "cooperation:award-detail",
        "slug",
        ("-year", "-awarded_on", "-id"),
    ),
    "achievements": RecordExport(
        {
            "id": Column(
                _(
                    "The achievement's number in the base's records; its page is /achievements/<id>/."
                ),
                "pk",
            ),
            "kind": Column(_("The kind of achievement, as a code."), codes=AchievementKind),
            **TITLE_COLUMNS,
            "year": Column(_("The year of the achievement.")),
            "identifier": Column(_("A DOI, a patent number or another identifier; may be empty.")),
            "link": Column(_("A link to the achievement elsewhere; may be empty."), "url"),
            "project": Column(
                _("The project it came from, by its slug; empty when none."), "project__slug"
            ),
        },
        "cooperation:achievement-detail",
        "pk",
        ("-year", "-id"),
    ),
    "exchanges": RecordExport(
        {
            "id": Column(
                _("The exchange's number in the base's records; its page is /exchanges/<id>/."),
                "pk",
            ),
            "kind": Column(_("The kind of exchange, as a code."), codes=ExchangeKind),
            **TITLE_COLUMNS,
            "start_date": Column(_("The day it started (YYYY-MM-DD).")),
            "end_date": Column(_("The day it ended or ends (YYYY-MM-DD); empty when not set.")),
            "country": Column(
                _("The partner country, as an ISO 3166-1 alpha-2 code."), "country__country"
            ),
            "institution": Column(
                _("The partner institution, by its slug; empty when none."), "institution__slug"
            ),
            "unit": Column(_("The base's unit, by its slug; empty when none."), "unit__slug"),
            "project": Column(
                _("The project it belongs to, by its slug; empty when none."), "project__slug"
            ),
            "people": Column(_("The number of people."), "people_count"),
        },
        "cooperation:exchange-detail",
        "pk",
        ("-start_date", "-id"),
    ),
}

# Every export's columns, by the open data page's dataset keys.
EXPORT_COLUMNS = {
    "projects": PROJECT_EXPORT_COLUMNS,
    **{key: {**export.columns, "url": PAGE_URL} for key, export in RECORD_EXPORTS.items()},
}
