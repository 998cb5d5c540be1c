"""Every login, failed login, logout and staff change is recorded; site admins read it, read-only."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from accounts import roles
from accounts.audit import client_ip
from accounts.models import AuditEvent, AuditEventKind, User
from tests import factories as f
from tests.admin_helpers import admin_url

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def staff(group: str, username: str) -> User:
    user = f.UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("login_url", ["accounts:login", "admin:login"])
def test_logins_and_failed_logins_are_recorded_with_who_when_and_where(client, login_url):
    user = staff(roles.EDITOR, "wang")
    url = reverse(login_url)
    client.post(
        url,
        {"username": "wang", "password": "wrong-secret-1"},
        REMOTE_ADDR="192.0.2.7",
        HTTP_USER_AGENT="Firefox",
    )
    client.post(url, {"username": "ghost", "password": "wrong-secret-2"}, REMOTE_ADDR="192.0.2.8")
    client.post(url, {"username": "wang", "password": PASSWORD}, REMOTE_ADDR="2001:db8::1")

    events = list(AuditEvent.objects.order_by("pk"))
    assert [(e.kind, e.username, e.user, e.ip_address) for e in events] == [
        (AuditEventKind.LOGIN_FAILED, "wang", None, "192.0.2.7"),
        (AuditEventKind.LOGIN_FAILED, "ghost", None, "192.0.2.8"),
        (AuditEventKind.LOGIN, "wang", user, "2001:db8::1"),
    ]
    assert events[0].user_agent == "Firefox"
    assert events[0].path == url
    assert all(e.created_at for e in events)
    # The password typed is never kept.
    for event in events:
        assert "wrong-secret" not in " ".join(
            [event.username, event.user_agent, event.path, str(event)]
        )


@pytest.mark.django_db
def test_a_nul_byte_in_the_username_is_refused_not_stored(client):
    response = client.post(
        reverse("accounts:login"), {"username": "wang\x00", "password": "x"}, REMOTE_ADDR="1.2.3.4"
    )
    assert response.status_code == 200
    assert all("\x00" not in e.username for e in AuditEvent.objects.all())


def test_the_client_address_comes_from_trusted_proxies_only(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"
    # Fewer addresses than proxies, or garbage: the connection's address, or nothing.
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.2"
    assert client_ip(factory.get("/", REMOTE_ADDR="not-an-ip")) is None


@pytest.mark.django_db
def test_staff_changes_are_in_the_admin_log(client, admin_user):
    target = staff(roles.EDITOR, "li")
    client.force_login(admin_user)
    url = admin_url(User, "change", target.pk)
    data = {
        "username": "li",
        "email": "li@example.org",
        "is_active": "on",
        "is_staff": "on",
        "groups": [Group.objects.get(name=roles.PUBLISHER).pk],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = LogEntry.objects.get(object_id=str(target.pk))
    assert (entry.user, entry.action_flag) == (admin_user, CHANGE)
    assert entry.action_time


LOGS = [AuditEvent, LogEntry, AccessAttempt]


def make_log_rows(admin_user: User) -> None:
    AuditEvent.objects.create(kind=AuditEventKind.LOGIN, username="x", ip_address="192.0.2.1")
    LogEntry.objects.create(
        user=admin_user, action_flag=CHANGE, object_id="1", object_repr="Something"
    )
    AccessAttempt.objects.create(
        username="x", ip_address="192.0.2.1", failures_since_start=3, get_data="", post_data=""
    )


@pytest.mark.django_db
@pytest.mark.parametrize("model", LOGS, ids=lambda m: m._meta.label)
def test_site_admins_read_the_logs_but_cannot_edit_them(client, admin_user, model):
    make_log_rows(admin_user)
    row = model.objects.get()
    client.force_login(staff(roles.SITE_ADMIN, "siteadmin"))
    assert client.get(admin_url(model, "changelist")).status_code == 200
    detail = client.get(admin_url(model, "change", row.pk))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.text
    assert client.get(admin_url(model, "add")).status_code == 403
    assert client.post(admin_url(model, "change", row.pk), {}).status_code == 403
    if model is AccessAttempt:
        # Unlocking an account is deleting its failure counter.
        assert client.get(admin_url(model, "delete", row.pk)).status_code == 200
    else:
        assert client.get(admin_url(model, "delete", row.pk)).status_code == 403
        assert model.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("group", [roles.EDITOR, roles.PUBLISHER])
@pytest.mark.parametrize("model", LOGS, ids=lambda m: m._meta.label)
def test_other_staff_do_not_see_the_logs(client, admin_user, group, model):
    make_log_rows(admin_user)
    client.force_login(staff(group, "someone"))
    assert client.get(admin_url(model, "changelist")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("model", LOGS, ids=lambda m: m._meta.label)
def test_superusers_read_the_logs_and_never_add_to_them(admin_client, admin_user, model):
    make_log_rows(admin_user)
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 403
