"""Public pages of the cooperation domain: thin views over the model querysets."""

import re
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

import django_filters
from django.core.paginator import InvalidPage, Paginator
from django.core.validators import slug_re
from django.db import models
from django.db.models import Count
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView
from django_countries import countries

from config.filtersets import values_read
from config.methods import ReadOnlyViewMixin
from config.open_data import name_license
from config.pagination import Keep, RowsByKeys
from config.record_urls import record_url
from config.spreadsheets import CSV_CONTENT_TYPE
from config.tracking import is_tracking
from cooperation import exports
from cooperation.addresses import moved_record, redirect_keeping_query, redirect_to_moved
from cooperation.cards import project_cards
from cooperation.filters import (
    AchievementFilter,
    AwardFilter,
    ExchangeFilter,
    InstitutionFilter,
    ProjectFilter,
    ResearcherFilter,
    chosen_order,
    directory_facets,
    one_value_named,
    order_key,
    partner_country_choices,
    project_facets,
    query_key,
    selection_key,
    valid_part,
)
from cooperation.models import (
    Achievement,
    Award,
    CooperationProject,
    Exchange,
    Institution,
    PartnerCountry,
    Researcher,
    ResearchField,
    Unit,
    by_country_name,
    shown_name_order,
)
from cooperation.publication import cached_while_published, kept_while_published


def queries_with(params: QueryDict, name: str) -> Callable[[str | None], str]:
    """For the values of one filter, the current query string with that filter set to the
    value (or removed, for None), back on page one; the other parameters keep their places,
    but for the tracking parameters (``config.tracking``), which no link carries on: a cached
    page would hand one campaign's to every reader. The rest of the query is encoded once,
    not once a link (a tenth of the directory's time, for its 84 facet links)."""
    before, after, seen = [], [], False
    for key, values in params.lists():
        if key == name:
            seen = True
        elif key != "page" and not is_tracking(key):
            (after if seen else before).extend((key, item) for item in values)
    head, tail = urlencode(before), urlencode(after)

    def query(value: str | None) -> str:
        own = urlencode([(name, value)]) if value is not None else ""
        return "?" + "&".join(part for part in (head, own, tail) if part)

    return query


def query_with(params: QueryDict, name: str, value: str | None) -> str:
    """The current query string with one filter set (or removed), back on page one."""
    return queries_with(params, name)(value)


# Filters reached from a record's page ("all of them"), which a list names in a note with a
# link that removes it rather than as a field or a facet: each parameter's model.
NOTED_MODELS = {"researcher": Researcher, "institution": Institution, "unit": Unit}


def selection_notes(request: HttpRequest, form, names: tuple[str, ...]) -> list[dict]:
    """The noted filters of ``names`` that a selection uses: each with its label, the record
    it names (None when no record has that slug) and the link that removes it."""
    cleaned = getattr(form, "cleaned_data", {})
    return [
        {
            "name": name,
            "label": form.fields[name].label,
            "slug": cleaned[name],
            "record": NOTED_MODELS[name].objects.filter(slug=cleaned[name]).first(),
            "remove_url": request.path + query_with(request.GET, name, None).removesuffix("?"),
        }
        for name in names
        if cleaned.get(name)
    ]


def refused_filters(form, shown: Iterable[str]) -> list[dict]:
    """Each error of a list's refused filters, for the summary above the list
    (includes/filter_errors.html): the filter's label (None for an error of the whole form),
    the message, and the id of the filter's field when the page shows it as one (``shown``:
    not a facet, nor a note), for the summary to link to it."""
    shown = set(shown)
    return [
        {
            "label": form[name].label if name in form.fields else None,
            "message": message,
            "anchor": form[name].auto_id if name in shown else None,
        }
        for name, messages in form.errors.items()
        for message in messages
    ]


class FormerSlugsMixin:
    """A record's page answers at the record's former slugs too: a permanent redirect to
    where it is now, the query string kept (cooperation.addresses). Only a miss pays the
    one query that looks for it."""

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            slug = self.kwargs.get(self.slug_url_kwarg)
            moved = redirect_to_moved(request, self.get_queryset(), slug)
            if moved is None:
                raise
            return moved


class PublicProjectsMixin:
    """Every public project page starts from the one publication rule."""

    def records(self):
        # The staff preview (cooperation/preview.py) swaps this for all records.
        return CooperationProject.objects.public()

    def get_queryset(self):
        return self.records().with_detail_data()


