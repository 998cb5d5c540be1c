"""A part of a name folds accents (PostgreSQL only; SQLite gets the function on each connection,
cooperation.models.add_sqlite_functions): "Muller" finds "Müller", "Jose" "José".

``coopbase_fold_accents(text)`` is the unaccent extension's function with its dictionary named,
declared IMMUTABLE (unaccent() is only STABLE, its dictionary being replaceable; this one names
it), as PostgreSQL's documentation of unaccent suggests: the planner folds a query's words
through it once, where unaccent() itself was called again on every row. The columns are folded
by unaccent() directly (cooperation.models.FoldAccents): this wrapper, which PostgreSQL does
not inline, cost 1.5 microseconds more a call, six times the scan of 5,000 researchers' names.
No index: the names are read row by row, as they were (a base has a few thousand researchers
and institutions; a trigram index does not serve the one- and two-character Chinese names
readers type).

The body is parsed here (SQL-standard RETURN): a later search_path does not change what it
calls. unaccent is a trusted extension, which the database's owner may create; portal.0011
creates it too, for the English search documents, and neither migration drops it.
"""

from django.db import migrations

FUNCTION = "coopbase_fold_accents"


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(
        f"CREATE FUNCTION {FUNCTION}(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
        "RETURN unaccent('unaccent'::regdictionary, $1)"
    )


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(text)")


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0019_project_titles_in_reading_order")]

    operations = [migrations.RunPython(create_function, drop_function)]
