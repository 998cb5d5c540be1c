"""Open-data rows for projects (CSV and JSON of the portal directory)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import batched
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse

from config.spreadsheets import spreadsheet_safe
from cooperation.models import Institution, ResearchField

# Rows in each piece of a streamed CSV export (some 100 KB): a streamed response is sent a
# piece at a time, one write each, and gunicorn frames each piece as a chunk.
CSV_ROWS_PER_PIECE = 250

PROJECT_COLUMNS = [
    "id",
    "slug",
    "title_zh_hans",
    "title_en",
    "kind",
    "status",
    "start_date",
    "end_date",
    "lead_unit_zh_hans",
    "lead_unit_en",
    "partner_institutions_en",
    "partner_countries",
    "research_fields_en",
    "funding_source_en",
    "funding_amount",
    "currency",
    "url",
]


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


def _by_project(rows: Iterable[tuple]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for project_id, *values in rows:
        grouped[project_id].append(tuple(values))
    return grouped


def _project_url(request: HttpRequest) -> Callable[[str], str]:
    """The absolute URL of a project's page from its slug, reversed once rather than once a
    row (a third of an export's time): a slug's characters need no quoting."""
    marker = "project-slug"
    page = reverse("cooperation:project-detail", kwargs={"slug": marker})
    head, tail = request.build_absolute_uri(page).rsplit(marker, 1)
    return lambda slug: f"{head}{slug}{tail}"


def project_records(
    projects: QuerySet, request: HttpRequest, chunk_size: int = 500
) -> Iterator[dict[str, Any]]:
    """Each project as open data: stable id, both languages, codes rather than labels.

    Plain values, a chunk at a time: the projects' columns, then the partner institutions
    and the research fields of the chunk in one query each, in their usual order. No model
    instances (there would be eight for each project), so thousands of rows stay cheap.
    Every text column is named in its language, so modeltranslation's rewriting (and its
    fallback, worked out again for every row) is turned off."""
    # Reversed now, in the request's language: the rows are made later, while streaming.
    return _project_records(projects, _project_url(request), chunk_size)


def _project_records(
    projects: QuerySet, project_url: Callable[[str], str], chunk_size: int
) -> Iterator[dict[str, Any]]:
    rows = projects.rewrite(False).values(*PROJECT_VALUES).iterator(chunk_size=chunk_size)
    for chunk in batched(rows, chunk_size):
        ids = [row["pk"] for row in chunk]
        partners = _by_project(
            Institution.objects.rewrite(False)
            .filter(projectpartner__project_id__in=ids)
            .values_list(
                "projectpartner__project_id", "name_en", "name_zh_hans", "country__country"
            )
        )
        fields = _by_project(
            ResearchField.objects.rewrite(False)
            .filter(projectresearchfield__project_id__in=ids)
            .values_list("projectresearchfield__project_id", "name_en", "name_zh_hans")
        )
        for row in chunk:
            own_partners = partners.get(row["pk"], [])
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
                "partner_institutions_en": [en or zh for en, zh, _code in own_partners],
                "partner_countries": sorted({code for _en, _zh, code in own_partners}),
                "research_fields_en": [en or zh for en, zh in fields.get(row["pk"], [])],
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
