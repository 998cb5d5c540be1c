import contextlib
import hashlib
import json
from datetime import date
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Model
from django.http import HttpRequest
from django.template.defaulttags import querystring
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext, pgettext, pgettext_lazy

from config.content_version import cached_under_content_version
from config.filtersets import values_read
from config.tracking import query_without_tracking, without_tracking
from cooperation.models import canonical_language, language_shown, languages_written
from cooperation.models import shown_in_other_language as record_shown_in_other_language
from cooperation.views import queries_with
from portal.breadcrumbs import Crumb, list_trail, record_trail, trail_html
from portal.citations import (
    KIND_OF_MODEL,
    citation_html,
    citation_of,
    citation_style,
    record_address,
    record_key,
    share_links,
)

register = template.Library()

# A list narrowed by more filter values than this is followed by search engines, not indexed.
INDEXED_FILTERS = 1


def kept_query(request: HttpRequest, form) -> tuple[str, int]:
    """The query a page's content depends on, encoded, and how many filter values it holds:
    a list's filters (those of the form it shows, ``filter_form``) and its page number past
    the first, in one order; tracking parameters (``config.tracking``), unknown ones and
    empty (or blank) filters go. Words (the directory's ``q``) count as many filters as a
    page may hold and still be indexed, and one more: a list narrowed by them is a search's
    results, which are not indexed.

    A parameter given twice keeps what the list read (``values_read``): the last value of
    a filter of one value and of the page (``?q=a&q=b`` lists what ``?q=b`` lists), every
    value of a filter of several."""
    if form is None or not request.GET:
        return "", 0
    query, fields = request.GET, form.fields
    kept = [
        (name, value)
        for name in sorted(query)
        if name in fields or name == "page"
        # The paginator reads the last page number given, as a field of one value reads.
        for value in (values_read(fields[name], query, name) if name in fields else [query[name]])
        # Blank words filter nothing, as the form reads them (stripped): not a selection.
        if value.strip() and not (name == "page" and value == "1")
    ]
    return urlencode(kept), sum(
        INDEXED_FILTERS + 1 if name == "q" else 1 for name, _value in kept if name != "page"
    )


@register.simple_tag(takes_context=True)
def page_addresses(context) -> dict[str, object]:
    """This page's addresses, worked out once for the head and the language switcher.

    - ``url``: its canonical address (``rel=canonical``, ``og:url``), which keeps only the
      query its content depends on (``kept_query``); ``index``: whether search engines
      should index it. A list narrowed by more than one filter value is followed but not
      indexed: its combinations are endless, and each record it lists has a page of its own.
    - ``alternates``: the canonical address in every language, for hreflang links: search
      engines ignore alternates that are not canonical, and the links are shared. On a
      record's page (the view's ``object``), only in the languages the record is written in
      (``languages_written``): its page in another shows its text in the language it has,
      which is no translation (Google counts it a duplicate), so its canonical address is
      then the record's page in the first language it is written in, and no hreflang names
      it. The first alternate is the x-default.
    - ``switcher``: the page as asked for in every language, for the language switcher: its
      query kept (a search's words, a list's order) but for its tracking parameters
      (``config.tracking``): analytics counted each switch as a new visit from the campaign.

    The page's language keeps the request's path; each other language's is reversed from
    the request's own resolver match, as ``translate_url`` would after resolving the path
    again (a page that matched no URL pattern keeps its path). The base layout renders this
    on every page: one reverse a language, the canonical query encoded once.
    """
    request: HttpRequest | None = context.get("request")
    if request is None:
        return {}
    query, filters = kept_query(request, context.get("filter_form"))
    asked = without_tracking(request.META.get("QUERY_STRING", ""))
    match = getattr(request, "resolver_match", None)
    current = get_language()
    # A path of no page may start with "//", which would read as another host (or, as
    # "//[x", fail to parse at all): it stays a path on this one.
    own_path = "/" + request.path.lstrip("/")
    own_address = request.build_absolute_uri(own_path)
    # From the record's columns already loaded: no query.
    record = context.get("object")
    written = languages_written(record) if isinstance(record, Model) else None
    # The one rule the record's citation and share links follow too (``record_address``).
    shown = current if written is None else canonical_language(current, written)
    alternates, switcher = [], []
    for code, _name in settings.LANGUAGES:
        path, address = own_path, own_address
        if match is not None and code != current:
            with translation.override(code), contextlib.suppress(NoReverseMatch):
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            address = request.build_absolute_uri(path)
        if written is None or code in written:
            alternates.append({"code": code, "url": f"{address}?{query}" if query else address})
        # The switcher keeps every language: a reader may want the other interface.
        url = request.build_absolute_uri(f"{path}?{asked}") if asked else address
        switcher.append({"code": code, "url": url})
    canonical = f"{own_address}?{query}" if query else own_address
    if shown != current:
        canonical = next(other["url"] for other in alternates if other["code"] == shown)
    return {
        "url": canonical,
        "index": filters <= INDEXED_FILTERS,
        "alternates": alternates,
        "switcher": switcher,
    }