class FilteredProjectsMixin:
    """The project directory's filters, shared by the page and its open-data exports."""

    def filtered_projects(self):
        self.filterset = ProjectFilter(
            self.request.GET, queryset=CooperationProject.objects.public()
        )
        if not self.filterset.is_valid():
            return CooperationProject.objects.none()
        return self.filterset.qs

    @cached_property
    def query_in_language(self) -> str:
        """What is kept for this query names it by this: the reader's language and the query
        without its page (the same sidebar, count and anchors on every page of it), nor its
        tracking parameters (the same for every campaign: its links leave them out)."""
        return f"{get_language()}:{query_key(self.request.GET, 'page')}"

    def pages(self, queryset) -> RowsByKeys:
        """The selection for a Paginator, whose count and deep pages' anchors are kept per
        selection, order and language (an order by title is the language's) while the
        public projects are unchanged: page 4,000 of the directory read the 80,000 projects
        before it, a harvester's page 500 of the JSON export 50,000 (187 ms)."""
        keep = None
        if not self.filterset.form.errors:
            keep = kept_while_published(f"projects:{self.query_in_language}", {"cooperation"})
        return RowsByKeys(queryset, keep=keep)


class Facet:
    """A facet of the directory: its values with their counts, and each value's link,
    worked out when the sidebar is rendered (once per language and query: most requests
    take the sidebar as kept, and the hundred-odd links were a tenth of a page)."""

    def __init__(
        self,
        name: str,
        label: str,
        selected: str,
        options: list[dict],
        links: Callable[[str, list[dict], str], list[dict]],
    ) -> None:
        self.name, self.label, self.selected = name, label, selected
        self._options, self._links = options, links

    @cached_property
    def values(self) -> list[dict]:
        return self._links(self.name, self._options, self.selected)

    @property
    def selected_label(self) -> str | None:
        """The chosen value's name, as the facet lists it (None when none is chosen)."""
        if not self.selected:
            return None
        return next((o["label"] for o in self._options if o["value"] == self.selected), None)


class InvalidFiltersAre400Mixin:
    """Filters that make no sense are the reader's error: the page says so, with a 400."""

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.form.errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


def country_code_now(code: str) -> str | None:
    """The code, in capitals, by which a list filters what ``code`` names: a partner
    country's code now, where ``code`` is one it had before it was corrected
    (cooperation.addresses); else the code itself, if it is a country's at all (None if not).
    """
    code = code.upper()
    if len(code) != 2 or not code.isalpha() or not code.isascii():
        return None  # a hostile value never reaches the database
    # The partner countries' codes as the filters keep them: no query once kept.
    if code not in dict(partner_country_choices()):
        record = moved_record(PartnerCountry.objects.all(), code)
        if record is not None:
            return record.code
    return code if code in countries.countries else None


class FormerSlugsInFiltersMixin:
    """A list filtered by a record's former slug (a link kept from before the record was
    renamed) would come out empty, or refused: it is sent on, for good, to the same list
    filtered by the record's slug now (cooperation.addresses). Only such a list pays the
    lookup; a slug a record has now is never sent elsewhere. A slug no record has, now or
    before, is the reader's error (400)."""

    slug_filters: dict[str, type[models.Model]] = {}  # parameter -> the model it names
    # Country codes, written in capitals: a link with one in lower case (``?country=jp``,
    # as in the country's own address, /countries/jp/) is sent on to the capital one, and
    # one a country had before its code was corrected to its code now.
    country_filters: tuple[str, ...] = ()

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = super().get(request, *args, **kwargs)
        except Http404:  # a page past the end of a list that came out empty
            moved, _unknown = self.filters_named(request)
            if moved is None:
                raise
            return moved
        context = getattr(response, "context_data", None) or {}
        emptied = response.status_code == 200 and getattr(context.get("paginator"), "count", 1) == 0
        if emptied or response.status_code == 400:
            moved, unknown = self.filters_named(request)
            if moved is not None:
                return moved
            if emptied and self.refuse_unknown_records(request, unknown):
                return self.render_to_response(self.get_context_data(object_list=self.object_list))
        return response

    def filters_named(
        self, request: HttpRequest
    ) -> tuple[HttpResponse | None, list[tuple[str, type[models.Model]]]]:
        """The same list with each former slug of its filters (and each country code in
        lower case) replaced, if any was one; and the filters whose slug no record has, now
        or before (each parameter with the model it names)."""
        params, moved, unknown = request.GET.copy(), False, []
        for name in self.country_filters:
            code = params.get(name) or ""
            now = country_code_now(code)
            if now is not None and now != code:
                params[name], moved = now, True
        for name, model in self.slug_filters.items():
            slug = params.get(name)
            # Only a slug can have been one (a hostile value never reaches the database).
            if not slug_re.fullmatch(slug or "") or model.objects.filter(slug=slug).exists():
                continue
            record = moved_record(model.objects.all(), slug)
            if record is None:
                unknown.append((name, model))
            else:
                params[name], moved = record.slug, True
        if not moved:
            return None, unknown
        params.pop("page", None)
        return HttpResponsePermanentRedirect(f"{request.path}?{params.urlencode()}"), unknown

    def export_refused(self, request: HttpRequest) -> HttpResponse | None:
        """An export's answer before any of its rows is read (it streams them, uncounted):
        when its query names a record as it was known before (a former slug, a country's
        former code), the redirect to the same export by its address now, as its list
        sends it on; else its errors as a 400, a filter naming no record, now or before,
        made one as on the lists. None for an export to answer. Only a query naming
        records pays a lookup: one for each slug it names."""
        moved, unknown = None, []
        if any(request.GET.get(name) for name in (*self.slug_filters, *self.country_filters)):
            moved, unknown = self.filters_named(request)
        if moved is not None:
            return moved
        self.refuse_unknown_records(request, unknown)
        if self.filterset.form.errors:
            return JsonResponse({"errors": self.filterset.form.errors}, status=400)
        return None

    def refuse_unknown_records(
        self, request: HttpRequest, unknown: list[tuple[str, type[models.Model]]]
    ) -> bool:
        """Whether a filter names a record that does not exist (``?field=nope``, a mistyped
        or a deleted one's address), made an error of that filter: the page says so with a
        400, where it listed nothing as if the record had nothing to list. A noted filter
        (``selection_notes``) says so in its note instead, beside the link removing it."""
        noted = getattr(self, "noted_filters", ())
        refused = [(name, model) for name, model in unknown if name not in noted]
        for name, model in refused:
            message = gettext("No %(record)s has the address “%(slug)s”.") % {
                "record": model._meta.verbose_name,
                "slug": request.GET[name],
            }
            self.filterset.form.add_error(name, message)
        return bool(refused)


