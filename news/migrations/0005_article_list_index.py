"""The public-articles index gains the id, in the news list's order (newest first, then id):
a deep page of the list finds its keys from the index alone (config/pagination.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_roles_for_topics_and_images"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="news_articl_publica_7d21dc_idx",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["publication_status", "published_at", "id"], name="news_article_public_idx"
            ),
        ),
    ]
