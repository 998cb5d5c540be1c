"""News list and article pages: public articles only, both languages, fixed query counts."""

from datetime import timedelta

import pytest
import time_machine
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.pagination import RowsByKeys
from cooperation.publication import PublicationStatus
from news.models import Article
from tests import factories as f
from tests.pages import LANGUAGES, hidden_states, url
from tests.plans import plan_with_sorting_forbidden, table_constraints

MAX_QUERIES = 8  # the ceiling for a news page, whatever the data size


@pytest.fixture
def article(db):
    return f.ArticleFactory(
        title_en="Base rated advanced",
        title_zh_hans="基地获评先进",
        summary_en="The provincial department rated the base.",
        summary_zh_hans="省科技厅评定基地为先进。",
        body_en="<p>English body text.</p>",
        body_zh_hans="<p>中文正文。</p>",
        source_en="Chengdu University",
        source_zh_hans="成都大学",
    )


@pytest.fixture
def hidden_articles(db):
    return [
        f.ArticleFactory(title_en=f"Hidden news {i}", title_zh_hans=f"隐藏新闻{i}", **state)
        for i, state in enumerate(hidden_states())
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_list_shows_public_articles_only(client, article, hidden_articles, language):
    response = client.get(url("news:article-list", language))
    assert response.status_code == 200
    assert list(response.context["articles"]) == [article]
    assert (article.title_en if language == "en" else article.title_zh_hans) in response.text
    assert "Hidden news" not in response.text
    assert "隐藏新闻" not in response.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_hidden_articles_have_no_page(client, hidden_articles, language):
    for hidden in hidden_articles:
        response = client.get(url("news:article-detail", language, slug=hidden.slug))
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["<h1>Base rated advanced</h1>", "English body text.", "Chengdu University"]),
        ("zh-hans", ["<h1>基地获评先进</h1>", "中文正文。", "成都大学"]),
    ],
)
def test_article_page_shows_the_article_in_the_language_of_the_url(
    client, article, language, expected
):
    response = client.get(url("news:article-detail", language, slug=article.slug))
    assert response.status_code == 200
    for text in expected:
        assert text in response.text, text
    assert article.published_at.strftime("%Y-%m-%d") in response.text


def test_article_page_lists_only_public_related_projects(client, article):
    public = f.CooperationProjectFactory(title_en="Public project")
    draft = f.CooperationProjectFactory(
        title_en="Draft project", publication_status=PublicationStatus.DRAFT, published_at=None
    )
    article.related_projects.set([public, draft])
    response = client.get(url("news:article-detail", "en", slug=article.slug))
    assert response.context["article"].public_projects == [public]
    assert "Public project" in response.text
    assert "Draft project" not in response.text


def test_news_list_pages_by_10(client, db):
    f.ArticleFactory.create_batch(25)
    path = url("news:article-list", "en")
    assert len(client.get(path).context["articles"]) == 10
    assert len(client.get(path + "?page=3").context["articles"]) == 5
    assert client.get(path + "?page=4").status_code == 404


@pytest.mark.parametrize("page_number", ["abc", "999999", "-1", "0", "%00", "1.5", "9" * 400])
def test_hostile_page_numbers_give_404_not_500(client, article, page_number):
    assert client.get(url("news:article-list", "en") + f"?page={page_number}").status_code == 404


def test_news_list_query_count_is_the_same_for_5_and_40_articles(
    client, db, django_assert_max_num_queries
):
    path = url("news:article-list", "en")
    f.ArticleFactory.create_batch(5, category=f.CategoryFactory(slug="events"))
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        assert client.get(path).status_code == 200
    f.ArticleFactory.create_batch(35)
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        assert client.get(path).status_code == 200
    assert len(large) == len(small)


def test_article_page_query_count_is_the_same_for_5_and_40_related_projects(
    client, article, django_assert_max_num_queries
):
    path = url("news:article-detail", "en", slug=article.slug)
    article.related_projects.add(*f.CooperationProjectFactory.create_batch(5))
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        assert client.get(path).status_code == 200
    article.related_projects.add(*f.CooperationProjectFactory.create_batch(35))
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        assert client.get(path).status_code == 200
    assert len(large) == len(small)


