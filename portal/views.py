from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy
from django.views import i18n

from config.methods import read_only
from config.tracking import path_without_tracking
from cooperation.addresses import redirect_keeping_query, redirect_to_moved
from cooperation.cards import project_cards
from cooperation.models import (
    Achievement,
    Award,
    CooperationProject,
    Exchange,
    PartnerCountry,
    ProjectStatus,
    by_country_name,
)
from cooperation.publication import cached_while_published
from news.models import Article
from portal.citations import (
    BIBTEX_CONTENT_TYPE,
    RIS_CONTENT_TYPE,
    citation_bibtex,
    citation_of,
    citation_ris,
    key_as_written,
    public_record,
    qr_code_svg,
    record_address,
    record_key,
    renamed_records,
)
from portal.forms import SearchForm
from portal.models import Page
from portal.open_data import catalogue
from portal.search import KIND_PAGE_SIZE, KindResults, SearchResults, search
from portal.worldmap import partner_map


def home_figures() -> dict:
    """The key figures, as plain numbers, and the partner-country map and list rendered in
    every language: aggregates over every public record, the same for every reader."""
    # Both project figures in one pass over the public projects.
    projects = CooperationProject.objects.public().aggregate(
        all=Count("pk"), active=Count("pk", filter=Q(status=ProjectStatus.ACTIVE))
    )
    # The partner countries as the country list gives them (those with a public project);
    # the list also gives the figure, so one query serves both.
    countries = list(PartnerCountry.objects.partners())
    return {
        "figures": {
            "countries": len(countries),
            "active_projects": projects["active"],
            "projects": projects["all"],
            "awards": Award.objects.public().count(),
            "achievements": Achievement.objects.public().count(),
            "exchange_people": Exchange.objects.public().totals()["people"],
        },
        "partner_countries": partner_countries_html(countries),
    }


def partner_countries_html(countries: list[PartnerCountry]) -> dict[str, dict[str, SafeString]]:
    """The partner-country map and list of the home page, rendered in each language: a
    third of the page's rendering time (60 links)."""
    context = {"countries": countries, "world_map": partner_map(countries)}
    rendered = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            # The list by name, as its reader reads it.
            by_name = by_country_name(countries)
            rendered[language] = {
                "map": render_to_string("includes/world_map.html", context),
                "list": render_to_string(
                    "includes/partner_country_list.html", {**context, "countries": by_name}
                ),
            }
    return rendered


@read_only
def home(request: HttpRequest) -> HttpResponse:
    # The figures cost a scan of the partnerships at scale and are the same for every
    # reader: kept while the public projects and awards are unchanged, with the map's HTML.
    # The country records behind the map are not kept: a page would read them back (0.15-0.25
    # ms to unpickle) to show six numbers.
    kept = cached_while_published("home-figures-and-map", home_figures, apps={"cooperation"})
    featured = CooperationProject.objects.public().featured()[:6]
    context = {
        "figures": kept["figures"],
        "partner_countries": kept["partner_countries"][get_language()],
        "featured_projects": featured,
        "featured_project_cards": project_cards(featured),
        # A title, a link and a date each: not their texts in two languages, nor categories.
        "latest_articles": Article.objects.public().only("title", "slug", "published_at")[:5],
    }
    return render(request, "portal/home.html", context)


@read_only
def search_page(request: HttpRequest) -> HttpResponse:
    """The first hits of every kind; or, narrowed to one kind (``kind``), its hits a page at
    a time. A page past the end is not found, as on the site's lists."""
    form = SearchForm(request.GET)
    results = page = other_language = None
    if form.is_valid() and form.cleaned_data["q"]:
        query, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
        if kind is None:
            results = search(query, get_language())
            other_language = in_other_language(request, results)
        else:
            results = KindResults(query, get_language(), kind)
            try:
                page = Paginator(results, KIND_PAGE_SIZE).page(request.GET.get("page") or 1)
            except InvalidPage:
                raise Http404 from None
    return render(
        request,
        "portal/search.html",
        {"form": form, "results": results, "page_obj": page, "other_language": other_language},
        status=400 if form.errors else 200,
    )


# The offer of a search in the other language, in that language (for its readers).
SEARCH_ELSEWHERE = {
    "en": gettext_lazy("Search for “%(query)s” on the English site"),
    "zh-hans": gettext_lazy("Search for “%(query)s” on the Chinese site"),
}


def in_other_language(request: HttpRequest, results: SearchResults) -> dict[str, str] | None:
    """The same search on the other language's portal, when the results suggest it
    (SearchResults.other_language): its language, address (without tracking parameters, as
    the language switcher's) and words, in that language."""
    language = results.other_language
    if language is None:
        return None
    with translation.override(language):
        text = str(SEARCH_ELSEWHERE[language]) % {"query": results.query}
    url = translate_url(path_without_tracking(request.get_full_path()), language)
    return {"code": language, "url": url, "text": text}


