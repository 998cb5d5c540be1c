"""Site admins read the audit log and django-axes' lockouts, and unlock (delete) them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SITE_ADMIN = "Site admin"
PERMISSIONS = [
    ("accounts", "view_auditevent"),
    ("axes", "view_accessattempt"),
    ("axes", "delete_accessattempt"),
]


def _permissions(apps):
    # Permissions are normally created after all migrations; make them exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in PERMISSIONS
    ]


def grant(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=SITE_ADMIN)
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=SITE_ADMIN).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_audit_event"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
