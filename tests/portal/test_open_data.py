"""The open data page (/data/): every dataset with its count, downloads, licence and date,
its schema.org catalogue, the export's column dictionary, and the licence named by the
answers that serve the data."""

import csv
import io
import json
import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override, pgettext

from cooperation.exports import EXPORT_COLUMNS
from cooperation.models import Researcher, ResearchField, Unit
from portal.open_data import DATASETS
from tests import factories as f
from tests.pages import LANGUAGES, hidden_states, sitemap_locations, url

MAX_QUERIES = 12  # a portal page's ceiling, whatever the data size


@pytest.fixture
def records(db):
    """Public records of every dataset, and hidden ones that no dataset may count."""
    japan = f.PartnerCountryFactory(country="JP")
    kyoto = f.InstitutionFactory(country=japan)
    public = f.CooperationProjectFactory(partners=[kyoto])
    f.PartnerCountryFactory(country="CA")  # entered, with no public project: no partner yet
    f.CooperationProjectFactory(partners=[kyoto])
    f.AwardFactory()
    f.ArticleFactory()
    f.AchievementFactory(project=public)
    f.AchievementFactory(project=None)
    f.ExchangeFactory(country=japan, project=public)
    f.ResearcherFactory()
    for state in hidden_states():
        hidden = f.CooperationProjectFactory(partners=[kyoto], **state)
        f.AchievementFactory(project=hidden)
        f.ExchangeFactory(country=japan, project=hidden)
        f.AwardFactory(**state)
        f.ArticleFactory(**state)


def main_text(response) -> str:
    return response.text[response.text.index("<main") : response.text.index("</main>")]


def structured_data(response) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    return json.loads(found.group(1))


def local(address: str) -> str:
    return address.removeprefix("http://testserver")


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_dataset_counts_what_the_api_lists(client, records, language):
    response = client.get(url("portal:open-data", language))

    assert response.status_code == 200
    counts = {dataset["key"]: dataset["count"] for dataset in response.context["datasets"]}
    assert counts == {
        "projects": 2,
        "countries": 1,
        "institutions": 1,
        "fields": ResearchField.objects.count(),  # all are listed; the projects' factory makes some
        "units": Unit.objects.count(),  # all are listed, as the researchers
        "researchers": Researcher.objects.count(),
        "awards": 1,
        "achievements": 2,
        "exchanges": 1,
        "news": 1,
    }
    for dataset in response.context["datasets"]:
        api_list = dataset["distributions"][0]
        assert api_list["media_type"] == "application/json"
        assert client.get(local(api_list["url"])).json()["count"] == dataset["count"], dataset
        section = main_text(response).split(f'id="{dataset["key"]}"', 1)[1].split("</li>", 1)[0]
        assert f"{dataset['count']} " in unescape(re.sub(r"<[^>]+>", " ", section))


def test_every_link_and_download_answers(client, records):
    response = client.get(url("portal:open-data", "en"))
    links = re.findall(r'<a href="([^"]+)"(?: type="([^"]+)")?', main_text(response))
    internal = [(unescape(href), kind) for href, kind in links if not href.startswith("https:")]

    assert len(internal) >= 20
    for href, media_type in internal:
        answer = client.get(local(href))
        assert answer.status_code == 200, href
        if media_type and media_type.startswith(("application/json", "text/csv", "application/r")):
            assert answer["Content-Type"].startswith(media_type), href


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_is_schema_org_data_for_dataset_search(client, records, language):
    response = client.get(url("portal:open-data", language))
    catalogue = structured_data(response)

    assert catalogue["@type"] == "DataCatalog"
    assert catalogue["license"] == "https://creativecommons.org/licenses/by/4.0/"
    page_titles = [str(dataset["title"]) for dataset in response.context["datasets"]]
    assert [dataset["name"] for dataset in catalogue["dataset"]] == page_titles
    for dataset in catalogue["dataset"]:
        assert dataset["@type"] == "Dataset" and dataset["isAccessibleForFree"] is True
        # Dataset search engines skip a dataset described in fewer than 50 characters.
        assert len(dataset["description"]) >= 50, dataset["name"]
        assert dataset["url"].endswith(
            f"{url('portal:open-data', language)}#{dataset['url'].split('#')[1]}"
        )
        for download in dataset["distribution"]:
            answer = client.get(local(download["contentUrl"]))
            assert answer.status_code == 200, download
            assert answer["Content-Type"].startswith(download["encodingFormat"]), download


