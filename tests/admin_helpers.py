"""Shared helpers for tests of the admin back office."""

from django.contrib import admin
from django.db import models


def registered_models() -> list[type[models.Model]]:
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


class _Superuser:
    is_active = is_staff = is_superuser = True

    def has_perm(self, perm: str, obj=None) -> bool:
        return True


def addable_in_admin(model: type[models.Model]) -> bool:
    """False for the logs the admin only shows (audit log, admin log, login lockouts)."""
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = _Superuser()
    return admin.site._registry[model].has_add_permission(request)


def admin_url(model: type[models.Model], view: str, *args) -> str:
    from django.urls import reverse

    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def import_problems(result) -> dict[tuple[int, str], str]:
    """{(row number, column): message} of a spreadsheet import result's invalid rows."""
    found = {}
    for row in result.invalid_rows:
        for column, messages in row.field_specific_errors.items():
            found[(row.number, column)] = " ".join(str(msg) for msg in messages)
    return found
