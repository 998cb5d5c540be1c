"""Search columns and indexes of achievements and exchanges (PostgreSQL only).

``portal.search`` now searches achievements and exchanges (title and description) as it
searches the other kinds, so their tables get what portal.0004-0006 and the trigram indexes
of cooperation.0002 give the others:

- the stored English search document (``search_document_en``, as portal.0004) and its GIN
  index, for full-text search and ranking;
- the stored Chinese unigrams and bigrams (``search_grams_zh_hans``, ``cjk_grams()`` of
  portal.0005) and their GIN index, for Chinese queries of one or two characters;
- a trigram index on the English title upper-cased by ASCII rules (as portal.0006), for a
  partial word in a title;
- trigram indexes on the Chinese title and description (as cooperation.0002), for Chinese
  queries of three characters or more (LIKE);
- and, for achievements, an index on the upper-cased identifier: a paper's DOI or a patent's
  number is matched whole, case aside (Django's ``iexact``: ``UPPER(identifier::text) =
  UPPER(…)``).

As with portal.0004 and 0005, the stored columns are not model fields; a later change of
type of a column they read (a longer title) must drop and re-add them. Going back drops the
columns (and with them their indexes) and the expression indexes; ``cjk_grams`` and pg_trgm
stay, as portal.0005 and 0006 own them. ``tests/portal/test_search_indexes.py`` and
``test_search_grams.py`` check the columns against ``portal.search`` and the plans.
"""

from django.db import migrations

# (table, index prefix, title column, text column): as in portal.search.KINDS.
SEARCHED = [
    ("cooperation_achievement", "coop_achievement", "title", "description"),
    ("cooperation_exchange", "coop_exchange", "title", "description"),
]
DOCUMENT_COLUMN = "search_document_en"  # as portal.0004
GRAMS_COLUMN = "search_grams_zh_hans"  # as portal.0005
# (table, index): the identifier matched whole by portal.search (SearchKind.identifier_field).
IDENTIFIERS = [("cooperation_achievement", "coop_achievement_identifier_upper")]


def document_sql(title: str, text: str) -> str:
    """As portal.0004."""
    return (
        f"setweight(to_tsvector('english'::regconfig, COALESCE({title}, '')), 'A') || "
        f"setweight(to_tsvector('english'::regconfig, COALESCE({text}, '')), 'B')"
    )


def grams_sql(title: str, text: str) -> str:
    """As portal.0005: the space keeps the title's last character and the text's first apart."""
    return f"cjk_grams(COALESCE({title}, '') || ' ' || COALESCE({text}, ''))"


def expression_indexes(table: str, title: str, text: str) -> list[tuple[str, str]]:
    """(name, indexed expression) of a table's trigram indexes, named as the others are."""
    return [
        (f"{table}_{title}_en_ascii_trgm", f'UPPER({title}_en COLLATE "C") gin_trgm_ops'),
        (f"{table}_{title}_zh_hans_trgm", f"{title}_zh_hans gin_trgm_ops"),
        (f"{table}_{text}_zh_hans_trgm", f"{text}_zh_hans gin_trgm_ops"),
    ]


def add_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Rewriting a large table outlasts the requests' statement timeout; this transaction only.
    schema_editor.execute("SET LOCAL statement_timeout = 0")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, prefix, title, text in SEARCHED:
        schema_editor.execute(
            f"ALTER TABLE {table} "
            f"ADD COLUMN {DOCUMENT_COLUMN} tsvector GENERATED ALWAYS AS "
            f"({document_sql(f'{title}_en', f'{text}_en')}) STORED, "
            f"ADD COLUMN {GRAMS_COLUMN} text[] GENERATED ALWAYS AS "
            f"({grams_sql(f'{title}_zh_hans', f'{text}_zh_hans')}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {prefix}_search_gin_stored ON {table} USING gin ({DOCUMENT_COLUMN})"
        )
        schema_editor.execute(
            f"CREATE INDEX {prefix}_grams_gin ON {table} USING gin ({GRAMS_COLUMN})"
        )
        for name, expression in expression_indexes(table, title, text):
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression})"
            )
        # Element statistics at once: a common character is then read by a scan, not the index.
        schema_editor.execute(f"ANALYZE {table} ({GRAMS_COLUMN})")
    for table, name in IDENTIFIERS:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} (UPPER(identifier))")


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in IDENTIFIERS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for table, _prefix, title, text in SEARCHED:
        for name, _expression in expression_indexes(table, title, text):
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        # Their GIN indexes go with them.
        schema_editor.execute(
            f"ALTER TABLE {table} DROP COLUMN IF EXISTS {DOCUMENT_COLUMN}, "
            f"DROP COLUMN IF EXISTS {GRAMS_COLUMN}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0008_redirect_roles"),
        # portal.0005's cjk_grams() is there (through 0008); the tables as they are now.
        ("cooperation", "0015_exchange_people_count_at_most_10000"),
    ]

    operations = [migrations.RunPython(add_search, drop_search)]
