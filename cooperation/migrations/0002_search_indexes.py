"""Trigram indexes for the portal search (PostgreSQL only; SQLite searches without them).

Chinese columns are matched with LIKE (no case in Chinese); English titles with
Django's icontains, which compares UPPER(column), so those indexes are on UPPER(column).

pg_trgm makes substring matches (``icontains``) indexable, in Chinese as well as in
English, with no tokenizer extension. Creating the extension needs a role allowed to do so.
"""

from django.db import migrations

INDEXED = {
    "cooperation_cooperationproject": ["title_zh_hans", "title_en", "summary_zh_hans"],
    "cooperation_institution": ["name_zh_hans", "name_en"],
    "cooperation_award": ["title_zh_hans", "title_en"],
}


def expression(column: str) -> str:
    return f"UPPER({column})" if column.endswith("_en") else column


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, columns in INDEXED.items():
        for column in columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm "
                f"ON {table} USING gin ({expression(column)} gin_trgm_ops)"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in INDEXED.items():
        for column in columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
