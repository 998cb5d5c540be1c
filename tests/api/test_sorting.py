"""The open data API's lists sort as the portal's lists they mirror (awards, achievements,
exchanges: the same FilterSets; the news: the news list's orders), with the same ``sort``
and the same 400 for an order a list does not have; deep pages start from anchors kept per
order and per language asked for."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from config.pagination import RowsByKeys
from tests import factories as f

pytestmark = pytest.mark.django_db

# Each list with the orders it takes.
ORDERS = {
    "award-list": ["newest", "oldest", "title"],
    "achievement-list": ["newest", "oldest", "title"],
    "exchange-list": ["newest", "oldest"],
    "article-list": ["newest", "oldest"],
}


@pytest.fixture
def records(db):
    """Three records of each list, made oldest first, titled "C", "A", "B"."""
    now = timezone.now()
    country = f.PartnerCountryFactory(country="JP")
    for n, title in enumerate(["C", "A", "B"]):
        day = date(2020 + n, 1, 1)
        f.AwardFactory(title_en=title, year=day.year, awarded_on=day)
        f.AchievementFactory(title_en=title, year=day.year, project=None)
        f.ExchangeFactory(title_en=title, start_date=day, country=country)
        f.ArticleFactory(title_en=title, published_at=now - timedelta(days=10 - n))


def titles(client, name: str, **params) -> list[str]:
    response = client.get(reverse(f"api:{name}"), params)
    assert response.status_code == 200, response.content
    return [record["title_en"] for record in response.json()["results"]]


@pytest.mark.parametrize("name", ORDERS)
def test_each_list_sorts_as_the_portal_list_it_mirrors(client, records, name):
    assert titles(client, name) == ["B", "A", "C"]  # its own order: the newest first
    assert titles(client, name, sort="newest") == ["B", "A", "C"]
    assert titles(client, name, sort="oldest") == ["C", "A", "B"]
    if "title" in ORDERS[name]:
        assert titles(client, name, sort="title") == ["A", "B", "C"]


@pytest.mark.parametrize("name", ORDERS)
def test_an_order_a_list_does_not_have_is_a_400_naming_those_it_has(client, records, name):
    response = client.get(reverse(f"api:{name}"), {"sort": "price"})
    assert response.status_code == 400
    orders = ", ".join(ORDERS[name])
    assert response.json() == {"sort": [f"“price” is not one of this list's orders: {orders}."]}


@pytest.mark.parametrize("name", ORDERS)
def test_the_schema_gives_each_lists_orders(client, name):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    path = reverse(f"api:{name}")
    [sort] = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "sort"]
    assert sort["schema"]["enum"] == ORDERS[name]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_deep_pages_by_title_follow_the_language_asked_for(client, db, monkeypatch, language):
    """The titles are ordered in the language the client asks for: each language's deep
    pages start from its own anchors, where the first language asked for gave the other its
    anchors, and its pages listed records twice and left others out."""
    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    monkeypatch.setattr(RowsByKeys, "anchor_every", 2)
    # In English A..F; in Chinese, by pinyin (a, ba, ..., ha): the other way round.
    for letter, chinese in zip("ABCDEF", ["哈", "发", "额", "的", "吧", "啊"], strict=True):
        f.AchievementFactory(title_en=letter, title_zh_hans=chinese, project=None)
    other = "zh-hans" if language == "en" else "en"

    def walk(asked: str) -> list[str]:
        shown, page = [], 1
        while True:
            response = client.get(
                reverse("api:achievement-list"),
                {"sort": "title", "page_size": 2, "page": page},
                headers={"accept-language": asked},
            )
            assert response.status_code == 200
            shown += [record["title_en"] for record in response.json()["results"]]
            if not response.json()["next"]:
                return shown
            page += 1

    english, chinese = list("ABCDEF"), list("FEDCBA")
    walk(other)  # its anchors kept first
    assert walk(language) == (english if language == "en" else chinese)


def test_deep_pages_of_awards_of_an_unknown_day_are_no_server_error(client, db, monkeypatch):
    """An anchor of an award whose day is not known (NULL) made page 11 of 10,000 awards a
    500 (``awarded_on__lte=None``): such a list pages by keys alone."""
    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    monkeypatch.setattr(RowsByKeys, "anchor_every", 2)
    awards = f.AwardFactory.create_batch(7, year=2022, awarded_on=None)
    ordered = sorted(award.pk for award in awards)  # one year, no day: by id
    for sort in ["newest", "oldest"]:
        ids = []
        for page in range(1, 5):
            response = client.get(
                reverse("api:award-list"), {"sort": sort, "page_size": 2, "page": page}
            )
            assert response.status_code == 200
            ids += [record["id"] for record in response.json()["results"]]
        assert ids == (ordered if sort == "oldest" else ordered[::-1])
