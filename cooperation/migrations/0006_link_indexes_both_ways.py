"""The link tables of projects to partner institutions and to research fields, each indexed
once per way of reading it: project first (the unique constraints' indexes) and institution
or field first (new, both columns, so that going from an institution or a field to its
projects reads the index alone). The single-column indexes Django made for each foreign key
duplicated the first and served the second only by reading every link row too.

Only the indexes change: the foreign keys are left as they are in the database (altering the
fields the usual way would drop and re-add each constraint, checking every row again, and
rebuild both tables on SQLite). The dropped indexes' names are the ones Django gave them in
0001, the same on every database."""

import django.db.models.deletion
from django.db import migrations, models

OLD_INDEXES = {
    "cooperation_projectpartner": [
        ("cooperation_projectpartner_institution_id_0f47bf21", "institution_id"),
        ("cooperation_projectpartner_project_id_7d90304f", "project_id"),
    ],
    "cooperation_projectresearchfield": [
        ("cooperation_projectresearchfield_field_id_16f2e1c1", "field_id"),
        ("cooperation_projectresearchfield_project_id_77cc8cb3", "project_id"),
    ],
}


def unindexed_foreign_key(model: str, name: str, to: str, on_delete, verbose_name: str):
    return migrations.AlterField(
        model_name=model,
        name=name,
        field=models.ForeignKey(
            db_index=False, on_delete=on_delete, to=to, verbose_name=verbose_name
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0005_project_selection_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="projectpartner",
            index=models.Index(
                fields=["institution", "project"], name="project_partner_by_institution"
            ),
        ),
        migrations.AddIndex(
            model_name="projectresearchfield",
            index=models.Index(fields=["field", "project"], name="project_field_by_field"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                unindexed_foreign_key(
                    "projectpartner",
                    "institution",
                    "cooperation.institution",
                    django.db.models.deletion.PROTECT,
                    "institution",
                ),
                unindexed_foreign_key(
                    "projectpartner",
                    "project",
                    "cooperation.cooperationproject",
                    django.db.models.deletion.CASCADE,
                    "project",
                ),
                unindexed_foreign_key(
                    "projectresearchfield",
                    "field",
                    "cooperation.researchfield",
                    django.db.models.deletion.PROTECT,
                    "research field",
                ),
                unindexed_foreign_key(
                    "projectresearchfield",
                    "project",
                    "cooperation.cooperationproject",
                    django.db.models.deletion.CASCADE,
                    "project",
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    sql=f'DROP INDEX IF EXISTS "{index}"',
                    reverse_sql=f'CREATE INDEX "{index}" ON "{table}" ("{column}")',
                )
                for table, indexes in OLD_INDEXES.items()
                for index, column in indexes
            ],
        ),
    ]
