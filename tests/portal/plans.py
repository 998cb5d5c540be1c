"""Helpers for the tests of the search indexes (stored columns, searched kinds)."""

from django.db import connection

from tests import factories as f

# A factory for each kind of record that portal.search searches, by model name.
SEARCHED_FACTORIES = {
    "cooperationproject": f.CooperationProjectFactory,
    "article": f.ArticleFactory,
    "institution": f.InstitutionFactory,
    "award": f.AwardFactory,
}


def has_column(model, column: str) -> bool:
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, model._meta.db_table)
    return column in {description.name for description in columns}