@read_only
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /dashboard/",
        "Disallow: /zh-hans/dashboard/",
        "Disallow: /en/dashboard/",
        "Disallow: /accounts/",
        "Disallow: /zh-hans/search/",
        "Disallow: /en/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@read_only
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for wherever a page names no icon (a feed, an image,
    a download) and feed readers ask for the site: the base's icon, drawn from
    img/favicon.svg at 16, 32 and 48 pixels. Redirected, not permanently: the static file's
    name changes with its content."""
    response = HttpResponseRedirect(static("img/favicon.ico"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


@read_only
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = Page.objects.public().filter(slug=slug).first()
    if page is None:
        # A page renamed since: sent on, for good, to its address now (cooperation.addresses).
        moved = redirect_to_moved(request, Page.objects.public(), slug)
        if moved is None:
            raise Http404
        return moved
    # As a DetailView names it: the head's alternates are in the languages it is written in.
    return render(request, "portal/page.html", {"page": page, "object": page})


# The records the page shows: its cached copy survives changes to any other (portal.cache).
page_detail.content_apps = {"portal"}


# A citation's files: how each is written, its content type and its file's extension.
CITATION_FORMATS = {
    "ris": (citation_ris, RIS_CONTENT_TYPE),
    "bib": (citation_bibtex, BIBTEX_CONTENT_TYPE),
}


def other_address(
    request: HttpRequest, kind: str, key: str, name: str, **kwargs
) -> HttpResponse | None:
    """For a record's citation file or QR code asked for by its key written another way (an
    achievement's id with leading zeros, which finds the same record): a permanent redirect
    to its one address, the query kept, before any query, as its page does; else None."""
    written = key_as_written(kind, key)
    if written == key:
        return None
    return redirect_keeping_query(
        request, reverse(name, kwargs={"kind": kind, "key": written, **kwargs})
    )


def moved_or_not_found(
    request: HttpRequest, kind: str, key: str, name: str, **kwargs
) -> HttpResponse:
    """For a record's citation file or QR code asked for by a slug it had before (its page,
    saved or printed, still links them so): a permanent redirect to the same by its slug now,
    as its page is sent on (one query, only on a miss); else a 404."""
    records = renamed_records(kind)
    moved = None
    if records is not None:
        moved = redirect_to_moved(
            request,
            records,
            key,
            lambda record: reverse(
                name, kwargs={"kind": kind, "key": record_key(record), **kwargs}
            ),
        )
    if moved is None:
        raise Http404
    return moved


@read_only
def citation_download(request: HttpRequest, kind: str, key: str, file_format: str) -> HttpResponse:
    """A public record's citation as a file for reference managers (RIS or BibTeX), in the
    reader's language, named after the record (``<slug>.ris``). 404 where its page is, and
    sent on where its page is (a former slug)."""
    if file_format not in CITATION_FORMATS:
        raise Http404
    write, content_type = CITATION_FORMATS[file_format]
    if other := other_address(request, kind, key, "portal:citation", file_format=file_format):
        return other
    try:
        record = public_record(kind, key)
    except Http404:
        return moved_or_not_found(request, kind, key, "portal:citation", file_format=file_format)
    citation = citation_of(record, record_address(request, record))
    response = HttpResponse(write(citation), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{citation.file_name}.{file_format}"'
    # A file for one reader's library, not a page for search engines.
    response["X-Robots-Tag"] = "noindex"
    return response


@read_only
def qr_code(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    """A QR code of a public record's address, as SVG, for a phone to scan (WeChat shares
    pages so): its page shows it in an <img>, so that the page pays nothing for it. The code
    is made once per address (``qr_code_svg``); the page cache keeps the answer too."""
    if other := other_address(request, kind, key, "portal:qr-code"):
        return other
    try:
        record = public_record(kind, key, address_only=True)
    except Http404:
        return moved_or_not_found(request, kind, key, "portal:qr-code")
    response = HttpResponse(
        qr_code_svg(record_address(request, record)), content_type="image/svg+xml"
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@read_only
def open_data(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/open_data.html", catalogue(request))


# The datasets are projects, reference data and news: the page stays cached through edits
# to the site's own pages.
open_data.content_apps = {"cooperation", "news"}


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, with ``next`` resolved under its own language prefix.

    Django translates ``next`` by resolving it in the request's active language. That
    language comes from the cookie or the browser, not from ``next``, so a switch from
    /en/… to Chinese (or back) could leave the reader on the page they were already on.
    The same holds for the page the reader came from (Referer), which Django goes back to
    when ``next`` is missing or names another site.
    """
    next_url = request.POST.get("next", request.GET.get("next")) or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = request.META.get("HTTP_REFERER", "")
    language = translation.get_language_from_path(urlsplit(next_url).path)
    if language is None:
        return i18n.set_language(request)
    with translation.override(language):
        return i18n.set_language(request)
