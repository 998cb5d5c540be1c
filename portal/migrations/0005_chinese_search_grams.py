"""Chinese unigrams and bigrams for one- and two-character queries (PostgreSQL only).

pg_trgm needs three characters, so ``LIKE '%酶%'`` or ``'%海洋%'`` read whole tables. The
standard CJK answer is bigram indexing: ``cjk_grams(text)`` returns the distinct Chinese
characters of a text and its pairs of adjacent Chinese characters; a one-character query is
one unigram, a two-character query one bigram, so ``grams @> ARRAY[query]`` is an exact,
GIN-indexed match.

The grams are a stored generated column, not an expression index: for a common character the
planner rightly prefers a sequential scan, and over an expression index that scan would call
the function on every row (8 s on 200,000 articles, measured); the column makes that scan a
plain array test. As with portal.0004, the column is not a model field, and a later change of
type of a column it reads must drop and re-add it. ``config.search_columns`` names the column;
``tests/portal/test_search_grams.py`` checks the function and the plans.
"""

from django.db import migrations

# (table, index, title column, text column): as in portal.search.KINDS.
GRAMS = [
    (
        "cooperation_cooperationproject",
        "coop_project_grams_gin",
        "title_zh_hans",
        "summary_zh_hans",
    ),
    ("news_article", "news_article_grams_gin", "title_zh_hans", "summary_zh_hans"),
    ("cooperation_institution", "coop_institution_grams_gin", "name_zh_hans", "city_zh_hans"),
    ("cooperation_award", "coop_award_grams_gin", "title_zh_hans", "granting_body_zh_hans"),
]
COLUMN = "search_grams_zh_hans"

# Chinese: U+3400-U+9FFF and U+F900-U+FAFF, as config.search_columns.CHINESE. ascii() gives the code
# point in a UTF-8 database. Pairs each character with the next one (b is NULL at the end).
CREATE_FUNCTION = r"""
CREATE OR REPLACE FUNCTION cjk_grams(text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT gram), '{}')
  FROM unnest(string_to_array($1, NULL), string_to_array(substr($1, 2), NULL)) AS pair(a, b),
       LATERAL (VALUES (a), (a || b)) AS grams(gram)
  WHERE (ascii(a) BETWEEN x'3400'::int AND x'9fff'::int
         OR ascii(a) BETWEEN x'f900'::int AND x'faff'::int)
    AND (gram = a
         OR ascii(b) BETWEEN x'3400'::int AND x'9fff'::int
         OR ascii(b) BETWEEN x'f900'::int AND x'faff'::int)
$$
"""


def grams_sql(title: str, text: str) -> str:
    # The space keeps the last character of the title and the first of the text apart.
    return f"cjk_grams(COALESCE({title}, '') || ' ' || COALESCE({text}, ''))"


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Rewriting a large table outlasts the requests' statement timeout; this transaction only.
    schema_editor.execute("SET LOCAL statement_timeout = 0")
    schema_editor.execute(CREATE_FUNCTION)
    for table, index, title, text in GRAMS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} text[] "
            f"GENERATED ALWAYS AS ({grams_sql(title, text)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin ({COLUMN})")
        # Element statistics at once: a common character is then read by a scan, not the index.
        schema_editor.execute(f"ANALYZE {table} ({COLUMN})")


def drop_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _index, _title, _text in GRAMS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}")
    schema_editor.execute("DROP FUNCTION IF EXISTS cjk_grams(text)")


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_stored_search_documents")]

    operations = [migrations.RunPython(add_columns, drop_columns)]
