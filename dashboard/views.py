"""Leadership pages: thin views over dashboard.figures; private, so no browser or proxy
keeps them (the server keeps the figures and their HTML, the same for every leader)."""

from __future__ import annotations

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from config.errors import ExplainedRefusal
from cooperation.publication import cached_while_published
from dashboard.charts import chart_for
from dashboard.exports import csv_zip_bytes, document_bytes, workbook_bytes
from dashboard.figures import (
    COUNTING_RULE,
    LINK_RULE,
    RECORD_KINDS,
    Period,
    Summary,
    Table,
    news_table,
    no_comparison_text,
    project_summary,
    records_in_period,
    with_news,
)
from dashboard.forms import PeriodForm, RecordsForm
from portal.worldmap import partner_map

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@method_decorator(never_cache, name="dispatch")  # private: no browser or proxy may keep it
class LeadershipView(PermissionRequiredMixin, View):
    """Anonymous visitors go to settings.LOGIN_URL; signed-in users without the
    permission get a 403 that says the dashboard is for the leadership."""

    permission_required = "accounts.view_dashboard"
    permission_denied_message = gettext_lazy(
        "The dashboard is for the base's leadership. Ask a site admin for the Leadership role."
    )

    def handle_no_permission(self) -> HttpResponse:
        if self.request.user.is_authenticated:
            # Written for them (why, and what to do): the 403 page shows it.
            raise ExplainedRefusal(self.get_permission_denied_message())
        return super().handle_no_permission()  # the login page


def cached_summary(period: Period) -> Summary:
    """The summary is the same for every leader: computed once per period and language,
    kept in the server cache while the public records are unchanged, so any change to a
    record, or a scheduled one coming due, gives fresh figures. The news table is kept
    apart: publishing an article does not make the portal count the projects again (a
    few seconds at 100,000 projects), nor a project change count the articles. (Data only:
    responses themselves are never cached.) The trends mark the years not over yet: kept
    per current year too, a new year marks the last one whole."""
    this_year = timezone.localdate().year
    name = f"{get_language()}:{period.first}:{period.last}"
    projects = cached_while_published(
        f"dashboard:summary:{name}:{this_year}",
        lambda: project_summary(period, this_year),
        apps={"cooperation"},
    )
    news = cached_while_published(
        f"dashboard:news:{name}", lambda: news_table(period), apps={"news"}
    )
    return with_news(projects, news)


def present(table: Table) -> dict:
    """A table with its chart and its cells ready for the template."""
    chart = chart_for(table)
    rows = []
    for index, row in enumerate(table.rows):
        cells = []
        for position, value in enumerate(row.values):
            cells.append(
                {
                    "value": value,
                    "link": row.cell_links[position] if row.cell_links else "",
                    "signed": table.signed and position == len(row.values) - 1,
                    "level": chart[index][position] if table.chart == "matrix" else None,
                }
            )
        rows.append({"row": row, "cells": cells})
    return {"table": table, "chart": chart, "rows": rows}


def summary_context(summary: Summary) -> dict:
    return {
        "summary": summary,
        "headline": summary.table("projects").rows,
        "groups": [
            {"title": title, "items": [present(table) for table in tables]}
            for title, tables in summary.in_groups()
        ],
        "world_map": partner_map(summary.map_countries),
        "counting_rule": COUNTING_RULE,
        "link_rule": LINK_RULE,
        "no_comparison": no_comparison_text(),
    }


def rendered_summary(period: Period, parts: dict[str, str]) -> dict[str, SafeString]:
    """The parts of a page that show the summary (name: template), rendered. They are the
    same for every leader of a language, so they are rendered once per period and kept
    under the summary's own rule: rendering its 2,600 figures, and reading them back from
    the server cache, was most of the page's time."""
    templates = ",".join(f"{name}={template}" for name, template in sorted(parts.items()))

    def render_parts() -> dict[str, SafeString]:
        context = summary_context(cached_summary(period))
        return {name: render_to_string(template, context) for name, template in parts.items()}

    this_year = timezone.localdate().year  # the trends' marks, as the summary is kept
    return cached_while_published(
        f"dashboard:html:{get_language()}:{period.first}:{period.last}:{this_year}:{templates}",
        render_parts,
    )


class OverviewView(LeadershipView):
    template_name = "dashboard/overview.html"
    summary_parts = {
        "intro": "dashboard/includes/summary_intro.html",
        "body": "dashboard/includes/summary_body.html",
    }

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PeriodForm(request.GET)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        context = {
            "form": form,
            "period": form.period,
            # Beside the kept summary, not in it: it changes with the date, not the records.
            "unfinished": form.period.unfinished_note(),
            "summary": rendered_summary(form.period, self.summary_parts),
        }
        return render(request, self.template_name, context)


class PrintView(OverviewView):
    template_name = "dashboard/print.html"
    summary_parts = {
        "intro": "dashboard/includes/print_intro.html",
        "body": "dashboard/includes/print_body.html",
    }


class ExportView(LeadershipView):
    """The summary as a file; a bad period (a link's query edited by hand) is a 400: the
    summary page with the period's errors, as the page itself answers it."""

    extension = ""
    content_type = ""

    def render_file(self, summary: Summary) -> bytes:
        raise NotImplementedError

    def get(self, request: HttpRequest) -> HttpResponse:
        form = PeriodForm(request.GET)
        if not form.is_valid():
            # The corrected period is sent to the summary page, not to a download.
            context = {"form": form, "form_action": reverse("dashboard:index")}
            return render(request, OverviewView.template_name, context, status=400)
        summary = cached_summary(form.period)
        response = HttpResponse(self.render_file(summary), content_type=self.content_type)
        name = f"coopbase-summary-{summary.period.file_label}.{self.extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class WorkbookExportView(ExportView):
    extension = "xlsx"
    content_type = XLSX

    def render_file(self, summary: Summary) -> bytes:
        return workbook_bytes(summary)


class DocumentExportView(ExportView):
    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def render_file(self, summary: Summary) -> bytes:
        return document_bytes(summary)


class CSVExportView(ExportView):
    extension = "zip"
    content_type = "application/zip"

    def render_file(self, summary: Summary) -> bytes:
        return csv_zip_bytes(summary)


class RecordListView(LeadershipView):
    """The records behind a figure (awards, achievements, exchanges, news), so a number
    can be checked one record at a time."""

    template_name = "dashboard/records.html"
    paginate_by = 50

    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        if kind not in RECORD_KINDS:
            raise Http404
        form = RecordsForm(request.GET, kind=kind)
        context = {"form": form, "kind": kind}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        records = records_in_period(kind, form.period, form.cleaned_data.get("group") or None)
        if kind in ("achievements", "exchanges"):
            records = records.select_related(
                "project", *(["country"] if kind == "exchanges" else [])
            )
        try:
            page = Paginator(records, self.paginate_by).page(request.GET.get("page") or 1)
        except InvalidPage:
            # As on the portal's lists: an empty page is the first, a page past the last or
            # not a page number is not found (it showed the last page, or the first).
            raise Http404 from None
        context.update(period=form.period, page_obj=page, records=page.object_list)
        return render(request, self.template_name, context)
