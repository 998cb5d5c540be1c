"""Redirects of retired addresses: where the portal has no page, a listed old address (the
former website's) sends readers on, as Wagtail's redirects do."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.models import Redirect
from portal.redirects import normalised_path
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("/info/1021/2023.htm", "/info/1021/2023.htm"),
        ("info/1021/2023.htm", "/info/1021/2023.htm"),
        ("https://old.example.edu.cn/info/1021/2023.htm", "/info/1021/2023.htm"),
        ("/news/", "/news"),
        ("/", "/"),
        ("/news.asp?id=12&lang=cn", "/news.asp?id=12&lang=cn"),
        ("/news.asp?lang=cn&id=12", "/news.asp?id=12&lang=cn"),
        ("/%E6%96%B0%E9%97%BB/", "/新闻"),
        ("  /padded.htm  ", "/padded.htm"),
        ("/page.htm#section", "/page.htm"),
        ("/odd//[path", "/odd//[path"),
        # Tracking parameters are no part of an old address (config.tracking).
        ("/news.asp?utm_source=x&id=12&gclid=y", "/news.asp?id=12"),
        ("https://old.example.edu.cn/info/1.htm?fbclid=z", "/info/1.htm"),
    ],
)
def test_an_old_address_is_kept_in_one_form(address, kept):
    assert normalised_path(address) == kept


@pytest.mark.django_db
def test_an_old_address_sends_readers_on_for_good():
    article = f.ArticleFactory()
    Redirect.objects.create(old_path="/info/1021/2023.htm", target=article.get_absolute_url())

    response = Client().get("/info/1021/2023.htm")

    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert Client().get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_a_temporary_redirect_says_so():
    Redirect.objects.create(old_path="/events.htm", target="/en/news/", is_permanent=False)

    response = Client().get("/events.htm")

    assert response.status_code == 302
    assert response["Location"] == "/en/news/"


@pytest.mark.django_db
def test_an_address_with_its_query_wins_over_its_path_alone():
    Redirect.objects.create(old_path="/news.asp?id=12", target="/en/news/one/")
    Redirect.objects.create(old_path="/news.asp", target="/en/news/")

    assert Client().get("/news.asp?id=12")["Location"] == "/en/news/one/"
    assert Client().get("/news.asp", {"id": "13"})["Location"] == "/en/news/"
    assert Client().get("/news.asp")["Location"] == "/en/news/"


@pytest.mark.django_db
def test_a_campaign_s_link_to_an_old_address_finds_its_redirect_and_keeps_the_campaign():
    """A newsletter's link to an old address carries utm_source…: matched without them (it
    missed the redirect of its own query), and they go on to the page on this site, where
    the campaign is counted, after the target's own query and before its fragment; not to
    another site."""
    Redirect.objects.create(old_path="/news.asp?id=12", target="/en/news/one/")
    Redirect.objects.create(old_path="/news.asp", target="/en/news/")
    Redirect.objects.create(old_path="/about.htm", target="/en/projects/?sort=title#list")

    campaign = "utm_source=news&utm_medium=email"
    assert Client().get("/news.asp?utm_source=news&id=12&utm_medium=email")["Location"] == (
        f"/en/news/one/?{campaign}"
    )
    assert Client().get(f"/news.asp?{campaign}")["Location"] == f"/en/news/?{campaign}"
    assert Client().get("/about.htm?gclid=x")["Location"] == "/en/projects/?sort=title&gclid=x#list"
    # Other parameters stay behind, as without a campaign.
    assert Client().get("/news.asp?id=13&fbclid=y")["Location"] == "/en/news/?fbclid=y"
    # Not to another site, which the campaign did not link to.
    Redirect.objects.create(old_path="/partner.htm", target="https://partner.example.org/")
    response = Client().get("/partner.htm?utm_source=news&fbclid=y")
    assert response["Location"] == "https://partner.example.org/"


@pytest.mark.django_db
def test_an_old_address_is_found_with_or_without_its_final_slash_and_in_any_order():
    Redirect.objects.create(old_path="/about/team/", target="/en/pages/about/")
    Redirect.objects.create(old_path="/list.php?b=2&a=1", target="/en/projects/")

    assert Client().get("/about/team")["Location"] == "/en/pages/about/"
    assert Client().get("/about/team/")["Location"] == "/en/pages/about/"
    assert Client().get("/list.php?a=1&b=2")["Location"] == "/en/projects/"


@pytest.mark.django_db
def test_a_live_page_wins_over_a_redirect_of_its_address():
    project = f.CooperationProjectFactory()
    Redirect.objects.create(old_path=project.get_absolute_url(), target="/en/news/")

    assert Client().get(project.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_request_path_is_matched_as_a_path_never_parsed_as_an_address():
    Redirect.objects.create(old_path="/x.htm", target="/en/")

    # As a server passes them on (the test client itself would parse the host off).
    for path in ("//evil.example/x.htm", "//[malformed/x.htm"):
        assert Client().get("/", PATH_INFO=path).status_code == 404
    assert Client().get("/x.htm")["Location"] == "/en/"


@pytest.mark.django_db
def test_only_reading_is_redirected():
    Redirect.objects.create(old_path="/form.asp", target="/en/")

    assert Client().post("/form.asp").status_code == 404
    assert Client().head("/form.asp").status_code == 301


@pytest.mark.django_db
def test_a_changed_redirect_is_followed_at_once():
    redirect = Redirect.objects.create(old_path="/old.htm", target="/en/news/")
    assert Client().get("/old.htm")["Location"] == "/en/news/"

    redirect.target = "/en/projects/"
    redirect.save()
    assert Client().get("/old.htm")["Location"] == "/en/projects/"

    redirect.delete()
    assert Client().get("/old.htm").status_code == 404


@pytest.mark.django_db
def test_an_unknown_address_costs_no_query_once_the_redirects_are_kept():
    Redirect.objects.create(old_path="/old.htm", target="/en/news/")
    client = Client()
    assert client.get("/en/no-such-page/").status_code == 404  # reads the redirects once

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/still-no-such-page/").status_code == 404
        assert client.get("/old.htm").status_code == 301

    assert queries.captured_queries == []


def publishers_client(publisher) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(publisher)
    return client


@pytest.mark.django_db
def test_a_publisher_adds_a_redirect_from_a_pasted_full_address(publisher):
    client = publishers_client(publisher)
    add = admin_url(Redirect, "add")

    response = client.post(
        add,
        form_data(
            client,
            add,
            old_path="https://old.example.edu.cn/info/1021/2023.htm?lang=cn",
            target="/zh-hans/news/",
        ),
    )

    assert response.status_code == 302
    assert Redirect.objects.get().old_path == "/info/1021/2023.htm?lang=cn"
    assert Client().get("/info/1021/2023.htm?lang=cn")["Location"] == "/zh-hans/news/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old_path", "target", "field", "message"),
    [
        ("/old.htm", "news/", "target", "starting with /"),
        ("/old.htm", "javascript:alert(1)", "target", "starting with /"),
        ("/old.htm", "//evil.example/", "target", "starting with /"),
        # Browsers read a backslash as a slash: "/\\evil.example" is "//evil.example".
        ("/old.htm", "/\\evil.example/", "target", "starting with /"),
        ("/old.htm", "/\\/evil.example/", "target", "starting with /"),
        ("/old.htm", "/old.htm/", "target", "back to the old address itself"),
        ("mailto:someone@example.org", "/en/", "old_path", "old address"),
        ("http://[::1/old.htm", "/en/", "old_path", "old address"),
        ("/old.htm", "https://[::1/", "target", "starting with /"),
        ("/taken.htm/", "/en/", "old_path", "already exists"),
    ],
)
def test_a_redirect_that_cannot_work_is_refused_with_the_reason(
    publisher, old_path, target, field, message
):
    Redirect.objects.create(old_path="/taken.htm", target="/en/news/")
    client = publishers_client(publisher)
    add = admin_url(Redirect, "add")

    response = client.post(add, form_data(client, add, old_path=old_path, target=target))

    errors = errors_shown(response)
    assert message in " ".join(errors[field])
    assert Redirect.objects.count() == 1


@pytest.mark.django_db
def test_an_editor_reads_the_redirects_and_changes_none(editor):
    Redirect.objects.create(old_path="/old.htm", target="/en/news/")
    client = Client(headers={"accept-language": "en"})
    client.force_login(editor)

    assert client.get(admin_url(Redirect, "changelist")).status_code == 200
    assert client.get(admin_url(Redirect, "add")).status_code == 403
