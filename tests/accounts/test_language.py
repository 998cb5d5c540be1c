"""A signed-in user's own language (accounts.User.language): the back office and the account
pages speak it, whatever the browser asks; the portal keeps the language of its URL."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts import roles
from tests.staff import staff_in

CHINESE_BROWSER = {"accept-language": "zh-hans"}
ENGLISH_BROWSER = {"accept-language": "en"}


def signed_in(language: str) -> Client:
    user = staff_in(roles.EDITOR, f"editor-{language or 'none'}")
    user.language = language
    user.save()
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_back_office_speaks_the_language_its_user_chose():
    client = signed_in("en")
    response = client.get("/admin/", headers=CHINESE_BROWSER)
    assert response["Content-Language"] == "en"
    assert "Language and e-mails" in response.text
    # Nor does the language cookie (the portal's switcher) override it.
    client.cookies["django_language"] = "zh-hans"
    assert client.get("/accounts/settings/")["Content-Language"] == "en"

    client = signed_in("zh-hans")
    response = client.get("/admin/", headers=ENGLISH_BROWSER)
    assert response["Content-Language"] == "zh-hans"
    assert "语言和邮件" in response.text


@pytest.mark.django_db
def test_without_a_choice_the_browser_decides():
    client = signed_in("")
    assert client.get("/admin/", headers=ENGLISH_BROWSER)["Content-Language"] == "en"
    assert client.get("/admin/", headers=CHINESE_BROWSER)["Content-Language"] == "zh-hans"
    anonymous = Client()
    login = anonymous.get("/admin/login/", headers=ENGLISH_BROWSER)
    assert login["Content-Language"] == "en"


@pytest.mark.django_db
def test_the_portal_keeps_the_language_of_its_url():
    client = signed_in("en")
    response = client.get("/zh-hans/", headers=ENGLISH_BROWSER)
    assert (response.status_code, response["Content-Language"]) == (200, "zh-hans")
    # The site's root sends a signed-in user on to their language.
    response = client.get("/", headers=CHINESE_BROWSER)
    assert response["Location"].startswith("/en/")


@pytest.mark.django_db
def test_a_leader_lands_on_the_dashboard_in_their_language():
    leader = staff_in(roles.LEADERSHIP, "leader")
    leader.is_staff, leader.language = False, "en"
    leader.save()
    client = Client()
    client.force_login(leader)
    response = client.get("/accounts/start/", headers=CHINESE_BROWSER)
    assert response["Location"].startswith("/en/dashboard/")
    leader.language = ""
    leader.save()
    response = client.get("/accounts/start/", headers=CHINESE_BROWSER)
    assert response["Location"].startswith("/zh-hans/dashboard/")
