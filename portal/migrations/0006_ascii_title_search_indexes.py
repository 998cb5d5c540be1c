"""Trigram indexes on the English titles upper-cased by ASCII rules (PostgreSQL only).

A partial word in an English title (``antibio``) is found by substring match. Django's
``icontains`` compares ``UPPER(title_en)``, which in a UTF-8 database upper-cases each
character by the locale's rules: for a common word the search walks the newest ~10,000
records of a kind (portal.search._candidates) and that per-row ``UPPER`` was half the walk
(news 10.5 -> 6.3 ms, awards 10.3 -> 3.7 ms with ``COLLATE "C"``, which upper-cases a-z
only). The search now compares ``UPPER(title_en COLLATE "C")`` (``portal.search.AsciiUpper``),
and these indexes keep that match indexed for rare words, as cooperation.0002 and news.0002
do for ``icontains``, whose indexes the admin's search still uses.
"""

from django.db import migrations

# (table, title column): as in portal.search.KINDS.
TITLES = [
    ("cooperation_cooperationproject", "title_en"),
    ("news_article", "title_en"),
    ("cooperation_institution", "name_en"),
    ("cooperation_award", "title_en"),
]


def index_name(table: str, column: str) -> str:
    return f"{table}_{column}_ascii_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Indexing a large table outlasts the requests' statement timeout; this transaction only.
    schema_editor.execute("SET LOCAL statement_timeout = 0")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in TITLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index_name(table, column)} "
            f'ON {table} USING gin (UPPER({column} COLLATE "C") gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in TITLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(table, column)}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_chinese_search_grams")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
