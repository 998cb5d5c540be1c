"""Every address of the open data API answers OPTIONS and HEAD, the documentation page
too, whose HTML renderer had no template for DRF's description of a view (a 500); and the
documentation page names its language, and the way back to the portal."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, reverse

from api import urls as api_urls

pytestmark = pytest.mark.django_db

DOCS, SCHEMA = "/api/v1/docs/", "/api/v1/schema/"


def api_addresses() -> list[str]:
    """Each route of api/urls.py, its lookup value one the route takes (a number, a country
    code: a record no one has is as good), and an address none of them takes."""
    addresses = []
    for pattern in api_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name is None:  # the catch-all of views.NotFoundView
            addresses.append("/api/v1/no/such/address/")
            continue
        name = f"{api_urls.app_name}:{pattern.name}"
        kwargs = {key: "JP" if key == "code" else "1" for key in pattern.pattern.regex.groupindex}
        addresses.append(reverse(name, kwargs=kwargs))
    return addresses


@pytest.mark.parametrize("address", [DOCS, f"{DOCS}?script=", SCHEMA, f"{SCHEMA}?format=yaml"])
def test_the_docs_and_the_schema_answer_options_with_the_methods_they_take(client, address):
    response = client.options(address)

    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("address", [DOCS, f"{DOCS}?script=", SCHEMA])
def test_the_docs_and_the_schema_answer_head(client, address):
    response = client.head(address)

    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize("address", api_addresses())
def test_every_api_address_answers_options_without_a_server_error(client, address):
    response = client.options(address)

    assert response.status_code < 500, (address, response.status_code)


@pytest.mark.parametrize(
    ("asked", "trail"),
    [("en", ["/en/", "/en/data/", "Open data"]), ("zh-hans", ["/zh-hans/", "/zh-hans/data/"])],
)
def test_the_docs_page_is_english_with_a_way_back_to_the_portal_in_the_reader_s_language(
    client, asked, trail
):
    """Its content (Swagger UI, the schema's descriptions) is English whatever the reader's
    language, so the page says so; the trail back to the portal's open data page is in the
    reader's language, marked as such."""
    response = client.get(DOCS, headers={"accept-language": asked})

    assert re.search(r"<html lang=\"([^\"]+)\">", response.text).group(1) == "en"
    assert re.search(r"<title>(.*?)</title>", response.text).group(1) == (
        "API documentation · Open data · International S&T Cooperation Base"
    )
    header = re.search(
        r'<header class="docs-header" lang="([^"]+)">(.*?)</header>', response.text, re.S
    )
    assert header.group(1) == asked
    for part in trail:
        assert part in header.group(2)
