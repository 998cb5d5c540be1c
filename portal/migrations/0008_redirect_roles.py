"""Who keeps the redirects (frozen, like accounts.0002_roles): publishers, who decide what
readers reach, and site admins, who keep the site's settings; editors may read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Editor": ["view_redirect"],
    "Publisher": ["add_redirect", "change_redirect", "delete_redirect", "view_redirect"],
    "Site admin": ["add_redirect", "change_redirect", "delete_redirect", "view_redirect"],
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
    redirect_permissions = Permission.objects.filter(
        content_type__app_label="portal", codename__endswith="_redirect"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*redirect_permissions)


class Migration(migrations.Migration):
    dependencies = [("portal", "0007_redirect"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
