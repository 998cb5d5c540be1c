"""A list page's title says which page of it this is, which one value it is narrowed to, and
"Error: " first when its filters were refused (WCAG 2.4.2, as gov.uk titles do): tabs, the
history and a screen reader's announcement of the page tell them apart
(portal_tags.list_title)."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from tests import factories as f

SITE = "International S&T Cooperation Base"


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.text, re.S).group(1).strip()


def get(client, path: str):
    with override("en"):
        return client.get(path)


@pytest.fixture
def lists(db):
    japan = f.PartnerCountryFactory(country="JP")
    kyoto = f.InstitutionFactory(country=japan, slug="kyoto", name_en="Kyoto University")
    pharmacy = f.UnitFactory(slug="pharmacy", name_en="College of Pharmacy")
    f.CooperationProjectFactory.create_batch(
        21, partners=[kyoto], lead_unit=pharmacy, start_date=date(2020, 1, 1)
    )
    f.ResearcherFactory(unit=pharmacy, name_en="Li Na")
    f.AwardFactory(level="national", year=2024)
    f.ExchangeFactory(country=japan, institution=kyoto, unit=pharmacy)
    news = f.CategoryFactory(slug="news", name_en="Base news")
    f.ArticleFactory(category=news)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en/projects/", "Cooperation projects (page 1 of 2)"),
        ("/en/projects/?page=2", "Cooperation projects (page 2 of 2)"),
        ("/en/projects/?country=JP", "Cooperation projects: Japan (page 1 of 2)"),
        ("/en/projects/?country=JP&sort=title&page=2", "Cooperation projects: Japan (page 2 of 2)"),
        ("/en/projects/?institution=kyoto", "Cooperation projects: Kyoto University (page 1 of 2)"),
        # Two filters, or a range of years: the list's name alone.
        ("/en/projects/?country=JP&unit=pharmacy", "Cooperation projects (page 1 of 2)"),
        ("/en/projects/?year_from=2019", "Cooperation projects (page 1 of 2)"),
        ("/en/projects/?year_from=2025&year_to=2020", "Error: Cooperation projects"),
        ("/en/awards/", "Awards and recognitions"),
        ("/en/awards/?level=national", "Awards and recognitions: National"),
        ("/en/awards/?year=2024", "Awards and recognitions: 2024"),
        ("/en/awards/?year=1800", "Error: Awards and recognitions"),
        ("/en/achievements/?kind=evil", "Error: Achievements"),
        ("/en/exchanges/?institution=kyoto", "Talent exchanges: Kyoto University"),
        ("/en/exchanges/?country=JP", "Talent exchanges: Japan"),
        ("/en/institutions/?country=JP", "Partner institutions: Japan"),
        ("/en/institutions/?name=kyo", "Partner institutions"),  # a part of a name typed in
        ("/en/researchers/?unit=pharmacy", "Researchers: College of Pharmacy"),
        ("/en/news/?category=news", "News: Base news"),
        ("/en/news/?year=abc", "Error: News"),
    ],
)
def test_a_list_s_title_names_its_page_its_one_value_and_a_refusal(client, lists, path, expected):
    response = get(client, path)

    assert title(response) == f"{expected} · {SITE}"


def test_naming_the_value_asks_the_database_nothing_more(client, lists):
    def statements(path: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            get(client, path)
        return len(ctx.captured_queries)

    for plain, narrowed in [
        ("/en/awards/?year=2024", "/en/awards/?level=national"),
        ("/en/researchers/?name=Li", "/en/researchers/?unit=pharmacy"),
    ]:
        get(client, plain), get(client, narrowed)  # what is kept, kept
        assert statements(narrowed) == statements(plain)


def test_the_title_is_in_the_reader_s_language(client, lists):
    with override("zh-hans"):
        response = client.get("/zh-hans/projects/?country=JP&page=2")

    assert title(response).startswith("合作项目")
    assert "日本" in title(response)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en/projects/?q=cooperation", "Cooperation projects: “cooperation” (page 1 of 2)"),
        ("/en/projects/?q=cooperation&sort=title&page=2", "Cooperation projects: “cooperation” (page 2 of 2)"),
        ("/en/projects/?q=+cooperation+", "Cooperation projects: “cooperation” (page 1 of 2)"),
        ("/en/projects/?q=%3Cb%3E", "Cooperation projects: “&lt;b&gt;”"),
        # With another filter, the list's name alone, as for any two filters; blank words
        # filter nothing.
        ("/en/projects/?q=cooperation&country=JP", "Cooperation projects (page 1 of 2)"),
        ("/en/projects/?q=+", "Cooperation projects (page 1 of 2)"),
    ],
)  # fmt: skip
def test_the_directory_s_title_names_its_keywords_as_it_names_a_filter(
    client, lists, path, expected
):
    assert title(get(client, path)) == f"{expected} · {SITE}"


def results_heading(response) -> str:
    return re.search(r'<h2 id="results-title"[^>]*>(.*?)</h2>', response.text, re.S).group(1)


def test_the_directory_s_results_heading_names_its_keywords(client, lists):
    """What the skip link leads to, and a screen reader reads first: its count and the
    words it matched, whatever other filter narrows it too."""
    assert results_heading(get(client, "/en/projects/?q=cooperation")) == (
        "21 projects matching “cooperation”"
    )
    assert results_heading(get(client, "/en/projects/?q=cooperation&country=JP")) == (
        "21 projects matching “cooperation”"
    )
    assert results_heading(get(client, "/en/projects/?q=%3Cb%3E")) == (
        "0 projects matching “&lt;b&gt;”"
    )
    assert results_heading(get(client, "/en/projects/?country=JP")) == "21 projects"


def test_the_keywords_are_quoted_in_the_reader_s_language(client, lists):
    f.CooperationProjectFactory(title_zh_hans="海洋酶工程")
    with override("zh-hans"):
        response = client.get("/zh-hans/projects/", {"q": "酶工程"})

    assert title(response).startswith("合作项目：“酶工程”")
    assert "“酶工程”" in results_heading(response)
