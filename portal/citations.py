"""Citing and sharing a public record's page: the rules, in one place.

A project's, an article's, an award's or an achievement's page ends with "Cite and share"
(``includes/cite_and_share.html``, from ``portal_tags.cite_and_share``): a citation ready to
copy, the same as an RIS and a BibTeX file for reference managers, the page's address to copy,
and links to share it (e-mail, Weibo, a QR code for WeChat). The template only shows what these
functions give.

The citation follows the reader's language:

- Chinese: GB/T 7714—2015, the national standard Chinese universities and journals ask for,
  as an electronic resource (``[EB/OL]``): its update date in round brackets, then the date
  the reader consulted it, ``[引用日期]``, left for them to fill in, then the address.
- English: APA 7 for a web page by a group author (the units and institutions), the form most
  readers of the English portal meet; "Retrieved [access date], from" for a record that may
  still change (APA asks a retrieval date for those), none for a dated news article; a
  paper with a DOI is given by its DOI as a link (``https://doi.org/…``), in place of the
  page's address and with no retrieval date, as APA 7 gives any work that has one (GB/T
  7714 writes both, the address and then "DOI:…").

Both are the way each style writes it, in that language: their words ("等", "et al.",
"Retrieved … from") belong to the style, not to the interface's translations. Up to three
authors are named, then "等" or "et al." (GB/T 7714's rule; the files list them all). A
project's authors are its lead unit and its partner institutions, but not its funders: they
paid for the work, they did not do it (in every style and file alike).

The record's address is its canonical one, whole (``record_address``), as the page's
``rel=canonical``, the sitemap and the feeds give it: a record read in a language it is not
written in is cited and shared at its page in the language it is written in
(``canonical_language``, the one rule of both); the request's scheme and host (Django's
sitemaps and feeds use the same when no Sites framework is installed).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.core.cache import cache
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import get_language

from cooperation.models import (
    Achievement,
    AchievementKind,
    Award,
    CooperationProject,
    PartnerRole,
    canonical_language,
    language_shown,
    languages_written,
    partnerships_with_institutions,
    with_languages_written,
)
from cooperation.validators import doi_url
from news.models import Article


@dataclass(frozen=True)
class CitedKind:
    """A kind of record that can be cited: its public records with what a citation reads,
    and the URL argument that finds one (its slug, or an achievement's id)."""

    model: type[Model]
    records: Callable[[], QuerySet]
    lookup: str


# The kinds by the name their citation and QR code URLs give them. Each starts from the one
# publication rule (``.public()``): a record that is not public has no citation either.
CITED_KINDS: dict[str, CitedKind] = {
    "project": CitedKind(
        CooperationProject,
        lambda: (
            CooperationProject.objects.public()
            .select_related("lead_unit")
            .prefetch_related(partnerships_with_institutions())
        ),
        "slug",
    ),
    "article": CitedKind(Article, lambda: Article.objects.public(), "slug"),
    "award": CitedKind(Award, lambda: Award.objects.public(), "slug"),
    "achievement": CitedKind(Achievement, lambda: Achievement.objects.public(), "pk"),
}
KIND_OF_MODEL = {cited.model: name for name, cited in CITED_KINDS.items()}


def public_record(kind: str, key: str, *, address_only: bool = False) -> Model:
    """The public record of ``kind`` at ``key`` (its slug, or an achievement's id), or 404:
    an unknown kind, a malformed key, a draft or a scheduled record alike. With
    ``address_only``, only what its address needs is read (the QR code)."""
    cited = CITED_KINDS.get(kind)
    if cited is None or (cited.lookup == "pk" and not key.isdigit()):
        raise Http404
    if address_only:
        # Its address is the canonical one: the languages it is written in, worked out by
        # the database, as none of its texts is read.
        records = with_languages_written(cited.model.objects.public().only(cited.lookup))
    else:
        records = cited.records()
    try:
        return records.get(**{cited.lookup: key})
    except cited.model.DoesNotExist:
        raise Http404 from None


def key_as_written(kind: str, key: str) -> str:
    """``key`` as the addresses of ``kind`` write it (``record_key``): an achievement's id
    without leading zeros ("01" is "1", as its page's address is); a slug as it is. Read
    from the text alone: no query, nor a number made of a key of any length."""
    cited = CITED_KINDS.get(kind)
    if cited is not None and cited.lookup == "pk" and key.isdigit():
        return key.lstrip("0") or "0"
    return key


def renamed_records(kind: str) -> QuerySet | None:
    """The public records of ``kind`` that a slug they had before may name (a page saved or
    printed before its record was renamed: cooperation.addresses), or None for a kind found
    by its id (an achievement) or no kind at all."""
    cited = CITED_KINDS.get(kind)
    if cited is None or cited.lookup != "slug":
        return None
    return cited.model.objects.public()


def record_key(record: Model) -> str:
    """The URL argument that finds ``record`` among its kind's (``public_record``)."""
    return str(getattr(record, CITED_KINDS[KIND_OF_MODEL[type(record)]].lookup))


def record_address(request: HttpRequest, record: Model) -> str:
    """The record page's canonical address, whole, as its page's ``rel=canonical`` gives
    it: in the active language, or, for a record not written in it, in the first language
    it is written in (``canonical_language``). From the columns already loaded, or
    ``with_languages_written``'s annotations: no query."""
    with translation.override(canonical_language(get_language(), languages_written(record))):
        return request.build_absolute_uri(record.get_absolute_url())


@dataclass(frozen=True)
class Citation:
    """What a citation of one record says, in one language, before any style writes it."""

    kind: str  # a key of CITED_KINDS
    record_key: str  # what finds it among its kind's: its slug, or an achievement's id
    language: str
    authors: tuple[str, ...]  # group authors (units, institutions, bodies), in order
    title: str
    start_year: int
    end_year: int | None  # None: a project still running
    updated: datetime.date  # when readers last saw it change (``last_changed``)
    url: str
    publisher: str  # the base's name
    genre: str = ""  # what it is, in the reader's language ("Cooperation project", "论文")
    published: datetime.date | None = None  # a news article's date
    number: str = ""  # a patent's or a standard's number
    doi: str = ""
    abstract: str = ""
    retrieved: bool = True  # may still change: the reader notes when they read it
    title_language: str = ""  # the title's, where it is not ``language`` (not translated)

    @property
    def file_name(self) -> str:
        """Its files' name (before the extension): its slug, or "achievement-<id>"."""
        return self.record_key if self.kind != "achievement" else f"achievement-{self.record_key}"

    @property
    def in_chinese(self) -> bool:
        return self.language.startswith("zh")


def citation_of(record: Model, url: str, language: str | None = None) -> Citation:
    """The citation of a public record (one of ``CITED_KINDS``), at its address ``url``,
    in the active language: from the columns its page has already loaded, no query more."""
    language = language or get_language() or settings.LANGUAGE_CODE
    kind = KIND_OF_MODEL[type(record)]
    site = str(settings.SITE_NAME)
    common = {
        "kind": kind,
        "language": language,
        "title": record.title,
        "title_language": language_shown(record, "title", language),
        "updated": timezone.localdate(record.last_changed),
        "url": url,
        "publisher": site,
    }
    if isinstance(record, CooperationProject):
        # A funder paid for the work and did not do it: no author, in any style.
        partners = [
            partner.institution.name
            for partner in record.partnerships
            if partner.role != PartnerRole.FUNDER
        ]
        return Citation(
            record_key=record.slug,
            authors=(record.lead_unit.name, *partners),
            start_year=record.start_date.year,
            end_year=record.end_date.year if record.end_date else None,
            genre=str(capfirst(CooperationProject._meta.verbose_name)),
            abstract=record.summary,
            **common,
        )
    if isinstance(record, Award):
        return Citation(
            record_key=record.slug,
            authors=(record.granting_body,),
            start_year=record.year,
            end_year=record.year,
            genre=str(capfirst(Award._meta.verbose_name)),
            abstract=record.description,
            **common,
        )
    if isinstance(record, Achievement):
        paper = record.kind == AchievementKind.PAPER
        return Citation(
            record_key=str(record.pk),
            authors=(site,),
            start_year=record.year,
            end_year=record.year,
            genre=str(record.get_kind_display()),
            doi=record.identifier if paper else "",
            number="" if paper else record.identifier,
            abstract=record.description,
            **common,
        )
    published = timezone.localdate(record.published_at)
    return Citation(
        record_key=record.slug,
        authors=(site,),
        start_year=published.year,
        end_year=published.year,
        published=published,
        abstract=record.summary,
        retrieved=False,
        **common,
    )


# Citation text ---------------------------------------------------------------------------

NAMED_AUTHORS = 3
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _closed(text: str) -> str:
    """``text`` ended by a full stop, not two ("Co., Ltd." keeps its own)."""
    return text if text.endswith((".", "?", "!", "。", "？", "！")) else text + "."


def _years(citation: Citation, dash: str, ongoing: str) -> str:
    if citation.end_year == citation.start_year:
        return str(citation.start_year)
    end = ongoing if citation.end_year is None else str(citation.end_year)
    return f"{citation.start_year}{dash}{end}"


# Each style's name, and what its text leaves for the reader to fill in: the date they read
# the page. GB/T 7714 asks it of every electronic resource ("[引用日期]"), APA of a page that
# may still change ("Retrieved [access date], from"), not of a dated news article.
CHINESE_STYLE, CHINESE_ACCESS_DATE = "GB/T 7714—2015", "[引用日期]"
ENGLISH_STYLE, ENGLISH_ACCESS_DATE = "APA 7", "[access date]"


def citation_style(citation: Citation) -> tuple[str, str]:
    """The style a citation is written in, and the placeholder its text leaves for the date
    the reader read the page ("" where it leaves none): the page says to replace it."""
    if citation.in_chinese:
        return CHINESE_STYLE, CHINESE_ACCESS_DATE
    return ENGLISH_STYLE, ENGLISH_ACCESS_DATE if _apa_retrieved(citation) else ""


def _apa_retrieved(citation: Citation) -> bool:
    # APA 7 asks a retrieval date of a page that may change, never of a work found by its
    # DOI (whose version is archived).
    return citation.retrieved and not citation.doi


def citation_text(citation: Citation) -> str:
    """The citation as the reader's language writes it: GB/T 7714—2015 in Chinese, APA 7 in
    English (see the module's docstring)."""
    before, after = _around_title(citation)
    return before + citation.title + after


def citation_html(citation: Citation) -> SafeString:
    """:func:`citation_text` for a page, escaped, its title marked with its language when
    it is not the citation's (a record not translated: its Chinese title in an English
    citation), as a card marks it (WCAG 3.1.2). Copied, it is the same text."""
    before, after = _around_title(citation)
    language = citation.title_language
    if language and language != citation.language:
        title = format_html('<span lang="{}">{}</span>', language, citation.title)
    else:
        title = escape(citation.title)
    return format_html("{}{}{}", before, title, after)


def _around_title(citation: Citation) -> tuple[str, str]:
    """The citation's text before its title and after it, in the reader's language's style."""
    return _gb_t_7714(citation) if citation.in_chinese else _apa(citation)


def _gb_t_7714(citation: Citation) -> tuple[str, str]:
    # 主要责任者. 题名: 其他题名信息[EB/OL]. 出版者, 出版年. (更新或修改日期)[引用日期]. 获取和访问路径. DOI.
    authors = list(citation.authors[:NAMED_AUTHORS])
    if len(citation.authors) > NAMED_AUTHORS:
        authors.append("等")
    number = f": {citation.number}" if citation.number else ""
    parts = [f"{number}[EB/OL]."]
    source = [] if citation.publisher in citation.authors else [citation.publisher]
    if citation.published is None:
        source.append(_years(citation, "—", "至今"))
    if source:
        parts.append(", ".join(source) + ".")
    parts.append(f"({citation.updated:%Y-%m-%d}){CHINESE_ACCESS_DATE}.")
    parts.append(citation.url + ".")
    if citation.doi:
        parts.append(f"DOI:{citation.doi}.")
    return _closed(", ".join(authors)) + " ", " ".join(parts)


def _apa(citation: Citation) -> tuple[str, str]:
    # Group author. (Date). Title [Description]. Site Name. Retrieved [date], from URL
    # (or, for a work with a DOI: ... Site Name. https://doi.org/DOI)
    names = list(citation.authors[:NAMED_AUTHORS])
    if len(citation.authors) > NAMED_AUTHORS:
        authors = ", ".join(names) + ", et al."
    elif len(names) > 1:
        authors = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        authors = names[0]
    if citation.published is not None:
        day = citation.published
        date = f"{day.year}, {MONTHS[day.month - 1]} {day.day}"
    else:
        date = _years(citation, "–", "present")
    description = ", ".join(part for part in (citation.genre, citation.number) if part)
    title = _closed(citation.title + (f" [{description}]" if description else ""))
    parts = [title.removeprefix(citation.title)]
    if citation.publisher not in citation.authors:
        parts.append(_closed(citation.publisher))
    if citation.doi:
        # APA 7: a work with a DOI is given by it, as a link, in place of any other address.
        parts.append(doi_url(citation.doi))
    elif _apa_retrieved(citation):
        parts.append(f"Retrieved {ENGLISH_ACCESS_DATE}, from {citation.url}")
    else:
        parts.append(citation.url)
    return f"{_closed(authors)} ({date}). ", " ".join(parts)


# Files for reference managers ------------------------------------------------------------

RIS_CONTENT_TYPE = "application/x-research-info-systems; charset=utf-8"
BIBTEX_CONTENT_TYPE = "application/x-bibtex; charset=utf-8"
FILE_LANGUAGES = {"zh-hans": ("zh-Hans", "chinese"), "en": ("en", "english")}


def _one_line(text: str) -> str:
    """A value on one line: a tagged format's line break would end the field."""
    return " ".join(text.split())


def citation_ris(citation: Citation) -> str:
    """The citation as an RIS record (``TY  - `` to ``ER  - ``, CRLF line ends, UTF-8), the
    format every reference manager imports (EndNote, Zotero, Mendeley, NoteExpress): a web
    page (``ELEC``), every author, no access date (the reader's manager records it)."""
    language = FILE_LANGUAGES.get(citation.language, (citation.language, ""))[0]
    fields: list[tuple[str, str]] = [("TY", "ELEC")]
    fields += [("AU", author) for author in citation.authors]
    fields += [("TI", citation.title), ("PY", str(citation.start_year))]
    if citation.published is not None:
        fields.append(("DA", f"{citation.published:%Y/%m/%d}"))
    fields += [("PB", citation.publisher), ("UR", citation.url), ("LA", language)]
    note = ", ".join(
        part for part in (citation.genre, citation.number, _years(citation, "–", "")) if part
    )
    fields.append(("N1", note))
    if citation.doi:
        fields.append(("DO", citation.doi))
    if citation.abstract:
        fields.append(("AB", citation.abstract))
    fields.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in fields)


_BIBTEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    """``text`` as a BibTeX value holds it literally: TeX's special characters escaped."""
    return _BIBTEX_SPECIAL.sub(
        lambda match: _BIBTEX_ESCAPES.get(match[0], "\\" + match[0]), _one_line(text)
    )


def citation_bibtex(citation: Citation) -> str:
    """The citation as one BibTeX entry (``@misc``, which BibTeX and biblatex both read),
    each author a group author in double braces, so that "College of Pharmacy" is not read
    as a person named Pharmacy; its key is the record's kind and ``record_key``."""
    language = FILE_LANGUAGES.get(citation.language, ("", citation.language))[1]
    note = ", ".join(
        part for part in (citation.genre, citation.number, _years(citation, "--", "")) if part
    )
    fields = [
        ("author", " and ".join("{" + bibtex_escape(a) + "}" for a in citation.authors)),
        ("title", "{" + bibtex_escape(citation.title) + "}"),
        ("year", str(citation.start_year)),
    ]
    if citation.published is not None:
        fields.append(("date", citation.published.isoformat()))
    fields += [
        ("publisher", bibtex_escape(citation.publisher)),
        ("howpublished", r"\url{" + citation.url + "}"),
        ("url", citation.url),
        ("note", bibtex_escape(note)),
        ("language", language),
    ]
    if citation.doi:
        fields.append(("doi", bibtex_escape(citation.doi)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{citation.kind}:{citation.record_key},\n{body}\n}}\n"


