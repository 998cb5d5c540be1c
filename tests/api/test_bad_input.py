"""Bad input to the open data API: a paging value out of range and a filter naming no record
are 400s saying what to fix, every 404 under /api/v1/ is JSON saying "Not found.", and the
API answers in English unless the client asks for Chinese."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rest_framework.exceptions import NotFound

from config.tracking import TRACKING_PARAMETERS
from tests import factories as f

pytestmark = pytest.mark.django_db


def api(name: str, *args) -> str:
    return reverse(f"api:{name}", args=args)


@pytest.mark.parametrize("value", ["0", "-5", "abc", "2.5", " 5", "101", "100000"])
def test_a_page_size_not_from_1_to_100_is_a_400_that_says_what_to_enter(client, db, value):
    """Neither the default page size in its place (with the bad value copied into the
    ``next`` link) nor, for 101 and more, the maximum."""
    f.CooperationProjectFactory.create_batch(2)

    response = client.get(api("project-list"), {"page_size": value})

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Enter a whole number from 1 to 100."]}


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5"])
def test_a_page_that_is_not_a_whole_number_of_1_or_more_is_a_400(client, db, value):
    """A page past the last is still a 404 (tests/api/test_api.py)."""
    response = client.get(api("project-list"), {"page": value})

    assert response.status_code == 400
    assert response.json() == {"page": ["Enter a whole number of 1 or more."]}


def test_the_schema_gives_every_lists_page_size_from_1_to_100(client, db):
    schema = client.get(reverse("api:schema")).json()

    bounds = [
        (parameter["schema"].get("minimum"), parameter["schema"].get("maximum"))
        for operations in schema["paths"].values()
        for parameter in operations["get"].get("parameters", [])
        if parameter["name"] == "page_size"
    ]
    assert len(bounds) == 10  # one per dataset's list
    assert set(bounds) == {(1, 100)}


@pytest.mark.parametrize(
    ("name", "parameter", "record"),
    [
        ("project-list", "institution", "institution"),
        ("project-list", "field", "research field"),
        ("project-list", "unit", "unit"),
        ("project-list", "researcher", "researcher"),
        ("field-list", "parent", "research field"),
        ("researcher-list", "unit", "unit"),
        ("exchange-list", "institution", "institution"),
        ("exchange-list", "unit", "unit"),
        ("article-list", "category", "news category"),
    ],
)
def test_a_filter_naming_no_record_is_a_400_naming_the_parameter_and_the_value(
    client, db, name, parameter, record
):
    """As on the portal's lists, in its words: an empty list said the record had nothing."""
    response = client.get(api(name), {parameter: "nope"})

    assert response.status_code == 400
    assert response.json() == {parameter: [f"No {record} has the address “nope”."]}


def test_a_record_with_nothing_to_list_is_an_empty_list_and_a_later_page_of_none_a_400(client, db):
    f.InstitutionFactory(slug="quiet")

    quiet = client.get(api("project-list"), {"institution": "quiet"})
    unknown = client.get(api("project-list"), {"institution": "nope", "page": 2})

    assert quiet.status_code == 200 and quiet.json()["results"] == []
    assert unknown.status_code == 400
    assert set(unknown.json()) == {"institution"}


def test_a_filter_naming_a_record_by_its_former_slug_is_sent_to_its_slug_now(client, db):
    unit = f.UnitFactory(slug="old-unit")
    f.ResearcherFactory(unit=unit, slug="li-ming")
    unit.slug = "new-unit"
    unit.save()

    response = client.get(api("researcher-list"), {"unit": "old-unit", "page_size": 5, "page": 1})

    assert response.status_code == 301
    assert response["Location"] == api("researcher-list") + "?unit=new-unit&page_size=5"
    moved = client.get(response["Location"]).json()
    assert [row["slug"] for row in moved["results"]] == ["li-ming"]


