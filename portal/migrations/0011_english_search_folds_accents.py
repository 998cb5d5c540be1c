"""English search folds accents (PostgreSQL only): "Charite" finds "Charité", "Universitat"
finds "Universität", whichever of the two a reader or a record writes.

A text search configuration of our own, ``coopbase_english``, is PostgreSQL's ``english`` with
the ``unaccent`` dictionary before its stemmer for the words with letters beyond ASCII (token
types word, hword and hword_part; ASCII words have no accent to fold). The stored English
documents of portal.0004 and 0009 are rebuilt with it, and their GIN indexes with them;
``portal.search`` parses queries with the same configuration (``SEARCH_CONFIGURATION``).

unaccent is a trusted extension: the database's owner may create it. Going back rebuilds the
documents with ``english`` and drops the configuration; the extension stays, as pg_trgm does.
"""

from django.db import migrations

# (table, index, title column, text column): as in portal.search.KINDS; each index is named
# as portal.0004 and 0009 named it.
DOCUMENTS = [
    ("cooperation_cooperationproject", "coop_project_search_gin_stored", "title_en", "summary_en"),
    ("news_article", "news_article_search_gin_stored", "title_en", "summary_en"),
    ("cooperation_institution", "coop_institution_search_gin_stored", "name_en", "city_en"),
    ("cooperation_award", "coop_award_search_gin_stored", "title_en", "granting_body_en"),
    (
        "cooperation_achievement",
        "coop_achievement_search_gin_stored",
        "title_en",
        "description_en",
    ),
    ("cooperation_exchange", "coop_exchange_search_gin_stored", "title_en", "description_en"),
]
COLUMN = "search_document_en"
CONFIGURATION = "coopbase_english"


def document_sql(configuration: str, title: str, text: str) -> str:
    """As portal.0004, with the given configuration."""
    return (
        f"setweight(to_tsvector('{configuration}'::regconfig, COALESCE({title}, '')), 'A') || "
        f"setweight(to_tsvector('{configuration}'::regconfig, COALESCE({text}, '')), 'B')"
    )


def rebuild_documents(schema_editor, configuration: str) -> None:
    for table, index, title, text in DOCUMENTS:
        # Dropping the column drops its index.
        schema_editor.execute(
            f"ALTER TABLE {table} DROP COLUMN {COLUMN}, ADD COLUMN {COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({document_sql(configuration, title, text)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin ({COLUMN})")


def fold_accents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Rewriting a large table outlasts the requests' statement timeout; this transaction only.
    schema_editor.execute("SET LOCAL statement_timeout = 0")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(
        f"CREATE TEXT SEARCH CONFIGURATION {CONFIGURATION} (COPY = pg_catalog.english)"
    )
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIGURATION} "
        "ALTER MAPPING FOR word, hword, hword_part WITH unaccent, english_stem"
    )
    rebuild_documents(schema_editor, CONFIGURATION)


def keep_accents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("SET LOCAL statement_timeout = 0")
    rebuild_documents(schema_editor, "english")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIGURATION}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0010_published_at_between_1900_and_2100")]

    operations = [migrations.RunPython(fold_accents, keep_accents)]
