"""Spreadsheet import of news articles: an earlier site's news brought into the back office,
in both languages, with their links and the day each first appeared, kept when published."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import openpyxl
import pytest
import tablib
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from cooperation import workflow
from cooperation.publication import PublicationStatus
from news.models import Article
from news.resources import ArticleResource
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.admin_helpers import import_problems as problems

pytestmark = pytest.mark.django_db

HEADERS = [
    "slug",
    "title_zh_hans",
    "title_en",
    "summary_zh_hans",
    "body_zh_hans",
    "body_en",
    "category",
    "topics",
    "published_at",
    "related_projects",
    "related_countries",
    "related_awards",
]


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


@pytest.fixture
def reference(db):
    return {
        "category": f.CategoryFactory(name_zh_hans="基地动态", name_en="Base news"),
        "topic": f.TopicFactory(name_zh_hans="抗生素", name_en="Antibiotics", slug="antibiotics"),
        "project": f.CooperationProjectFactory(slug="sino-thai-platform"),
        "japan": f.PartnerCountryFactory(country="JP"),
        "award": f.AwardFactory(title_en="Advanced Base of Sichuan Province"),
    }


def article_rows(n: int, overrides: dict[int, dict] | None = None) -> tablib.Dataset:
    overrides = overrides or {}
    dataset = tablib.Dataset(headers=HEADERS)
    for i in range(n):
        row = {
            "slug": "",
            "title_zh_hans": f"旧网站新闻{i}",
            "title_en": f"Earlier news {i}",
            "summary_zh_hans": "摘要",
            "body_zh_hans": "第一段。\n\n第二段，\n同一段的第二行。",
            "body_en": "<p>Kept as <strong>HTML</strong>.</p><script>alert(1)</script>",
            "category": "基地动态",
            "topics": "antibiotics",
            "published_at": f"2019-11-{20 + i}",
            "related_projects": "sino-thai-platform",
            "related_countries": "Japan",
            "related_awards": "Advanced Base of Sichuan Province",
        }
        row.update(overrides.get(i, {}))
        dataset.append([row[h] for h in HEADERS])
    return dataset


def dry_run(client, rows: tablib.Dataset):
    """The admin's answer to checking ``rows`` as an XLSX upload, in English."""
    upload = SimpleUploadedFile("news.xlsx", rows.export("xlsx"))
    return client.post(
        admin_url(Article, "import"),
        {"format": "0", "resource": "0", "import_file": upload},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_articles_import_as_drafts_with_their_links_text_and_first_day(reference):
    result = ArticleResource().import_data(article_rows(2), dry_run=False)

    assert not result.has_validation_errors(), problems(result)
    assert result.totals["new"] == 2
    article = Article.objects.get(title_en="Earlier news 0")
    assert article.slug == "earlier-news-0"
    assert article.publication_status == PublicationStatus.DRAFT
    assert timezone.localtime(article.published_at).date().isoformat() == "2019-11-20"
    assert article.category == reference["category"]
    assert list(article.topics.all()) == [reference["topic"]]
    assert list(article.related_projects.all()) == [reference["project"]]
    assert list(article.related_countries.all()) == [reference["japan"]]
    assert list(article.related_awards.all()) == [reference["award"]]
    # Plain text becomes paragraphs; HTML stays, sanitised as an article's save stores it.
    assert article.body_zh_hans == "<p>第一段。</p>\n\n<p>第二段，<br>同一段的第二行。</p>"
    assert article.body_en == "<p>Kept as <strong>HTML</strong>.</p>"
    assert not Article.objects.public().exists()


def test_the_same_file_and_an_exported_sheet_reimport_unchanged(admin_client, reference):
    ArticleResource().import_data(article_rows(2), dry_run=False)
    # A date with a fraction of a second, as publishing now gives one.
    Article.objects.filter(title_en="Earlier news 1").update(
        published_at=timezone.now(), author=f.UserFactory(username="wang.fang")
    )

    # An empty cell leaves a stored day as it is.
    again = ArticleResource().import_data(article_rows(2, {1: {"published_at": ""}}))
    assert again.totals["skip"] == 2
    moved = ArticleResource().import_data(article_rows(2, {1: {"published_at": "2020-01-02"}}))
    assert moved.totals["skip"] == 1 and moved.totals["update"] == 1
    form = {"format": "0", "resource": "0"}  # XLSX, every column
    for name in ArticleResource().get_export_order():
        form[f"articleresource_{name}"] = "on"
    exported = admin_client.post(admin_url(Article, "export"), form)
    assert exported.status_code == 200, exported.text[:500]
    sheet = tablib.Dataset().load(exported.content, format="xlsx")
    assert len(sheet) == 2 and "published_at" in sheet.headers
    # Who wrote each is exported, never imported (imported from code: no one).
    assert sorted(sheet["author"], key=str) == [None, "wang.fang"]

    result = ArticleResource().import_data(sheet, dry_run=True)
    assert not result.has_validation_errors(), problems(result)
    assert result.totals["skip"] == 2


def test_a_chinese_only_article_is_named_by_its_day_and_title(reference):
    """An earlier Chinese site's news has no English title to make its slug from."""
    rows = article_rows(
        2, {0: {"title_en": ""}, 1: {"title_en": "", "published_at": "2019年11月21日"}}
    )
    result = ArticleResource().import_data(rows, dry_run=False)

    assert not result.has_validation_errors(), problems(result)
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert [slug[:14] for slug in slugs] == ["news-20191120-", "news-20191121-"]
    assert len({slug[14:] for slug in slugs}) == 2
    assert ArticleResource().import_data(rows).totals["skip"] == 2
    # A sheet without days names them by their titles alone.
    undated = tablib.Dataset(headers=["title_zh_hans", "body_zh_hans", "category"])
    undated.append(["无日期的新闻", "正文", "基地动态"])
    result = ArticleResource().import_data(undated, dry_run=False)
    assert not result.has_validation_errors(), problems(result)
    assert Article.objects.get(title_zh_hans="无日期的新闻").slug.count("-") == 1


def test_publishing_an_imported_article_keeps_the_day_it_first_appeared(client, reference):
    ArticleResource().import_data(
        article_rows(2, {1: {"published_at": "", "title_en": "Undated"}}), dry_run=False
    )
    publisher = f.UserFactory(is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publisher"))
    before = timezone.now()
    for article in Article.objects.all():
        workflow.transition(record=article, name="publish", user=publisher)

    dated = Article.objects.get(title_en="Earlier news 0")
    undated = Article.objects.get(title_en="Undated")
    assert dated.is_public and undated.is_public
    assert timezone.localtime(dated.published_at).date().isoformat() == "2019-11-20"
    assert before <= undated.published_at <= timezone.now()
    # The news list puts it where its day falls, after the newer one.
    listing = client.get("/en/news/").text
    assert listing.index("Undated") < listing.index("Earlier news 0")
    assert (
        "20 November 2019</time>"
        in client.get(dated.get_absolute_url().replace("/zh-hans/", "/en/")).text
    )


@pytest.mark.parametrize(
    "written", ["2017-03-09", "2017/3/9", "2017.03.09", "2017年3月9日", "2017年3月9日 10:00"]
)
def test_a_day_is_read_as_chinese_and_english_sheets_write_it(reference, written):
    result = ArticleResource().import_data(
        article_rows(1, {0: {"published_at": written}}), dry_run=False
    )
    assert not result.has_validation_errors(), problems(result)
    day = timezone.localtime(Article.objects.get().published_at)
    assert day.date().isoformat() == "2017-03-09"


def test_a_future_day_schedules_as_before(reference):
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    ArticleResource().import_data(article_rows(1, {0: {"published_at": tomorrow}}), dry_run=False)
    publisher = f.UserFactory(is_staff=True)
    publisher.groups.add(Group.objects.get(name="Publisher"))
    article = workflow.transition(record=Article.objects.get(), name="publish", user=publisher)
    assert article.publication_status == PublicationStatus.PUBLISHED
    assert not article.is_public
    assert timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M") == tomorrow


def test_bad_rows_say_what_to_fix_and_nothing_is_written(reference):
    rows = article_rows(
        3,
        {
            0: {"category": "Sports"},
            1: {"published_at": "20th November", "topics": "antibiotics; no-such-topic"},
            2: {"related_awards": "Nobel Prize", "body_zh_hans": ""},
        },
    )
    result = ArticleResource().import_data(rows, dry_run=False, rollback_on_validation_errors=True)

    found = problems(result)
    assert "'Sports' is not a known category" in found[(1, "category")]
    assert "published_at" in {column for (number, column) in found if number == 2}
    assert "'no-such-topic' is not a known topic" in found[(2, "topics")]
    assert "'Nobel Prize' is not a known award" in found[(3, "related_awards")]
    assert (3, "body_zh_hans") in found
    assert not Article.objects.exists()


def test_admin_import_with_template_and_notes(admin_client, admin_user, reference):
    template = admin_client.get(
        admin_url(Article, "import_template", "xlsx"), HTTP_ACCEPT_LANGUAGE="en"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(template.content))
    headers = [cell.value for cell in workbook["data"][1]]
    assert {"title_zh_hans", "body_en", "published_at", "related_projects"} <= set(headers)
    assert "id" not in headers and "publication_status" not in headers
    notes = {row[0].value: row[1].value for row in workbook["columns"].iter_rows(min_row=2)}
    assert "publishing the article keeps it" in notes["published_at"]

    page = admin_client.get(admin_url(Article, "import"), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Categories and topics are matched by name in Chinese or English or by slug" in page
    assert "institutions by ROR id" not in page  # the projects' help, not this one's

    response = dry_run(admin_client, article_rows(2))
    assert response.status_code == 200
    assert response.context["result"].totals["new"] == 2
    admin_client.post(
        admin_url(Article, "process_import"), response.context["confirm_form"].initial
    )
    assert Article.objects.filter(publication_status=PublicationStatus.DRAFT).count() == 2
    assert {article.author for article in Article.objects.all()} == {admin_user}
    assert Article.objects.get(title_en="Earlier news 1").published_at == timezone.make_aware(
        datetime(2019, 11, 21)
    )


def test_a_news_file_takes_half_the_rows_of_the_others(admin_client, reference, settings):
    """An article's long texts make each row slower: a news import takes half as many rows
    within the same request time."""
    settings.IMPORT_MAX_ROWS = 4
    response = dry_run(admin_client, article_rows(3))
    assert response.context["form"].errors["import_file"] == [
        "This file has more than 2 rows, and an import takes at most 2. "
        "Split it into smaller files and import them one after another."
    ]
    assert dry_run(admin_client, article_rows(2)).context["result"].totals["new"] == 2
