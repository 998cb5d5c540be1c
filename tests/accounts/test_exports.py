"""Site admins export the account lists (users, the audit log, the admin log) as filtered:
no password hash ever leaves, and every cell is inert in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from import_export.admin import ExportMixin

from accounts import roles
from accounts.models import AuditEvent, AuditEventKind, User
from accounts.resources import (
    AccessAttemptResource,
    AuditEventResource,
    LogEntryResource,
    RoleResource,
    UserResource,
)
from tests import factories as f
from tests.admin_helpers import admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]
XLSX, CSV = "0", "1"


def export(client, model, resource_class, file_format: str, query: str = ""):
    prefix = resource_class.__name__.lower()
    form = {"format": file_format, "resource": "0"}
    for name in resource_class().get_export_order():
        form[f"{prefix}_{name}"] = "on"
    return client.post(admin_url(model, "export") + query, form)


def csv_rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.content[:300]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_users_export_with_roles_and_never_a_password(client, site_admin):
    editor = f.UserFactory(username="wang.editor", email="wang@example.edu", is_staff=True)
    editor.groups.add(
        Group.objects.get(name=roles.EDITOR), Group.objects.get(name=roles.LEADERSHIP)
    )
    f.UserFactory(username="li.reader")

    response = export(client, User, UserResource, CSV, "?is_staff__exact=1")

    rows = {row["username"]: row for row in csv_rows(response)}
    assert set(rows) == {"zhao.siteadmin", "wang.editor"}  # the list's filter is kept
    assert rows["wang.editor"]["email"] == "wang@example.edu"
    assert sorted(rows["wang.editor"]["roles"].split("; ")) == [roles.EDITOR, roles.LEADERSHIP]
    assert "password" not in response.content.decode()
    assert editor.password.split("$")[-1] not in response.content.decode()


def test_users_export_reads_roles_in_a_fixed_number_of_queries(client, site_admin):
    editors = Group.objects.get(name=roles.EDITOR)

    def queries_for_export() -> int:
        with CaptureQueriesContext(connection) as queries:
            csv_rows(export(client, User, UserResource, CSV))
        return len(queries)

    few = queries_for_export()
    for n in range(20):
        f.UserFactory(username=f"user{n}").groups.add(editors)
    assert queries_for_export() == few


def test_audit_log_exports_with_hostile_text_inert(client, site_admin):
    AuditEvent.objects.create(
        kind=AuditEventKind.LOGIN_FAILED,
        username='=HYPERLINK("http://evil.example")',
        ip_address="203.0.113.9",
        user_agent="@SUM(A1)",
        path="/admin/login/",
    )

    workbook = openpyxl.load_workbook(
        io.BytesIO(export(client, AuditEvent, AuditEventResource, XLSX).content)
    )
    sheet = workbook.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    header, *rows = values
    assert "ip_address" in header
    # (The site admin's own sign-in is in the log too.)
    row = next(row for row in rows if row[header.index("ip_address")] == "203.0.113.9")
    assert row[header.index("username")] == '\'=HYPERLINK("http://evil.example")'
    assert row[header.index("user_agent")] == "'@SUM(A1)"
    assert row[header.index("ip_address")] == "203.0.113.9"


def test_admin_log_exports_who_changed_what(client, site_admin):
    project = f.CooperationProjectFactory(title_en="Joint lab")
    LogEntry.objects.log_actions(
        user_id=site_admin.pk,
        queryset=[project],
        action_flag=CHANGE,
        change_message="Changed title.",
        single_object=True,
    )

    rows = csv_rows(export(client, LogEntry, LogEntryResource, CSV))

    assert len(rows) == 1
    assert rows[0]["user"] == "zhao.siteadmin"
    assert rows[0]["object_repr"] == str(project)
    assert rows[0]["object_id"] == str(project.pk)
    assert rows[0]["record type"] == str(ContentType.objects.get_for_model(project))


@pytest.mark.parametrize("model", [User, AuditEvent, LogEntry], ids=lambda m: m._meta.label)
def test_an_editor_cannot_export_the_account_lists(client, model):
    editor = f.UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    client.force_login(editor)

    assert client.get(admin_url(model, "export")).status_code == 403


def test_roles_export_with_their_permissions(admin_client):
    rows = {row["name"]: row for row in csv_rows(export(admin_client, Group, RoleResource, CSV))}

    assert set(rows) >= {roles.EDITOR, roles.PUBLISHER, roles.LEADERSHIP, roles.SITE_ADMIN}
    assert "view_dashboard" in rows[roles.LEADERSHIP]["permissions"].split("; ")
    assert "change_user" in rows[roles.SITE_ADMIN]["permissions"].split("; ")


def test_lockouts_export_without_the_requests_data(client, site_admin):
    AccessAttempt.objects.create(
        username="li.reader",
        ip_address="198.51.100.7",
        user_agent="curl",
        path_info="/admin/login/",
        get_data="",
        post_data="username=li.reader\\npassword=secret-guess",
        failures_since_start=5,
    )

    response = export(client, AccessAttempt, AccessAttemptResource, CSV)

    (row,) = csv_rows(response)
    assert row["username"] == "li.reader" and row["failures_since_start"] == "5"
    assert "secret-guess" not in response.content.decode()


@pytest.mark.parametrize(
    "model", sorted(admin.site._registry, key=str), ids=lambda model: model._meta.label
)
def test_every_admin_list_exports(admin_client, model):
    """'Exports of any admin list': a new admin that forgets the mixin fails here."""
    assert isinstance(admin.site._registry[model], ExportMixin)
    assert admin_client.get(admin_url(model, "export")).status_code == 200


# A label in Chinese: a Chinese character in it (the record's id is "ID" in either language).
CHINESE_LABEL = re.compile(r"^(ID|.*[\u4e00-\u9fff].*) · .+$")


@pytest.mark.parametrize(
    "model", sorted(admin.site._registry, key=str), ids=lambda model: model._meta.label
)
def test_every_export_pages_column_boxes_are_named_in_chinese_for_a_chinese_user(
    admin_client, model
):
    """As the record's form names its fields, with the column's name. A column following a
    link (an article's author), a method's (the audit log's kind of event) or none (a
    project's lead partner) kept import-export's English: "Author", "Kind (event)", "Lead
    Partner"."""
    response = admin_client.get(admin_url(model, "export"), headers={"accept-language": "zh-hans"})

    labels = [
        str(field.label)
        for name, field in response.context["form"].fields.items()
        if name not in ("format", "resource", "export_items")
    ]
    assert labels
    assert [label for label in labels if not CHINESE_LABEL.match(label)] == []
