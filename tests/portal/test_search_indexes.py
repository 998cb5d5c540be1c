"""The English search documents: stored beside each row by portal.0004 and served by their GIN
indexes on PostgreSQL; nothing of the kind on SQLite, which searches by substring.

The stored column is PostgreSQL's own generated column, written in SQL by the migration;
``english_document`` is the same document as a Django expression. If either changes alone,
the agreement test below fails until a migration follows.
"""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast

from cooperation.text_search import (
    SEARCH_CONFIGURATION,
    STORED_DOCUMENT_COLUMN,
    AsciiUpper,
    stored_english_document,
)
from portal.search import DOCUMENT_KINDS, english_document
from tests import factories as f
from tests.plans import plan_with_scans_forbidden
from tests.portal.plans import SEARCHED_FACTORIES, has_column

INDEX_OF_KIND = {
    "cooperationproject": "coop_project_search_gin_stored",
    "article": "news_article_search_gin_stored",
    "institution": "coop_institution_search_gin_stored",
    "award": "coop_award_search_gin_stored",
    "achievement": "coop_achievement_search_gin_stored",
    "exchange": "coop_exchange_search_gin_stored",
}
# The kinds portal.0009 added, beside those of tests/portal/plans.py.
FACTORIES = {
    **SEARCHED_FACTORIES,
    "achievement": f.AchievementFactory,
    "exchange": f.ExchangeFactory,
}
KIND_IDS = {"ids": lambda kind: kind.public_records().model._meta.model_name}


def index_names() -> set[str]:
    with connection.cursor() as cursor:
        return {
            index
            for table in connection.introspection.table_names(cursor)
            for index in connection.introspection.get_constraints(cursor, table)
        }


def has_stored_document(model) -> bool:
    return has_column(model, STORED_DOCUMENT_COLUMN)


@pytest.mark.django_db
def test_search_document_indexes_exist_only_where_full_text_search_runs():
    present = set(INDEX_OF_KIND.values()) & index_names()
    if connection.vendor == "postgresql":
        assert present == set(INDEX_OF_KIND.values())
    else:
        # SQLite searches by substring; the migration adds nothing there.
        assert present == set()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", DOCUMENT_KINDS, **KIND_IDS)
def test_the_stored_document_is_served_by_its_index(kind):
    model = kind.public_records().model
    if connection.vendor != "postgresql":
        assert not has_stored_document(model)
        return
    query = SearchQuery("enzyme engineering", search_type="websearch", config=SEARCH_CONFIGURATION)
    # The condition search() filters on, alone: would an index serve it?
    queryset = (
        model.objects.annotate(document=stored_english_document()).filter(document=query).order_by()
    )
    assert INDEX_OF_KIND[model._meta.model_name] in plan_with_scans_forbidden(queryset)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", DOCUMENT_KINDS, **KIND_IDS)
def test_a_partial_word_in_a_title_is_served_by_its_index(kind):
    """portal.0006: the titles upper-cased by ASCII rules, as search() matches them."""
    model = kind.public_records().model
    table, column = model._meta.db_table, f"{kind.title_field}_en"
    index = f"{table}_{column}_ascii_trgm"
    if connection.vendor != "postgresql":
        assert index not in index_names()
        return
    queryset = (
        model.objects.alias(title_upper=AsciiUpper(column))
        .filter(title_upper__contains="NGINEER")
        .order_by()
    )
    assert index in plan_with_scans_forbidden(queryset)


TEXTS = [
    ("Enzyme engineering with Osaka", "Marine drugs and <b>enzymes</b>; 酶工程"),
    ("", "Only a summary, about antibiotics"),
    ("Only a title", ""),
]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", DOCUMENT_KINDS, **KIND_IDS)
def test_the_stored_document_is_the_english_document(kind):
    model = kind.public_records().model
    if connection.vendor != "postgresql":
        assert not has_stored_document(model)
        return
    factory = FACTORIES[model._meta.model_name]
    for title, text in TEXTS:
        factory(**{f"{kind.title_field}_en": title, f"{kind.text_field}_en": text})

    rows = model.objects.annotate(
        stored=Cast(stored_english_document(), TextField()),
        computed=Cast(english_document(kind), TextField()),
    ).values_list("stored", "computed")

    assert len(rows) == len(TEXTS)
    assert all(stored == computed for stored, computed in rows), list(rows)
    assert any("'enzym':1A" in stored for stored, _computed in rows)  # weights kept


@pytest.mark.django_db
def test_an_identifier_is_matched_through_its_index():
    """portal.0009: an achievement's identifier, matched whole whatever its case (iexact, as
    search() matches it), is read from an index, not from every row."""
    model = next(kind for kind in DOCUMENT_KINDS if kind.identifier_field).public_records().model
    if connection.vendor != "postgresql":
        assert "coop_achievement_identifier_upper" not in index_names()
        return
    queryset = model.objects.filter(identifier__iexact="10.1038/S41586-020-2649-2").order_by()
    assert "coop_achievement_identifier_upper" in plan_with_scans_forbidden(queryset)


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", ["achievement", "exchange"])
@pytest.mark.parametrize("column", ["title_zh_hans", "description_zh_hans"])
def test_a_chinese_phrase_in_an_achievement_or_exchange_is_served_by_its_index(model_name, column):
    """portal.0009: the trigram indexes that cooperation.0002 gives the other kinds' Chinese
    texts, for queries of three Chinese characters or more (LIKE)."""
    model = FACTORIES[model_name]._meta.model
    index = f"{model._meta.db_table}_{column}_trgm"
    if connection.vendor != "postgresql":
        assert index not in index_names()
        return
    queryset = model.objects.filter(**{f"{column}__contains": "海洋生物"}).order_by()
    assert index in plan_with_scans_forbidden(queryset)
