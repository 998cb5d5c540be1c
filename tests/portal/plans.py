"""Helpers for the tests of the search indexes (PostgreSQL plans, stored columns)."""

from django.db import connection
from django.db.models import QuerySet

from tests import factories as f

# A factory for each kind of record that portal.search searches, by model name.
SEARCHED_FACTORIES = {
    "cooperationproject": f.CooperationProjectFactory,
    "article": f.ArticleFactory,
    "institution": f.InstitutionFactory,
    "award": f.AwardFactory,
}


def plan_with_scans_forbidden(queryset: QuerySet) -> str:
    """EXPLAIN of the queryset's SQL with sequential and plain index scans off: tiny test
    tables would be scanned anyway (in full, or along another index), so this shows whether
    a GIN index fits the condition at all."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def has_column(model, column: str) -> bool:
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return column in {description.name for description in columns}