def count_queries(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def article_count(client, path: str) -> int:
    return client.get(path).context["paginator"].count


def test_news_list_counts_a_selection_once_until_the_articles_change(client, db):
    category = f.CategoryFactory(slug="events")
    f.ArticleFactory.create_batch(3, category=category)
    f.ArticleFactory.create_batch(2)
    path = url("news:article-list", "en")

    first = count_queries(client, path)
    again = count_queries(client, path + "?page=1")
    assert any("COUNT(" in sql for sql in first)
    assert not any("COUNT(" in sql for sql in again)
    assert article_count(client, path) == 5
    assert article_count(client, path + "?category=events") == 3  # its own count

    f.ArticleFactory(category=category)
    assert article_count(client, path) == 6
    assert article_count(client, path + "?category=events") == 4


def test_a_scheduled_article_coming_due_is_counted_at_once(client, db):
    """Nothing is saved when it comes due: the kept count counts only until the next
    scheduled publication, well before it would expire."""
    f.ArticleFactory.create_batch(2)
    now = timezone.now()
    f.ArticleFactory(published_at=now + timedelta(seconds=5))
    path = url("news:article-list", "en")
    with time_machine.travel(now, tick=False):
        assert article_count(client, path) == 2
    with time_machine.travel(now + timedelta(seconds=10), tick=False):
        assert article_count(client, path) == 3


@pytest.mark.parametrize("deep_offset", [0, 1000])
def test_news_list_pages_keep_the_list_order(client, db, monkeypatch, deep_offset):
    """Deep pages are read keys first (config/pagination.py), the first ones in one query:
    either way each page holds exactly that slice of the list, newest first and by id among
    equal times."""
    monkeypatch.setattr(RowsByKeys, "deep_offset", deep_offset)
    same_time = timezone.now() - timedelta(days=1)
    f.ArticleFactory.create_batch(12, published_at=same_time)
    f.ArticleFactory.create_batch(13)
    expected = [a.slug for a in Article.objects.public().order_by("-published_at", "-id")]
    path = url("news:article-list", "en")
    shown = []
    for page in (1, 2, 3):
        shown += [a.slug for a in client.get(path, {"page": page}).context["articles"]]
    assert shown == expected


def news_pages(client, pages: int) -> list[str]:
    path = url("news:article-list", "en")
    shown = []
    for page in range(1, pages + 1):
        shown += [a.slug for a in client.get(path, {"page": page}).context["articles"]]
    return shown


@pytest.mark.parametrize("anchor_every", [2, 3, 7])
def test_deep_news_pages_start_at_an_anchor_and_keep_the_list_order(
    client, db, monkeypatch, anchor_every
):
    """A deep page walks the list's keys from the kept anchor before it (every
    ``anchor_every``-th row's keys), not from the start: each page still holds exactly its
    slice of the list, among articles published at the same time too, and after a change."""
    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    monkeypatch.setattr(RowsByKeys, "anchor_every", anchor_every)
    same_time = timezone.now() - timedelta(days=1)
    f.ArticleFactory.create_batch(12, published_at=same_time)
    f.ArticleFactory.create_batch(13)

    def expected() -> list[str]:
        return [a.slug for a in Article.objects.public().order_by("-published_at", "-id")]

    assert news_pages(client, 3) == expected()
    f.ArticleFactory(published_at=same_time)  # among the ties, and everything after it moves
    f.ArticleFactory()
    assert news_pages(client, 3) == expected()


def test_a_deep_news_page_walks_from_its_anchor_and_the_anchors_are_kept(client, db, monkeypatch):
    """The anchors are worked out in one query, once while the articles are unchanged; a deep
    page's keys then start at its anchor: an offset within ``anchor_every`` rows of it."""
    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    monkeypatch.setattr(RowsByKeys, "anchor_every", 4)
    f.ArticleFactory.create_batch(25)
    path = url("news:article-list", "en")

    def statements() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, {"page": 3}).status_code == 200
        return [q["sql"] for q in captured.captured_queries]

    first, second = statements(), statements()
    assert sum("ROW_NUMBER()" in sql for sql in first) == 1
    assert not any("ROW_NUMBER()" in sql for sql in second)
    keys = next(sql for sql in second if sql.startswith('SELECT "news_article"."id" AS "pk"'))
    # Page 3 starts at row 20, which is anchor 5's own row: no offset at all.
    assert '"news_article"."published_at" <=' in keys
    assert "OFFSET" not in keys
    expected = [a.slug for a in Article.objects.public().order_by("-published_at", "-id")]
    assert [a.slug for a in client.get(path, {"page": 3}).context["articles"]] == expected[20:25]


