"""A covering index for the directory's selections: the projects reached through partners or
fields are kept public and within the selection's years, status and kind by reading this
index alone (an index-only scan on PostgreSQL), not the scattered rows themselves. SQLite has
no covering indexes; Django creates the index on "id" alone there."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0004_project_title_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="cooperationproject",
            index=models.Index(
                fields=["id"],
                include=(
                    "publication_status",
                    "published_at",
                    "status",
                    "kind",
                    "start_date",
                    "end_date",
                    "lead_unit",
                ),
                name="coop_project_selection_idx",
            ),
        ),
    ]
