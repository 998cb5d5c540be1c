"""A list whose filters are refused (a 400): it says the list could not be filtered, not that
nothing matched; each refused filter is marked on its field, and the field's
aria-describedby names an element that exists; the directory keeps the facets of the rest
of the selection; no download of a refused selection is offered."""

from datetime import date
from html.parser import HTMLParser

import pytest
from django.utils.translation import override

from tests import factories as f

# A refused selection of every filtered list of the portal, each on a field it shows.
REFUSED = {
    "projects": "year_from=abc",
    "institutions": "country=XX",
    "researchers": "unit=" + "x" * 300,
    "awards": "year=1800",
    "achievements": "kind=evil",
    "exchanges": "year=1800",
    "news": "year=abc",
}


class Ids(HTMLParser):
    """Every id of a page, and every aria-describedby with the element carrying it."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described: list[tuple[str, str]] = []
        self.invalid: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if attributes.get("aria-describedby"):
            self.described.append((attributes.get("id") or tag, attributes["aria-describedby"]))
        if attributes.get("aria-invalid") == "true":
            self.invalid.append(attributes.get("id") or tag)


def parsed(text: str) -> Ids:
    ids = Ids()
    ids.feed(text)
    return ids


@pytest.fixture
def demo(db):
    japan = f.PartnerCountryFactory(country="JP")
    germany = f.PartnerCountryFactory(country="DE")
    kyoto = f.InstitutionFactory(country=japan, slug="kyoto")
    munich = f.InstitutionFactory(country=germany, slug="munich")
    f.CooperationProjectFactory(start_date=date(2018, 1, 1), partners=[kyoto])
    f.CooperationProjectFactory(start_date=date(2021, 1, 1), partners=[kyoto, munich])
    f.CooperationProjectFactory(start_date=date(2022, 1, 1), partners=[munich])


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(("listing", "query"), REFUSED.items())
def test_every_refused_fields_description_is_on_the_page(client, demo, language, listing, query):
    response = client.get(f"/{language}/{listing}/?{query}")

    assert response.status_code == 400
    page = parsed(response.text)
    assert page.invalid, "the refused field is marked"
    for element, described in page.described:
        for target in described.split():
            assert target in page.ids, (element, target)
    for field in page.invalid:
        assert (field, f"{field}_error") in page.described


@pytest.mark.parametrize(("listing", "query"), REFUSED.items())
def test_a_refused_list_says_it_could_not_be_filtered_not_that_nothing_matched(
    client, demo, listing, query
):
    with override("en"):
        response = client.get(f"/en/{listing}/?{query}")

    assert response.status_code == 400
    text = response.text
    assert "The list could not be filtered" in text
    assert 'class="form-errors" role="alert"' in text
    assert "match these filters" not in text and "matches these filters" not in text
    assert "0 projects" not in text
    assert 'class="downloads"' not in text  # its CSV and JSON would be refused as well
    # Each error links to the field it is shown beside.
    [field] = parsed(text).invalid
    assert f'<a href="#{field}">' in text


def test_a_reversed_range_of_years_is_the_last_years_error(client, demo):
    with override("en"):
        response = client.get("/en/projects/?country=JP&year_from=2025&year_to=2020")

    assert response.status_code == 400
    form = response.context["filter_form"]
    with override("en"):
        assert form.errors == {"year_to": ["The first year must not be after the last year."]}
    assert not form.non_field_errors()
    assert '<p class="field-error" id="id_year_to_error">' in response.text
    with override("en"):
        started = client.get("/en/projects/?started_from=2025&started_to=2020")
    assert list(started.context["filter_form"].errors) == ["started_to"]


def test_the_directory_keeps_the_facets_of_the_filters_it_did_not_refuse(client, demo):
    with override("en"):
        response = client.get("/en/projects/?country=JP&year_from=2025&year_to=2020")

    assert response.status_code == 400
    assert list(response.context["projects"]) == []
    assert response.context["paginator"].count == 0
    facets = {facet.name: facet for facet in response.context["facets"]}
    # Japan is still chosen, with what the rest of the selection counts (its two projects,
    # running from 2025: the second is still running), and can be removed.
    japan = next(value for value in facets["country"].values if value["value"] == "JP")
    assert japan["selected"] and japan["count"] == 2
    # The links leave the refused year out, so each leads to a list that can be shown.
    assert japan["url"] == "?year_from=2025"
    assert all("year_to" not in value["url"] for value in facets["institution"].values)
    assert '<input type="hidden" name="country" value="JP">' in response.text


def test_a_refused_facet_value_leaves_the_others_counted(client, demo):
    with override("en"):
        response = client.get("/en/projects/?country=XX&institution=munich")

    assert response.status_code == 400
    facets = {facet.name: facet for facet in response.context["facets"]}
    assert [value["value"] for value in facets["institution"].values if value["selected"]] == [
        "munich"
    ]
    assert {value["value"] for value in facets["country"].values} == {"DE", "JP"}


def test_a_named_filter_that_names_nothing_keeps_its_note_and_its_error(client, demo):
    with override("en"):
        response = client.get("/en/exchanges/?institution=nobody&year=1800")

    assert response.status_code == 400
    assert "nothing is known as “nobody”" in response.text
    assert "Year: Ensure this value is greater than or equal to 1900." in response.text


@pytest.mark.parametrize(("listing", "query"), REFUSED.items())
def test_a_refused_lists_message_comes_before_its_filters(client, demo, listing, query):
    """Refused, the filters open to show the field; the message saying why comes first, or
    on a phone it came a screen or more down, after every field."""
    text = client.get(f"/en/{listing}/?{query}").text
    assert text.index('class="form-errors"') < text.index('class="filter-panel"')
