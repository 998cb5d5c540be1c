"""The open data API's units and researchers: reference data, all of it public, in both
languages, with the unit filter, former slugs, bounded queries and never an e-mail address."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date

from tests import factories as f

pytestmark = pytest.mark.django_db

EMAILS = ("li.ming@pharmacy.example.edu", "anna.weber@chem.example.edu")


def api(name: str, *args) -> str:
    return reverse(f"api:{name}", args=args)


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


@pytest.fixture
def people(db):
    pharmacy = f.UnitFactory(
        slug="pharmacy",
        name_zh_hans="药学院",
        name_en="College of Pharmacy",
        short_name_zh_hans="药学",
        short_name_en="Pharmacy",
        description_zh_hans="药学院简介",
        description_en="The college of pharmacy.",
        website="https://pharmacy.example.edu/",
    )
    chemistry = f.UnitFactory(slug="chemistry", name_zh_hans="化学院", name_en="Chemistry")
    li = f.ResearcherFactory(
        slug="li-ming",
        name_zh_hans="李明",
        name_en="Li Ming",
        title_zh_hans="教授",
        title_en="Professor",
        unit=pharmacy,
        orcid="0000-0002-1825-0097",
        email=EMAILS[0],
        profile_zh_hans="研究海洋药物。",
        profile_en="Works on marine drugs.",
    )
    weber = f.ResearcherFactory(
        slug="anna-weber",
        name_zh_hans="安娜·韦伯",
        name_en="Anna Weber",
        unit=chemistry,
        email=EMAILS[1],
    )
    return {"pharmacy": pharmacy, "chemistry": chemistry, "li": li, "weber": weber}


def test_researcher_list_and_detail_in_both_languages(client, people):
    rows = client.get(api("researcher-list")).json()["results"]
    detail = client.get(api("researcher-detail", "li-ming")).json()

    [row] = [row for row in rows if row["slug"] == "li-ming"]
    assert row == detail
    assert detail == {
        "id": people["li"].pk,
        "slug": "li-ming",
        "name_zh_hans": "李明",
        "name_en": "Li Ming",
        "title_zh_hans": "教授",
        "title_en": "Professor",
        "unit": {
            "id": people["pharmacy"].pk,
            "slug": "pharmacy",
            "name_zh_hans": "药学院",
            "name_en": "College of Pharmacy",
        },
        "orcid": "0000-0002-1825-0097",
        "profile_zh_hans": "研究海洋药物。",
        "profile_en": "Works on marine drugs.",
        "links": {
            "zh-hans": "http://testserver/zh-hans/researchers/li-ming/",
            "en": "http://testserver/en/researchers/li-ming/",
        },
    }


def test_unit_list_and_detail_in_both_languages(client, people):
    rows = client.get(api("unit-list")).json()["results"]
    detail = client.get(api("unit-detail", "pharmacy")).json()

    [row] = [row for row in rows if row["slug"] == "pharmacy"]
    assert row == detail
    assert detail == {
        "id": people["pharmacy"].pk,
        "slug": "pharmacy",
        "name_zh_hans": "药学院",
        "name_en": "College of Pharmacy",
        "short_name_zh_hans": "药学",
        "short_name_en": "Pharmacy",
        "description_zh_hans": "药学院简介",
        "description_en": "The college of pharmacy.",
        "website": "https://pharmacy.example.edu/",
        "links": {
            "zh-hans": "http://testserver/zh-hans/units/pharmacy/",
            "en": "http://testserver/en/units/pharmacy/",
        },
    }


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_lists_are_by_name_in_the_first_language_then_id_whatever_the_clients(
    client, people, language
):
    """One order for every client, as the pages kept per query are the same in each
    language: by the Chinese name (in English, "Aaron Li" and "College of Pharmacy" would
    come first), then by id."""
    twin = f.ResearcherFactory(
        slug="li-ming-2", name_zh_hans="李明", name_en="Aaron Li", unit=people["pharmacy"]
    )
    people["chemistry"].name_en = "School of Chemistry"
    people["chemistry"].save()
    assert people["li"].pk < twin.pk

    researchers = client.get(api("researcher-list"), HTTP_ACCEPT_LANGUAGE=language)
    units = client.get(api("unit-list"), HTTP_ACCEPT_LANGUAGE=language)

    assert slugs(researchers) == ["anna-weber", "li-ming", "li-ming-2"]  # 安娜…, 李明, 李明
    assert slugs(units) == ["chemistry", "pharmacy"]  # 化学院, 药学院


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"unit": "pharmacy"}, ["li-ming"]),
        ({"unit": "chemistry"}, ["anna-weber"]),
        ({}, ["anna-weber", "li-ming"]),
    ],
)
def test_researchers_filtered_by_unit(client, people, params, expected):
    assert slugs(client.get(api("researcher-list"), params)) == expected


@pytest.mark.parametrize("bad", ["not a slug!", "药学院", "a" * 256, "x\x00y"])
def test_a_bad_unit_filter_is_a_400_that_says_why(client, people, bad):
    response = client.get(api("researcher-list"), {"unit": bad})

    assert response.status_code == 400
    assert set(response.json()) == {"unit"}


@pytest.mark.parametrize("name", ["researcher-detail", "unit-detail"])
def test_an_unknown_slug_is_a_404(client, people, name):
    assert client.get(api(name, "no-such-slug")).status_code == 404


@pytest.mark.parametrize(
    ("name", "factory", "route"),
    [
        ("researcher", f.ResearcherFactory, "researchers"),
        ("unit", f.UnitFactory, "units"),
    ],
)
def test_a_renamed_records_old_api_address_sends_it_to_the_new_one(client, name, factory, route):
    record = factory(slug="old-address")
    record.slug = "new-address"
    record.save()

    response = client.get(f"/api/v1/{route}/old-address/?format=json")

    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/{route}/new-address/?format=json"
    assert client.get(response["Location"]).json()["slug"] == "new-address"
    assert client.get(api(f"{name}-detail", "new-address")).status_code == 200


def keys(data) -> set[str]:
    """Every key of a JSON document, at any depth."""
    if isinstance(data, dict):
        return set(data).union(*(keys(value) for value in data.values()))
    if isinstance(data, list):
        return set().union(*(keys(value) for value in data))
    return set()


def test_no_answer_gives_a_researchers_e_mail_address(client, people):
    """The portal keeps it in the back office: not in the researchers' answers, nor where a
    researcher appears in another record (a project's principal investigator, an award's
    recipient), nor in the schema."""
    project = f.CooperationProjectFactory(slug="led", principal_investigator=people["li"])
    award = f.AwardFactory(slug="prize", recipient_researcher=people["weber"])
    answers = [
        client.get(api("researcher-list")),
        client.get(api("researcher-list"), {"unit": "pharmacy"}),
        client.get(api("researcher-detail", "li-ming")),
        client.get(api("researcher-detail", "anna-weber")),
        client.get(api("unit-list")),
        client.get(api("unit-detail", "pharmacy")),
        client.get(api("project-list")),
        client.get(api("project-detail", project.slug)),
        client.get(api("award-detail", award.slug)),
        client.get(reverse("api:schema")),
    ]

    for response in answers:
        assert response.status_code == 200, response.request
        text = response.content.decode()
        assert "email" not in keys(json.loads(text)), response.request
        assert not any(email in text for email in EMAILS), response.request
    assert "Researcher" in client.get(reverse("api:schema")).json()["components"]["schemas"]


@pytest.mark.parametrize("name", ["researcher-list", "unit-list"])
def test_a_list_page_makes_as_many_queries_for_many_records_as_for_a_few(client, db, name):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(api(name), {"page_size": 100})
        assert response.status_code == 200
        return len(captured)

    f.ResearcherFactory.create_batch(2)  # each in a unit of its own
    few = queries()
    f.ResearcherFactory.create_batch(40)
    many = queries()

    assert len(client.get(api(name), {"page_size": 100}).json()["results"]) == 42
    assert many == few


def test_researchers_etag_and_last_modified_give_304_until_a_researcher_changes(client, people):
    start = timezone.now() + timedelta(seconds=2)  # the second of people's changes is over
    with time_machine.travel(start, tick=False):
        first = client.get(api("researcher-list"))
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]

    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        by_etag = client.get(api("researcher-list"), HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.get(api("researcher-list"), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert (by_etag.status_code, by_date.status_code) == (304, 304)
        people["li"].title_en = "Chair Professor"
        people["li"].save()
    with time_machine.travel(start + timedelta(seconds=6), tick=False):
        changed = client.get(api("researcher-list"), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(first["Last-Modified"])