# schema.org JSON-LD. Data blocks are not executed (so CSP does not apply); the JSON is
# escaped like Django's json_script so no text can close the script element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _ld_json(data: dict) -> str:
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_ESCAPES)),  # noqa: S308 - escaped just above
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """``path`` as a whole address on this site (``og:image`` wants one)."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag
def ld_json(data: dict) -> str:
    """JSON-LD that a view worked out (the open data catalogue)."""
    return _ld_json(data)


@register.simple_tag(takes_context=True)
def organization_ld(context) -> str:
    request = context["request"]
    return _ld_json(
        {
            "@type": "Organization",
            "name": str(settings.SITE_NAME),
            "url": request.build_absolute_uri("/"),
        }
    )


@register.simple_tag(takes_context=True)
def research_project_ld(context, project) -> str:
    request = context["request"]
    data = {
        "@type": "ResearchProject",
        "name": project.title,
        "description": project.summary,
        "url": request.build_absolute_uri(project.get_absolute_url()),
        "startDate": project.start_date.isoformat(),
        # Through the partner rows, which the project page has already loaded, in its order.
        "member": [
            {"@type": "Organization", "name": partner.institution.name}
            for partner in project.partnerships
        ],
    }
    if project.end_date:
        data["endDate"] = project.end_date.isoformat()
    if project.funding_source:
        data["funder"] = {"@type": "Organization", "name": project.funding_source}
    return _ld_json(data)


@register.simple_tag(takes_context=True)
def person_ld(context, researcher) -> str:
    request = context["request"]
    data = {
        "@type": "Person",
        "name": researcher.name,
        "url": request.build_absolute_uri(researcher.get_absolute_url()),
        "affiliation": {"@type": "Organization", "name": researcher.unit.name},
    }
    if researcher.title:
        data["jobTitle"] = researcher.title
    if researcher.orcid:
        data["sameAs"] = researcher.orcid_url
    return _ld_json(data)


@register.simple_tag(takes_context=True)
def news_article_ld(context, article) -> str:
    request = context["request"]
    return _ld_json(
        {
            "@type": "NewsArticle",
            "headline": article.title,
            "description": article.summary,
            "url": request.build_absolute_uri(article.get_absolute_url()),
            # A draft seen in the staff preview has no date yet.
            "datePublished": article.published_at.isoformat() if article.published_at else None,
            "dateModified": article.updated_at.isoformat(),
            "publisher": {
                "@type": "Organization",
                "name": str(settings.SITE_NAME),
            },
        }
    )


@register.filter
def shown_in_other_language(record) -> bool:
    """True when part of the record's page is empty in the active language, so the page
    shows another language's text instead (modeltranslation's fallback)."""
    return record_shown_in_other_language(record, get_language() or settings.LANGUAGE_CODE)


# What a card says after a title shown in another language than the page's: the reader
# sees why the text is in another script (the detail page says so in a whole sentence).
IN_LANGUAGE = {
    "zh-hans": pgettext_lazy("after a title not yet translated, shown in Chinese", "in Chinese"),
    "en": pgettext_lazy("after a title not yet translated, shown in English", "in English"),
}


@register.filter
def lang_of(record, field: str | None = None) -> str:
    """`` lang="…"`` for the element that holds the record's translated ``field`` (without
    one, its name or title: the first of its ``reader_fields``), when the page shows it in
    another language than its own (modeltranslation's fallback): screen readers then read
    it with the right voice, browsers pick the right fonts (WCAG 3.1.2). Nothing otherwise.
    Works on the columns already loaded, so it costs no query, and on a kept card it is
    worked out once, with the card."""
    page_language = get_language() or settings.LANGUAGE_CODE
    shown = language_shown(record, field or record.reader_fields[0], page_language)
    return format_html(' lang="{}"', shown) if shown != page_language else ""


@register.simple_tag
def text_of(record, field: str) -> str:
    """The record's translated ``field`` (escaped), in a ``<span lang="…">`` when the page
    shows it in another language than its own: :func:`lang_of` for text no element of its
    own holds (a partner's name in a list)."""
    text = getattr(record, field)
    marked = lang_of(record, field)
    return format_html("<span{}>{}</span>", marked, text) if marked else text


@register.filter
def language_badge(record, field: str) -> str:
    """A small badge naming the language the record's ``field`` is shown in, when it is not
    the page's (" in Chinese" after an untranslated title on a card), in the page's
    language; nothing otherwise."""
    page_language = get_language() or settings.LANGUAGE_CODE
    shown = language_shown(record, field, page_language)
    if shown == page_language or shown not in IN_LANGUAGE:
        return ""
    return format_html(' <span class="badge badge-language">{}</span>', IN_LANGUAGE[shown])


# The punctuation between the parts the portal puts together (a name and its title, a list
# of names, an aside in brackets), translated: Chinese writes full-width marks and lists
# names with the enumeration comma (黄强，研究员; 基因与蛋白、酶工程药物; 大阪大学（日本）).
SEPARATORS = {
    "comma": pgettext_lazy(
        "between a name and what follows about it: Huang Qiang, professor", ", "
    ),
    "list": pgettext_lazy("between the items of a list of names: genes, enzymes", ", "),
    "semicolon": pgettext_lazy("between the items of a list whose items hold commas", "; "),
}


@register.simple_tag
def separator(kind: str) -> str:
    """The punctuation between two parts, in the active language: ``"comma"`` after a name
    and before what it says about it, ``"list"`` between the items of a list of names,
    ``"semicolon"`` between items that hold commas themselves."""
    return str(SEPARATORS[kind])


@register.simple_tag
def aside(*parts) -> SafeString:
    """The parts (text, escaped here), joined by commas, in brackets after what they qualify:
    " (Japan, lead partner)" in English, "（日本，牵头合作方）" in Chinese."""
    joined = str(SEPARATORS["comma"]).join(
        str(conditional_escape(part)) for part in parts if part not in (None, "")
    )
    return mark_safe(  # noqa: S308 - the parts are escaped just above
        pgettext("an aside in brackets after what it qualifies: Kyoto (Japan)", " (%(aside)s)")
        % {"aside": joined}
    )


def _day(day: date) -> SafeString:
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), date_format(day))