@pytest.mark.parametrize(
    "path",
    [
        "projects/nope/",
        "countries/zz/",
        "achievements/abc/",
        "achievements/999999999999999999999/",
        "exchanges/abc/",
        "countries/xyz/",
        "projects/not%20a%20slug/",
        "no-such-dataset/",
        "projects/nope/more/",
        "achievements/abc",  # sent on to achievements/abc/ first
    ],
)
def test_every_404_is_json_saying_not_found_in_the_clients_language(client, db, path):
    """Not the lookup's message naming the model ("No CooperationProject matches the given
    query."), nor the portal's HTML page for a value the record's route does not take."""
    with translation.override("zh-hans"):
        in_chinese = str(NotFound.default_detail)
    assert in_chinese != "Not found."

    english = client.get(api("root") + path, follow=True)
    chinese = client.get(api("root") + path, follow=True, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert english.status_code == chinese.status_code == 404
    assert english["Content-Type"] == "application/json"
    assert english.json() == {"detail": "Not found."}
    assert chinese.json() == {"detail": in_chinese}


def test_the_api_answers_in_english_unless_the_client_asks_for_chinese(client, db):
    """The site's default language is Chinese, the API's English: for a client sending no
    Accept-Language, or asking for a language the site has not; a language cookie does not
    change it (shared caches keep an answer by its URL and Accept-Language)."""
    bad = {"kind": "picnic"}
    answers = {
        "none": client.get(api("project-list"), bad),
        "french": client.get(api("project-list"), bad, HTTP_ACCEPT_LANGUAGE="fr"),
        "chinese": client.get(api("project-list"), bad, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9"),
    }
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    answers["cookie"] = client.get(api("project-list"), bad)

    messages = {name: response.json()["kind"][0] for name, response in answers.items()}
    assert messages["none"].startswith("Select a valid choice.")
    assert messages["french"] == messages["cookie"] == messages["none"]
    assert messages["chinese"] != messages["none"]
    assert {name: response["Content-Language"] for name, response in answers.items()} == {
        "none": "en",
        "french": "en",
        "chinese": "zh-hans",
        "cookie": "en",
    }


def test_the_schema_is_in_english_unless_the_client_asks_for_chinese(client, db):
    """Its descriptions are English; its fields' titles were Chinese beside them."""

    def title(schema: dict) -> str:
        return schema["components"]["schemas"]["Project"]["properties"]["title_en"]["title"]

    english = client.get(reverse("api:schema")).json()
    chinese = client.get(reverse("api:schema"), HTTP_ACCEPT_LANGUAGE="zh-hans").json()

    assert title(english) == "Title (English)"
    assert title(chinese) != title(english)


@pytest.mark.parametrize("dataset", ["projects", "institutions", "exchanges"])
def test_a_country_code_in_lower_case_is_sent_on_to_the_capital_one(client, db, dataset):
    """As on the portal's lists (``?country=jp`` is the country's own address's spelling):
    it was a 400 here."""
    f.PartnerCountryFactory(country="JP")
    response = client.get(f"/api/v1/{dataset}/?country=jp&page_size=5")
    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/{dataset}/?country=JP&page_size=5"
    assert client.get(response["Location"]).status_code == 200
    # A code that is no country's stays the filter's error.
    assert client.get(f"/api/v1/{dataset}/?country=zz").status_code == 400


@pytest.mark.parametrize(
    ("name", "query", "unknown"),
    [
        ("project-list", {"contry": "JP"}, ["contry"]),
        ("project-list", {"country": "JP", "sort": "title", "limit": "5"}, ["limit"]),
        ("article-list", {"categories": "x", "q": "y"}, ["categories", "q"]),
        ("country-list", {"country": "JP"}, ["country"]),
    ],
)
def test_a_list_asked_with_a_parameter_it_does_not_read_is_a_400_naming_it(
    client, db, name, query, unknown
):
    """A misspelt filter was ignored, and the whole dataset came back as the selection."""
    f.CooperationProjectFactory()

    response = client.get(api(name), query)

    assert response.status_code == 400
    errors = response.json()
    assert sorted(errors) == unknown
    message = errors[unknown[0]][0]
    assert message.startswith("Unknown parameter. This endpoint reads: ")
    assert "page, page_size" in message


@pytest.mark.parametrize(
    "name",
    [*sorted(TRACKING_PARAMETERS), "utm_source", "utm_source_platform", "utm_marketing_tactic"],
)
def test_a_tracking_parameter_is_ignored_as_on_the_portal(client, db, name):
    """A link to a dataset shared by a newsletter or an advertisement carries ``utm_source``
    and the like, which select nothing: the same answer as without them, on a list and a
    record, as the portal's pages (whose canonical address leaves them out) give theirs."""
    project = f.CooperationProjectFactory()
    without = client.get(api("project-list"), {"page_size": "5"}).json()["results"]

    listed = client.get(api("project-list"), {"page_size": "5", name: "newsletter"})
    assert listed.status_code == 200
    assert listed.json()["results"] == without
    assert client.get(api("project-detail", project.slug), {name: "x"}).status_code == 200
    # Beside a misspelt filter, only the misspelt one is named; the list read is unchanged.
    refused = client.get(api("project-list"), {"contry": "JP", name: "x"})
    assert list(refused.json()) == ["contry"]
    assert name not in refused.json()["contry"][0]

    page = client.get(f"/en/projects/?{name}=newsletter").text
    assert '<link rel="canonical" href="http://testserver/en/projects/">' in page


def test_the_lists_own_parameters_and_format_are_read(client, db):
    f.CooperationProjectFactory()
    query = {"country": "JP", "year_from": "2020", "page": "1", "page_size": "5", "format": "json"}

    response = client.get(api("project-list"), query)

    assert response.status_code == 200


def test_a_record_reads_no_filter_and_says_so_in_the_language_asked(client, db):
    project = f.CooperationProjectFactory()

    response = client.get(
        api("project-detail", project.slug), {"page": "2"}, headers={"accept-language": "zh-hans"}
    )

    assert response.status_code == 400
    assert response.json() == {"page": ["未知参数。此接口读取的参数：format。"]}
    assert client.get(api("project-detail", project.slug), {"format": "json"}).status_code == 200


def test_options_on_a_list_reads_the_lists_parameters_as_get_does(client, db):
    """OPTIONS asks about the same address as GET: a list's filters are no unknown parameter
    there either, and a misspelt one is named with the list's own."""
    assert client.options(f"{api('project-list')}?country=JP&page_size=5").status_code == 200
    refused = client.options(f"{api('project-list')}?contry=JP")
    assert refused.status_code == 400
    assert "country, field" in refused.json()["contry"][0]
