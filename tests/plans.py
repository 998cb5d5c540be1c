"""Indexes and query plans in tests: which indexes a table has, and (PostgreSQL) whether
one serves a condition or an order."""

from django.db import connection
from django.db.models import Model, QuerySet


def table_constraints(model: type[Model]) -> dict[str, dict]:
    """The indexes and constraints of the model's table, by name, as the database has them
    (Django's introspection: each with its ``columns``)."""
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, model._meta.db_table)


def plan_with_sorting_forbidden(queryset: QuerySet) -> str:
    """EXPLAIN of the queryset's SQL with sequential scans and sorting off: tiny test tables
    would be scanned and sorted anyway (in full, or along another index), so the order must
    come from an index if one fits."""
    return _plan(queryset, "enable_seqscan", "enable_sort")


def plan_with_scans_forbidden(queryset: QuerySet) -> str:
    """EXPLAIN of the queryset's SQL with sequential and plain index scans off: tiny test
    tables would be scanned anyway (in full, or along another index), so this shows whether
    a GIN index fits the condition at all."""
    return _plan(queryset, "enable_seqscan", "enable_indexscan")


def _plan(queryset: QuerySet, *planner_methods_off: str) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for method in planner_methods_off:
            cursor.execute(f"SET LOCAL {method} = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())