@register.simple_tag
def date_range(start: date, end: date | None = None, ongoing: bool = False) -> SafeString:
    """The days from ``start`` to ``end``, each in a ``<time>``, joined by the active
    language's mark: "1 May 2025 – 3 June 2025", "2025年5月1日至2025年6月3日"; one day when
    ``end`` is missing or the same, or "1 May 2025 – ongoing" when ``ongoing``. A range is
    one ``<span>``: on a card's meta line (a flex row with gaps) a bare dash between two
    ``<time>`` was an item of its own, with a wide gap either side, even in Chinese."""
    if ongoing and end is None:
        text = pgettext(
            "a range of dates with no end yet: 1 May 2025 – ongoing", "%(start)s – ongoing"
        )
    elif end is None or end == start:
        return _day(start)
    else:
        text = pgettext("a range of dates: 1 May 2025 – 3 June 2025", "%(start)s – %(end)s")
    days = {"start": _day(start), "end": _day(end) if end else ""}
    return format_html(
        "<span>{}</span>",
        mark_safe(conditional_escape(text) % days),  # noqa: S308 - the text escaped, the days built escaped
    )


# A list's fields that order it or say whose list it is (noted beside the results), not
# filters a reader sets in its panel.
NOT_FILTERS = frozenset({"sort", "researcher"})


