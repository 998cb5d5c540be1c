"""The 403 page: what a signed-in user who may not open a page is told, and where it leads.

On the site (the dashboard, its exports) it is a page of the site's layout in the language of
the address; in the back office (/admin/) it keeps the back office's look, in the language
the user chose. It says who is signed in, why the page is closed where the refusal says so,
and what to do; it never shows another refusal's message, which may name internals.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path, reverse
from django.utils.translation import gettext, override

from accounts import roles
from config import urls as root
from tests import factories as f
from tests.staff import staff_in

pytestmark = pytest.mark.django_db

DASHBOARD_REFUSAL = (
    "The dashboard is for the base's leadership. Ask a site admin for the Leadership role."
)
ASK_FOR_THE_ROLE = "Ask a site admin for the role it needs."
INTERNALS = "Row rule cooperation_project.owner_id failed for user 7"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def url(name: str, language: str = "en", **kwargs) -> str:
    with override(language):
        return reverse(name, kwargs=kwargs or None)


def signed_in(user, language: str = "en") -> Client:
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    return client


def in_language(language: str, message: str) -> str:
    """A message as the page shows it in ``language`` (English until it is translated)."""
    with override(language):
        return gettext(message)


def logout_form_leads_back_to(response, page: str) -> None:
    """The page's way to sign in as someone else: a POST that logs out, then the login page,
    which leads back to the page."""
    login = f"{reverse('accounts:login')}?next={quote(page)}"
    assert f'action="{reverse("accounts:logout")}"' in response.text
    assert f'name="next" value="{login}"' in response.text


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_editor_on_the_dashboard_is_told_why_in_the_sites_layout(language):
    editor = staff_in(roles.EDITOR, "editor")
    page = url("dashboard:index", language)
    response = signed_in(editor, "en" if language == "zh-hans" else "zh-hans").get(page)

    assert response.status_code == 403
    text = response.text
    assert f'<html lang="{language}">' in text  # the address's language, not the browser's
    for landmark in ['<header class="site-header">', '<main id="main"', "<footer"]:
        assert landmark in text
    assert 'class="error-page"' in text and 'content="noindex"' in text
    with override(language):
        signed_in_as = gettext(
            "You are signed in as %(name)s, and this account may not open this page."
        ) % {"name": "editor"}
    assert signed_in_as in text
    assert in_language(language, DASHBOARD_REFUSAL).replace("'", "&#x27;") in text
    assert f'href="{url("portal:home", language)}"' in text
    assert in_language(language, "Go to the home page") in text
    assert f'href="{reverse("admin:index")}"' in text  # staff: the back office
    logout_form_leads_back_to(response, page)
    if language == "zh-hans":
        assert "返回首页" in text and "Go to the home page" not in text
    # Private: it names who is signed in.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_exports_refuse_with_the_same_page():
    publisher = staff_in(roles.PUBLISHER, "publisher")
    response = signed_in(publisher).get(url("dashboard:export-xlsx"))
    assert response.status_code == 403
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "The dashboard is for the base&#x27;s leadership." in response.text
    assert "You are signed in as publisher" in response.text


def test_a_reader_who_is_not_staff_is_not_shown_the_back_office():
    reader = f.UserFactory(username="reader")
    response = signed_in(reader).get(url("dashboard:index"))
    assert response.status_code == 403
    assert "You are signed in as reader" in response.text
    assert f'href="{reverse("admin:index")}"' not in response.text


def test_signing_in_as_someone_else_logs_out_and_comes_back_to_the_page():
    editor = staff_in(roles.EDITOR, "editor")
    client = signed_in(editor)
    page = url("dashboard:index") + "?year_from=2024&year_to=2025"
    refused = client.get(page)
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', refused.text, re.S)
    assert form, "the page offers to log out"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[2]))
    response = client.post(html.unescape(form[1]), {"next": html.unescape(fields["next"])})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={quote(page)}"
    assert client.get(page).status_code == 302  # signed out: the login page, as ever


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_editor_on_an_admin_delete_page_stays_in_the_back_office(language):
    editor = staff_in(roles.EDITOR, "editor")
    editor.language = language
    editor.save()
    article = f.ArticleFactory()
    page = reverse("admin:news_article_delete", args=[article.pk])
    response = signed_in(editor, "en" if language == "zh-hans" else "zh-hans").get(page)

    assert response.status_code == 403
    text = response.text
    assert f'lang="{language}"' in text  # the user's own language
    with override(language):
        assert str(gettext("Coopbase back office")) in text  # the back office's header
        title = gettext("You may not open this page")
        signed_in_as = gettext(
            "You are signed in as %(name)s, and this account may not open this page."
        ) % {"name": "editor"}
    assert f"<h1>{title}</h1>" in text
    assert 'class="breadcrumbs"' in text
    assert signed_in_as in text and in_language(language, ASK_FOR_THE_ROLE) in text
    assert f'href="{reverse("admin:index")}"' in text
    assert "site-header" not in text  # not the site's layout
    logout_form_leads_back_to(response, page)
    assert "no-store" in response["Cache-Control"]


def test_an_editor_on_the_user_list_gets_the_back_offices_403():
    editor = staff_in(roles.EDITOR, "editor")
    response = signed_in(editor).get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 403
    assert "You are signed in as editor, and this account may not open this page." in response.text
    assert ASK_FOR_THE_ROLE in response.text


def test_a_site_admin_without_the_dashboard_permission_gets_the_page_too():
    admin = f.UserFactory(username="siteadmin", is_staff=True)
    admin.groups.add(Group.objects.get(name=roles.SITE_ADMIN))
    response = signed_in(admin).get(url("dashboard:index", "zh-hans"))
    assert response.status_code == 403
    assert '<html lang="zh-hans">' in response.text
    assert in_language("zh-hans", DASHBOARD_REFUSAL).replace("'", "&#x27;") in response.text


def refuses_with_internals(request):
    raise PermissionDenied(INTERNALS)


urlpatterns = [path("refuses/", refuses_with_internals), *root.urlpatterns]
handler403 = getattr(root, "handler403", "django.views.defaults.permission_denied")


def test_another_refusals_message_is_never_shown(settings):
    settings.ROOT_URLCONF = __name__
    editor = staff_in(roles.EDITOR, "editor")
    response = signed_in(editor).get("/refuses/")
    assert response.status_code == 403
    assert INTERNALS not in response.text
    assert "You are signed in as editor, and this account may not open this page." in response.text
    assert ASK_FOR_THE_ROLE in response.text
