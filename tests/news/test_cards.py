"""Article cards are rendered once per article and language, kept while the news is
unchanged, and shared by the news list's pages and selections."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from news.models import Article
from tests import factories as f


def news(client, language: str = "en", **params):
    with override(language):
        response = client.get(reverse("news:article-list"), params)
    assert response.status_code == 200
    return response


def rows_read(client, **params) -> list[str]:
    """The statements of a request that read whole articles (only a card reads them)."""
    with CaptureQueriesContext(connection) as ctx:
        news(client, **params)
    title = f'"{Article._meta.db_table}"."title_en"'
    return [query["sql"] for query in ctx.captured_queries if title in query["sql"]]


@pytest.fixture
def article(db):
    topic = f.TopicFactory(slug="vaccines", name_en="Vaccines", name_zh_hans="疫苗")
    article = f.ArticleFactory(
        title_en="A new partner lab", title_zh_hans="新的合作实验室", category__slug="events"
    )
    article.topics.add(topic)
    return article


def test_a_card_rendered_for_one_list_serves_the_others(client, article):
    assert rows_read(client)  # rendered here, and kept

    with CaptureQueriesContext(connection) as ctx:
        page = news(client, category="events").content.decode()
    assert "A new partner lab" in page
    assert not [q for q in ctx.captured_queries if "_prefetch_related_val" in q["sql"]]
    assert not rows_read(client, topic="vaccines")


def test_an_edit_to_the_article_or_its_topic_shows_on_its_card_at_once(client, article):
    assert "Vaccines" in news(client).content.decode()

    article.title_en = "A new partner lab opens"
    article.save()
    assert "lab opens" in news(client).content.decode()

    topic = article.topics.get()
    topic.name_en = "Vaccine research"
    topic.save()
    assert "Vaccine research" in news(client).content.decode()


def test_each_language_has_its_own_card(client, article):
    assert "A new partner lab" in news(client).content.decode()

    chinese = news(client, "zh-hans").content.decode()
    assert "新的合作实验室" in chinese
    assert "疫苗" in chinese
    assert "A new partner lab" not in chinese