# Sharing ---------------------------------------------------------------------------------


def share_links(url: str, title: str) -> dict[str, str]:
    """Where a reader shares a page without any script of a third party: an e-mail with the
    title as its subject and the address as its body (RFC 6068: spaces as %20), and Weibo's
    share page. (WeChat has no share address: its readers scan the QR code.)"""
    return {
        "email": f"mailto:?subject={quote(title, safe='')}&body={quote(url, safe='')}",
        "weibo": "https://service.weibo.com/share/share.php?"
        + urlencode({"url": url, "title": title}, quote_via=quote),
    }


QR_CACHE_SECONDS = 30 * 24 * 3600


def qr_code_svg(url: str) -> str:
    """A QR code of ``url`` as an SVG document (segno; error correction M, the quiet zone of
    four modules scanners need, black on white so a dark page does not hide it). An address's
    code never changes, so it is made once (some 8 ms) and kept by address."""
    key = "qr-svg:" + hashlib.sha256(url.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        out = io.BytesIO()
        # A viewBox and no size: the <img> that shows it sets the size, and it scales sharp.
        segno.make(url, error="m", micro=False).save(
            out,
            kind="svg",
            border=4,
            dark="#000",
            light="#fff",
            omitsize=True,
            svgclass=None,
            lineclass=None,
        )
        svg = out.getvalue().decode()
        cache.set(key, svg, QR_CACHE_SECONDS)
    return svg