def test_a_deep_news_page_reads_its_articles_rows_only_for_cards_not_kept(client, db, monkeypatch):
    """The page shows cards: it wants its articles' ids, and the rows of those whose card is
    not kept. A deep page read every column of its articles first, only to take their ids."""
    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    f.ArticleFactory.create_batch(15)
    path = url("news:article-list", "en")

    def row_reads() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, {"page": 2}).status_code == 200
        # The cards' query reads titles; the keys' query, ids only.
        return sum(
            '"news_article"."title_en"' in q["sql"].split(" FROM ")[0]
            for q in captured.captured_queries
        )

    assert row_reads() == 1  # the cards, rendered and kept
    assert row_reads() == 0  # the cards kept: ids only


def test_a_deep_news_page_reads_its_keys_from_the_index(db, monkeypatch):
    """A deep page first asks for ids only, in the list's order; the index
    news_article_public_idx holds exactly those columns (an index-only scan on PostgreSQL)."""
    monkeypatch.setattr(RowsByKeys, "deep_offset", 2)
    f.ArticleFactory.create_batch(3)
    with CaptureQueriesContext(connection) as shallow:
        Paginator(RowsByKeys(Article.objects.public()), 2).page(1).object_list[0]
    with CaptureQueriesContext(connection) as deep:
        page = Paginator(RowsByKeys(Article.objects.public()), 2).page(2)
        assert len(page.object_list) == 1
    assert len(deep) == len(shallow) + 1
    keys_sql = deep.captured_queries[-2]["sql"]
    assert keys_sql.split(" FROM ")[0] == 'SELECT "news_article"."id" AS "pk"'
    assert 'ORDER BY "news_article"."published_at" DESC, "news_article"."id" DESC' in keys_sql
    index = next(i for i in Article._meta.indexes if i.name == "news_article_public_idx")
    assert index.fields == ["publication_status", "published_at", "id"]


def test_every_article_newest_first_is_read_from_an_index(db):
    """The model's order over every status (the back office's news list) walks
    news_article_newest_idx instead of sorting the table: at 200,000 articles 184 -> 1 ms.
    On SQLite the index must at least exist, on those columns."""
    f.ArticleFactory.create_batch(3)
    queryset = Article.objects.all()[:100]
    if connection.vendor != "postgresql":
        assert table_constraints(Article)["news_article_newest_idx"]["columns"] == [
            "published_at",
            "id",
        ]
        return
    plan = plan_with_sorting_forbidden(queryset)
    assert "news_article_newest_idx" in plan
    assert "Sort" not in plan


def test_the_filter_fields_are_rendered_once_per_language_and_selection(client, db):
    """Django renders each select of the filter form, and each of its options, through
    templates of its own: the fields are rendered once per language and selection and kept
    while the categories and topics are unchanged; a form with errors, every time."""
    topic = f.TopicFactory(name_en="Vaccines")
    f.ArticleFactory().topics.add(topic)
    path = url("news:article-list", "en")

    def widgets_rendered(params: dict) -> tuple[int, str]:
        response = client.get(path, params)
        names = [t.name for t in response.templates if t.name.startswith("django/forms/")]
        return len(names), response

    rendered, first = widgets_rendered({})
    assert rendered > 0
    rendered, again = widgets_rendered({})
    assert rendered == 0
    assert again.context["filter_fields"] == first.context["filter_fields"]
    rendered, chosen = widgets_rendered({"topic": topic.slug})
    assert rendered > 0  # another selection
    assert f'<option value="{topic.slug}" selected>Vaccines</option>' in chosen.text
    topic.name_en = "Vaccine trials"
    topic.save()
    rendered, renamed = widgets_rendered({})
    assert rendered > 0
    assert "Vaccine trials" in renamed.text
    for _ in range(2):
        rendered, wrong = widgets_rendered({"year": "soon"})
        assert wrong.status_code == 400
        assert rendered > 0
        assert 'class="field-error"' in wrong.text