class ProjectListView(
    ReadOnlyViewMixin,
    FormerSlugsInFiltersMixin,
    InvalidFiltersAre400Mixin,
    FilteredProjectsMixin,
    ListView,
):
    template_name = "cooperation/project_list.html"
    context_object_name = "projects"
    paginate_by = 20
    slug_filters = {
        "institution": Institution,
        "field": ResearchField,
        "unit": Unit,
        "researcher": Researcher,
    }
    country_filters = ("country",)
    noted_filters = ("researcher",)  # reached from a researcher's page: named in a note
    # The records the page shows: its cached copy survives changes to any other (portal.cache).
    content_apps = {"cooperation"}

    def get_queryset(self):
        self.matching = self.filtered_projects()
        return self.matching

    def get_paginator(self, queryset, per_page, **kwargs) -> Paginator:
        # The facets count the matching projects anyway: no second COUNT for the pages.
        if self.filterset.form.errors:
            # Nothing is listed; the facets are those of the filters that were not refused.
            self.facets, _kept_total = self.facets_kept()
            total = 0
        else:
            self.facets, total = directory_facets(self.filterset)
        paginator = super().get_paginator(self.pages(queryset), per_page, **kwargs)
        paginator.count = total  # Paginator.count is a cached_property: given, not counted
        return paginator

    def facets_kept(self) -> tuple[dict[str, list[dict]], int]:
        """For a refused selection, the facets of what is left of it (``valid_part``): the
        reader still sees, and can remove, the country or field they chose while they
        correct a year. Counted, and kept, as any valid selection's."""
        kept = ProjectFilter(self.facet_query, queryset=CooperationProject.objects.public())
        if kept.is_valid():
            return directory_facets(kept)
        return project_facets(CooperationProject.objects.none())

    @property
    def facet_query(self) -> QueryDict:
        """The query the facets' links change: the reader's, less its refused filters."""
        if self.filterset.form.errors:
            return valid_part(self.filterset)
        return self.request.GET

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        facet_labels = {
            "country": _("Country"),
            "field": _("Research field"),
            "unit": _("Unit"),
            "kind": _("Kind"),
            "status": _("Status"),
            "institution": _("Partner institution"),
        }
        facets = self.facets
        # Only values that passed validation are echoed back into the page.
        cleaned = getattr(self.filterset.form, "cleaned_data", {})
        context.update(
            project_cards=project_cards(context["projects"]),
            filter_form=self.filterset.form,
            facets=[
                Facet(name, label, cleaned.get(name) or "", facets[name], self.facet_links)
                for name, label in facet_labels.items()
            ],
        )
        context["sidebar"] = self.sidebar(context)
        context["selection_notes"] = selection_notes(
            self.request, self.filterset.form, self.noted_filters
        )
        context["filter_errors"] = refused_filters(self.filterset.form, self.own_fields)
        # The downloads' query, the list's without its page: encoded once for both.
        context["download_query"] = query_with(self.request.GET, "page", None)
        # The names the facets and the notes already hold: no query for the title.
        names = {facet.name: facet.selected_label for facet in context["facets"]}
        names |= {note["name"]: note["record"] for note in context["selection_notes"]}
        context["title_filter"] = one_value_named(self.filterset.form, names)
        # The results' heading names the words too, whatever else narrows them: what a
        # screen reader, sent there by the skip link, reads first.
        context["keywords"] = cleaned.get("q") or ""
        context["narrowed_feeds"] = narrowed_feeds(context["facets"])
        return context

    # The filter form's fields shown as fields; the others are the facets' links.
    own_fields = ("q", "year_from", "year_to", "started_from", "started_to", "sort")

    def sidebar(self, context: dict) -> dict[str, SafeString]:
        """The filter form's own fields and the facets with their counts and links, rendered:
        Django renders each of the facets' hundred-odd links through a dozen template nodes,
        and each form field through templates of its own (a third of the page's time). The
        same for every reader of a language and query, whatever its page, so they are kept
        while the public projects are unchanged, as their counts are; a form with errors
        shows them, rendered afresh."""

        def render() -> dict[str, SafeString]:
            return {
                "fields": render_to_string(
                    "includes/filter_fields.html",
                    {"fields": [context["filter_form"][name] for name in self.own_fields]},
                ),
                "facets": render_to_string("cooperation/facets.html", context),
            }

        if self.filterset.form.errors:
            return render()
        return cached_while_published(
            f"directory-sidebar:{self.query_in_language}", render, apps={"cooperation"}
        )

    def facet_links(self, name: str, options: list[dict], selected: str) -> list[dict]:
        """Each value of a facet with its link: to filter by it, or, for the value chosen,
        to remove the filter."""
        params = self.facet_query
        query = queries_with(params, name)
        return [
            {
                **option,
                "selected": option["value"] == selected,
                "url": query(None if option["value"] == params.get(name) else option["value"]),
            }
            for option in options
        ]


