"""Store the English search documents in a generated column (PostgreSQL only).

portal.0003 indexed the document expression, which finds matches fast; but ranking them
(``ts_rank``) recomputed the document of every match from its text: 0.2 s for a word found
in 20,000 of 200,000 articles. A stored generated column keeps the document beside the row,
PostgreSQL keeps it current on every write, and a GIN index on it serves the match.

The column is not a model field (SQLite, which searches by substring, has no tsvector):
``portal.search.stored_english_document`` names it, and
``tests/portal/test_search_indexes.py`` checks that it always equals ``english_document``.
"""

from django.db import migrations

# (table, old expression index, title column, text column): as in portal.search.KINDS.
DOCUMENTS = [
    ("cooperation_cooperationproject", "coop_project_search_gin", "title_en", "summary_en"),
    ("news_article", "news_article_search_gin", "title_en", "summary_en"),
    ("cooperation_institution", "coop_institution_search_gin", "name_en", "city_en"),
    ("cooperation_award", "coop_award_search_gin", "title_en", "granting_body_en"),
]
COLUMN = "search_document_en"


def document_sql(title: str, text: str) -> str:
    return (
        f"setweight(to_tsvector('english'::regconfig, COALESCE({title}, '')), 'A') || "
        f"setweight(to_tsvector('english'::regconfig, COALESCE({text}, '')), 'B')"
    )


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, old_index, title, text in DOCUMENTS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({document_sql(title, text)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {old_index}_stored ON {table} USING gin ({COLUMN})")
        schema_editor.execute(f"DROP INDEX IF EXISTS {old_index}")


def drop_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, old_index, title, text in DOCUMENTS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {old_index} ON {table} "
            f"USING gin (({document_sql(title, text)}))"
        )


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_search_vector_indexes")]

    operations = [migrations.RunPython(add_columns, drop_columns)]
