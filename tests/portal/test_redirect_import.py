"""Redirects of retired addresses from a spreadsheet: a former website's hundreds of old
addresses in one file, with the records' dry run, row-by-row errors and all-or-nothing write."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import openpyxl
import pytest
import tablib
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from portal.models import Redirect
from portal.resources import RedirectResource
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.admin_helpers import import_problems as problems

pytestmark = pytest.mark.django_db

HEADERS = ["old_path", "target", "is_permanent"]


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def sheet(*rows: tuple) -> tablib.Dataset:
    return tablib.Dataset(*rows, headers=HEADERS)


FORMER_SITE = sheet(
    ("https://www.cdu.edu.cn/gjhzjd/info/1055/3301.htm?from=wechat#top", "/en/news/", "1"),
    ("/news.asp?lang=cn&id=12", "/zh-hans/news/", ""),
    ("/events/", "/en/news/", "302"),
    ("jdjj.htm", "https://example.org/about", "否"),
)


def test_a_dry_run_counts_the_rows_and_writes_nothing():
    result = RedirectResource().import_data(FORMER_SITE, dry_run=True)

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 4
    assert not Redirect.objects.exists()


def test_an_import_keeps_each_old_address_in_the_form_it_is_looked_up_in():
    RedirectResource().import_data(FORMER_SITE, dry_run=False)

    kept = {r.old_path: (r.target, r.is_permanent) for r in Redirect.objects.all()}
    assert kept == {
        "/gjhzjd/info/1055/3301.htm?from=wechat": ("/en/news/", True),
        "/news.asp?id=12&lang=cn": ("/zh-hans/news/", True),  # empty: permanent
        "/events": ("/en/news/", False),
        "/jdjj.htm": ("https://example.org/about", False),
    }


def test_the_imported_redirects_send_readers_on_at_once():
    """The list is kept under the portal's content version: an address answered 404 before
    the import redirects right after it."""
    client = Client()
    assert client.get("/news.asp?id=12&lang=cn").status_code == 404

    RedirectResource().import_data(FORMER_SITE, dry_run=False)

    response = client.get("/news.asp?id=12&lang=cn")
    assert (response.status_code, response["Location"]) == (301, "/zh-hans/news/")
    response = client.get("/events/")
    assert (response.status_code, response["Location"]) == (302, "/en/news/")


def test_an_old_address_written_another_way_updates_its_redirect():
    """A pasted whole address, the parameters in another order, a final slash: the same
    redirect, which the row changes; an import deletes nothing."""
    Redirect.objects.create(old_path="/news.asp?id=12&lang=cn", target="/en/")
    Redirect.objects.create(old_path="/kept.htm", target="/en/")

    result = RedirectResource().import_data(
        sheet(("http://old.example.edu.cn/news.asp?id=12&lang=cn/", "/zh-hans/news/", "1")),
        dry_run=False,
    )
    assert result.totals["new"] == 1  # "?…&lang=cn/" is another query: lang is "cn/"

    result = RedirectResource().import_data(
        sheet(("http://old.example.edu.cn/news.asp?lang=cn&id=12", "/zh-hans/news/", "301")),
        dry_run=False,
    )

    assert (result.totals["new"], result.totals["update"]) == (0, 1)
    assert Redirect.objects.get(old_path="/news.asp?id=12&lang=cn").target == "/zh-hans/news/"
    assert Redirect.objects.filter(old_path="/kept.htm").exists()


def test_importing_the_same_file_again_changes_nothing():
    RedirectResource().import_data(FORMER_SITE, dry_run=False)

    result = RedirectResource().import_data(FORMER_SITE, dry_run=False)

    assert result.totals["skip"] == 4
    assert Redirect.objects.count() == 4


def test_bad_rows_say_what_to_fix_by_row_and_column_and_nothing_is_written():
    """Row numbers count the data rows (the admin adds one for the header)."""
    dataset = sheet(
        ("/fine.htm", "/en/", "1"),
        ("ftp://old.example.edu.cn/x.htm", "/en/", "1"),
        ("/no-slash.htm", "en/news/", "1"),
        ("/loop.htm", "https://elsewhere.example.org/x", "maybe"),
        ("/self.htm", "/self.htm/", "1"),
        ("", "/en/", "1"),
        ("/" + "x" * 600, "/en/", "1"),
    )

    result = RedirectResource().import_data(
        dataset,
        dry_run=False,
        rollback_on_validation_errors=True,  # as the admin imports
    )

    found = problems(result)
    assert "Give the old address's path" in found[(2, "old_path")]
    assert "Give a path on this site, starting with /" in found[(3, "target")]
    assert found[(4, "is_permanent")] == (
        "'maybe' is not a yes or no for permanent; use 1 for yes or 0 for no."
    )
    assert "back to the old address itself" in found[(5, "target")]
    assert "cannot be blank" in found[(6, "old_path")]
    assert "at most 500 characters" in found[(7, "old_path")]
    assert not Redirect.objects.exists()


def test_an_old_address_listed_twice_in_a_file_is_refused():
    result = RedirectResource().import_data(
        sheet(("/twice.htm", "/en/", "1"), ("/twice.htm/", "/zh-hans/", "1")),
        dry_run=False,
        rollback_on_validation_errors=True,
    )

    assert result.has_validation_errors()
    assert "already exists" in problems(result)[(2, "old_path")]
    assert not Redirect.objects.exists()


# --- the admin pages ---


def login(client: Client, role: str) -> None:
    user = f.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)


def test_a_publisher_checks_then_confirms_a_sheet_in_the_admin(client):
    login(client, "Publisher")
    form = client.get(admin_url(Redirect, "import"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Old addresses are compared as they are kept" in form.text
    assert "one row per old address" in form.text
    upload = SimpleUploadedFile("old-site.xlsx", FORMER_SITE.export("xlsx"))

    response = client.post(
        admin_url(Redirect, "import"),
        {"format": "0", "resource": "0", "import_file": upload},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "4 new, 0 updated, 0 unchanged, 0 with problems." in response.text
    assert not Redirect.objects.exists()
    response = client.post(
        admin_url(Redirect, "process_import"), response.context["confirm_form"].initial
    )
    assert response.status_code == 302
    assert Redirect.objects.count() == 4
    assert Client().get("/jdjj.htm")["Location"] == "https://example.org/about"


def test_an_exported_list_imports_again_unchanged(client):
    login(client, "Site admin")
    RedirectResource().import_data(FORMER_SITE, dry_run=False)
    exported = client.post(
        admin_url(Redirect, "export"),
        {"format": "0", "resource": "0", **{f"redirectresource_{h}": "on" for h in HEADERS}},
    )
    assert exported.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(exported.content))
    assert [cell.value for cell in workbook.active[1]][:3] == HEADERS

    response = client.post(
        admin_url(Redirect, "import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("r.xlsx", exported.content),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "0 new, 0 updated, 4 unchanged, 0 with problems." in response.text


def test_the_template_explains_each_column(client):
    login(client, "Publisher")

    # The sheets' names are the user's language's: English asked for.
    response = client.get(admin_url(Redirect, "import_template", "xlsx"), HTTP_ACCEPT_LANGUAGE="en")

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in workbook["data"][1]] == HEADERS
    notes = {row[0]: row[1] for row in workbook["columns"].iter_rows(min_row=2, values_only=True)}
    assert set(notes) == set(HEADERS) and all(notes.values())
    csv = client.get(admin_url(Redirect, "import_template", "csv"))
    assert csv.content.decode("utf-8-sig").strip() == ",".join(HEADERS)


def test_an_editor_reads_the_list_but_imports_nothing(client):
    login(client, "Editor")

    assert client.get(admin_url(Redirect, "changelist")).status_code == 200
    assert client.get(admin_url(Redirect, "import")).status_code == 403
    assert client.get(admin_url(Redirect, "import_template", "csv")).status_code == 403


def test_an_export_says_when_each_redirect_was_listed_in_the_sites_time(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    redirect = Redirect.objects.create(old_path="/a.htm", target="/en/")
    Redirect.objects.filter(pk=redirect.pk).update(
        created_at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    )

    [row] = RedirectResource().export().dict

    assert row["created_at"] == "2026-03-02 07:30"
