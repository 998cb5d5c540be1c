"""The open data may be read by a page of any site (CORS): the API and the portal's exports
answer any origin, without cookies, and expose their caching headers; nothing else does."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests import factories as f

pytestmark = pytest.mark.django_db

ORIGIN = "https://data-journalism.example"


@pytest.fixture
def project(db):
    return f.CooperationProjectFactory()


def open_data_addresses() -> list[str]:
    with override("en"):
        return [
            reverse("api:project-list"),
            reverse("api:schema"),
            reverse("cooperation:project-export-csv"),
            reverse("cooperation:project-export-json"),
            reverse("cooperation:award-export-csv"),
            reverse("cooperation:achievement-export-csv"),
            reverse("cooperation:exchange-export-csv"),
        ]


def test_the_open_data_answers_a_page_of_any_site(client, project):
    for address in open_data_addresses():
        response = client.get(address, headers={"origin": ORIGIN})
        assert response.status_code == 200, address
        assert response["Access-Control-Allow-Origin"] == "*", address
        assert "Access-Control-Allow-Credentials" not in response, address
        assert "ETag" in response["Access-Control-Expose-Headers"], address


def test_a_pages_script_may_send_the_caching_headers_back(client, project):
    """A script's If-None-Match makes the browser ask first (a preflight)."""
    response = client.options(
        reverse("api:project-list"),
        headers={
            "origin": ORIGIN,
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "if-none-match" in response["Access-Control-Allow-Headers"]
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}

    etag = client.get(reverse("api:project-list"))["ETag"]
    again = client.get(
        reverse("api:project-list"), headers={"origin": ORIGIN, "if-none-match": etag}
    )
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_the_answer_kept_by_the_page_cache_says_so_too(client, project):
    """The anonymous page cache keeps the exports: a copy stored from a request without an
    Origin is served to a page of another site with the header all the same."""
    with override("en"):
        export = reverse("cooperation:project-export-csv")
    first = client.get(export)
    assert "Access-Control-Allow-Origin" not in first
    assert client.get(export, headers={"origin": ORIGIN})["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("name", ["portal:home", "cooperation:project-list", "dashboard:index"])
def test_the_sites_pages_are_not_open_to_other_sites(client, project, name):
    with override("en"):
        response = client.get(reverse(name), headers={"origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in response


def test_the_back_office_and_the_accounts_are_not_open_to_other_sites(admin_client):
    for address in ["/admin/", reverse("accounts:login"), "/admin/cooperation/exchange/export/"]:
        response = admin_client.get(address, headers={"origin": ORIGIN})
        assert "Access-Control-Allow-Origin" not in response, address
