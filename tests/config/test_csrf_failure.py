"""A form refused for its security token (CSRF): the page says why and how to send it again,
in the reader's language and the look of where the form was, never Django's bare English page.

Two common cases: a login form left open across a logout in another tab (a stale token),
and a browser that blocks the site's cookies (no token cookie at all)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext, override

from accounts import roles
from tests import factories as f
from tests.staff import staff_in

pytestmark = pytest.mark.django_db

STALE = (
    "The form's security token had expired: the page was probably open while you logged in or"
    " out, here or in another tab."
)
NO_COOKIE = (
    "Your browser did not send this site's cookie, which every form needs to show that it"
    " came from this site."
)


def worded(language: str, message: str) -> str:
    with override(language):
        return gettext(message)


def browser(language: str = "en") -> Client:
    return Client(enforce_csrf_checks=True, headers={"accept-language": language})


def with_stale_token(client: Client) -> Client:
    """A browser holding the site's token cookie, whose form carries another token."""
    client.get(reverse("accounts:login"))
    assert "csrftoken" in client.cookies
    return client


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_stale_login_form_gets_the_sites_page_in_the_readers_language(language):
    login = reverse("accounts:login")
    response = with_stale_token(browser(language)).post(
        login,
        {"username": "editor", "password": "x", "csrfmiddlewaretoken": "a" * 64},
        headers={"referer": f"http://testserver{login}?next=/en/"},
    )

    assert response.status_code == 403
    text = response.text
    assert f'<html lang="{language}">' in text
    assert '<header class="site-header">' in text and 'content="noindex"' in text
    assert worded(language, STALE) in text
    assert worded(language, NO_COOKIE) not in text
    assert "CSRF" not in text
    # Back to the form it came from, query and all.
    assert f'href="http://testserver{login}?next=/en/"' in text
    assert "no-store" in response["Cache-Control"]


def test_a_browser_without_cookies_is_told_to_allow_them():
    response = browser().post(reverse("accounts:login"), {"username": "editor", "password": "x"})

    assert response.status_code == 403
    assert worded("en", NO_COOKIE) in response.text
    assert worded("en", STALE) not in response.text


def test_a_referrer_on_another_site_is_not_offered_as_the_way_back():
    login = reverse("accounts:login")
    response = with_stale_token(browser()).post(
        login,
        {"csrfmiddlewaretoken": "a" * 64},
        headers={"referer": "https://elsewhere.example/phish"},
    )

    assert response.status_code == 403
    assert "elsewhere.example" not in response.text
    assert f'href="{login}"' in response.text


def test_a_back_office_form_keeps_the_back_offices_look():
    editor = staff_in(roles.EDITOR, "editor")
    client = browser("zh-hans")
    client.force_login(editor)
    client.get(reverse("admin:index"))
    add_country = reverse("admin:cooperation_partnercountry_add")

    response = client.post(add_country, {"csrfmiddlewaretoken": "a" * 64})

    assert response.status_code == 403
    text = response.text
    assert 'id="content-main"' in text and 'id="header"' in text
    with override("zh-hans"):
        assert f"<h1>{gettext('Your form was not sent')}</h1>" in text
    assert worded("zh-hans", STALE) in text
    assert f'href="{add_country}"' in text
    assert f'href="{reverse("admin:index")}"' in text


def test_a_form_sent_with_its_token_is_not_refused():
    user = f.UserFactory(username="reader")
    user.set_password("a long enough password")
    user.save()
    client = browser()
    token = client.get(reverse("accounts:login")).context["csrf_token"]

    response = client.post(
        reverse("accounts:login"),
        {"username": "reader", "password": "a long enough password", "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