@register.simple_tag(takes_context=True)
def filters_in_use(context, fields) -> int:
    """How many of a list's filters the reader's query gives a value (``fields``: its form or
    its bound fields), for the "Filters (n)" of the panel a phone folds. Read from the query,
    not from each field's value: the fields' values made the lists 2.5 % dearer."""
    query = context["request"].GET
    if hasattr(fields, "fields"):
        named = fields.fields.items()
    else:
        named = ((field.name, field.field) for field in fields)
    # The values the list read (``values_read``): ?country=JP&country= filters by nothing.
    return sum(
        1
        for name, field in named
        if name not in NOT_FILTERS and name in query and any(values_read(field, query, name))
    )


def _refused_title(name: str) -> str:
    """A page's title when its form was refused (a 400): "Error: <name>", as gov.uk writes
    it; the lists' and the search page's."""
    return pgettext("a page's title", "Error: %(title)s") % {"title": name}


def _paged(page) -> bool:
    """Whether a page of a list (``page_obj``) is one of several: its title says which."""
    return page is not None and page.paginator.num_pages > 1


@register.simple_tag(takes_context=True)
def list_title(context, name: str) -> str:
    """A list page's <title> before the site's name (WCAG 2.4.2), from the list's ``name``:

    - "Error: <name>" when its filters were refused (a 400), as gov.uk writes it;
    - else "<name>: <value>" when the view named the one value the list is narrowed to
      (``title_filter``, ``cooperation.filters.one_value_named``), and "(page n of m)" after
      it when the list has more than one page.

    So that two tabs, the history and a screen reader's announcement of the page tell a
    list's pages and selections apart. The one rule for every list template."""
    form = context.get("filter_form")
    if form is not None and form.errors:
        return _refused_title(name)
    title = name
    if value := context.get("title_filter"):
        title = pgettext("a list's title, narrowed to one value", "%(list)s: %(value)s") % {
            "list": name,
            "value": value,
        }
    page = context.get("page_obj")
    if _paged(page):
        title = gettext("%(title)s (page %(number)s of %(total)s)") % {
            "title": title,
            "number": intcomma(page.number),
            "total": intcomma(page.paginator.num_pages),
        }
    return title


@register.simple_tag(takes_context=True)
def search_title(context) -> str:
    """The search page's <title> before the site's name, as ``list_title`` names a list's
    (WCAG 2.4.2): "Error: Search" when its form was refused; a search narrowed to one kind
    ("“enzyme” – Projects, page 2 of 5 – Search"); the hits of every kind, counted, "more
    than" when a kind has more than it shows; "Search" before anything is searched."""
    name = gettext("Search")
    form = context.get("form")
    if form is not None and form.errors:
        return _refused_title(name)
    results, page = context.get("results"), context.get("page_obj")
    if results is None:
        return name
    named = {"query": results.query}
    if page is not None:
        named["label"] = results.kind.label
        if not _paged(page):
            return gettext("“%(query)s” – %(label)s – Search") % named
        return gettext("“%(query)s” – %(label)s, page %(number)s of %(pages)s – Search") % {
            **named,
            "number": intcomma(page.number),
            "pages": intcomma(page.paginator.num_pages),
        }
    named["counter"] = results.total
    if results.more:
        return (
            ngettext(
                "“%(query)s” – Search (more than %(counter)s result)",
                "“%(query)s” – Search (more than %(counter)s results)",
                results.total,
            )
            % named
        )
    return (
        ngettext(
            "“%(query)s” – Search (%(counter)s result)",
            "“%(query)s” – Search (%(counter)s results)",
            results.total,
        )
        % named
    )


@register.simple_tag(takes_context=True)
def link_query(context, **changes) -> str:
    """Django's ``{% querystring %}`` of the reader's query but for its tracking parameters
    (``config.tracking``), for the links a page builds from it (``{% link_query page=None %}``):
    a cached page is served to every campaign's readers, and must carry none's on."""
    return querystring(context, query_without_tracking(context.request.GET), **changes)


