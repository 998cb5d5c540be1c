"""The one search entry point of the portal: ``search(query, language)``.

Which records a query finds is cooperation.text_search.matching, the rule the project
directory's keyword box shares; here they are ranked. On PostgreSQL, English queries use ranked
full-text search (websearch syntax, English stemming, accents folded) and queries with Chinese
characters use substring matching (pg_trgm indexes; no Chinese tokenizer needed), title matches
first, then the most recent. Chinese queries of one or two characters, too short for pg_trgm,
match the stored Chinese unigrams and bigrams of each record instead (portal.0005). On SQLite a
case-insensitive substring match, accents folded, stands in.
An achievement is also found by its whole identifier (a paper's DOI, a patent's number), and
that match comes first (portal.0009). Only public records are ever searched.

The search page shows the first RESULTS_PER_KIND hits of each kind (``search``); a search
narrowed to one kind (``KindResults``) pages through its ranked matches, the first
SEARCH_CANDIDATES of them. Which records a query ranks first is kept while the public
records are unchanged (_first_matches, _ranking): the same search again, at another address
or on the other portal, reads only the records it shows, by key.
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Model, Q, QuerySet
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override, pgettext_lazy

from config.search_columns import CHINESE, MAX_QUERY_LENGTH
from cooperation.models import (
    Achievement,
    Award,
    CooperationProject,
    Exchange,
    Institution,
    Researcher,
    contains_in_either_language,
    fold_accents,
    language_shown,
)
from cooperation.publication import cached_while_published
from cooperation.text_search import (
    SEARCH_CONFIGURATION,
    english_query,
    every_term,
    holds_whole,
    matching,
    normalise_query,
    stored_english_document,
    text_columns,
    word_pairs,
)
from cooperation.validators import bare_doi
from news.models import Article

RESULTS_PER_KIND = 20
# A query ranks only this many of its most recently added matches in each kind (_matches):
# the most a reader can page through in one kind (KindResults).
SEARCH_CANDIDATES = 1000
# The hits of one kind, when the search is narrowed to it (KindResults), a page at a time.
KIND_PAGE_SIZE = 50
# A search that finds this many hits or fewer, of a query in the other language's script,
# offers the same search in that language's portal (SearchResults.other_language).
FEW_RESULTS = 3
LATIN_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class SearchKind:
    """One kind of record the portal searches, with its searchable text fields."""

    # Its name in a search narrowed to it (``?kind=projects``).
    key: str
    label: str
    title_field: str
    text_field: str
    public_records: Callable[[], QuerySet]
    # What get_absolute_url() reads, beside the title and text a hit shows.
    url_fields: tuple[str, ...] = ("slug",)
    # People are looked up by name: a part of it in either language, read from every row
    # (a base has hundreds to a few thousand researchers; 5,000 take about a millisecond
    # on PostgreSQL), without a search document or a stemmed word.
    by_name_only: bool = False
    # A column matched whole, whatever its case, by the query read as an identifier
    # (identifier_query): a paper's DOI, a patent's number. Such a match comes first.
    identifier_field: str | None = None

    def text_columns(self) -> list[str]:
        """The title and text columns, in both languages (modeltranslation's columns)."""
        return text_columns(self.title_field, self.text_field)

    def matching(self, queryset: QuerySet, query: str) -> tuple[QuerySet, Q]:
        """Its records the query finds (cooperation.text_search.matching): the queryset with
        what the condition names, and the condition."""
        return matching(queryset, query, self.title_field, self.text_field)

    def hit_fields(self) -> list[str]:
        """The columns a hit needs, in both languages (the fallback reads the other one): a
        search loads only these of the rows it shows, not whole records."""
        identifier = [self.identifier_field] if self.identifier_field else []
        return [*self.text_columns(), *self.url_fields, *identifier]

    def identifier_match(self, identifier: str) -> Q | None:
        """The condition of a record whose identifier is the query's, if the kind has one."""
        if not (self.identifier_field and identifier):
            return None
        return Q(**{f"{self.identifier_field}__iexact": identifier})


@dataclass
class Hit:
    title: SafeString
    snippet: SafeString
    url: str
    record: object
    # The record's identifier (a DOI, a patent number), for the kinds that have one.
    identifier: SafeString | str = ""
    # Found by its whole identifier: first in its kind, and its kind first.
    by_identifier: bool = False
    # The language the title and the snippet are shown in, where it is not the page's (a
    # Chinese query's hits on the English site, a record's untranslated text shown in the
    # other language); empty otherwise. Each marks its own text (``lang``), not the list:
    # the list's labels ("Identifier") are in the page's language.
    title_language: str = ""
    snippet_language: str = ""


@dataclass
class ResultGroup:
    """The hits of one kind on the search page: its first RESULTS_PER_KIND, and whether it
    has more (read as one row more, not counted: counting every match of a common word
    cost as much as the search)."""

    kind: SearchKind
    hits: list[Hit]
    more: bool = False

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def shown_count(self) -> str:
        """The hits shown, as the heading gives them: "6", or "20+" when there are more."""
        return f"{len(self.hits)}{'+' if self.more else ''}"


@dataclass
class SearchResults:
    """A search of every kind: the first hits of each kind that has any."""

    query: str
    groups: list[ResultGroup] = field(default_factory=list)
    # The language the hits are shown in: a Chinese query's in Chinese, whatever the page's
    # (each hit's title and snippet say theirs: Hit.title_language, Hit.snippet_language).
    hits_language: str = ""
    # The page's.
    language: str = ""

    @property
    def total(self) -> int:
        """The hits shown: all there are unless ``more``."""
        return sum(len(group.hits) for group in self.groups)

    @property
    def more(self) -> bool:
        """Whether a kind has more hits than it shows: the total is then a lower bound."""
        return any(group.more for group in self.groups)

    @property
    def quoted_query(self) -> SafeString:
        """The query as the page quotes it (:func:`quoted_query`)."""
        return quoted_query(self.query, self.language)

    @property
    def other_language(self) -> str | None:
        """The portal's other language, when the search found FEW_RESULTS hits or fewer and
        the query is written as its readers write: with Chinese characters on the English
        site, in Latin letters (and no Chinese character) on the Chinese one. Read from the
        query alone: nothing is searched again."""
        if self.more or self.total > FEW_RESULTS:
            return None
        return script_language(self.query, self.language)


def script_language(query: str, language: str) -> str | None:
    """The other language than ``language`` whose script ``query`` is written in, if any."""
    if language == "en" and CHINESE.search(query):
        return "zh-hans"
    if language == "zh-hans" and LATIN_LETTER.search(query) and not CHINESE.search(query):
        return "en"
    return None


def quoted_query(query: str, language: str) -> SafeString:
    """The reader's words as a page in ``language`` quotes them ("8 results for “前列腺”"),
    escaped, in a ``<span lang>`` when they are written in the other language's script: a
    screen reader reads them with that language's voice (WCAG 3.1.2)."""
    other = script_language(query, language)
    return format_html('<span lang="{}">{}</span>', other, query) if other else escape(query)


KINDS = [
    SearchKind(
        "projects", _("Projects"), "title", "summary", lambda: CooperationProject.objects.public()
    ),
    SearchKind("news", _("News"), "title", "summary", lambda: Article.objects.public()),
    SearchKind(
        "institutions", _("Institutions"), "name", "city", lambda: Institution.objects.all()
    ),
    SearchKind(
        "awards",
        _("Awards"),
        "title",
        "granting_body",
        lambda: Award.objects.public(),
        ("slug", "year"),
    ),
    # Their pages live at their ids: get_absolute_url() reads nothing more.
    SearchKind(
        "achievements",
        pgettext_lazy("the base's results", "Achievements"),
        "title",
        "description",
        lambda: Achievement.objects.public(),
        url_fields=(),
        identifier_field="identifier",
    ),
    SearchKind(
        "exchanges",
        _("Exchanges"),
        "title",
        "description",
        lambda: Exchange.objects.public(),
        url_fields=(),
    ),
    SearchKind(
        "researchers",
        _("Researchers"),
        "name",
        "title",
        lambda: Researcher.objects.all(),
        by_name_only=True,
    ),
]
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
# The kinds searched through the stored English documents and Chinese grams of their rows,
# which portal.0003-0006 add and index, and portal.0009 for achievements and exchanges
# (researchers are looked up by name alone).
DOCUMENT_KINDS = [kind for kind in KINDS if not kind.by_name_only]


def identifier_query(query: str) -> str:
    """The identifier a (normalised) query names: itself, or a DOI as readers paste it (bare,
    as a link or after "doi:"), as Achievement.clean stores it (``bare_doi``). A link's path,
    decoded, is cleaned again (%00 is no text)."""
    identifier = bare_doi(query)
    return identifier if identifier == query else normalise_query(identifier)


@dataclass(frozen=True)
class PreparedQuery:
    """A query as each kind is searched for it and its hits are shown."""

    text: str  # normalised, capped
    identifier: str  # identifier_query
    mark: Highlighter
    # The page's language, which links stay in, and the hits' (SearchResults.hits_language).
    language: str
    hits_language: str


def prepare_query(query: str, language: str) -> PreparedQuery | None:
    """The query, read for searching on a page in ``language``; None when it holds nothing
    to search for."""
    text = normalise_query(query)[:MAX_QUERY_LENGTH]
    if not text:
        return None
    identifier = identifier_query(text)
    pairs = [pair for term in text.split() for pair in word_pairs(term)]
    marked = [text, *pairs, *([identifier] if identifier != text else [])]
    return PreparedQuery(
        text=text,
        identifier=identifier,
        mark=Highlighter(" ".join(marked)),
        language=language,
        # Titles and snippets come in the reader's language (with fallback), except that
        # a Chinese query shows the Chinese text it matched.
        hits_language="zh-hans" if CHINESE.search(text) else language,
    )


def search(query: str, language: str) -> SearchResults:
    """Search projects, news, institutions, awards, achievements, exchanges and researchers
    (by name); best matches first in each kind, an achievement found by its identifier
    first of all. Each kind reads one row more than it shows, which tells whether it has
    more (ResultGroup.more): one query a kind, nothing counted; or, for a query whose
    ranking is kept (_first_matches), one query by key for each kind that found records."""
    prepared = prepare_query(query, language)
    if prepared is None:
        return SearchResults(query="")
    results = SearchResults(
        query=prepared.text, hits_language=prepared.hits_language, language=language
    )
    shown = RESULTS_PER_KIND
    found = _first_matches(prepared, shown + 1)
    for kind in KINDS:
        records = found.get(kind.key)
        if records:
            # The row past those shown only says there are more: it is not marked.
            hits = _hits(kind, records[:shown], prepared)
            results.groups.append(ResultGroup(kind, hits, more=len(records) > shown))
    # The record a reader named by its identifier leads the page (a stable sort: the
    # other kinds keep their order).
    results.groups.sort(key=lambda group: not group.hits[0].by_identifier)
    return results


def _first_matches(prepared: PreparedQuery, depth: int) -> dict[str, list[Model]]:
    """By kind key, the first ``depth`` records of each kind that the query finds, best first
    (_matches), loaded with the columns a hit shows; a kind that finds nothing is left out.

    Which records those are is kept, per query, while the public records are unchanged
    (cached_while_published: a record change, or a scheduled record coming due, ranks them
    afresh): each kind's keys, and whether each record was found by its identifier. Ranking
    walks thousands of records of each kind, through queries of several parts that take the
    ORM 5-10 M instructions each to build (most of a search's); a kept ranking is read
    back by key, one short query for each kind that found records. It does not depend on the
    page's language: both portals, and every address of the same search, share it."""
    ranked_now: dict[str, list[Model]] = {}

    def rank() -> dict[str, list[tuple[int, bool]]]:
        for kind in KINDS:
            matches = _matches(kind, prepared.text, prepared.identifier, depth=depth)
            records = list(matches.only(*kind.hit_fields())[:depth])
            if records:
                ranked_now[kind.key] = records
        return {
            key: [(record.pk, _found_by_identifier(record)) for record in records]
            for key, records in ranked_now.items()
        }

    # The name says all the ranking depends on beside the records: the query, and how many
    # of its matches each kind ranks and reads.
    name = f"search-first-hits:{SEARCH_CANDIDATES}:{depth}:{_query_key(prepared)}"
    ranked = cached_while_published(name, rank)
    if ranked_now or not ranked:
        return ranked_now
    return {key: _by_keys(KINDS_BY_KEY[key], keys) for key, keys in ranked.items()}


def _by_keys(kind: SearchKind, ranked: list[tuple[int, bool]]) -> list[Model]:
    """The public records of a kind with these keys (as _first_matches keeps them), in their
    order, loaded with the columns a hit shows; those found by their identifier say so."""
    # In the kept order: the model's own is not asked for.
    public = kind.public_records().only(*kind.hit_fields()).order_by()
    by_key = public.in_bulk([key for key, _ in ranked])
    records = []
    for key, by_identifier in ranked:
        record = by_key.get(key)
        if record is not None:
            if by_identifier:
                record.identifier_match = True
            records.append(record)
    return records


def _found_by_identifier(record: Model) -> bool:
    """Whether a record was found by its identifier (_identifier_first)."""
    return bool(getattr(record, "identifier_match", False))


class KindResults:
    """A search narrowed to one kind, to page through (a Paginator's object list): the
    kind's matches ranked as the search page ranks them, the first SEARCH_CANDIDATES of
    them. That is every match a query ranks on PostgreSQL (_matches), and as many on
    SQLite: counted once (at most SEARCH_CANDIDATES rows read), and the count kept while the
    public records are unchanged, shown a page at a time."""

    def __init__(self, query: str, language: str, kind: SearchKind) -> None:
        self.kind = kind
        self.prepared = prepare_query(query, language)
        self.query = self.prepared.text if self.prepared else ""
        self.language = language
        self.hits_language = self.prepared.hits_language if self.prepared else language
        self.ranked = None
        if self.prepared is not None:
            matches = _matches(kind, self.query, self.prepared.identifier, SEARCH_CANDIDATES)
            self.ranked = matches.only(*kind.hit_fields())[:SEARCH_CANDIDATES]

    @functools.cached_property
    def total(self) -> int:
        """How many of its matches a reader can page through: counted by the first page of
        a query, the next pages read it (a count walked the newest matches again)."""
        if self.ranked is None:
            return 0
        name = f"search-count:{self.kind.key}:{SEARCH_CANDIDATES}:{_query_key(self.prepared)}"
        return cached_while_published(name, self.ranked.count)

    @property
    def quoted_query(self) -> SafeString:
        """The query as the page quotes it (:func:`quoted_query`)."""
        return quoted_query(self.query, self.language)

    def count(self) -> int:
        return self.total

    @property
    def limit(self) -> int:
        return SEARCH_CANDIDATES

    @property
    def limited(self) -> bool:
        """Whether the kind may have matches beyond those a reader can page through."""
        return self.total >= SEARCH_CANDIDATES

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[Hit]:
        if self.ranked is None:
            return []
        return _hits(self.kind, self.ranked[index], self.prepared)


def _query_key(prepared: PreparedQuery) -> str:
    """A short digest of a query as searched, for the names of what is kept for it."""
    return hashlib.sha256(prepared.text.encode()).hexdigest()


def _hits(kind: SearchKind, records: Iterable[Model], query: PreparedQuery) -> list[Hit]:
    """The hits of these records: their titles and snippets in the hits' language, marked;
    their links in the page's. A Chinese query on the English site shows the Chinese text
    it matched, but leads to the records' English pages: the reader keeps the interface in
    their language (a record's page shows what it has in English, and says what it has not).
    Each title and snippet names its language where it is not the page's, read from the
    columns loaded (no query): the hits' language, or the other one where the record has
    no text in it."""
    mark = query.mark

    def marked_language(record: object, field: str) -> str:
        shown = language_shown(record, field, query.hits_language)
        return "" if shown == query.language else shown

    with override(query.hits_language):
        hits = [
            Hit(
                title=mark(getattr(record, kind.title_field) or ""),
                snippet=mark(getattr(record, kind.text_field) or "", length=240),
                url="",
                record=record,
                identifier=mark(getattr(record, kind.identifier_field) or "")
                if kind.identifier_field
                else "",
                by_identifier=_found_by_identifier(record),
                title_language=marked_language(record, kind.title_field),
                snippet_language=marked_language(record, kind.text_field),
            )
            for record in records
        ]
    with override(query.language):
        for hit in hits:
            hit.url = hit.record.get_absolute_url()
    return hits


def _matches(kind: SearchKind, query: str, identifier: str = "", depth: int = 0) -> QuerySet:
    """Records of a kind matching the query, best first, of which the first ``depth`` (or
    RESULTS_PER_KIND) are read.

    On PostgreSQL an English query ranks, by full-text rank, the SEARCH_CANDIDATES most
    recently added matches, as a Chinese query does (_chinese_matches). Ranking every match
    read and ranked the search document of each: a common word is in a tenth of all records
    (20,000 of 200,000 articles: 83 ms; the 1,000 newest: 23 ms). A better-ranked older
    match is passed over only when the word is in more than SEARCH_CANDIDATES records. As
    for Chinese, the planner walks the primary key for a word it expects to be common; a
    word common only among old records makes that walk long.

    A kind with an identifier (achievements) also matches the records whose identifier is
    ``identifier`` (identifier_query), case aside, through an index of its own (portal.0009;
    SQLite: LIKE without wildcards), and puts them first. That condition joins the others in
    the subquery of the newest matches, so the search makes no query more; a record found by
    its identifier is passed over only if more than SEARCH_CANDIDATES newer records also
    match the identifier's words, that is, cite it."""
    queryset = kind.public_records()
    if kind.by_name_only:
        return queryset.filter(contains_in_either_language(kind.title_field, query)).order_by("-pk")
    by_identifier = kind.identifier_match(identifier)
    if connection.vendor != "postgresql":
        searched, condition = kind.matching(queryset, query)
        matching = searched.filter(_or(condition, by_identifier))
        return _identifier_first(matching, by_identifier).order_by(*_order(by_identifier, "-pk"))
    if CHINESE.search(query):
        return _chinese_matches(kind, queryset, query, by_identifier, depth)
    searched, condition = kind.matching(queryset, query)
    matching = searched.filter(_or(condition, by_identifier))
    return (
        _identifier_first(_candidates(queryset, matching), by_identifier)
        .annotate(rank=SearchRank(stored_english_document(), english_query(query)))
        .order_by(*_order(by_identifier, "-rank", "-pk"))
    )


def _or(condition: Q, by_identifier: Q | None) -> Q:
    """``condition``, or else a match of the identifier where the kind has one."""
    return condition if by_identifier is None else condition | by_identifier


def _identifier_first(queryset: QuerySet, by_identifier: Q | None) -> QuerySet:
    """``identifier_match`` on each record of a kind with an identifier: true where it is
    the query's (read by search() and put first by _order)."""
    if by_identifier is None:
        return queryset
    return queryset.annotate(
        identifier_match=ExpressionWrapper(by_identifier, output_field=BooleanField())
    )


def _order(by_identifier: Q | None, *order: str) -> tuple[str, ...]:
    """A kind's order, behind its identifier matches where it has an identifier."""
    return order if by_identifier is None else ("-identifier_match", *order)


def _candidates(queryset: QuerySet, matching: QuerySet) -> QuerySet:
    """The records of ``queryset`` among the SEARCH_CANDIDATES most recently added of
    ``matching``: the ones a query ranks, in either language."""
    return queryset.filter(pk__in=_newest(matching))


def _newest(matching: QuerySet, count: int | None = None) -> QuerySet:
    """The keys of the ``count`` (SEARCH_CANDIDATES) most recently added of ``matching``."""
    return matching.order_by("-pk").values("pk")[: count or SEARCH_CANDIDATES]


def _chinese_matches(
    kind: SearchKind,
    queryset: QuerySet,
    query: str,
    by_identifier: Q | None = None,
    depth: int = 0,
) -> QuerySet:
    """A query with Chinese characters (PostgreSQL): records containing it, those with it in
    their title first, most recently added first, among the SEARCH_CANDIDATES most recently
    added matches.

    Chinese has no letter case: plain LIKE, which the trigram indexes serve from three
    characters on. Shorter queries match the indexed grams instead (portal.0005): a query of
    Chinese characters only is one gram, an exact match; else (e.g. "酶A") its Chinese
    characters narrow and LIKE decides (cooperation.text_search.matching).

    Trigram similarity ranked these before, but says little about Chinese text, which has no
    spaces: a title scores when it starts or ends with the query, or is short. Yet it was
    computed for every match: a common word is in a tenth of all records, a common character
    in a fifth (20,000 and 44,000 articles at 200,000: 100 and 160 ms on all cores). Only
    the most recent matches are ranked, found by a walk down the primary key that stops when
    it has enough (or from the index, for a rare word): 3-8 ms. An older title match is
    passed over only when fewer than RESULTS_PER_KIND of those have the query in their title.

    A short query that is a common gram (common_grams) is matched with LIKE all the same:
    the walk then finds its matches close together, and tests each record's two texts with
    LIKE three to four times faster than its stored grams with @> (which the walk tests
    first when given both, as PostgreSQL orders conditions of equal cost as written).

    ``by_identifier`` (an achievement's identifier is the query's, see _matches) joins
    whichever condition the query matches by.
    """
    terms = query.split()
    if len(terms) > 1 or word_pairs(query):
        return _chinese_terms_matches(kind, queryset, query, by_identifier, depth)
    searched, condition = kind.matching(queryset, query)
    matching = searched.filter(_or(condition, by_identifier))
    in_title = Q(**{f"{kind.title_field}_zh_hans__contains": query})
    return (
        _identifier_first(_candidates(queryset, matching), by_identifier)
        .annotate(in_title=ExpressionWrapper(in_title, output_field=BooleanField()))
        .order_by(*_order(by_identifier, "-in_title", "-pk"))
    )


def _chinese_terms_matches(
    kind: SearchKind,
    queryset: QuerySet,
    query: str,
    by_identifier: Q | None = None,
    depth: int = 0,
) -> QuerySet:
    """A query of several terms with Chinese characters among them ("海洋 药物",
    "microbial 微生物"), or of one long Chinese term ("海洋药物", word_pairs; PostgreSQL):
    records holding every term, each in its Chinese text or title, a term without Chinese
    characters also in the English ones, whatever its case, and a long Chinese term as its
    pairs of characters, through the stored grams' index. Those with every Chinese term
    whole in their title come first, then those holding every term whole, then the most
    recently added: the SEARCH_CANDIDATES most recently added of those holding every term
    whole, which newer looser matches must not push out, and the ``depth`` newest looser
    ones (as many as the caller reads: a page of the search, or every hit a reader can page
    through in one kind)."""
    terms = query.split()
    title = f"{kind.title_field}_zh_hans"
    chinese_terms = [term for term in terms if CHINESE.search(term)]
    in_title = every_term(chinese_terms, lambda term: Q(**{f"{title}__contains": term}))
    ranked_by = ["-in_title", "-pk"]
    holding_whole = every_term(
        terms, lambda term: holds_whole(kind.title_field, kind.text_field, term)
    )
    matching = queryset.filter(_or(holding_whole, by_identifier))
    if not any(word_pairs(term) for term in terms):
        candidates = _candidates(queryset, matching)
    else:
        # Every match (cooperation.text_search.matching): each long term as its pairs.
        searched, held = kind.matching(queryset, query)
        loose = searched.filter(_or(held, by_identifier))
        # Only the newest looser matches are needed: they follow every whole one, newest
        # first, so they fill the rows read (``depth``) only where fewer whole ones do.
        newest_loose = _newest(loose, depth or RESULTS_PER_KIND)
        candidates = queryset.filter(pk__in=_newest(matching).union(newest_loose))
        candidates = candidates.annotate(
            whole=ExpressionWrapper(holding_whole, output_field=BooleanField())
        )
        ranked_by.insert(1, "-whole")
    return (
        _identifier_first(candidates, by_identifier)
        .annotate(in_title=ExpressionWrapper(in_title, output_field=BooleanField()))
        .order_by(*_order(by_identifier, *ranked_by))
    )


def english_document(kind: SearchKind) -> SearchVector:
    """The English search document of a kind, as computed from its text; portal.0004 keeps
    it in a stored column (tests/portal/test_search_indexes.py checks the two agree)."""
    return SearchVector(
        f"{kind.title_field}_en", weight="A", config=SEARCH_CONFIGURATION
    ) + SearchVector(f"{kind.text_field}_en", weight="B", config=SEARCH_CONFIGURATION)


class Highlighter:
    """Escapes texts and wraps each occurrence of a query's words in <mark>: the words
    sorted and compiled once for all the titles and snippets of a search (160 of them), not
    once for each. Accents aside, as English search takes them (portal.0011): "Charite"
    marks "Charité"."""

    def __init__(self, query: str) -> None:
        terms = sorted({fold_accents(t) for t in query.split() if t}, key=len, reverse=True)
        self.pattern = (
            re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
        )

    def __call__(self, text: str, length: int | None = None) -> SafeString:
        """``text`` escaped, its matches marked; with ``length``, cut to about that many
        characters around the first match. The text's accents are folded once: the folded
        text has the text's length, so a match's place in one is its place in both, and the
        cut is made in both alike. The standard library's escape, as Django's escape() calls
        it, without the lazy-text check around each piece: marking a search's titles and
        snippets took half as many instructions again (the output is the same)."""
        if self.pattern is None:
            if length is not None and len(text) > length:
                text = text[:length] + "…"
            return SafeString(html.escape(text))
        folded = fold_accents(text)
        if length is not None and len(text) > length:
            first = self.pattern.search(folded)
            start = max(0, (first.start() if first else 0) - length // 3)
            before = "…" if start else ""
            text = before + text[start : start + length] + "…"
            folded = before + folded[start : start + length] + "…"
        parts, last = [], 0
        for match in self.pattern.finditer(folded):
            start, end = match.span()
            parts.append(html.escape(text[last:start]))
            parts.append("<mark>" + html.escape(text[start:end]) + "</mark>")
            last = end
        parts.append(html.escape(text[last:]))
        return SafeString("".join(parts))
