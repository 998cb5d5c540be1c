"""The back office's home page: records that need attention, each finding a link to the
change list filtered to it.

- Records a reader in one language sees partly in the other (``UntranslatedListFilter``).
- Projects whose status their dates contradict (the status is kept by hand, and nothing
  marks a project completed the day it ends), or missing from the breakdowns by field or
  by country: no research field, no partner (``ProjectCheckListFilter``).

Counting reads the tables whole (whether a text is empty has no index worth keeping: 100,000
projects and 200,000 articles take about half a second on PostgreSQL), so the counts
are kept under the content version, which any record change renews, and the day, on which
the status checks depend.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from config.content_version import cached_under_content_version
from cooperation.admin_lists import ProjectCheckListFilter, UntranslatedListFilter
from cooperation.models import (
    CooperationProject,
    ProjectCheck,
    projects_failing,
    untranslated_in,
)


@dataclass(frozen=True)
class Finding:
    records: str  # the kind of record, plural
    what: str
    count: int
    url: str


def _untranslated_key(language: str) -> str:
    return f"untranslated_{language.replace('-', '_')}"


def _check_key(check: str) -> str:
    return f"check_{check}"


def attention_counts(site: admin.AdminSite, today: date) -> dict[str, dict[str, int]]:
    """For each kind of record of the back office with a page for readers (by label): how
    many are not yet in each language and, for projects, how many fail each
    ``ProjectCheck``. One query a kind."""

    def count() -> dict[str, dict[str, int]]:
        counts = {}
        for model in _kinds(site):
            wanted = {
                _untranslated_key(code): Count(
                    "pk", filter=untranslated_in(code, model.reader_fields)
                )
                for code, _name in settings.LANGUAGES
            }
            if model is CooperationProject:
                wanted |= {
                    _check_key(check): Count("pk", filter=projects_failing(check, today))
                    for check in ProjectCheck.values
                }
            counts[model._meta.label] = model._default_manager.aggregate(**wanted)
        return counts

    return cached_under_content_version(f"admin-attention:{site.name}:{today.isoformat()}", count)


def _kinds(site: admin.AdminSite) -> list[type]:
    return [model for model in site._registry if hasattr(model, "reader_fields")]


def needs_attention(request: HttpRequest, site: admin.AdminSite | None = None) -> list[Finding]:
    """What needs attention among the kinds of record the user may see in the back office,
    the kinds with something to do only."""
    site = site or admin.site
    counts = attention_counts(site, timezone.localdate())
    findings = []
    for model in _kinds(site):
        if not site._registry[model].has_view_or_change_permission(request):
            continue
        opts = model._meta
        changelist = reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_changelist")
        kept = counts[opts.label]
        checks = [
            (str(label), _check_key(check), ProjectCheckListFilter.parameter_name, check)
            for check, label in (ProjectCheck.choices if model is CooperationProject else [])
        ] + [
            (
                UntranslatedListFilter.choice_label(name),
                _untranslated_key(code),
                UntranslatedListFilter.parameter_name,
                code,
            )
            for code, name in settings.LANGUAGES
        ]
        findings += [
            Finding(
                records=str(opts.verbose_name_plural),
                what=what,
                count=kept[key],
                url=f"{changelist}?{urlencode({parameter: value})}",
            )
            for what, key, parameter, value in checks
            if kept[key]
        ]
    return sorted(findings, key=lambda finding: finding.records)