@register.simple_tag(takes_context=True)
def page_links(context, page_obj) -> dict[str, str]:
    """A list's pagination from this page: the addresses of the previous and the next page
    ("" where there is none), and ``numbers``, the list of the pages it links to: the first
    and the last, and two on each side of it (Django's elided page range; a list of 100,000
    projects has 5,000 pages), "…" where pages are left out. Each link keeps the list's
    query, its page replaced, and is named for screen readers. Written here, not by the
    template: a ``querystring`` and a ``blocktranslate`` for each of seven links cost a list
    page 14-20 % more instructions, a loop over them in the template still 8-10 %; the rest
    of the query is encoded once, not once a link (0.2 M instructions each)."""
    paginator = page_obj.paginator
    query = queries_with(context["request"].GET, "page")
    name = gettext("Page %(number)s")
    items = []
    for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            items.append('<li><span aria-hidden="true">…</span></li>')
            continue
        shown = f"{number:,}"
        current = ' aria-current="page"' if number == page_obj.number else ""
        items.append(
            f'<li><a{current} href="{escape(query(str(number)))}" '
            f'aria-label="{escape(name % {"number": shown})}">{shown}</a></li>'
        )
    return {
        "previous": query(str(page_obj.number - 1)) if page_obj.has_previous() else "",
        "next": query(str(page_obj.number + 1)) if page_obj.has_next() else "",
        "numbers": mark_safe(f'<ul class="page-numbers">{"".join(items)}</ul>'),  # noqa: S308
    }


@register.simple_tag(takes_context=True)
def cite_and_share(context, record) -> SafeString:
    """The "Cite and share" block of a public record's page (a project, an article, an award,
    an achievement): its citation in the reader's language and its files, its address to
    copy, and the links that share it (``portal.citations``). From the columns the page has
    already loaded: no query more. Not in a staff preview, whose record may not be public.

    Rendered once per address (the record, the site's host) and reader's language, and kept
    under the content version, as a record's card is: its twenty labels cost an article 11 %
    more instructions on every request. The address is the page's canonical one, which a
    record not written in the reader's language shares with its page in another: the
    language is part of the key, as the block's labels and citation follow it."""
    request = context.get("request")
    if request is None or context.get("preview"):
        return SafeString()
    url = record_address(request, record)
    return cached_under_content_version(
        f"cite-share:{get_language()}:{hashlib.sha256(url.encode()).hexdigest()}",
        lambda: get_template("includes/cite_and_share.html").render(
            _cite_and_share_context(record, url)
        ),
        apps={"cooperation", record._meta.app_label},
    )


def _cite_and_share_context(record, url: str) -> dict:
    citation = citation_of(record, url)
    arguments = {"kind": KIND_OF_MODEL[type(record)], "key": record_key(record)}
    style, placeholder = citation_style(citation)
    if placeholder:
        style_note = gettext(
            "Style: %(style)s. Replace %(placeholder)s with the date you read the page."
        ) % {"style": style, "placeholder": placeholder}
    else:
        style_note = gettext("Style: %(style)s.") % {"style": style}
    return {
        "citation": citation_html(citation),
        "style_note": style_note,
        "url": url,
        "ris_url": reverse("portal:citation", kwargs={**arguments, "file_format": "ris"}),
        "bibtex_url": reverse("portal:citation", kwargs={**arguments, "file_format": "bib"}),
        "qr_url": reverse("portal:qr-code", kwargs=arguments),
        "share": share_links(url, record.title),
    }


@register.simple_tag
def breadcrumbs(record=None, section: str = "", steps=()) -> SafeString:
    """The page's breadcrumb trail (portal.breadcrumbs): a record's page gives the record
    (``{% breadcrumbs project %}``), a list narrowed below its section the section and the
    view's steps below it, each a name and an address, the last one's None
    (``{% breadcrumbs section="news" steps=breadcrumb_steps %}``). Nothing without either."""
    if record is not None:
        return trail_html(record_trail(record))
    if section and steps:
        return trail_html(list_trail(section, [Crumb(str(name), url) for name, url in steps]))
    return SafeString()
