"""The English search documents are served by the GIN indexes of portal.0003 on PostgreSQL.

An expression index is only used when the query's expression is the same: if
``portal.search`` changes its search vector, these tests fail until a migration follows.
"""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from portal.search import KINDS, english_document

INDEX_OF_KIND = {
    "cooperationproject": "coop_project_search_gin",
    "article": "news_article_search_gin",
    "institution": "coop_institution_search_gin",
    "award": "coop_award_search_gin",
}


def index_names() -> set[str]:
    with connection.cursor() as cursor:
        return {
            index
            for table in connection.introspection.table_names(cursor)
            for index in connection.introspection.get_constraints(cursor, table)
        }


@pytest.mark.django_db
def test_search_document_indexes_exist_only_where_full_text_search_runs():
    present = set(INDEX_OF_KIND.values()) & index_names()
    if connection.vendor == "postgresql":
        assert present == set(INDEX_OF_KIND.values())
    else:
        # SQLite searches by substring; the migration adds nothing there.
        assert present == set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind", KINDS, ids=lambda kind: kind.public_records().model._meta.model_name
)
def test_the_english_document_is_served_by_its_index(kind):
    model = kind.public_records().model
    query = SearchQuery("enzyme engineering", search_type="websearch", config="english")
    # The condition search() filters on, alone: would an index serve it?
    queryset = (
        model.objects.annotate(document=english_document(kind)).filter(document=query).order_by()
    )
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            assert INDEX_OF_KIND[model._meta.model_name] not in index_names()
            return
        # Tiny test tables would be scanned anyway (in full, or along another index); forbid
        # both to see whether the GIN index fits the condition.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert INDEX_OF_KIND[model._meta.model_name] in plan
