"""GIN indexes on the English search documents (PostgreSQL only).

``portal.search`` ranks English matches with ``SearchVector(title, weight="A") +
SearchVector(text, weight="B")``. Without an index PostgreSQL computes that vector for every
public row (seconds at 100,000 projects); with an index on the very same expression the
match is an index scan. The index is built from the same Django expression, so the SQL is
identical; ``tests/portal/test_search_indexes.py`` fails if the two ever drift apart.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# (app label, model, index name, title column, text column): as in portal.search.KINDS.
DOCUMENTS = [
    ("cooperation", "CooperationProject", "coop_project_search_gin", "title_en", "summary_en"),
    ("news", "Article", "news_article_search_gin", "title_en", "summary_en"),
    ("cooperation", "Institution", "coop_institution_search_gin", "name_en", "city_en"),
    ("cooperation", "Award", "coop_award_search_gin", "title_en", "granting_body_en"),
]


def document_index(name: str, title: str, text: str) -> GinIndex:
    vector = SearchVector(title, weight="A", config="english") + SearchVector(
        text, weight="B", config="english"
    )
    return GinIndex(vector, name=name)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, title, text in DOCUMENTS:
        model = apps.get_model(app_label, model_name)
        schema_editor.add_index(model, document_index(name, title, text))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _app_label, _model_name, name, _title, _text in DOCUMENTS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_page_roles"),
        ("cooperation", "0002_search_indexes"),
        ("news", "0002_search_indexes"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
