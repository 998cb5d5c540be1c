"""Exchanges get the publication workflow of projects and awards: new ones start as drafts.
The exchanges already there were public as soon as saved: they stay public, published now."""

import django.utils.timezone
from django.db import migrations, models


def publish_existing(apps, schema_editor):
    apps.get_model("cooperation", "Exchange").objects.update(
        publication_status="published", published_at=django.utils.timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0015_exchange_people_count_at_most_10000"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="exchange",
            options={
                "ordering": ["-start_date", "-id"],
                "permissions": [("publish_exchange", "Can publish exchanges")],
                "verbose_name": "exchange",
                "verbose_name_plural": "exchanges",
            },
        ),
        migrations.AddField(
            model_name="exchange",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now, verbose_name="created at"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="exchange",
            name="publication_status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("in_review", "In review"),
                    ("published", "Published"),
                    ("archived", "Archived"),
                ],
                default="draft",
                max_length=16,
                verbose_name="publication status",
            ),
        ),
        migrations.AddField(
            model_name="exchange",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the record becomes public. A future time schedules it.",
                null=True,
                verbose_name="published at",
            ),
        ),
        migrations.AddField(
            model_name="exchange",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated at"),
        ),
        migrations.AddIndex(
            model_name="exchange",
            index=models.Index(
                fields=["publication_status", "published_at"], name="cooperation_publica_b2ec46_idx"
            ),
        ),
        # Going back drops the columns: nothing to undo.
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
    ]
