"""Open-data rows for projects (CSV and JSON of the portal directory)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from config.spreadsheets import spreadsheet_safe
from cooperation.models import CooperationProject, Institution, ResearchField

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


def export_queryset(projects: QuerySet) -> QuerySet:
    """Only the columns the records below read: a project's texts (description, outcomes)
    can run to kilobytes, and an export of thousands of rows should not load them."""
    return (
        projects.select_related("lead_unit")
        .only(
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
        )
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=Institution.objects.select_related("country").only(
                    "name_zh_hans", "name_en", "country__country"
                ),
            ),
            Prefetch(
                "research_fields", queryset=ResearchField.objects.only("name_zh_hans", "name_en")
            ),
        )
    )


def project_record(project: CooperationProject, request: HttpRequest) -> dict[str, Any]:
    """One project as open data: stable id, both languages, codes rather than labels."""
    partners = list(project.partners.all())
    return {
        "id": project.pk,
        "slug": project.slug,
        "title_zh_hans": project.title_zh_hans,
        "title_en": project.title_en,
        "kind": project.kind,
        "status": project.status,
        "start_date": project.start_date.isoformat(),
        "end_date": project.end_date.isoformat() if project.end_date else None,
        "lead_unit_zh_hans": project.lead_unit.name_zh_hans,
        "lead_unit_en": project.lead_unit.name_en,
        "partner_institutions_en": [p.name_en or p.name_zh_hans for p in partners],
        "partner_countries": sorted({p.country.country.code for p in partners}),
        "research_fields_en": [f.name_en or f.name_zh_hans for f in project.research_fields.all()],
        "funding_source_en": project.funding_source_en,
        "funding_amount": str(project.funding_amount)
        if project.funding_amount is not None
        else None,
        "currency": project.currency,
        "url": request.build_absolute_uri(project.get_absolute_url()),
    }


def csv_rows(projects: Iterable[CooperationProject], request: HttpRequest) -> Iterator[list]:
    yield PROJECT_COLUMNS
    for project in projects:
        record = project_record(project, request)
        yield [
            spreadsheet_safe("; ".join(value) if isinstance(value, list) else value)
            for value in (record[column] for column in PROJECT_COLUMNS)
        ]
