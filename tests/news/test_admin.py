"""The news back office: pages in a fixed number of queries, search, filters and forms."""

from __future__ import annotations

import pytest
from django.db import models

from news.models import Article, Category, Image, Topic
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data, png_upload
from tests.cooperation.test_admin import assert_admin_pages_load_in_fixed_queries
from tests.news.images import jpeg


def build_categories(n: int) -> models.Model:
    start = Category.objects.count()
    categories = [
        f.CategoryFactory(slug=f"category-{start + i}", name_en=f"Category {start + i}")
        for i in range(n)
    ]
    f.ArticleFactory.create_batch(n, category=categories[0])
    return categories[0]


def build_articles(n: int) -> models.Model:
    articles = f.ArticleFactory.create_batch(n, author=f.UserFactory())
    articles[0].related_projects.set(f.CooperationProjectFactory.create_batch(n))
    return articles[0]


def build_topics(n: int) -> models.Model:
    topics = f.TopicFactory.create_batch(n)
    for article in f.ArticleFactory.create_batch(n):
        article.topics.set(topics)
    return topics[0]


def build_images(n: int) -> models.Model:
    uploader = f.UserFactory()
    images = [
        Image.objects.create(file=jpeg(40, 30), alt_text=f"Laboratory {i}", uploaded_by=uploader)
        for i in range(n)
    ]
    return images[0]


BUILDERS = {
    Category: build_categories,
    Article: build_articles,
    Topic: build_topics,
    Image: build_images,
}


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda model: model._meta.label)
def test_news_admin_pages_load_in_queries_that_do_not_grow(admin_client, model):
    assert_admin_pages_load_in_fixed_queries(admin_client, model, BUILDERS[model])


@pytest.mark.django_db
def test_article_search_and_filters_narrow_the_list(admin_client):
    events = f.CategoryFactory(slug="events", name_en="Events")
    visit = f.ArticleFactory(title_zh_hans="东京大学来访", title_en="Visit from Tokyo")
    draft = f.ArticleFactory(
        title_zh_hans="年度报告", title_en="Annual report", category=events,
        publication_status="draft", published_at=None, featured=True,
    )  # fmt: skip
    url = admin_url(Article, "changelist")

    def listed(params) -> list:
        response = admin_client.get(url, params)
        assert response.status_code == 200
        return list(response.context["cl"].result_list)

    assert listed({"q": "tokyo"}) == [visit]
    assert listed({"q": "年度"}) == [draft]
    assert listed({"publication_status__exact": "draft"}) == [draft]
    assert listed({"category__id__exact": events.pk}) == [draft]
    assert listed({"featured__exact": "1"}) == [draft]


@pytest.mark.django_db
def test_article_add_form_records_the_author_and_keeps_the_body_clean(admin_client, admin_user):
    category = f.CategoryFactory()
    url = admin_url(Article, "add")
    data = form_data(
        admin_client,
        url,
        title_zh_hans="新闻",
        slug="news-item",
        body_zh_hans='<p onclick="steal()">正文<script>alert(1)</script></p>',
        category=str(category.pk),
    )
    assert admin_client.post(url, data).status_code == 302
    article = Article.objects.get()
    assert article.author == admin_user
    assert "script" not in article.body_zh_hans
    assert "onclick" not in article.body_zh_hans


@pytest.mark.django_db
def test_article_cover_image_without_a_description_is_refused_on_the_form(admin_client):
    category = f.CategoryFactory()
    url = admin_url(Article, "add")
    data = form_data(
        admin_client,
        url,
        title_zh_hans="新闻",
        slug="news-item",
        body_zh_hans="<p>正文</p>",
        category=str(category.pk),
    )
    response = admin_client.post(
        url, {**data, "cover_image": png_upload()}, headers={"accept-language": "en"}
    )
    assert errors_shown(response)["cover_image_alt_zh_hans"] == [
        "Describe the cover image for readers who cannot see it."
    ]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_category_form_refuses_a_duplicate_slug(admin_client):
    f.CategoryFactory(slug="events")
    url = admin_url(Category, "add")
    data = form_data(admin_client, url, name_zh_hans="活动", slug="events", sort_order="1")
    response = admin_client.post(url, data, headers={"accept-language": "en"})
    assert errors_shown(response)["slug"] == ["News category with this Slug already exists."]


def test_the_image_librarys_thumbnails_name_their_links_by_the_images_description(
    admin_client,
):
    """Each thumbnail links to its image's form; its picture had an empty description, so a
    screen reader announced a link without a name (axe's link-name, serious)."""
    Image.objects.create(file=jpeg(40, 30), alt_text_zh_hans="校门", alt_text_en="The campus gate")

    response = admin_client.get("/admin/news/image/", headers={"accept-language": "en"})

    assert response.status_code == 200
    assert 'alt="The campus gate" class="library-thumbnail"' in response.text
