"""Login outside the admin: safe redirects, one message for every failure, throttling, passwords."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts import roles
from accounts.models import AuditEvent, AuditEventKind, User
from tests import factories as f

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing is tested on its own below; elsewhere a fast hasher keeps the tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str = "leader", group: str | None = roles.LEADERSHIP, **fields) -> User:
    user = f.UserFactory(username=username, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def login(client, username: str, password: str, *, ip: str = "10.0.0.1", url=None, **data):
    return client.post(
        url or reverse("accounts:login"),
        {"username": username, "password": password, **data},
        REMOTE_ADDR=ip,
    )


def error_text(response) -> str:
    return " ".join(str(e) for e in response.context["form"].non_field_errors())


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_login_page_speaks_both_languages(client, language):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert ("登录" in response.text) == (language == "zh-hans")
    assert 'type="password"' in response.text


@pytest.mark.django_db
def test_leadership_logs_in_and_lands_on_the_dashboard_or_the_portal(client):
    make_user()
    response = login(client, "leader", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:landing")
    landing = client.get(response["Location"])
    assert landing.status_code == 302
    assert not landing["Location"].startswith("/admin/")


@pytest.mark.django_db
def test_staff_land_in_the_admin(client):
    make_user("editor", roles.EDITOR, is_staff=True)
    response = login(client, "editor", PASSWORD)
    assert client.get(response["Location"])["Location"] == reverse("admin:index")


@pytest.mark.django_db
def test_a_local_next_is_followed(client):
    make_user()
    response = login(client, "leader", PASSWORD, next="/en/projects/?year=2020")
    assert response["Location"] == "/en/projects/?year=2020"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    [
        "//evil.com",
        "https://evil.com",
        "http://evil.com/zh-hans/",
        "/\\evil.com",
        "\\\\evil.com",
        "///evil.com",
        "https:evil.com",
        "javascript:alert(1)",
        " //evil.com",
    ],
)
def test_next_never_leaves_the_site(client, target):
    make_user()
    response = login(client, "leader", PASSWORD, next=target)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:landing")
    page = client.get(reverse("accounts:login"), {"next": target})
    # Already logged in: the login page redirects, and never to the other site either.
    assert page["Location"] == reverse("accounts:landing")


@pytest.mark.django_db
def test_unknown_users_and_wrong_passwords_get_the_same_message(client):
    make_user()
    wrong_password = login(client, "leader", "not-the-password")
    unknown_user = login(client, "nobody-by-this-name", "not-the-password", ip="10.0.0.2")
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert error_text(wrong_password)
    assert error_text(wrong_password) == error_text(unknown_user)


@pytest.mark.django_db
def test_an_inactive_account_gets_the_same_message_too(client):
    make_user(is_active=False)
    inactive = login(client, "leader", PASSWORD)
    unknown_user = login(client, "nobody", PASSWORD, ip="10.0.0.2")
    assert error_text(inactive) == error_text(unknown_user)


def assert_locked_out(response) -> None:
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "too many" in response.text.lower() or "过多" in response.text


@pytest.mark.django_db
def test_one_account_is_throttled_whatever_the_address(client, settings):
    make_user()
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(client, "leader", "wrong", ip=f"10.0.1.{attempt}")
        assert response.status_code == 200
    # The failure that reaches the limit already answers with the lockout page.
    assert_locked_out(login(client, "leader", "wrong", ip="10.0.1.99"))
    # Even the right password, from yet another address, is refused during the cool-off.
    response = login(client, "leader", PASSWORD, ip="10.0.2.1", HTTP_ACCEPT_LANGUAGE="en")
    assert_locked_out(response)
    assert "_auth_user_id" not in client.session
    # Another account from a fresh address is not affected.
    make_user("other")
    assert login(client, "other", PASSWORD, ip="10.0.3.1").status_code == 302


@pytest.mark.django_db
def test_one_address_is_throttled_whatever_the_account(client, settings):
    make_user()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"guess{attempt}", "wrong", ip="10.9.9.9")
    assert_locked_out(login(client, "leader", PASSWORD, ip="10.9.9.9"))
    assert login(client, "leader", PASSWORD, ip="10.9.9.10").status_code == 302


@pytest.mark.django_db
def test_the_admin_login_is_throttled_too(client, settings):
    make_user("editor", roles.EDITOR, is_staff=True)
    url = reverse("admin:login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "editor", "wrong", url=url).status_code == 200
    assert_locked_out(login(client, "editor", "wrong", url=url))
    assert_locked_out(login(client, "editor", PASSWORD, url=url))
    assert AccessAttempt.objects.filter(username="editor").exists()


@pytest.mark.django_db
def test_a_successful_login_resets_the_accounts_failures(client, settings):
    make_user()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "leader", "wrong", ip="10.0.0.7")
    assert login(client, "leader", PASSWORD, ip="10.0.0.8").status_code == 302
    client.post(reverse("accounts:logout"))
    assert login(client, "leader", "wrong", ip="10.0.0.9").status_code == 200


@pytest.mark.django_db
def test_logout_needs_a_post_and_is_recorded(client):
    user = make_user()
    client.force_login(user)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(kind=AuditEventKind.LOGOUT)
    assert (event.user, event.ip_address) == (user, "10.1.2.3")


@pytest.mark.django_db
def test_password_change_needs_login_checks_the_validators_and_is_recorded(client):
    url = reverse("accounts:password-change")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?next=")

    user = make_user()
    client.force_login(user)
    weak = client.post(
        url, {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200
    assert weak.context["form"].errors["new_password2"]

    new = "a-much-better-passphrase-2026"
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response["Location"] == reverse("accounts:password-change-done")
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEvent.objects.filter(kind=AuditEventKind.PASSWORD_CHANGED, user=user).exists()
    # The session survives the change (Django updates the session hash).
    assert client.get(reverse("accounts:password-change-done")).status_code == 200


@pytest.mark.django_db
def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = make_user(email="leader@example.org")
    response = client.post(reverse("accounts:password-reset"), {"email": "leader@example.org"})
    assert response["Location"] == reverse("accounts:password-reset-done")
    # An unknown address gets the same answer and no mail.
    other = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"})
    assert other["Location"] == response["Location"]
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"]
    new = "another-good-passphrase-77"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done["Location"] == reverse("accounts:password-reset-complete")
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEvent.objects.filter(kind=AuditEventKind.PASSWORD_RESET, user=user).exists()
    # The link works once.
    assert not client.get(link.group(1), follow=True).context["validlink"]


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2_and_old_hashes_upgrade_on_login(client, settings):
    from config import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert make_password("x-correct-horse").startswith("argon2$")
    user = make_user()
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    assert login(client, "leader", PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
