"""Which records a reader's words find: the one matching rule of the portal's search
(portal.search, which ranks what it finds) and of the project directory's keyword box
(``?q=``, cooperation.filters.ProjectFilter, which keeps the reader's sort). Here, not in
portal, as the domain apps may not import it; both call ``matching``.

On PostgreSQL a query without Chinese characters matches the stored English search document
(portal.0004, 0011: English stemming, accents folded) or a part of a word in the English title
(portal.0006); one with Chinese characters, the Chinese title and text (pg_trgm indexes), or
the stored grams (portal.0005) for a query of one or two characters, and a long Chinese term
as its pairs of characters (word_pairs). On SQLite, the development stand-in, every term is a
case-insensitive substring of the title or the text in either language, accents folded as
PostgreSQL's English search folds them ("Charite" finds "Charité").
"""

from __future__ import annotations

import functools
import operator
import string
import unicodedata
from collections.abc import Callable

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Q, QuerySet, TextField

from config.search_columns import (
    CHINESE,
    StoredColumn,
    having_grams_condition,
    is_common_gram,
    is_one_gram,
    with_grams,
)
from cooperation.models import holds_folded

STORED_DOCUMENT_COLUMN = "search_document_en"  # portal.0004
# PostgreSQL's english, folding accents before stemming (portal.0011): the stored documents
# are built with it, and queries parsed with it.
SEARCH_CONFIGURATION = "coopbase_english"
# A term of this many Chinese characters or more, and nothing else, is matched as its
# character pairs (word_pairs), not as one string: Chinese writes no spaces between words.
LOOSE_CHINESE_TERM = 4


def normalise_query(query: str) -> str:
    """Collapse white space and drop control characters; callers cap the length. Letters
    and digits typed full-width, as a Chinese input method gives them ("ｅｎｚｙｍｅ"), and
    its ideographic space count as their ordinary forms (NFKC), as the records write them."""
    cleaned = "".join(
        ch for ch in unicodedata.normalize("NFKC", query) if ch.isprintable() or ch.isspace()
    )
    return " ".join(cleaned.split())


def every_term(terms: list[str], term_condition: Callable[[str], Q]) -> Q:
    """Records matching each of a query's terms (words apart: "海洋 药物", "design
    enzyme"), in any order, as a search engine takes them."""
    return functools.reduce(operator.and_, (term_condition(term) for term in terms))


def word_pairs(term: str) -> list[str]:
    """The pairs of adjacent characters that cover a term of LOOSE_CHINESE_TERM Chinese
    characters or more ("海洋药物": 海洋, 药物; "海洋微生物": 海洋, 微生, 生物), else none. A
    record holding each pair is found, as a search engine's Chinese bigrams find it: Chinese
    writes no spaces, so a reader's "海洋药物" is two words, which a record may write apart
    (海洋创新药物). The search puts records holding the whole term first."""
    if len(term) < LOOSE_CHINESE_TERM or len(CHINESE.findall(term)) != len(term):
        return []
    pairs = [term[start : start + 2] for start in range(0, len(term) - 1, 2)]
    if len(term) % 2:
        pairs.append(term[-2:])
    return pairs


def text_columns(title: str, text: str) -> list[str]:
    """The title and text columns, in both languages (modeltranslation's columns)."""
    return [f"{name}_{language}" for name in (title, text) for language in ("zh_hans", "en")]


def in_any_text(title: str, text: str, term: str) -> Q:
    """Records holding ``term`` in their title or text, in either language, whatever its
    case; on SQLite whatever its accents too, as PostgreSQL's English search takes them
    (there, only the Latin words of a query with Chinese ones are matched so)."""
    if connection.vendor == "postgresql":
        return functools.reduce(
            operator.or_, (Q(**{f"{c}__icontains": term}) for c in text_columns(title, text))
        )
    return functools.reduce(
        operator.or_, (holds_folded(column, term) for column in text_columns(title, text))
    )


