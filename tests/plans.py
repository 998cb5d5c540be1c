"""Query plans in tests (PostgreSQL): whether an index serves a condition or an order."""

from django.db import connection
from django.db.models import QuerySet


def plan_with_sorting_forbidden(queryset: QuerySet) -> str:
    """EXPLAIN of the queryset's SQL with sequential scans and sorting off: tiny test tables
    would be scanned and sorted anyway (in full, or along another index), so the order must
    come from an index if one fits."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


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
