"""The awards and the achievements a reader sorts (cooperation.filters.AWARD_ORDERS,
ACHIEVEMENT_ORDERS) come in order from an index, as the directory's projects do, not from a
sort of every public record on each page (at 100,000 projects, the 10,000 awards by title:
53-90 ms a page; page 1,000 of the 100,000 achievements by title: 100-160 ms).

- By date: the awards' year, then the day awarded, then the id, read backwards for the
  newest, forwards for the oldest (the year alone left each year's awards to be sorted); it
  serves a year's awards as the index of the year did.
- By title: the title each reader is shown (their language's, else the other's:
  cooperation.models.shown_name_order) in the collation of their language, as
  cooperation.0023 holds the projects' (PostgreSQL only: SQLite, a development stand-in, has
  no ICU and sorts them as it reads them, without an index)."""

from django.db import migrations, models

# (index, table, the reader's language's column, the other's, collation): as
# cooperation.models.NAME_COLLATIONS and modeltranslation's fallback order.
TITLE_INDEXES = [
    ("coop_award_title_zh_read", "cooperation_award", "title_zh_hans", "title_en", "zh-Hans-x-icu"),
    ("coop_award_title_en_read", "cooperation_award", "title_en", "title_zh_hans", "und-x-icu"),
    (
        "coop_achievement_title_zh_read",
        "cooperation_achievement",
        "title_zh_hans",
        "title_en",
        "zh-Hans-x-icu",
    ),
    (
        "coop_achievement_title_en_read",
        "cooperation_achievement",
        "title_en",
        "title_zh_hans",
        "und-x-icu",
    ),
]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, shown, other, collation in TITLE_INDEXES:
        # The SQL shown_name_order gives, word for word: the planner uses an index only for
        # the same expression.
        schema_editor.execute(
            f"CREATE INDEX {name} ON {table} ((COALESCE(NULLIF({shown}, ''), "
            f"NULLIF({other}, ''), '') COLLATE \"{collation}\"), id)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, *_definition in TITLE_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0021_project_status_index_covers_selection"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="award",
            name="cooperation_year_a7d769_idx",
        ),
        migrations.AddIndex(
            model_name="award",
            index=models.Index(
                fields=["year", "awarded_on", "id"], name="coop_award_year_order_idx"
            ),
        ),
        migrations.RunPython(add_indexes, drop_indexes),
    ]
