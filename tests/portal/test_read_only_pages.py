"""The public pages only read: any method but GET and HEAD is a 405 with an Allow header, not
the CSRF check's 403 (POST, PUT, DELETE) nor the whole page (TRACE).

The URLs come from the URL resolver, as in the "never 500" crawl (tests/site_urls.py fills
in their arguments): a new public page is swept without a line here.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.site_urls import build_site, site_url, url_names

# What is not a public page that only reads, and why.
NOT_READ_ONLY_PREFIXES = (
    "admin:",  # the back office
    "accounts:",  # forms: logging in, passwords, settings
    "dashboard:",  # for the leadership, signed in
    "api:",  # the open data API: Django REST framework answers its methods itself
)
NOT_READ_ONLY = {"set_language"}  # the language switch's form
STAFF_SUFFIX = "-preview"  # staff previews: a 404 for anyone else, whatever the method

REFUSED_METHODS = ["POST", "PUT", "DELETE", "TRACE"]


def read_only_names() -> list[str]:
    return sorted(
        name
        for name in url_names()
        if not name.startswith(NOT_READ_ONLY_PREFIXES)
        and name not in NOT_READ_ONLY
        and not name.endswith(STAFF_SUFFIX)
    )


@pytest.fixture
def site(db):
    return build_site()


def test_the_sweep_covers_the_public_pages():
    names = read_only_names()
    assert len(names) >= 30
    for name in ["portal:home", "cooperation:project-export-csv", "sitemap", "health-live"]:
        assert name in names
    assert "news:feed-rss" in names and "robots-txt" in names


@pytest.mark.django_db
def test_every_public_page_answers_other_methods_with_405_naming_get_and_head(site):
    # With the CSRF check on, as a browser or a scanner meets it (the test client skips it).
    client = Client(enforce_csrf_checks=True)
    wrong = []
    for name in read_only_names():
        path = site_url(name, site)
        assert client.get(path).status_code < 400, name
        for method in REFUSED_METHODS:
            response = client.generic(method, path)
            allowed = {part.strip() for part in response.get("Allow", "").split(",")}
            if response.status_code != 405 or not {"GET", "HEAD"} <= allowed:
                wrong.append(f"{method} {path}: {response.status_code}, Allow: {allowed}")
    assert wrong == []


@pytest.mark.django_db
def test_head_still_answers_and_forms_are_still_checked(site):
    client = Client(enforce_csrf_checks=True)
    assert client.head(reverse("health-live")).status_code == 200
    assert client.head(site_url("portal:home", site)).status_code == 200
    # A form without its token is refused as before: no view that reads one is exempt.
    assert client.post(reverse("accounts:login"), {"username": "x"}).status_code == 403
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/en/projects/?country=JP", "en", "This page only shows information"),
        ("/en/", "en", "This page only shows information"),  # a function view (read_only)
        ("/zh-hans/projects/", "zh-hans", None),
    ],
)
def test_a_405_is_the_site_s_page_in_the_reader_s_language_read_from_no_database(
    path, language, heading, django_assert_num_queries
):
    client = Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        response = client.post(path, {"q": "x"})

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response["Content-Language"] == language
    text = response.content.decode()
    assert f'<html lang="{language}">' in text
    assert '<p class="error-code" aria-hidden="true">405</p>' in text
    assert 'name="robots" content="noindex"' in text
    assert f'<a href="{path}">' in text.replace("&amp;", "&")  # back to the page, to read it
    if heading:
        assert f'<h1 id="error-title">{heading}</h1>' in text
