"""Editors and publishers keep topics and the image library; leadership may look."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["topic", "image"]


def grants():
    editor = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "view")]
    return {
        "Editor": editor,
        "Publisher": editor + [f"delete_{model}" for model in MODELS],
        "Leadership": [f"view_{model}" for model in MODELS],
    }


def grant(apps, schema_editor):
    app_config = apps.get_app_config("news")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in grants().items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in grants().items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="news", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("news", "0003_topics_related_items_image_library"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
