"""The awards', achievements' and exchanges' lists as CSV: every public record of the
list's selection, its filters, plain codes and both languages, each record's page."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils.translation import override

from cooperation.exports import EXPORT_COLUMNS
from cooperation.publication import PublicationStatus
from tests import factories as f

HIDDEN = {"publication_status": PublicationStatus.DRAFT, "published_at": None}


@pytest.fixture
def records(db):
    japan = f.PartnerCountryFactory(country="JP")
    canada = f.PartnerCountryFactory(country="CA")
    kyoto = f.InstitutionFactory(country=japan, slug="kyoto-university")
    unit = f.UnitFactory(slug="college-of-pharmacy")
    project = f.CooperationProjectFactory(slug="joint-lab", partners=[kyoto])
    draft = f.CooperationProjectFactory(slug="unannounced", **HIDDEN)
    researcher = f.ResearcherFactory(slug="zhao-min", unit=unit)
    return {
        "awards": [
            f.AwardFactory(slug="friendship", title_en="Friendship Award", level="national",
                           year=2023, awarded_on=date(2023, 9, 28), recipient_researcher=researcher),
            f.AwardFactory(slug="lab-prize", level="provincial", year=2021,
                           recipient_project=project),
            # Received by a project readers may not see yet: the award is public, the
            # project is not named.
            f.AwardFactory(slug="quiet-prize", level="provincial", year=2020,
                           recipient_project=draft),
            f.AwardFactory(slug="draft-award", **HIDDEN),
        ],
        "achievements": [
            f.AchievementFactory(kind="paper", title_en="=HYPERLINK(\"x\")", year=2022,
                                 project=project, identifier="10.1000/xyz123"),
            f.AchievementFactory(kind="patent", year=2019, project=None),
            f.AchievementFactory(kind="paper", year=2021, project=draft),
        ],
        "exchanges": [
            f.ExchangeFactory(kind="visiting_scholar", country=japan, institution=kyoto,
                              unit=unit, project=project, people_count=3,
                              start_date=date(2024, 3, 1), end_date=date(2024, 8, 31)),
            f.ExchangeFactory(kind="conference", country=canada, start_date=date(2022, 5, 1)),
            f.ExchangeFactory(country=japan, project=draft),
        ],
    }  # fmt: skip


def export(client, records_kind: str, language: str = "en", /, **params):
    with override(language):
        path = reverse(f"cooperation:{records_kind[:-1]}-export-csv")
    return client.get(path, params)


def rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("kind", ["awards", "achievements", "exchanges"])
def test_each_export_lists_the_public_records_with_the_dictionary_s_columns(client, records, kind):
    response = export(client, kind)
    listed = rows(response)
    header = next(
        csv.reader(
            io.StringIO(b"".join(export(client, kind).streaming_content).decode("utf-8-sig"))
        )
    )

    assert header == list(EXPORT_COLUMNS[kind])
    public = list(records[kind][:2]) + ([records[kind][2]] if kind == "awards" else [])
    assert [int(row["id"]) for row in listed] == [record.pk for record in public]
    assert response["Content-Disposition"] == f'attachment; filename="{kind}.csv"'
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    for row in listed:  # each record's page, in the export's language
        assert row["url"].startswith("http://testserver/en/")
        assert client.get(row["url"].removeprefix("http://testserver")).status_code == 200


def test_the_awards_export_names_recipients_by_slug_and_never_a_hidden_project(client, records):
    by_slug = {row["slug"]: row for row in rows(export(client, "awards"))}

    assert by_slug["friendship"] | {"recipient_researcher": "zhao-min"} == by_slug["friendship"]
    assert by_slug["friendship"]["level"] == "national"
    assert by_slug["friendship"]["awarded_on"] == "2023-09-28"
    assert by_slug["friendship"]["title_en"] == "Friendship Award"
    assert by_slug["friendship"]["recipient_project"] == ""
    assert by_slug["lab-prize"]["recipient_project"] == "joint-lab"
    assert by_slug["quiet-prize"]["recipient_project"] == ""
    assert "unannounced" not in b"".join(export(client, "awards").streaming_content).decode()


def test_the_achievements_export_keeps_formulas_inert_and_links_the_project(client, records):
    paper, patent = rows(export(client, "achievements"))

    assert paper["title_en"] == '\'=HYPERLINK("x")'
    assert paper["kind"] == "paper" and paper["identifier"] == "10.1000/xyz123"
    assert paper["project"] == "joint-lab"
    assert patent["project"] == ""


def test_the_exchanges_export_gives_codes_slugs_and_dates(client, records):
    scholar, conference = rows(export(client, "exchanges", "zh-hans"))

    assert (
        scholar
        | {
            "kind": "visiting_scholar",
            "start_date": "2024-03-01",
            "end_date": "2024-08-31",
            "country": "JP",
            "institution": "kyoto-university",
            "unit": "college-of-pharmacy",
            "project": "joint-lab",
            "people": "3",
        }
        == scholar
    )
    assert conference["end_date"] == "" and conference["institution"] == ""
    assert scholar["url"].startswith("http://testserver/zh-hans/exchanges/")


@pytest.mark.parametrize(
    ("kind", "params", "expected"),
    [
        ("awards", {"level": "national"}, ["friendship"]),
        ("awards", {"year": "2021"}, ["lab-prize"]),
        ("achievements", {"kind": "patent"}, [None]),
        ("exchanges", {"country": "CA"}, [None]),
        ("exchanges", {"institution": "kyoto-university"}, [None]),
        ("exchanges", {"unit": "college-of-pharmacy", "year": "2024"}, [None]),
    ],
)
def test_an_export_has_its_list_s_filters(client, records, kind, params, expected):
    listed = rows(export(client, kind, **params))
    with override("en"):
        page = client.get(reverse(f"cooperation:{kind[:-1]}-list"), params)
    shown = page.context[kind]

    assert [int(row["id"]) for row in listed] == [record.pk for record in shown]
    assert len(listed) == len(expected)
    if kind == "awards":
        assert [row["slug"] for row in listed] == expected
    # The list links to its export with the same filters.
    assert reverse(f"cooperation:{kind[:-1]}-export-csv") in page.text
    for value in params.values():
        assert f"={value}" in page.text.split("export.csv", 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("awards", {"level": "galactic"}),
        ("achievements", {"year": "-3"}),
        ("exchanges", {"country": "XX"}),
        ("exchanges", {"institution": "not a slug!"}),
    ],
)
def test_a_bad_filter_gets_a_400_that_says_why(client, records, kind, params):
    response = export(client, kind, **params)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == set(params)


def test_an_export_reads_its_rows_in_one_query_whatever_their_number(
    client, records, django_assert_max_num_queries, page_cache_off
):
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            rows(export(client, "exchanges"))
        return len(captured)

    count_queries()  # the country choices of the filter form, kept from now on
    few = count_queries()
    f.ExchangeFactory.create_batch(30, country=records["exchanges"][0].country)
    count_queries()  # the choices again: the records changed
    assert count_queries() == few == 1


@pytest.mark.parametrize(
    ("address", "query", "name"),
    [
        ("cooperation:project-export-csv", {}, "projects"),
        (
            "cooperation:project-export-csv",
            {"country": "JP", "year_from": "2021", "year_to": "2024", "page": "2", "utm": "x"},
            "projects_country-JP_year_from-2021_year_to-2024",
        ),
        ("cooperation:award-export-csv", {"level": "national"}, "awards_level-national"),
        (
            "cooperation:exchange-export-csv",
            {"year": "2024", "kind": "conference"},
            "exchanges_kind-conference_year-2024",  # in the form's order
        ),
        # A filter given twice filtered by its last value: the file is named after it.
        ("cooperation:exchange-export-csv", {"country": ["JP", "CA"]}, "exchanges_country-CA"),
    ],
)
def test_a_selections_file_is_named_after_its_filters(client, records, address, query, name):
    """Two selections saved side by side keep apart: each was projects.csv."""
    with override("en"):
        response = client.get(reverse(address), query)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'
