"""A library image gets a description per language (news/translation.py), as a cover image
has: one column for the Chinese body, one for the English.

Until now one description served both bodies, so readers of both languages read it: it is
copied into both columns, and an editor translates the English one where it is Chinese.
Going back, the single description is the Chinese one (the required language), or, where an
image had none, the text it had before.
"""

from django.db import migrations, models
from django.db.models.functions import Coalesce, NullIf


def describe_in_both_languages(apps, schema_editor):
    Image = apps.get_model("news", "Image")
    # One UPDATE for the whole library; the historical model has no translation magic, so
    # alt_text is the column as it was stored.
    Image.objects.update(alt_text_zh_hans=models.F("alt_text"), alt_text_en=models.F("alt_text"))


def keep_the_chinese_description(apps, schema_editor):
    Image = apps.get_model("news", "Image")
    Image.objects.update(
        alt_text=Coalesce(NullIf(models.F("alt_text_zh_hans"), models.Value("")), "alt_text")
    )


class Migration(migrations.Migration):
    dependencies = [("news", "0007_admin_search_index")]

    operations = [
        migrations.AddField(
            model_name="image",
            name="alt_text_en",
            field=models.CharField(
                help_text="What the image shows, for readers who cannot see it.",
                max_length=255,
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="alt_text_zh_hans",
            field=models.CharField(
                help_text="What the image shows, for readers who cannot see it.",
                max_length=255,
                null=True,
                verbose_name="description",
            ),
        ),
        migrations.RunPython(describe_in_both_languages, keep_the_chinese_description),
    ]
