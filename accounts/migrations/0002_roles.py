"""Create the four staff roles as groups with explicit permissions.

Frozen here on purpose: later changes to a role come as new migrations, reviewed like code.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = {
    "cooperation": [
        "partnercountry",
        "institution",
        "researchfield",
        "unit",
        "researcher",
        "cooperationproject",
        "projectpartner",
        "projectresearchfield",
        "award",
        "achievement",
        "exchange",
    ],
    "news": ["category", "article"],
}
# Rows an editor removes from a record's inlines (partners, fields) or keeps alone.
EDITOR_DELETABLE = {"projectpartner", "projectresearchfield", "achievement", "exchange"}
PUBLISH = [
    ("cooperation", "publish_cooperationproject"),
    ("cooperation", "publish_award"),
    ("news", "publish_article"),
]


def role_permissions():
    editor, publisher, leadership = [], [], []
    for app_label, models in CONTENT_MODELS.items():
        for model in models:
            for action in ("add", "change", "view"):
                editor.append((app_label, f"{action}_{model}"))
                publisher.append((app_label, f"{action}_{model}"))
            publisher.append((app_label, f"delete_{model}"))
            if model in EDITOR_DELETABLE:
                editor.append((app_label, f"delete_{model}"))
            leadership.append((app_label, f"view_{model}"))
    publisher += PUBLISH
    leadership.append(("accounts", "view_dashboard"))
    site_admin = [
        ("accounts", f"{action}_user") for action in ("add", "change", "delete", "view")
    ] + [("auth", "view_group"), ("auth", "change_group"), ("admin", "view_logentry")]
    return {
        "Editor": editor,
        "Publisher": publisher,
        "Leadership": leadership,
        "Site admin": site_admin,
    }


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make them exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in codenames:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=role_permissions()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("cooperation", "0001_initial"),
        ("news", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
