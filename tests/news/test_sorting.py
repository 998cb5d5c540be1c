"""Sorting the news, newest or oldest first, as the directory and the other lists are sorted
(cooperation.filters.SortFilter; tests/cooperation/test_list_sorting.py)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.content_version import local_copies
from config.pagination import RowsByKeys
from cooperation.filters import sorted_by
from cooperation.publication import PublicationStatus
from news.filters import ARTICLE_ORDERS
from news.models import Article
from news.views import ArticleListView
from tests import factories as f
from tests.pages import url
from tests.plans import plan_with_sorting_forbidden, table_constraints

MAX_QUERIES = 8  # the ceiling for a news page, whatever the data size


@pytest.fixture
def articles(db):
    now = timezone.now()
    category = f.CategoryFactory(slug="events")
    # Published 3, 1, 4 and 2 days ago: by date, "one" is the newest, "four" the oldest.
    made = {
        name: f.ArticleFactory(
            title_en=name, slug=name, category=category, published_at=now - timedelta(days=days)
        )
        for name, days in [("three", 3), ("one", 1), ("four", 4), ("two", 2)]
    }
    f.ArticleFactory(title_en="draft", publication_status=PublicationStatus.DRAFT)
    f.ArticleFactory(title_en="scheduled", published_at=now + timedelta(days=1))
    return made


def listed(response) -> list[str]:
    return [article.title_en for article in response.context["articles"]]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (None, ["one", "two", "three", "four"]),
        ("newest", ["one", "two", "three", "four"]),
        ("oldest", ["four", "three", "two", "one"]),
    ],
)
def test_the_news_come_in_the_order_asked_for(client, articles, sort, expected):
    response = client.get(url("news:article-list", "en"), {"sort": sort} if sort else {})
    assert response.status_code == 200
    assert listed(response) == expected


def test_the_news_own_order_is_the_first_in_a_labelled_select(client, articles):
    assert ARTICLE_ORDERS["newest"].fields == tuple(Article._meta.ordering)
    text = client.get(url("news:article-list", "en")).text
    form = text[text.index('aria-label="Filter the news"') :]
    form = form[: form.index("</form>")]
    assert '<label for="id_sort">Sort by</label>' in form
    assert '<option value="newest">Newest first</option>' in form
    assert '<option value="">' not in form[form.index('name="sort"') :]


def test_the_chosen_order_shows_chosen_though_the_fields_are_kept(client, articles):
    """The form's fields are rendered once per selection and kept (news.filters): the order
    is no filter, yet its select shows the order chosen, not the one rendered first."""
    path = url("news:article-list", "en")
    assert 'value="oldest" selected' not in client.get(path).text
    assert 'value="oldest" selected' in client.get(path, {"sort": "oldest"}).text
    assert 'value="oldest" selected' not in client.get(path, {"sort": "newest"}).text
    narrowed = client.get(path, {"category": "events", "sort": "oldest"})
    assert listed(narrowed) == ["four", "three", "two", "one"]
    assert 'value="oldest" selected' in narrowed.text


@pytest.mark.parametrize("value", ["title", "-published_at", "OLDEST", "\x00", "x" * 500])
def test_an_order_the_news_do_not_have_is_a_400_that_names_theirs(client, articles, value):
    response = client.get(url("news:article-list", "en"), {"sort": value})
    assert response.status_code == 400
    assert list(response.context["articles"]) == []
    assert "is not one of this list&#x27;s orders: newest, oldest." in response.text
    assert 'aria-describedby="id_sort_error"' in response.text
    assert b"\x00" not in response.content


def test_the_order_stays_in_the_page_links_and_the_canonical_address(client, articles, monkeypatch):
    monkeypatch.setattr(ArticleListView, "paginate_by", 3)
    path = url("news:article-list", "en")
    first = client.get(path, {"sort": "oldest"})
    assert '<a rel="next" href="?sort=oldest&amp;page=2">Next</a>' in first.text
    assert f'<link rel="canonical" href="http://testserver{path}?sort=oldest">' in first.text
    second = client.get(path, {"sort": "oldest", "page": "2"})
    assert listed(first) + listed(second) == ["four", "three", "two", "one"]
    assert (
        f'<link rel="canonical" href="http://testserver{path}?page=2&amp;sort=oldest">'
        in second.text
    )


def test_no_order_reads_a_query_more_whatever_the_number_of_articles(
    client, articles, page_cache_off
):
    path = url("news:article-list", "en")

    def counts() -> dict[tuple[str | None, str], int]:
        result = {}
        for sort in (None, *ARTICLE_ORDERS):
            cache.clear()
            local_copies.clear()
            for run in ("afresh", "kept"):
                with CaptureQueriesContext(connection) as captured:
                    assert client.get(path, {"sort": sort} if sort else {}).status_code == 200
                result[sort, run] = len(captured.captured_queries)
        return result

    small = counts()
    f.ArticleFactory.create_batch(30)
    large = counts()
    assert large == small
    for run in ("afresh", "kept"):
        assert {small[sort, run] for sort in ARTICLE_ORDERS} == {small[None, run]}
    assert small[None, "afresh"] <= MAX_QUERIES


@pytest.mark.parametrize("sort", list(ARTICLE_ORDERS))
def test_deep_news_pages_start_at_anchors_kept_for_each_order(
    client, articles, monkeypatch, page_cache_off, sort
):
    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    monkeypatch.setattr(RowsByKeys, "anchor_every", 3)
    monkeypatch.setattr(ArticleListView, "paginate_by", 2)
    moment = timezone.now() - timedelta(days=5)
    f.ArticleFactory.create_batch(5, published_at=moment)  # equal moments: the id decides
    path = url("news:article-list", "en")

    def walk(order: str) -> list[int]:
        shown, page = [], 1
        while True:
            response = client.get(path, {"sort": order, "page": page})
            assert response.status_code == 200
            shown += [article.pk for article in response.context["articles"]]
            if not response.context["page_obj"].has_next():
                return shown
            page += 1

    expected = [a.pk for a in sorted_by(Article.objects.public(), ARTICLE_ORDERS[sort])]
    walk("oldest" if sort == "newest" else "newest")  # another order's anchors kept first
    with CaptureQueriesContext(connection) as first:
        assert walk(sort) == expected
    assert sum("ROW_NUMBER" in q["sql"] for q in first) == 1  # its own, worked out once
    with CaptureQueriesContext(connection) as again:
        assert walk(sort) == expected
    assert not any("ROW_NUMBER" in q["sql"] for q in again)


def test_the_oldest_news_are_read_from_the_public_articles_index(articles):
    """Forwards, as the newest are read backwards: no sort of 200,000 articles."""
    if connection.vendor != "postgresql":
        columns = table_constraints(Article)["news_article_public_idx"]["columns"]
        assert columns == ["publication_status", "published_at", "id"]
        return
    page = sorted_by(Article.objects.public(), ARTICLE_ORDERS["oldest"])[:10]
    plan = plan_with_sorting_forbidden(page.values_list("pk", flat=True))
    assert "news_article_public_idx" in plan
    assert "Sort" not in plan
