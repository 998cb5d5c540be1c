"""The directory sorted by title sorts as its reader reads (cooperation.models.name_order):
on PostgreSQL in ICU's collation of the reader's language, pinyin for Chinese (陈 黄 李 刘, where
the database's own collation gave code-point order: 刘 吴 周 张), case and accents second for
English. The indexes of cooperation.0004 held the titles in the database's order; these hold
them in the collations' (PostgreSQL only: SQLite, a development stand-in, has no ICU and
sorts by lower case, without an index), so the first page of 100,000 projects by title is
still an index scan."""

from django.db import migrations

# (index, column, collation): as cooperation.models.NAME_COLLATIONS.
TITLE_INDEXES = [
    ("coop_project_title_zh_read", "title_zh_hans", "zh-Hans-x-icu"),
    ("coop_project_title_en_read", "title_en", "und-x-icu"),
]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column, collation in TITLE_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX {name} ON cooperation_cooperationproject "
            f'(({column} COLLATE "{collation}"), id)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column, _collation in TITLE_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0018_dates_between_1900_and_2100"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="cooperationproject",
            name="coop_project_title_zh_idx",
        ),
        migrations.RemoveIndex(
            model_name="cooperationproject",
            name="coop_project_title_en_idx",
        ),
        migrations.RunPython(add_indexes, drop_indexes),
    ]
