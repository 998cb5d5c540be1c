"""Open-data rows for projects (CSV and JSON of the portal directory)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from itertools import batched
from typing import Any

from django.db.models import Aggregate, JSONField, OuterRef, QuerySet, Subquery
from django.db.models.functions import JSONArray
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.spreadsheets import spreadsheet_safe
from cooperation.models import (
    Currency,
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

# Each column of an export, with what it holds: the open data page's dictionary of the CSV
# and JSON exports (in the JSON, a list is an array rather than text joined by "; ").
PROJECT_COLUMN_DESCRIPTIONS = {
    "id": _("The project's number in the base's records: it stays the same."),
    "slug": _("The project's name in the address of its page, /projects/<slug>/."),
    "title_zh_hans": _("The title in Chinese."),
    "title_en": _("The title in English."),
    "kind": _("The kind of project, as a code."),
    "status": _("The project's status, as a code."),
    "start_date": _("The day it started (YYYY-MM-DD)."),
    "end_date": _("The day it ended or ends (YYYY-MM-DD); empty when not set."),
    "lead_unit_zh_hans": _("The base's unit that leads it, in Chinese."),
    "lead_unit_en": _("The base's unit that leads it, in English."),
    "lead_partner_en": _("The lead partner institution, in English; empty when none is named."),
    "partner_institutions_en": _(
        "The partner institutions in English, the lead partner first, separated by semicolons."
    ),
    "partner_countries": _(
        "The partners' countries as ISO 3166-1 alpha-2 codes, separated by semicolons."
    ),
    "research_fields_en": _("The research fields in English, separated by semicolons."),
    "funding_source_en": _("Who funds it, in English."),
    "funding_amount": _("The amount of funding, a decimal number in the next column's currency."),
    "currency": _("The currency of the amount, as an ISO 4217 code."),
    "url": _("The address of its page on this portal, in the export's language."),
}
PROJECT_COLUMNS = list(PROJECT_COLUMN_DESCRIPTIONS)
# The columns whose values are codes, with their labels (the open data page lists them).
PROJECT_COLUMN_CODES = {"kind": ProjectKind, "status": ProjectStatus, "currency": Currency}


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


def _project_url(request: HttpRequest) -> Callable[[str], str]:
    """The absolute URL of a project's page from its slug, reversed once rather than once a
    row (a third of an export's time): a slug's characters need no quoting."""
    marker = "project-slug"
    page = reverse("cooperation:project-detail", kwargs={"slug": marker})
    head, tail = request.build_absolute_uri(page).rsplit(marker, 1)
    return lambda slug: f"{head}{slug}{tail}"


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
    return _project_records(projects, _project_url(request), get_language() == "en")


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
            "start_date": row["start_date"].isoformat(),
            "end_date": row["end_date"].isoformat() if row["end_date"] else None,
            "lead_unit_zh_hans": row["lead_unit__name_zh_hans"],
            "lead_unit_en": row["lead_unit__name_en"],
            "lead_partner_en": (lead[0] or lead[1]) if lead else None,
            "partner_institutions_en": [en or zh for en, zh, _code, _role in partners],
            "partner_countries": sorted({code for _en, _zh, code, _role in partners}),
            "research_fields_en": [en or zh for en, zh, _order in fields],
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
    for an export of 2,840 projects)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for piece in batched(rows, CSV_ROWS_PER_PIECE):
        writer.writerows(piece)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
