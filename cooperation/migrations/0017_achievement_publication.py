"""Achievements get the publication workflow of exchanges: new ones start as drafts (those
entered on their project's form are published with the project, as part of its content).
The achievements already there were shown with their project as soon as saved: they stay as
they were, published now."""

import django.utils.timezone
from django.db import migrations, models


def publish_existing(apps, schema_editor):
    apps.get_model("cooperation", "Achievement").objects.update(
        publication_status="published", published_at=django.utils.timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0016_exchange_publication"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="achievement",
            options={
                "ordering": ["-year", "-id"],
                "permissions": [("publish_achievement", "Can publish achievements")],
                "verbose_name": "achievement",
                "verbose_name_plural": "achievements",
            },
        ),
        migrations.AddField(
            model_name="achievement",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now, verbose_name="created at"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="achievement",
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
            model_name="achievement",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When the record becomes public. A future time schedules it.",
                null=True,
                verbose_name="published at",
            ),
        ),
        migrations.AddField(
            model_name="achievement",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated at"),
        ),
        migrations.AddIndex(
            model_name="achievement",
            index=models.Index(
                fields=["publication_status", "published_at"], name="cooperation_publica_70779a_idx"
            ),
        ),
        # Going back drops the columns: nothing to undo.
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
    ]
