"""The news list's filters, per-category feeds and the article's related items."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperation.publication import PublicationStatus
from news import filters as news_filters
from news.models import Article, Category
from tests import factories as f
from tests.news.images import jpeg
from tests.pages import LANGUAGES, hidden_states, url

MAX_QUERIES = 8
ATOM = "{http://www.w3.org/2005/Atom}"


def on(year: int, month: int = 6) -> datetime:
    return timezone.make_aware(datetime(year, month, 1, 9))


@pytest.fixture
def news(db):
    events = f.CategoryFactory(slug="events", name_en="Events", name_zh_hans="活动")
    results = f.CategoryFactory(slug="results", name_en="Results", name_zh_hans="成果")
    talent = f.TopicFactory(slug="talent", name_en="Talent training", name_zh_hans="人才培养")
    items = {
        "event-2022": f.ArticleFactory(
            title_en="Event 2022", category=events, published_at=on(2022)
        ),
        "event-2023": f.ArticleFactory(
            title_en="Event 2023", category=events, published_at=on(2023)
        ),
        "result-2023": f.ArticleFactory(
            title_en="Result 2023", category=results, published_at=on(2023, 3)
        ),
    }
    items["event-2023"].topics.add(talent)
    items["result-2023"].topics.add(talent)
    for i, state in enumerate(hidden_states()):
        f.ArticleFactory(title_en=f"Hidden event {i}", category=events, **state).topics.add(talent)
    return items


def listed(client, **params) -> list[str]:
    response = client.get(url("news:article-list", "en"), params)
    assert response.status_code == 200, response.status_code
    return [article.title_en for article in response.context["articles"]]


def test_category_year_and_topic_filters_narrow_the_public_list(client, news):
    assert listed(client) == ["Event 2023", "Result 2023", "Event 2022"]
    assert listed(client, category="events") == ["Event 2023", "Event 2022"]
    assert listed(client, year="2023") == ["Event 2023", "Result 2023"]
    assert listed(client, topic="talent") == ["Event 2023", "Result 2023"]
    assert listed(client, category="events", year="2023", topic="talent") == ["Event 2023"]
    assert listed(client, year="2019") == []
    assert listed(client, category="", year="", topic="") == listed(client)


@pytest.mark.parametrize(
    "params",
    [
        {"category": "no-such-category"},
        {"category": "<script>alert(1)</script>"},
        {"topic": "no-such-topic"},
        {"topic": "a" * 10_000},
        {"year": "abc"},
        {"year": "-1"},
        {"year": "99999999999999999999"},
        {"year": "2023.5"},
        {"year": "2023\x00"},
        {"category": "events\x00"},
    ],
)
def test_bad_filter_values_give_a_400_with_the_error_on_the_page(client, news, params):
    response = client.get(url("news:article-list", "en"), params)
    assert response.status_code == 400
    assert 'class="field-error"' in response.text
    assert list(response.context["articles"]) == []
    assert "<script>alert(1)</script>" not in response.text


def test_pages_keep_the_filters(client, db):
    events = f.CategoryFactory(slug="events")
    f.ArticleFactory.create_batch(12, category=events)
    f.ArticleFactory.create_batch(3)
    response = client.get(url("news:article-list", "en"), {"category": "events"})
    assert 'href="?category=events&amp;page=2"' in response.text
    second = client.get(url("news:article-list", "en"), {"category": "events", "page": "2"})
    assert len(second.context["articles"]) == 2
    assert (
        client.get(url("news:article-list", "en"), {"category": "events", "page": "3"}).status_code
        == 404
    )


def test_the_list_page_links_the_feeds_of_its_language_and_category(client, news):
    response = client.get(url("news:article-list", "en"), {"category": "events"})
    alternates = re.findall(
        r'<link rel="alternate" type="([^"]+)"[^>]*href="([^"]+)"', response.text
    )
    assert ("application/rss+xml", "/en/news/feed/rss/") in alternates
    assert ("application/atom+xml", "/en/news/feed/atom/") in alternates
    assert ("application/rss+xml", "/en/news/category/events/feed/rss/") in alternates
    assert ("application/atom+xml", "/en/news/category/events/feed/atom/") in alternates
    plain = client.get(url("news:article-list", "en"))
    assert "/category/" not in "".join(
        href
        for _t, href in re.findall(
            r'<link rel="alternate" type="([^"]+)"[^>]*href="([^"]+)"', plain.text
        )
    )


def test_the_filter_form_reads_its_categories_and_topics_once_until_one_changes(client, news):
    path = url("news:article-list", "en")
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(path).text
    assert '<option value="events">Events</option>' in page
    assert '<option value="talent">Talent training</option>' in page
    read = [query["sql"] for query in captured.captured_queries]
    assert not [sql for sql in read if 'FROM "news_category"' in sql or 'FROM "news_topic"' in sql]

    events = Category.objects.get(slug="events")
    events.name_en = "Happenings"
    events.save()
    f.TopicFactory(slug="mobility", name_en="Mobility")
    page = client.get(path).text
    assert '<option value="events">Happenings</option>' in page
    assert '<option value="mobility">Mobility</option>' in page
    assert (
        '<option value="events">活动</option>'
        in client.get(url("news:article-list", "zh-hans")).text
    )
    assert listed(client, topic="mobility") == []


def test_a_news_page_reads_its_kept_filter_choices_once(client, news, monkeypatch):
    """Each read of a kept value is a cache round trip: the form's validation and rendering,
    the filtering and the feed links share one."""
    reads = []
    kept = news_filters.filter_choices
    monkeypatch.setattr(news_filters, "filter_choices", lambda: reads.append(1) or kept())
    for params in ({}, {"category": "events", "topic": "talent"}, {"category": "nope"}):
        reads.clear()
        client.get(url("news:article-list", "en"), params)
        assert len(reads) == 1, params


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_category_feed_has_only_the_public_articles_of_that_category(client, news, language):
    response = client.get(url("news:category-feed-rss", language, slug="events"))
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")
    links = [item.findtext("link") for item in channel.iter("item")]
    assert [link.rsplit("/", 2)[-2] for link in links] == [
        news["event-2023"].slug,
        news["event-2022"].slug,
    ]
    assert f"/{language}/news/" in links[0]
    expected_name = "Events" if language == "en" else "活动"
    assert expected_name in channel.findtext("title")
    assert "Hidden" not in response.text

    atom = client.get(url("news:category-feed-atom", language, slug="results"))
    entries = ET.fromstring(atom.content).findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}link").get("href").rsplit("/", 2)[-2] for e in entries] == [
        news["result-2023"].slug
    ]


def test_an_unknown_category_feed_is_404(client, news):
    assert client.get(url("news:category-feed-rss", "en", slug="nothing")).status_code == 404


@pytest.fixture
def article_with_everything(db):
    article = f.ArticleFactory(
        title_en="Base rated advanced",
        cover_image=jpeg(1200, 600),
        cover_image_alt_en="The award ceremony",
        cover_image_alt_zh_hans="颁奖仪式",
    )
    article.topics.add(f.TopicFactory(slug="recognition", name_en="Recognition"))
    article.related_countries.add(f.PartnerCountryFactory(country="JP"))
    article.related_projects.add(f.CooperationProjectFactory(title_en="Linked project"))
    article.related_awards.add(
        f.AwardFactory(title_en="Public award"),
        f.AwardFactory(
            title_en="Draft award",
            publication_status=PublicationStatus.DRAFT,
            published_at=None,
        ),
    )
    return article


def test_the_article_page_shows_its_cover_topics_awards_and_countries(
    client, article_with_everything
):
    article = article_with_everything
    response = client.get(url("news:article-detail", "en", slug=article.slug))
    text = response.text
    assert "Recognition" in text and "?topic=recognition" in text
    assert "Public award" in text and "Draft award" not in text
    assert "Japan" in text and "/en/countries/jp/" in text.lower()
    img = re.search(r'<img src="[^"]*"[^>]*alt="The award ceremony"[^>]*>', text)[0]
    assert 'width="800" height="400"' in img
    # The first thing under the title: fetched at once, not lazily (cooperation/templatetags).
    assert 'fetchpriority="high"' in img and "loading=" not in img
    srcset = re.search(r'srcset="([^"]+)"', img)[1].split(", ")
    stem = article.cover_image.name.removesuffix(".jpg")
    assert srcset == [
        f"/media/{stem}.w400.webp 400w",
        f"/media/{stem}.w800.webp 800w",
        f"/media/{article.cover_image.name} 1200w",
    ]
    assert 'sizes="' in img


def test_the_list_shows_covers_with_srcset(client, article_with_everything):
    response = client.get(url("news:article-list", "en"))
    assert re.search(r'<img src="/media/news/[^"]+\.w800\.webp" srcset="[^"]+ 400w', response.text)


def test_list_queries_do_not_grow_with_articles_topics_and_filters(
    client, db, django_assert_max_num_queries
):
    events = f.CategoryFactory(slug="events")
    topics = [f.TopicFactory(slug=f"topic-{i}") for i in range(3)]

    def add(n: int) -> None:
        for article in f.ArticleFactory.create_batch(n, category=events, published_at=on(2023)):
            article.topics.add(*topics)

    path = url("news:article-list", "en")
    params = {"category": "events", "year": "2023", "topic": "topic-1"}
    add(3)
    # A first request reads the page's ids, then the rows of the cards it renders and keeps.
    with django_assert_max_num_queries(MAX_QUERIES + 1) as small:
        assert client.get(path, params).status_code == 200
    add(30)
    with django_assert_max_num_queries(MAX_QUERIES + 1) as large:
        assert client.get(path, params).status_code == 200
    assert len(large) == len(small)


def test_article_queries_do_not_grow_with_related_items(
    client, article_with_everything, django_assert_max_num_queries
):
    article = article_with_everything
    path = url("news:article-detail", "en", slug=article.slug)
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        assert client.get(path).status_code == 200
    article.related_awards.add(*f.AwardFactory.create_batch(20))
    article.related_projects.add(*f.CooperationProjectFactory.create_batch(20))
    article.topics.add(*[f.TopicFactory(slug=f"t{i}") for i in range(20)])
    article.related_countries.add(*[f.PartnerCountryFactory(country=c) for c in ["RU", "GB", "DE"]])
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        assert client.get(path).status_code == 200
    assert len(large) == len(small)


def test_the_article_page_reads_only_the_kinds_of_record_it_links_to(client, db):
    article = f.ArticleFactory()
    path = url("news:article-detail", "en", slug=article.slug)

    def page_queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    alone = page_queries()
    # Which kinds it links to comes with the article (config.links.LinkFlags), not from an
    # EXISTS per kind, which PostgreSQL plans twice over (1.0-1.5 ms for the four).
    assert not any("EXISTS" in sql.upper() for sql in alone)
    article.topics.add(f.TopicFactory(slug="mobility", name_en="Mobility"))
    with_a_topic = page_queries()
    # One more query, for the topics; none for the projects, awards or countries it lacks.
    assert len(with_a_topic) == len(alone) + 1
    assert "Mobility" in client.get(path).text
    article.related_awards.add(
        f.AwardFactory(publication_status=PublicationStatus.DRAFT, published_at=None)
    )
    # A link to a record that is not public costs its query, and shows nothing.
    assert len(page_queries()) == len(alone) + 2
    assert "Related awards" not in client.get(path).text


def test_feeds_stay_public_only_per_language(client, news):
    response = client.get(url("news:feed-rss", "en"))
    assert "Hidden" not in response.text
    assert Article.objects.count() == 7


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "International S&T Cooperation Base · News · Events"),
        ("zh-hans", "国际科技合作基地 · 新闻动态 · 活动"),
    ],
)
def test_a_category_feed_s_title_is_punctuated_as_its_language_writes(
    client, news, language, title
):
    """Not the site feed's title with ": <category>" after it (in Chinese a full-width
    colon, then an ASCII one)."""
    rss = client.get(url("news:category-feed-rss", language, slug="events"))
    atom = client.get(url("news:category-feed-atom", language, slug="events"))

    assert ET.fromstring(rss.content).find("channel").findtext("title") == title
    assert ET.fromstring(atom.content).findtext(f"{ATOM}title") == title