def holds_whole(title: str, text: str, term: str) -> Q:
    """Records holding a term of a query with Chinese characters whole (PostgreSQL): a
    Chinese one in their Chinese title or text, another in any text (in_any_text)."""
    if CHINESE.search(term):
        return Q(**{f"{title}_zh_hans__contains": term}) | Q(**{f"{text}_zh_hans__contains": term})
    return in_any_text(title, text, term)


def english_query(query: str) -> SearchQuery:
    """The query as the stored English documents are matched by it (websearch syntax)."""
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIGURATION)


def matching(queryset: QuerySet, query: str, title: str, text: str) -> tuple[QuerySet, Q]:
    """The records of ``queryset`` whose ``title`` and ``text`` (translated fields) the
    (normalised) ``query`` finds: the queryset, with the columns the condition names, and
    the condition, which a caller may combine with others (the search adds an achievement's
    identifier) before filtering by it. The search's rule, which ranks them (portal.search).

    A query of several terms with Chinese characters among them, or of one long Chinese term,
    finds the records holding every term, a long Chinese term as its pairs of characters
    through the stored grams' index: pairs each common may be rare together (of 100,000
    projects, 13 % hold 海洋 and 13 % 药物, but 0.8 % both)."""
    if connection.vendor != "postgresql":
        terms = [held for term in query.split() for held in (word_pairs(term) or [term])]
        return queryset, every_term(terms, lambda term: in_any_text(title, text, term))
    if not CHINESE.search(query):
        # Stemmed words through full-text search; a part of a word in the title (e.g.
        # "antibio") through the indexed substring match.
        searched = queryset.alias(
            document=stored_english_document(), title_upper=AsciiUpper(f"{title}_en")
        )
        return searched, Q(document=english_query(query)) | Q(
            title_upper__contains=AsciiUpper.fold(query)
        )
    terms = query.split()
    if len(terms) > 1 or word_pairs(query):

        def held(term: str) -> Q:
            pairs = word_pairs(term)
            return having_grams_condition(pairs) if pairs else holds_whole(title, text, term)

        return with_grams(queryset), every_term(terms, held)
    # Chinese has no letter case: plain LIKE, which the trigram indexes serve from three
    # characters on. Shorter queries match the indexed grams instead (portal.0005), unless
    # common (see config.search_columns.common_grams): a query of Chinese characters only is
    # one gram, an exact match; else (e.g. "酶A") its Chinese characters narrow and LIKE
    # decides.
    condition = holds_whole(title, text, query)
    if len(query) < 3 and not is_common_gram(queryset, query):
        if is_one_gram(query):
            return with_grams(queryset), having_grams_condition([query])
        return with_grams(queryset), having_grams_condition(CHINESE.findall(query)) & condition
    return queryset, condition


def stored_english_document() -> StoredColumn:
    """The English search document each searched table stores (portal.0004; PostgreSQL): read
    beside the row, so ranking thousands of matches recomputes nothing."""
    return StoredColumn(STORED_DOCUMENT_COLUMN, output_field=SearchVectorField())


class AsciiUpper(StoredColumn):
    """``UPPER(column COLLATE "C")`` of the query's own table (PostgreSQL): a column
    upper-cased by ASCII rules, as portal.0006 indexes it, which a partial word in an
    English title is matched against (``fold`` upper-cases the query alike). Upper-casing
    by the locale's rules made a search's walk of the newest records of a kind twice as
    costly. Only a-z are folded: inside a word, a query whose other letters differ in case
    from the title's is not found there; full-text search still finds it as a whole word.
    Written out as StoredColumn names its column: Django's Upper(Collate(F(column))) cost
    the English search 4 % more instructions to resolve and compile, four times a search."""

    # a-z to A-Z, nothing else: what UPPER() does under COLLATE "C".
    _FOLD = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)

    def __init__(self, column: str) -> None:
        super().__init__(column, output_field=TextField())

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        column, params = super().as_sql(compiler, connection)
        return f'UPPER({column} COLLATE "C")', params

    @classmethod
    def fold(cls, text: str) -> str:
        """``text`` upper-cased as the column is."""
        return text.translate(cls._FOLD)
