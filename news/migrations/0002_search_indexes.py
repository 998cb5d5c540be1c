"""Trigram indexes for the portal search on articles (PostgreSQL only)."""

from django.db import migrations

COLUMNS = ["title_zh_hans", "title_en", "summary_zh_hans"]


def expression(column: str) -> str:
    return f"UPPER({column})" if column.endswith("_en") else column


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS news_article_{column}_trgm "
            f"ON news_article USING gin ({expression(column)} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS news_article_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
