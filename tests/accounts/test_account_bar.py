"""The account bar of the dashboard and the account pages: who is signed in, the pages they
may open, and a way out; the portal's pages, the same for every reader, have none."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts import roles
from tests.staff import staff_in

ENGLISH = {"accept-language": "en"}


def signed_in(user) -> Client:
    client = Client(headers=ENGLISH)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_leader_sees_who_is_signed_in_and_logs_out_from_the_dashboard():
    leader = staff_in(roles.LEADERSHIP, "chief")
    leader.is_staff = False
    leader.save()
    client = signed_in(leader)
    dashboard = reverse("dashboard:index")  # in the language of the test's default, zh-hans
    page = client.get("/en/dashboard/").text
    bar = page[
        page.index('<nav class="account-bar"') : page.index("</nav>", page.index("account-bar"))
    ]
    assert f"Signed in as {leader}" in bar
    assert 'href="/en/dashboard/"' in bar
    assert f'href="{reverse("accounts:settings")}"' in bar
    assert f'href="{reverse("accounts:password-change")}"' in bar
    assert reverse("admin:index") not in bar  # not staff: no back office
    assert f'<form method="post" action="{reverse("accounts:logout")}">' in bar
    assert 'name="csrfmiddlewaretoken"' in bar

    response = client.post(reverse("accounts:logout"))
    assert (response.status_code, response["Location"]) == (302, reverse("portal:home"))
    assert client.get(dashboard)["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_staff_get_the_back_office_link_on_their_account_pages():
    client = signed_in(staff_in(roles.EDITOR, "wang.editor"))
    for name in ("accounts:settings", "accounts:password-change"):
        page = client.get(reverse(name)).text
        assert 'class="account-bar"' in page
        assert f'href="{reverse("admin:index")}">Back office</a>' in page
        assert "/dashboard/" not in page  # no dashboard permission


@pytest.mark.django_db
def test_the_portal_and_the_login_page_have_no_account_bar():
    client = signed_in(staff_in(roles.EDITOR, "wang.editor"))
    for path in ("/en/", "/en/projects/", "/en/news/"):
        response = client.get(path)
        assert response.status_code == 200 and 'class="account-bar"' not in response.text
    assert 'class="account-bar"' not in Client().get(reverse("accounts:login")).text


@pytest.mark.django_db
def test_the_back_office_links_the_dashboard_for_those_who_may_see_it(admin_user):
    dashboard_link = '<a href="/en/dashboard/">Leadership dashboard</a>'
    editor = signed_in(staff_in(roles.EDITOR, "wang.editor"))
    assert dashboard_link not in editor.get("/admin/").text
    assert dashboard_link in signed_in(admin_user).get("/admin/").text
