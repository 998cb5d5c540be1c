"""Achievements have the publication workflow (cooperation.0017): publishers publish them,
and editors, who submit them for review, no longer delete them (as with exchanges: a
published achievement would otherwise leave the portal without a publisher)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PUBLISHER, EDITOR = "Publisher", "Editor"


def _permission(apps, codename):
    # Permissions are normally created after all migrations; make them exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    return apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="cooperation", codename=codename
    )


def _group(apps, name):
    return apps.get_model("auth", "Group").objects.filter(name=name).first()


def grant(apps, schema_editor):
    publisher, editor = _group(apps, PUBLISHER), _group(apps, EDITOR)
    if publisher is not None:
        publisher.permissions.add(_permission(apps, "publish_achievement"))
    if editor is not None:
        editor.permissions.remove(_permission(apps, "delete_achievement"))


def revoke(apps, schema_editor):
    publisher, editor = _group(apps, PUBLISHER), _group(apps, EDITOR)
    if publisher is not None:
        publisher.permissions.remove(_permission(apps, "publish_achievement"))
    if editor is not None:
        editor.permissions.add(_permission(apps, "delete_achievement"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_publishers_publish_exchanges"),
        ("cooperation", "0017_achievement_publication"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
