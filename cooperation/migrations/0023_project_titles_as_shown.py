"""The directory sorted by title sorts each project by the title its reader is shown
(cooperation.models.shown_name_order): their language's, else the other's, as the card shows
it. A project written in Chinese alone was sorted in English by its missing (NULL) English
title: last on PostgreSQL, first on SQLite, and its deep pages had no anchors
(config.pagination). These indexes hold that very expression in each language's collation,
which PostgreSQL matches to the query's ORDER BY, so the first page of 100,000 projects by
title is still an index scan (PostgreSQL only, as cooperation.0019's that they replace)."""

from django.db import migrations

# (index, the reader's language's column, the other's, collation): as
# cooperation.models.NAME_COLLATIONS and modeltranslation's fallback order.
TITLE_INDEXES = [
    ("coop_project_title_zh_read", "title_zh_hans", "title_en", "zh-Hans-x-icu"),
    ("coop_project_title_en_read", "title_en", "title_zh_hans", "und-x-icu"),
]
TABLE = "cooperation_cooperationproject"


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, shown, other, collation in TITLE_INDEXES:
        # The SQL shown_name_order gives, word for word: the planner uses an index only for
        # the same expression.
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE INDEX {name} ON {TABLE} ((COALESCE(NULLIF({shown}, ''), "
            f"NULLIF({other}, ''), '') COLLATE \"{collation}\"), id)"
        )


def restore_indexes(apps, schema_editor):
    """cooperation.0019's: the reader's language's column alone."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, shown, _other, collation in TITLE_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(
            f'CREATE INDEX {name} ON {TABLE} (({shown} COLLATE "{collation}"), id)'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0022_award_and_achievement_orders"),
    ]

    operations = [
        migrations.RunPython(add_indexes, restore_indexes),
    ]