# The directory's filters whose chosen value has feeds of its own: the URL names' stem and
# the feed's name, each as its record's page gives them.
FACET_FEEDS = {
    "country": ("cooperation:country-feed", _("Cooperation projects with %(name)s")),
    "field": ("cooperation:field-feed", _("Cooperation projects in %(name)s")),
}


def narrowed_feeds(facets: list[Facet]) -> list[dict[str, str]]:
    """The feeds of the country and the research field the directory is narrowed to, if it
    is (a reader following Japan's projects finds them there, as on Japan's page): each with
    its name and RSS and Atom addresses. Named from the facets: no query."""
    feeds = []
    for facet in facets:
        if facet.name in FACET_FEEDS and facet.selected and facet.selected_label:
            stem, name = FACET_FEEDS[facet.name]
            key = (
                {"code": facet.selected.lower()}
                if facet.name == "country"
                else {"slug": facet.selected}
            )
            feeds.append(
                {
                    "name": name % {"name": facet.selected_label},
                    "rss": reverse(f"{stem}-rss", kwargs=key),
                    "atom": reverse(f"{stem}-atom", kwargs=key),
                }
            )
    return feeds


class ProjectDetailView(ReadOnlyViewMixin, FormerSlugsMixin, PublicProjectsMixin, DetailView):
    template_name = "cooperation/project_detail.html"
    context_object_name = "project"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        # The lists read only the columns they show, not the others' texts in two languages.
        # The related projects (two queries, a third of the page) are the same for every
        # reader, in both languages: kept while the public projects are unchanged. Their
        # queryset is built only when they are worked out (building it, 0.6 M instructions,
        # was 2 % of every request that read them kept).
        context["related_projects"] = cached_while_published(
            f"related-projects:{project.pk}",
            lambda: (
                CooperationProject.objects.public()
                .select_related("lead_unit")
                .only("title", "slug", "start_date", "lead_unit__name")
                .related_to(project)
            ),
            apps={"cooperation"},
        )
        # The reverse manager uses the article queryset, so the one publication rule applies.
        # A project in no news, with no exchanges or no achievements is spared that list's
        # query (a prefetch of no exchanges cost the page 14 % more instructions; a query
        # of its own costs less than a prefetch of the same rows).
        in_news, has_exchanges, has_achievements = project.links
        context["related_articles"] = (
            project.articles.public().only("title", "slug", "published_at")[:5] if in_news else []
        )
        # Its exchanges and achievements as readers see them on its page.
        context["exchanges"] = (
            project.exchanges.public_on_project_page().select_related("country", "institution")
            if has_exchanges
            else []
        )
        context["achievements"] = (
            project.achievements.public_on_project_page() if has_achievements else []
        )
        return context


def csv_download(rows: Iterable[list], name: str, form=None) -> StreamingHttpResponse:
    """An export's rows as a CSV file to download, streamed, naming the data's licence;
    the file is named after the selection (``export_file_name``)."""
    response = StreamingHttpResponse(exports.csv_text(rows), content_type=CSV_CONTENT_TYPE)
    file_name = export_file_name(name, form)
    response["Content-Disposition"] = f'attachment; filename="{file_name}.csv"'
    return name_license(response)


_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def export_file_name(name: str, form=None) -> str:
    """A download's name with the filters it was made with, in the order of the form's
    fields ("projects_country-JP_year_from-2021"), so that two selections saved side by
    side keep apart: each was "projects.csv". A valid form's values only, as the query gave
    them, each reduced to ASCII letters, digits, dots and dashes (the header stays plain
    ASCII); 150 characters at most."""
    parts = [name]
    if form is not None and form.is_bound and not form.errors:
        for field in form.fields:
            # The values the selection read: a filter given twice filtered by its last.
            given = field in form.data and hasattr(form.data, "getlist")
            for value in values_read(form.fields[field], form.data, field) if given else []:
                if field != "page" and (kept := _UNSAFE_IN_FILE_NAME.sub("", value)):
                    parts.append(f"{field}-{kept}")
    return "_".join(parts)[:150]