def test_the_licence_is_named_on_the_page_and_by_every_answer_that_serves_data(
    client, records, settings
):
    settings.OPEN_DATA_LICENSE_NAME = "ODbL 1.0"
    settings.OPEN_DATA_LICENSE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
    link = '<https://opendatacommons.org/licenses/odbl/1-0/>; rel="license"'

    page = client.get(url("portal:open-data", "en"))
    assert (
        '<a href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license">ODbL 1.0</a>'
        in page.text
    )
    assert structured_data(page)["license"] == "https://opendatacommons.org/licenses/odbl/1-0/"
    for address in [
        "/api/v1/projects/",
        "/api/v1/news/",
        url("cooperation:project-export-csv", "en"),
        url("cooperation:project-export-json", "en"),
    ]:
        assert client.get(address)["Link"] == link, address
    # A bad filter's answer is no data, and names no licence.
    assert "Link" not in client.get("/api/v1/projects/?year_from=x")


def test_the_api_schema_names_the_default_licence(client, db):
    schema = client.get("/api/v1/schema/").json()
    assert schema["info"]["license"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }


def test_the_column_dictionaries_describe_each_column_of_each_csv(client, records):
    page = main_text(client.get(url("portal:open-data", "en")))
    tables = page.split('class="columns-table"')[1:]
    csv_downloads = [
        (dataset["key"], distribution["url"])
        for dataset in client.get(url("portal:open-data", "en")).context["datasets"]
        for distribution in dataset["distributions"]
        if distribution["label"] == "CSV"
    ]

    assert [key for key, _url in csv_downloads] == list(EXPORT_COLUMNS)
    assert len(tables) == len(csv_downloads) == 4
    for table, (key, address) in zip(tables, csv_downloads, strict=True):
        described = re.findall(
            r'<th scope="row"><code>([a-z_]+)</code>', table.split("</table>")[0]
        )
        export = client.get(local(address))
        header = next(
            csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")))
        )
        assert described == list(EXPORT_COLUMNS[key]) == header, key
        for column in EXPORT_COLUMNS[key].values():
            for code, _label in column.codes.choices if column.codes else []:
                assert f"<code>{code}</code>" in table, (key, code)


@pytest.mark.parametrize(
    ("rate", "language", "words"),
    [
        ("120/minute", "en", "120 requests a minute"),
        ("1/hour", "en", "1 request an hour"),
        ("5000/day", "en", "5,000 requests a day"),
        ("120/minute", "zh-hans", "每分钟 120 次请求"),
    ],
)
def test_the_api_limit_is_given_in_words(client, db, settings, rate, language, words):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": rate},
    }
    assert words in client.get(url("portal:open-data", language)).text


def test_the_date_and_counts_move_when_a_scheduled_article_comes_due(client, records, settings):
    """Nothing is saved when it comes due; the cached page and its kept counts change anyway."""
    settings.PORTAL_PAGE_CACHE = True
    start = timezone.now()
    due = start + timedelta(hours=1)
    f.ArticleFactory(published_at=due)
    address = url("portal:open-data", "en")

    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        before = client.get(address)
        assert client.get(address).context is None  # served from the page cache
    with time_machine.travel(due + timedelta(minutes=1), tick=False):
        after = client.get(address)

    news = {dataset["key"]: dataset["count"] for dataset in after.context["datasets"]}["news"]
    assert news == 2
    assert before.context["modified"] < due <= after.context["modified"]
    assert structured_data(after)["dateModified"] == after.context["modified"].isoformat()


def test_queries_do_not_grow_with_the_records(
    client, records, page_cache_off, django_assert_max_num_queries
):
    address = url("portal:open-data", "en")

    def add(count: int) -> None:
        for _ in range(count):
            project = f.CooperationProjectFactory()
            f.AchievementFactory(project=project)
            f.ExchangeFactory(project=project)
            f.ArticleFactory()
            f.AwardFactory()

    with django_assert_max_num_queries(MAX_QUERIES) as small:
        assert client.get(address).status_code == 200
    add(20)
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        assert client.get(address).status_code == 200
    assert len(large) == len(small)
    # Kept until the records change: the next reader's page counts nothing again.
    with django_assert_max_num_queries(len(large) - len(DATASETS)):
        assert client.get(address).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_to_it_and_the_sitemap_lists_it(client, records, language):
    page = url("portal:open-data", language)
    assert f'href="{page}"' in client.get(url("portal:home", language)).text
    locations = [
        location
        for index_entry in sitemap_locations(client, "/sitemap.xml")
        for location in sitemap_locations(client, local(index_entry))
        if "sitemap-pages" in index_entry
    ]
    assert f"http://testserver{page}" in locations


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_link_to_the_api_documentation_says_it_is_in_english(client, db, language):
    with override(language):
        response = client.get(reverse("portal:open-data"))
        expected = pgettext(
            "a link to the API's documentation, which is in English only", "API documentation"
        )

    assert f'<a href="/api/v1/docs/" hreflang="en">{expected}</a>' in response.text
