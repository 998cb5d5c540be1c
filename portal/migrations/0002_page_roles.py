"""Give the staff roles their permissions on pages (frozen, like accounts.0002_roles)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Editor": ["add_page", "change_page", "view_page"],
    "Publisher": ["add_page", "change_page", "view_page", "delete_page", "publish_page"],
    "Leadership": ["view_page"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("portal")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="portal", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="portal"))


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_page"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