class ProjectExportMixin(ReadOnlyViewMixin, FormerSlugsInFiltersMixin, FilteredProjectsMixin):
    """The directory's selection as a file: its filters, and a record named by a former
    slug or code sent on to the export by its address now, as the directory sends it."""

    slug_filters = ProjectListView.slug_filters
    country_filters = ProjectListView.country_filters
    # Projects alone, as the directory: the cached copy survives news edits (portal.cache).
    content_apps = {"cooperation"}


class ProjectExportCSVView(ProjectExportMixin, View):
    """The directory's current selection as CSV, streamed so any size stays cheap."""

    def get(self, request: HttpRequest) -> HttpResponse:
        projects = self.filtered_projects()
        if refused := self.export_refused(request):
            return refused
        return csv_download(
            exports.csv_rows(exports.project_records(projects, request)),
            "projects",
            self.filterset.form,
        )


class ProjectExportJSONView(ProjectExportMixin, View):
    """The directory's current selection as JSON, 100 records a page."""

    page_size = 100

    def get(self, request: HttpRequest) -> HttpResponse:
        projects = self.filtered_projects()
        if refused := self.export_refused(request):
            return refused
        paginator = Paginator(self.pages(projects), self.page_size)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except InvalidPage:
            return JsonResponse({"errors": {"page": ["No such page."]}}, status=404)

        def page_url(number: int | None) -> str | None:
            if number is None:
                return None
            return request.build_absolute_uri(query_with(request.GET, "page", str(number)))

        response = JsonResponse(
            {
                "count": paginator.count,
                "next": page_url(page.next_page_number() if page.has_next() else None),
                "previous": page_url(page.previous_page_number() if page.has_previous() else None),
                "results": list(exports.project_records(page.object_list, request)),
            },
            json_dumps_params={"ensure_ascii": False},
        )
        return name_license(response)


