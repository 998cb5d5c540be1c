"""The project directory's keyword box (``q``): words in a project's title or summary, in either
language, found as the portal's search finds them (cooperation.text_search.matching), combined
with the facets and their counts, the chosen order, the exports and the API."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from config.content_version import local_copies
from config.search_columns import common_grams
from cooperation.publication import PublicationStatus
from portal.search import search
from tests import factories as f

pytestmark = pytest.mark.django_db


def directory(client, /, **params):
    with override("en"):
        return client.get(reverse("cooperation:project-list"), params)


def slugs(response) -> list[str]:
    return [project.slug for project in response.context["projects"]]


@pytest.fixture
def projects():
    japan = f.PartnerCountryFactory(country="JP")
    germany = f.PartnerCountryFactory(country="DE")
    kyoto = f.InstitutionFactory(country=japan, slug="kyoto")
    charite = f.InstitutionFactory(country=germany, slug="charite")
    made = {
        "enzymes_japan": f.CooperationProjectFactory(
            slug="enzymes-japan", title_en="Marine enzymes", title_zh_hans="海洋酶工程",
            summary_en="Enzyme engineering with Kyoto.", summary_zh_hans="与京都合作。",
            start_date=date(2018, 1, 1), partners=[kyoto],
        ),
        "enzymes_germany": f.CooperationProjectFactory(
            slug="enzymes-germany", title_en="Antibiotic biosynthesis",
            title_zh_hans="抗生素生物合成", summary_en="Engineered enzymes at the Charité.",
            summary_zh_hans="酶的改造。", start_date=date(2021, 1, 1), partners=[charite],
        ),
        "marine_drugs": f.CooperationProjectFactory(
            slug="marine-drugs", title_en="Marine drugs", title_zh_hans="海洋创新药物",
            summary_en="Drugs from the sea.", summary_zh_hans="来自海洋的药物。",
            start_date=date(2020, 1, 1), partners=[kyoto],
        ),
    }  # fmt: skip
    f.CooperationProjectFactory(
        slug="draft-enzymes", title_en="Enzymes in draft", partners=[kyoto],
        publication_status=PublicationStatus.DRAFT, published_at=None,
    )  # fmt: skip
    return made


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # Newest first, the directory's own order; a draft never.
        ({"q": "enzyme"}, ["enzymes-germany", "enzymes-japan"]),
        ({"q": "enzyme", "country": "JP"}, ["enzymes-japan"]),
        ({"q": "enzyme", "sort": "oldest"}, ["enzymes-japan", "enzymes-germany"]),
        ({"q": "enzyme", "sort": "title"}, ["enzymes-germany", "enzymes-japan"]),
        ({"q": "marine"}, ["marine-drugs", "enzymes-japan"]),
        ({"q": "marine enzymes"}, ["enzymes-japan"]),
        ({"q": "Charite"}, ["enzymes-germany"]),  # accents folded, either way
        ({"q": "酶"}, ["enzymes-germany", "enzymes-japan"]),
        ({"q": "海洋药物"}, ["marine-drugs"]),  # a long Chinese term as its pairs
        ({"q": "  "}, ["enzymes-germany", "marine-drugs", "enzymes-japan"]),
        ({"q": "nothing-like-it"}, []),
    ],
)
def test_keywords_narrow_the_directory_keeping_its_order(client, projects, params, expected):
    response = directory(client, **params)

    assert response.status_code == 200
    assert slugs(response) == expected


@pytest.mark.parametrize("query", ["enzyme", "Charite", "酶", "海洋药物", "marine enzymes"])
def test_keywords_find_the_projects_the_search_finds(client, projects, query):
    """One matching rule: the directory lists what the portal's search finds (its order
    aside)."""
    [found] = [group for group in search(query, "en").groups if group.kind.key == "projects"]

    assert set(slugs(directory(client, q=query))) == {hit.record.slug for hit in found.hits}


def test_the_facets_count_the_projects_the_keywords_find(client, projects):
    response = directory(client, q="enzyme")

    facets = {facet.name: facet for facet in response.context["facets"]}
    countries = {value["value"]: value["count"] for value in facets["country"].values}
    assert countries == {"JP": 1, "DE": 1}
    assert response.context["paginator"].count == 2
    japan = next(value for value in facets["country"].values if value["value"] == "JP")
    assert japan["url"] == "?q=enzyme&country=JP"  # the facet's link keeps the words


def test_the_keyword_box_is_labelled_and_keeps_the_reader_s_words(client, projects):
    text = directory(client, q="<enzyme>").text

    assert '<label for="id_q">Keywords</label>' in text
    assert 'type="search" name="q" value="&lt;enzyme&gt;"' in text


def test_blank_words_are_no_search_the_whole_directory_stays_indexed(client, projects):
    """A box left with a space narrows nothing: the page is the directory itself, its one
    address and indexed; words make it a search's results, followed but not indexed."""
    canonical = '<link rel="canonical" href="http://testserver/en/projects/">'
    blank = directory(client, q="  ").text
    words = directory(client, q="enzyme").text

    assert canonical in blank
    assert 'content="noindex' not in blank
    assert '<link rel="canonical" href="http://testserver/en/projects/?q=enzyme">' in words
    assert '<meta name="robots" content="noindex, follow">' in words


def test_too_many_words_are_a_400_that_says_why(client, projects):
    response = directory(client, q="enzyme " * 40)

    assert response.status_code == 400
    assert slugs(response) == []
    assert 'id="id_q_error"' in response.text


def test_the_exports_and_the_api_take_the_keywords(client, projects):
    with override("en"):
        csv_response = client.get(reverse("cooperation:project-export-csv"), {"q": "enzyme"})
        json_response = client.get(
            reverse("cooperation:project-export-json"), {"q": "enzyme", "country": "DE"}
        )
    api = client.get("/api/v1/projects/", {"q": "海洋药物"})

    rows = list(
        csv.DictReader(io.StringIO(b"".join(csv_response.streaming_content).decode("utf-8-sig")))
    )
    assert {row["slug"] for row in rows} == {"enzymes-japan", "enzymes-germany"}
    assert [r["slug"] for r in json_response.json()["results"]] == ["enzymes-germany"]
    assert [r["slug"] for r in api.json()["results"]] == ["marine-drugs"]


def test_keywords_cost_the_directory_no_query_more(client, projects):
    def statements(**params) -> int:
        # Each from an empty cache: nothing one kept (a card, the facets) spares the other.
        cache.clear()
        local_copies.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert directory(client, **params).status_code == 200
        return len(ctx.captured_queries)

    kyoto = projects["enzymes_japan"].partners.get()
    f.CooperationProjectFactory.create_batch(30, title_en="More enzymes", partners=[kyoto])
    plain = statements(country="JP")
    common_grams()  # read once a process an hour (PostgreSQL), as for the search

    assert statements(country="JP", q="enzyme") == plain
    assert statements(country="JP", q="酶") == plain
    assert statements(country="JP", q="海洋药物") == plain
