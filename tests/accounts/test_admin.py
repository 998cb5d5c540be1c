"""Users and groups in the back office: pages in a fixed number of queries, filters work."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import override
from django_tasks_db.models import DBTaskResult

from accounts import roles
from accounts.apps import AccountsConfig
from accounts.models import AuditEvent, AuditEventKind, User
from cooperation.apps import CooperationConfig
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.test_admin import assert_admin_pages_load_in_fixed_queries

pytestmark = pytest.mark.usefixtures("fast_password_hashing")


def build_users(n: int) -> models.Model:
    users = f.UserFactory.create_batch(n, is_staff=True)
    for user in users:
        user.groups.set(Group.objects.all())
    users[0].user_permissions.set(Permission.objects.order_by("pk")[:n])
    return users[0]


def build_groups(n: int) -> models.Model:
    start = Group.objects.count()
    groups = [Group.objects.create(name=f"Group {start + i}") for i in range(n)]
    groups[0].permissions.set(Permission.objects.order_by("pk")[:n])
    return groups[0]


def build_audit_events(n: int) -> models.Model:
    user = f.UserFactory()
    events = [
        AuditEvent(kind=AuditEventKind.LOGIN, user=user, username=user.username, ip_address="::1")
        for _ in range(n)
    ]
    return AuditEvent.objects.bulk_create(events)[0]


def build_log_entries(n: int) -> models.Model:
    user = f.UserFactory(is_staff=True)
    content_type = ContentType.objects.get_for_model(Group)
    entries = [
        LogEntry(user=user, content_type=content_type, object_id=str(i), object_repr=f"Group {i}")
        for i in range(n)
    ]
    for entry in entries:
        entry.action_flag = CHANGE
    return LogEntry.objects.bulk_create(entries)[0]


def build_access_attempts(n: int) -> models.Model:
    start = AccessAttempt.objects.count()
    attempts = [
        AccessAttempt(
            username=f"user{start + i}",
            ip_address="192.0.2.1",
            failures_since_start=1,
            get_data="",
            post_data="",
        )
        for i in range(n)
    ]
    return AccessAttempt.objects.bulk_create(attempts)[0]


BUILDERS = {
    User: build_users,
    Group: build_groups,
    AuditEvent: build_audit_events,
    LogEntry: build_log_entries,
    AccessAttempt: build_access_attempts,
}


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda model: model._meta.label)
def test_user_and_group_admin_pages_load_in_queries_that_do_not_grow(admin_client, model):
    assert_admin_pages_load_in_fixed_queries(admin_client, model, BUILDERS[model])


@pytest.mark.django_db
def test_user_changelist_filters_by_role_and_searches(admin_client, admin_user):
    editor = f.UserFactory(username="wang.editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    f.UserFactory(username="li.reader")
    url = admin_url(User, "changelist")

    def listed(params) -> set[str]:
        response = admin_client.get(url, params)
        assert response.status_code == 200
        return {user.username for user in response.context["cl"].result_list}

    editors = Group.objects.get(name=roles.EDITOR)
    assert listed({"groups__id__exact": editors.pk}) == {"wang.editor"}
    assert listed({"is_staff__exact": "0"}) == {"li.reader"}
    assert listed({"q": "wang"}) == {"wang.editor"}


def user_form(user: User, **changes) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [group.pk for group in user.groups.all()],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        # As a browser posts them: a box that is ticked.
        "review_mail": "on" if user.review_mail else None,
        "outcome_mail": "on" if user.outcome_mail else None,
        "language": user.language,
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_a_site_admin_gives_roles_but_cannot_make_a_superuser_or_grant_permissions(
    client, site_admin
):
    colleague = f.UserFactory(username="chen.staff", is_staff=True)
    publishers = Group.objects.get(name=roles.PUBLISHER)
    site_admins = Group.objects.get(name=roles.SITE_ADMIN)
    any_permission = Permission.objects.get(codename="delete_user")
    # A colleague is given the role; the site admin's own roles stay as a superuser set them
    # (a site admin gave themselves the publisher's role and published an article).
    for target, roles_after in ((colleague, [publishers]), (site_admin, [site_admins])):
        response = client.post(
            admin_url(User, "change", target.pk),
            user_form(
                target,
                groups=[publishers.pk],
                is_superuser="on",
                user_permissions=[any_permission.pk],
            ),
        )
        assert response.status_code == 302, response.context and response.context["errors"]
        target.refresh_from_db()
        assert list(target.groups.all()) == roles_after
        assert not target.is_superuser
        assert not target.user_permissions.exists()


@pytest.mark.django_db
def test_a_site_admin_cannot_take_away_their_own_staff_status_or_account(client, site_admin):
    response = client.post(
        admin_url(User, "change", site_admin.pk),
        user_form(site_admin, is_staff=None, is_active=None, groups=[]),
    )
    assert response.status_code == 302
    site_admin.refresh_from_db()
    assert site_admin.is_staff and site_admin.is_active
    assert site_admin.groups.filter(name=roles.SITE_ADMIN).exists()
    # The form shows them, not as fields to change.
    form = client.get(admin_url(User, "change", site_admin.pk)).text
    assert 'name="groups"' not in form and 'name="is_staff"' not in form


@pytest.mark.django_db
def test_a_site_admin_sets_a_colleagues_language_and_workflow_mails(client, site_admin):
    colleague = f.UserFactory(username="chen.staff", is_staff=True)
    form = client.get(admin_url(User, "change", colleague.pk)).text
    assert 'name="review_mail"' in form and 'name="outcome_mail"' in form
    assert 'name="language"' in form
    response = client.post(
        admin_url(User, "change", colleague.pk),
        user_form(colleague, review_mail=None, language="en"),
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert (colleague.review_mail, colleague.outcome_mail) == (False, True)
    assert colleague.language == "en"
    # A language the site does not have is a form error, and nothing is saved.
    response = client.post(
        admin_url(User, "change", colleague.pk), user_form(colleague, language="fr")
    )
    assert response.status_code == 200 and response.context["errors"]
    colleague.refresh_from_db()
    assert colleague.language == "en"


@pytest.mark.django_db
def test_a_site_admin_cannot_touch_a_superusers_account(client, site_admin, admin_user):
    password_before = admin_user.password
    change = admin_url(User, "change", admin_user.pk)
    assert client.get(change).status_code == 200  # read-only view
    assert client.post(change, user_form(admin_user, is_staff=None)).status_code == 403
    password = reverse("admin:auth_user_password_change", args=[admin_user.pk])
    assert client.get(password).status_code == 403
    assert (
        client.post(password, {"password1": "x9!Kq7#mP2", "password2": "x9!Kq7#mP2"}).status_code
        == 403
    )
    assert client.post(admin_url(User, "delete", admin_user.pk), {"post": "yes"}).status_code == 403
    admin_user.refresh_from_db()
    assert admin_user.is_staff and admin_user.password == password_before


@pytest.mark.django_db
def test_a_site_admin_reads_the_roles_but_only_a_superuser_changes_them(
    client, site_admin, admin_client
):
    role = Group.objects.get(name=roles.SITE_ADMIN)
    before = set(role.permissions.all())
    everything = list(Permission.objects.values_list("pk", flat=True))
    url = admin_url(Group, "change", role.pk)
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": role.name, "permissions": everything}).status_code == 403
    assert set(role.permissions.all()) == before
    assert admin_client.post(url, {"name": role.name, "permissions": everything}).status_code == 302
    assert role.permissions.count() == len(everything)


@pytest.mark.django_db
def test_the_login_lockouts_are_shown_in_chinese(client, site_admin):
    """django-axes has no Chinese catalogue: its section of the back office (the lockouts a
    site admin lifts) is translated in the project's (config/django_strings.py)."""
    build_access_attempts(1)
    index = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert "登录限制" in index
    assert "登录尝试记录" in index
    assert "Axes" not in index
    assert "Access attempts" not in index
    # The accounts app keeps its own configuration beside axes' (its name, its ready()).
    assert "账户" in index
    assert "Accounts" not in index
    assert isinstance(apps.get_app_config("accounts"), AccountsConfig)

    changelist = client.get(admin_url(AccessAttempt, "changelist"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert changelist.status_code == 200
    for label in ("IP 地址", "用户名", "登录失败次数", "尝试时间", "路径"):
        assert label in changelist.text
    for label in ("IP Address", "Failed Logins", "Attempt Time"):
        assert label not in changelist.text


@pytest.mark.django_db
def test_a_back_office_role_needs_staff_status_and_the_form_says_so(client, site_admin):
    """Without it the account cannot sign in to the back office, and Django's login only
    says the password is wrong."""
    colleague = f.UserFactory(username="li.new", is_staff=False)
    editors = Group.objects.get(name=roles.EDITOR)
    leadership = Group.objects.get(name=roles.LEADERSHIP)
    change = admin_url(User, "change", colleague.pk)

    response = client.post(change, user_form(colleague, groups=[editors.pk], is_staff=None))
    assert response.status_code == 200
    # The back office's language, Chinese by default: the role named as the form lists it.
    assert response.context["adminform"].form.errors["is_staff"] == [
        "只有工作人员账户才能进入管理后台，而这些角色在后台工作：编辑。请同时勾选“工作人员状态”。"
    ]
    colleague.refresh_from_db()
    assert not colleague.groups.exists()

    # Leadership reads the dashboard, outside the back office: no staff status needed.
    leader = user_form(colleague, groups=[leadership.pk], is_staff=None)
    assert client.post(change, leader).status_code == 302
    assert (
        client.post(change, user_form(colleague, groups=[editors.pk], is_staff="on")).status_code
        == 302
    )
    colleague.refresh_from_db()
    assert colleague.is_staff and list(colleague.groups.all()) == [editors]


@pytest.mark.django_db
def test_the_background_tasks_are_named_in_chinese(admin_client):
    """django-tasks-db names its app and records in English alone ("Tasks Database Backend |
    Task Result" in the admin log): named in the project's catalogue."""
    with override("zh-hans"):
        assert str(ContentType.objects.get_for_model(DBTaskResult)) == "后台任务 | 任务结果"
    index = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert "Tasks Database Backend" not in index
    assert isinstance(apps.get_app_config("cooperation"), CooperationConfig)