class ProjectsOfMixin:
    """Detail pages of reference data list the public projects that concern them."""

    projects_shown = 20  # as a directory page; the rest are a link away

    def related_projects(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects = self.related_projects()
        context["projects"] = projects[: self.projects_shown]
        context["project_cards"] = project_cards(context["projects"])
        # Counting a broad field's or a country's projects reads a large part of the table
        # (30-50 ms at 100,000 projects): kept while the public projects are unchanged.
        context["project_count"] = cached_while_published(
            f"projects-of:{self.object._meta.label_lower}:{self.object.pk}",
            projects.count,
            apps={"cooperation"},
        )
        return context


def kept_partner_countries() -> list[PartnerCountry]:
    """The partner countries readers are shown (``PartnerCountryQuerySet.partners``: those
    with a public project) with their public projects and institutions counted
    (``public_project_count``, ``institution_count``), for the country list and the open
    data API's counts. Counting the public projects of every country reads most
    partnerships (0.3 s at 100,000 projects): kept while the public projects are unchanged."""
    return cached_while_published(
        "country-list",
        lambda: list(
            PartnerCountry.objects.partners().annotate(
                institution_count=Count("institutions", distinct=True)
            )
        ),
        apps={"cooperation"},
    )


class CountryListView(ReadOnlyViewMixin, ListView):
    template_name = "cooperation/country_list.html"
    context_object_name = "countries"
    content_apps = {"cooperation"}

    def get_queryset(self):
        # Kept in code order, shared by every language; each reader reads them by name.
        return by_country_name(kept_partner_countries())


class ExchangesOfMixin:
    """Country, institution and unit pages list their latest public exchanges; the rest are
    in the exchanges list, filtered to the record (``exchange_filter``: its parameter there,
    given ``exchange_filter_value``)."""

    exchanges_shown = 20
    exchange_filter: str

    def exchange_filter_value(self) -> str:
        return self.object.slug

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One more than shown tells whether there are more, without counting them all.
        exchanges = list(
            Exchange.objects.public()
            .filter(**{self.exchange_filter: self.object})
            .select_related("country", "institution")
            .order_by("-start_date", "-id")[: self.exchanges_shown + 1]
        )
        context["exchanges"] = exchanges[: self.exchanges_shown]
        context["more_exchanges"] = len(exchanges) > self.exchanges_shown
        context["exchanges_query"] = urlencode({self.exchange_filter: self.exchange_filter_value()})
        return context


class CountryDetailView(ReadOnlyViewMixin, ExchangesOfMixin, ProjectsOfMixin, DetailView):
    template_name = "cooperation/country_detail.html"
    context_object_name = "partner_country"
    exchange_filter = "country"
    exchanges_shown = 50

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # One address per country: the one every link gives, in lower case
        # (PartnerCountry.get_absolute_url). /countries/CA/ is sent there for good, its query
        # kept, before any query; a code in lower case is never sent on, so no loop.
        code = kwargs["code"]
        if not code.islower():
            return redirect_keeping_query(
                request, PartnerCountry(country=code.upper()).get_absolute_url()
            )
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A code the country had before it was corrected in the admin: sent, for good,
            # to its page now (cooperation.addresses), as a renamed record's page is.
            moved = redirect_to_moved(request, PartnerCountry.objects.all(), code.upper())
            if moved is None:
                raise
            return moved

    def get_object(self, queryset=None):
        code = self.kwargs["code"].upper()
        return get_object_or_404(PartnerCountry, country=code)

    def exchange_filter_value(self) -> str:
        return self.object.code

    def related_projects(self):
        return CooperationProject.objects.public().for_country(self.object.code)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["institutions"] = self.object.institutions.all()
        return context


class AwardsOfMixin:
    """Unit and researcher pages list the public awards the record received, newest first."""

    awards_shown = 50  # a career's worth; one query, whatever the number
    award_recipient: str  # the award's field naming the record

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        awards = Award.objects.public().filter(**{self.award_recipient: self.object})
        context["awards"] = awards[: self.awards_shown]
        return context


class InstitutionDetailView(
    ReadOnlyViewMixin, FormerSlugsMixin, ExchangesOfMixin, ProjectsOfMixin, DetailView
):
    template_name = "cooperation/institution_detail.html"
    context_object_name = "institution"
    queryset = Institution.objects.select_related("country")
    exchange_filter = "institution"

    def related_projects(self):
        return CooperationProject.objects.public().for_institution(self.object.slug)


class FieldDetailView(ReadOnlyViewMixin, FormerSlugsMixin, ProjectsOfMixin, DetailView):
    template_name = "cooperation/field_detail.html"
    context_object_name = "field"
    queryset = ResearchField.objects.select_related("parent").prefetch_related("children")

    def related_projects(self):
        return CooperationProject.objects.public().for_field(self.object.slug)


class UnitDetailView(
    ReadOnlyViewMixin,
    FormerSlugsMixin,
    AwardsOfMixin,
    ExchangesOfMixin,
    ProjectsOfMixin,
    DetailView,
):
    template_name = "cooperation/unit_detail.html"
    context_object_name = "unit"
    queryset = Unit.objects.prefetch_related("researchers")
    exchange_filter = "unit"
    award_recipient = "recipient_unit"

    def related_projects(self):
        return CooperationProject.objects.public().for_unit(self.object.slug)


def field_tree() -> list[ResearchField]:
    """The top-level research fields in their order, each with its sub-fields
    (``subfields``), and every field with its public projects counted
    (``public_project_count``: a top-level field's own and its sub-fields', each once, as
    its page counts them). The counts are kept while the public projects are unchanged."""
    fields = list(ResearchField.objects.order_by("sort_order", "name", "id"))
    counts = cached_while_published(
        "projects-per-field",
        lambda: CooperationProject.objects.public().count_per_field(),
        apps={"cooperation"},
    )
    for field in fields:
        field.public_project_count = counts.get(field.pk, 0)
        field.subfields = []
    by_id = {field.pk: field for field in fields}
    for field in fields:
        if field.parent_id is not None:
            by_id[field.parent_id].subfields.append(field)
    return [field for field in fields if field.parent_id is None]


class FieldListView(ReadOnlyViewMixin, ListView):
    """The base's research fields, the core of what it is: each with its description, its
    sub-fields and the public projects in each (a link to them in the directory)."""

    template_name = "cooperation/field_list.html"
    context_object_name = "fields"
    content_apps = {"cooperation"}

    def get_queryset(self):
        return field_tree()


class UnitListView(ReadOnlyViewMixin, ListView):
    """The base's own units (colleges, institutes, laboratories), by name: each with its
    description, how many researchers it has and how many public projects it leads."""

    template_name = "cooperation/unit_list.html"
    context_object_name = "units"
    content_apps = {"cooperation"}

    def get_queryset(self):
        units = list(
            Unit.objects.annotate(researcher_count=Count("researchers")).order_by(
                shown_name_order("name", get_language()), "id"
            )
        )
        # Kept while the public projects are unchanged (a scheduled one coming due counts).
        led = cached_while_published(
            "projects-per-unit",
            lambda: CooperationProject.objects.public().count_per_lead_unit(),
            apps={"cooperation"},
        )
        for unit in units:
            unit.public_project_count = led.get(unit.pk, 0)
        return units


class ResearcherDetailView(
    ReadOnlyViewMixin, FormerSlugsMixin, AwardsOfMixin, ProjectsOfMixin, DetailView
):
    """A researcher's profile: unit, ORCID iD, the public projects they lead and the public
    awards they received. The e-mail address stays in the back office."""

    template_name = "cooperation/researcher_detail.html"
    context_object_name = "researcher"
    queryset = Researcher.objects.select_related("unit")
    award_recipient = "recipient_researcher"

    def related_projects(self):
        return CooperationProject.objects.public().for_researcher(self.object.slug)


class FilteredRecordsMixin(InvalidFiltersAre400Mixin):
    """A list of the model's public records narrowed by a FilterSet of the query string,
    whose form the page shows (``filter_form``); a bad filter lists nothing, with a 400."""

    filterset_class: type[django_filters.FilterSet]
    related: tuple[str, ...] = ()  # what each row shows of its related records
    noted_filters: tuple[str, ...] = ()  # named in a note, not shown as fields (NOTED_MODELS)

    def listed_records(self) -> models.QuerySet:
        """What the list narrows: the model's public records."""
        return self.model.objects.public()

    def get_queryset(self):
        listed = self.listed_records()
        self.filterset = self.filterset_class(self.request.GET, queryset=listed)
        if not self.filterset.is_valid():
            return listed.none()
        records = self.filterset.qs
        return records.select_related(*self.related) if self.related else records

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        fields = [field for field in form if field.name not in self.noted_filters]
        notes = selection_notes(self.request, form, self.noted_filters)
        chosen = chosen_order(self.filterset)
        context.update(
            filter_form=form,
            filter_fields=fields,
            selection_notes=notes,
            # A noted filter has no field: its error is in the summary alone.
            filter_errors=refused_filters(form, [field.name for field in fields]),
            # The notes' records are read anyway: no query for the title.
            title_filter=one_value_named(form, {note["name"]: note["record"] for note in notes}),
            # In an order by date a list is a timeline, under its years; by title it is not.
            by_date=chosen is None or chosen[1].reads is None,
        )
        return context


class ResearcherListView(
    ReadOnlyViewMixin, FormerSlugsInFiltersMixin, FilteredRecordsMixin, ListView
):
    """The base's researchers by name, narrowed by unit or by part of a name: each with
    their title, unit, ORCID iD and the public projects they lead. No e-mail address: it
    stays in the back office, as on a researcher's page."""

    model = Researcher
    filterset_class = ResearcherFilter
    related = ("unit",)
    template_name = "cooperation/researcher_list.html"
    context_object_name = "researchers"
    content_apps = {"cooperation"}
    slug_filters = {"unit": Unit}
    paginate_by = 50

    def listed_records(self) -> models.QuerySet:
        # Reference data, every researcher public: by name as the reader's language has it.
        return Researcher.objects.order_by(shown_name_order("name", get_language()), "id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        researchers = context["researchers"]
        led = CooperationProject.objects.public().count_per_leader(researchers)
        for researcher in researchers:
            researcher.public_project_count = led.get(researcher.pk, 0)
        return context


class InstitutionListView(
    ReadOnlyViewMixin, FormerSlugsInFiltersMixin, FilteredRecordsMixin, ListView
):
    """The partner institutions by name, narrowed by country, kind or a part of a name:
    each with its city, country and the public projects it is a partner in."""

    model = Institution
    filterset_class = InstitutionFilter
    related = ("country",)
    template_name = "cooperation/institution_list.html"
    context_object_name = "institutions"
    content_apps = {"cooperation"}
    country_filters = ("country",)
    paginate_by = 50

    def listed_records(self) -> models.QuerySet:
        # Reference data, every institution public: by name as the reader's language has it.
        return Institution.objects.order_by(shown_name_order("name", get_language()), "id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        institutions = context["institutions"]
        # Every institution's count at once (PostgreSQL at 100,000 projects: 0.1 s), kept
        # while the public projects are unchanged: a page then reads none of the links.
        counts = cached_while_published(
            "projects-per-institution",
            lambda: CooperationProject.objects.public().count_per_institution(),
            apps={"cooperation"},
        )
        for institution in institutions:
            institution.public_project_count = counts.get(institution.pk, 0)
        return context


class RecordExportCSVView(ReadOnlyViewMixin, FormerSlugsInFiltersMixin, FilteredRecordsMixin, View):
    """A portal list's current selection (its filters) as CSV: every record, streamed. A
    record its filters name by a former slug or code: sent on as the list sends it."""

    export_name: str  # in exports.RECORD_EXPORTS, and the file's name
    # Projects alone, as the lists: the cached copy survives news edits (portal.cache).
    content_apps = {"cooperation"}

    def get(self, request: HttpRequest) -> HttpResponse:
        records = self.get_queryset()
        if refused := self.export_refused(request):
            return refused
        rows = exports.RECORD_EXPORTS[self.export_name].rows(records, request)
        return csv_download(rows, self.export_name, self.filterset.form)


class AwardExportCSVView(RecordExportCSVView):
    model = Award
    filterset_class = AwardFilter
    export_name = "awards"

    def get_queryset(self):
        return exports.with_public_recipient_project(super().get_queryset())


class AchievementExportCSVView(RecordExportCSVView):
    model = Achievement
    filterset_class = AchievementFilter
    export_name = "achievements"


class ExchangeExportCSVView(RecordExportCSVView):
    model = Exchange
    filterset_class = ExchangeFilter
    export_name = "exchanges"
    slug_filters = {"institution": Institution, "unit": Unit}  # as the exchange list's
    country_filters = ("country",)


class KeptPagesMixin:
    """A long filtered list whose count and deep pages' anchors are kept per selection (the
    anchors per order too: ``order_key``) while the records of its ``content_apps`` are
    unchanged (``config.pagination.RowsByKeys``): counting the public achievements of 100,000 projects
    took 100 ms a page, and page 1,000 read every row before it (0.5 s); the awards' page 150
    by date, 64-101 ms, read from the keys alone, 6-16 ms."""

    list_name: str

    @cached_property
    def keep(self) -> Keep | None:
        """What is kept for this request's selection (None for a bad one)."""
        if self.filterset.form.errors:
            return None
        return kept_while_published(
            f"{self.list_name}:{selection_key(self.filterset)}",
            self.content_apps,
            order=order_key(self.filterset),
        )

    def get_paginator(self, queryset, per_page, **kwargs) -> Paginator:
        return super().get_paginator(RowsByKeys(queryset, keep=self.keep), per_page, **kwargs)


class AwardListView(ReadOnlyViewMixin, FilteredRecordsMixin, KeptPagesMixin, ListView):
    """Awards and recognitions as a timeline, filterable by level and year, sortable by
    date or title."""

    model = Award
    filterset_class = AwardFilter
    related = ("recipient_unit", "recipient_researcher", "recipient_project")
    template_name = "cooperation/award_list.html"
    context_object_name = "awards"
    content_apps = {"cooperation"}
    list_name = "awards"
    paginate_by = 50


class AwardDetailView(ReadOnlyViewMixin, FormerSlugsMixin, DetailView):
    """An award's page: what it recognises, who received it, its certificate and the news
    about it."""

    template_name = "cooperation/award_detail.html"
    context_object_name = "award"
    news_shown = 5

    def records(self):
        # The staff preview (cooperation/preview.py) swaps this for all records.
        return Award.objects.public()

    def get_queryset(self):
        return self.records().select_related(
            "recipient_unit", "recipient_researcher", "recipient_project"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The reverse manager uses the article queryset, so the one publication rule applies.
        context["related_articles"] = self.object.articles.public().only(
            "title", "slug", "published_at"
        )[: self.news_shown]
        return context


class OneIdAddressMixin:
    """A page found by its record's id answers at one address: the id written as the
    record's links write it (``record_url``). /achievements/01/ finds the record of
    /achievements/1/ (the route reads a number): it is sent there for good, its query kept,
    before any query, so that search engines and shared links know one page, not two."""

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        address = record_url(request.resolver_match.view_name, pk=kwargs["pk"])
        if request.path != address:
            return redirect_keeping_query(request, address)
        return super().get(request, *args, **kwargs)


class LinkedRecordDetailView(ReadOnlyViewMixin, OneIdAddressMixin, DetailView):
    """An achievement's or an exchange's page: shown while it is published itself and its
    project, if any, is public, as in the lists (``ProjectLinkedPublishableQuerySet.public``)."""

    related: tuple[str, ...] = ()

    def records(self):
        # The staff preview (cooperation/preview.py) swaps this for all records.
        return self.model.objects.public()

    def get_queryset(self):
        return self.records().select_related(*self.related)


class AchievementDetailView(LinkedRecordDetailView):
    model = Achievement
    related = ("project",)
    template_name = "cooperation/achievement_detail.html"
    context_object_name = "achievement"
    content_apps = {"cooperation"}


class ExchangeDetailView(LinkedRecordDetailView):
    model = Exchange
    related = ("country", "institution", "unit", "project")
    template_name = "cooperation/exchange_detail.html"
    context_object_name = "exchange"
    content_apps = {"cooperation"}


class AchievementListView(ReadOnlyViewMixin, FilteredRecordsMixin, KeptPagesMixin, ListView):
    """The base's results (papers, patents, drug candidates…) by year, filterable by kind
    and year: each with its identifier and the project it came from."""

    model = Achievement
    filterset_class = AchievementFilter
    related = ("project",)
    template_name = "cooperation/achievement_list.html"
    context_object_name = "achievements"
    content_apps = {"cooperation"}
    list_name = "achievements"
    paginate_by = 50


class ExchangeListView(
    ReadOnlyViewMixin, FormerSlugsInFiltersMixin, FilteredRecordsMixin, KeptPagesMixin, ListView
):
    """Talent exchanges and visits, newest first, filterable by kind, country and year,
    with the number of people the selection counts."""

    model = Exchange
    filterset_class = ExchangeFilter
    related = ("country", "institution", "unit", "project")
    noted_filters = ("institution", "unit")
    slug_filters = ExchangeExportCSVView.slug_filters
    country_filters = ExchangeExportCSVView.country_filters
    template_name = "cooperation/exchange_list.html"
    context_object_name = "exchanges"
    content_apps = {"cooperation"}
    list_name = "exchanges"
    paginate_by = 50

    def get_paginator(self, queryset, per_page, **kwargs) -> Paginator:
        # The totals count the selection anyway: no second COUNT for the pages.
        keep = self.keep
        self.totals = keep("totals", queryset.totals) if keep else queryset.totals()
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = self.totals["exchanges"]  # a cached_property: given, not counted
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = self.totals
        return context
