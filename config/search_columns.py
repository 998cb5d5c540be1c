"""Search columns that are not model fields, written by portal's migrations (PostgreSQL), and
what the searches know of them: read by the portal's search (portal.search) and by the back
office's search of large tables (cooperation.admin_lists), which apps below portal may not
import from it.

The Chinese unigrams and bigrams of a record's title and text (portal.0005) let a one- or
two-character Chinese query, too short for pg_trgm, match through a GIN index.
"""

from __future__ import annotations

import re
import time

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import Field, Q, QuerySet, TextField
from django.db.models.expressions import Expression

# Both searches read at most this many characters of a query: each word of one becomes
# conditions of its own, and a pasted page of text made thousands.
MAX_QUERY_LENGTH = 200
STORED_GRAMS_COLUMN = "search_grams_zh_hans"  # portal.0005
# Chinese characters, as the SQL function cjk_grams (portal.0005) reads them.
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A short Chinese query in at least this share of a table's records (by PostgreSQL's
# statistics) is matched by LIKE, as a walk down the newest records finds it often enough,
# and testing two texts with LIKE costs a row less than its stored grams with @>; a rarer
# one through the grams index. Read again each hour.
COMMON_GRAM_SHARE = 0.02
COMMON_GRAMS_KEPT_SECONDS = 3600
_common_grams_read: tuple[float, dict[str, frozenset[str]]] | None = None


class StoredColumn(Expression):
    """A column that is not a model field (written by a migration) of the query's own table,
    named through the table's alias in that query, so it also holds in a subquery (where
    Django renames the table U0; a raw "table"."column" would refer to the outer query)."""

    def __init__(self, column: str, output_field: Field) -> None:
        super().__init__(output_field=output_field)
        self.column = column

    def as_sql(self, compiler, connection) -> tuple[str, list]:
        table = compiler.quote_name(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(self.column)}", []


def stored_chinese_grams() -> StoredColumn:
    """The Chinese unigrams and bigrams of a record's title and text, as each searched table
    stores them (portal.0005; PostgreSQL), GIN-indexed."""
    return StoredColumn(STORED_GRAMS_COLUMN, output_field=ArrayField(TextField()))


def is_one_gram(query: str) -> bool:
    """A query of one or two Chinese characters only: one stored gram, matched exactly."""
    return 0 < len(query) < 3 and len(CHINESE.findall(query)) == len(query)


def is_common_gram(queryset: QuerySet, query: str) -> bool:
    """Whether the query is one of the grams common in the queryset's table (common_grams):
    a rare one is best found through the grams' index, a common one by LIKE."""
    return query in common_grams().get(queryset.model._meta.db_table, ())


def having_grams(queryset: QuerySet, grams: list[str]) -> QuerySet:
    """The records whose stored Chinese grams include all of these, through their index."""
    return with_grams(queryset).filter(having_grams_condition(grams))


def with_grams(queryset: QuerySet) -> QuerySet:
    """The queryset with its stored grams named ``grams`` for its conditions
    (having_grams_condition)."""
    return queryset.alias(grams=stored_chinese_grams())


def having_grams_condition(grams: list[str]) -> Q:
    """On a queryset ``with_grams``: the stored Chinese grams include all of these, through
    their index. A condition, to be combined with others (the portal's search adds an
    achievement's identifier to it)."""
    return Q(grams__contains=grams)


def common_grams() -> dict[str, frozenset[str]]:
    """By table with stored grams (PostgreSQL), the Chinese grams in at least
    COMMON_GRAM_SHARE of its records, as ANALYZE last counted them (the most common elements
    of the stored grams, pg_stats); read for all the tables in one query, at most once an
    hour in each process. Where a table has no statistics yet, none is common: only speed
    depends on them, as both ways of matching a short query find the same records."""
    global _common_grams_read
    if connection.vendor != "postgresql":
        return {}
    if _common_grams_read is None or time.monotonic() >= _common_grams_read[0]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tablename, most_common_elems::text::text[], most_common_elem_freqs "
                "FROM pg_stats WHERE schemaname = current_schema() AND attname = %s",
                [STORED_GRAMS_COLUMN],
            )
            common = {
                table: frozenset(
                    # The shares list ends with three more figures than the elements list.
                    gram
                    for gram, share in zip(grams or (), shares or (), strict=False)
                    if share >= COMMON_GRAM_SHARE
                )
                for table, grams, shares in cursor.fetchall()
            }
        _common_grams_read = (time.monotonic() + COMMON_GRAMS_KEPT_SECONDS, common)
    return _common_grams_read[1]


def forget_common_grams() -> None:
    """The next search reads the statistics again (after an ANALYZE, in tests)."""
    global _common_grams_read
    _common_grams_read = None
