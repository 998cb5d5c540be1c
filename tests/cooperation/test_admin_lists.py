"""Change lists of large tables: the date hierarchy's years from the index, one count, and the
research-field filter without DISTINCT (cooperation.admin_lists)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cooperation import models as m
from cooperation.admin_lists import years_with_records
from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def article_at(moment: datetime.datetime, **fields) -> Article:
    return f.ArticleFactory(published_at=moment, **fields)


def test_years_of_dates_and_times_are_djangos_in_two_queries():
    # 2002 has none; 31 December 2010 at 17:00 UTC is 2011 in Shanghai, the site's zone.
    for moment in [
        datetime.datetime(2001, 3, 1, tzinfo=UTC),
        datetime.datetime(2003, 6, 1, tzinfo=UTC),
        datetime.datetime(2010, 12, 31, 17, tzinfo=UTC),
        datetime.datetime(2012, 1, 1, tzinfo=UTC),
    ]:
        article_at(moment)
    for day in [datetime.date(1999, 1, 1), datetime.date(2004, 12, 31), datetime.date(2006, 1, 1)]:
        f.ExchangeFactory(start_date=day)
    articles, exchanges = Article.objects.all(), m.Exchange.objects.all()

    with CaptureQueriesContext(connection) as queries:
        article_years = years_with_records(articles, "published_at")
    assert len(queries) == 2
    assert article_years == [2001, 2003, 2011, 2012]
    assert article_years == [d.year for d in articles.datetimes("published_at", "year")]
    assert years_with_records(exchanges, "start_date") == [1999, 2004, 2006]
    assert years_with_records(exchanges, "start_date") == [
        d.year for d in exchanges.dates("start_date", "year")
    ]


def test_years_of_a_narrowed_list_are_its_own():
    article_at(datetime.datetime(2001, 3, 1, tzinfo=UTC), title_en="Marine enzymes")
    article_at(datetime.datetime(2002, 3, 1, tzinfo=UTC))
    article_at(datetime.datetime(2003, 3, 1, tzinfo=UTC), title_en="Marine drugs")
    article_at(datetime.datetime(2005, 3, 1, tzinfo=UTC), title_en="Marine sponges")
    marine = Article.objects.filter(title_en__startswith="Marine")
    assert years_with_records(marine, "published_at") == [2001, 2003, 2005]
    assert years_with_records(marine.filter(title_en__endswith="drugs"), "published_at") == [2003]
    assert years_with_records(Article.objects.none(), "published_at") == []


def test_news_list_links_the_years_with_news_without_reading_every_row(admin_client):
    for year in (2001, 2003, 2004):
        article_at(datetime.datetime(year, 5, 1, tzinfo=UTC))
    url = admin_url(Article, "changelist")

    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(url).text
    for year in (2001, 2003, 2004):
        assert f"?published_at__year={year}" in page
    assert "?published_at__year=2002" not in page
    assert not [q["sql"] for q in queries if "DISTINCT" in q["sql"].upper()]
    # A chosen year still opens at its months, Django's way.
    year_page = admin_client.get(url, {"published_at__year": 2003}).text
    assert "?published_at__month=5&amp;published_at__year=2003" in year_page


def test_a_narrowed_list_shows_its_own_years(admin_client):
    article_at(datetime.datetime(2001, 5, 1, tzinfo=UTC), title_en="Marine enzymes")
    article_at(datetime.datetime(2002, 5, 1, tzinfo=UTC), title_en="Plant drugs")
    article_at(datetime.datetime(2003, 5, 1, tzinfo=UTC), title_en="Marine sponges")
    page = admin_client.get(admin_url(Article, "changelist"), {"q": "marine"}).text
    assert "published_at__year=2001" in page
    assert "published_at__year=2003" in page
    assert "published_at__year=2002" not in page


def test_a_list_counts_its_records_once(admin_client):
    f.ArticleFactory.create_batch(3, title_en="Marine news")
    f.ArticleFactory(title_en="Plant news")
    url = admin_url(Article, "changelist")

    def counted(params: dict) -> tuple[int, object]:
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url, params)
        return sum("COUNT(" in q["sql"].upper() for q in queries), response.context["cl"]

    count_queries, whole = counted({})
    assert count_queries == 1
    # The search bar says nothing more than the list's own count.
    assert whole.result_count == whole.full_result_count == 4
    count_queries, narrowed = counted({"q": "marine"})
    assert count_queries == 1
    # "3 results (Show all)": the whole table is not counted again.
    assert narrowed.result_count == 3
    assert narrowed.full_result_count is None


def test_research_field_filter_lists_each_project_once_without_distinct(admin_client):
    parent = f.ResearchFieldFactory(slug="biomedicine", name_en="Biomedicine")
    child = f.ResearchFieldFactory(slug="marine-drugs", name_en="Marine drugs", parent=parent)
    both = f.CooperationProjectFactory(title_en="In both", fields=[parent, child])
    f.CooperationProjectFactory(title_en="In neither", fields=[])
    url = admin_url(m.CooperationProject, "changelist")

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(url, {"research_field": parent.pk})
    assert list(response.context["cl"].result_list) == [both]
    assert response.context["cl"].result_count == 1
    # (Its projects all start on one day, which the date hierarchy shows by DISTINCT days.)
    distinct_rows = [
        q["sql"]
        for q in queries
        if "SELECT DISTINCT" in q["sql"] and "date_trunc" not in q["sql"].lower()
    ]
    assert not distinct_rows
    # The sidebar offers every field, and a value that is no field's lists nothing.
    assert f"?research_field={child.pk}" in response.text
    for wrong_value in ("x", "²", "99999"):
        wrong = admin_client.get(url, {"research_field": wrong_value})
        assert wrong.status_code == 200
        assert list(wrong.context["cl"].result_list) == []


def test_years_beyond_the_limit_are_listed_as_django_lists_them(admin_client):
    article_at(datetime.datetime(1700, 1, 1, tzinfo=UTC))
    article_at(timezone.now())
    page = admin_client.get(admin_url(Article, "changelist")).text
    assert "?published_at__year=1700" in page
    assert years_with_records(Article.objects.all(), "published_at") is None


def searched(admin_client, model, query: str) -> tuple[set, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(admin_url(model, "changelist"), {"q": query})
    assert response.status_code == 200
    return set(response.context["cl"].result_list), [q["sql"] for q in queries]


@pytest.mark.parametrize("query", ["mo", "MO", "酶A", "微 生物"])
def test_a_short_term_is_matched_row_by_row_as_django_matches_it(admin_client, query):
    """A term of one or two characters has no trigrams: on PostgreSQL the trigram indexes
    would each be read whole, so it is matched row by row (STRPOS), with Django's meaning:
    contained in the Chinese columns, in any case in the English ones; each term of several.
    (A query of only one or two Chinese characters may go through the grams, below.)"""
    in_english = f.ArticleFactory(title_en="Molecular farming", title_zh_hans="分子农业")
    in_summary = f.ArticleFactory(summary_en="Ten MOUSE models", summary_zh_hans="小鼠")
    in_chinese = f.ArticleFactory(title_en="Enzymes", title_zh_hans="微生物酶A")
    f.ArticleFactory(title_en="Plant drugs", title_zh_hans="植物药", summary_en="Herbs")
    expected = {in_english, in_summary} if query.isascii() else {in_chinese}

    found, queries = searched(admin_client, Article, query)
    assert found == expected
    (count_sql,) = [sql for sql in queries if "COUNT(" in sql]
    if connection.vendor == "postgresql":
        assert "STRPOS(" in count_sql and " LIKE " not in count_sql.split("slug")[0]
    else:
        assert "STRPOS(" not in count_sql


def test_longer_terms_keep_the_indexed_match(admin_client):
    f.ArticleFactory(title_en="Marine enzymes")
    found, queries = searched(admin_client, Article, "enzyme")
    assert len(found) == 1
    assert not [sql for sql in queries if "STRPOS(" in sql]


def test_a_list_with_no_match_looks_for_no_rows(admin_client):
    f.ArticleFactory.create_batch(3)
    found, queries = searched(admin_client, Article, "qx")
    assert found == set()
    # Counted, and nothing more of the articles: no page of rows, no dates.
    assert [sql for sql in queries if 'FROM "news_article"' in sql] == [
        sql for sql in queries if "COUNT(" in sql
    ]


def test_a_few_matches_list_their_years_from_their_own_rows(admin_client):
    for year in (2001, 2004):
        article_at(datetime.datetime(year, 5, 1, tzinfo=UTC), title_en=f"Marine {year}")
    article_at(datetime.datetime(2002, 5, 1, tzinfo=UTC), title_en="Plant drugs")
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(admin_url(Article, "changelist"), {"q": "marine"}).text
    assert "published_at__year=2001" in page and "published_at__year=2004" in page
    assert "published_at__year=2002" not in page
    # Read at once, not looked for down the index from either end.
    sql = [q["sql"] for q in queries]
    assert [s for s in sql if "SELECT DISTINCT" in s]
    assert not [s for s in sql if "MIN(" in s]


def test_a_rare_short_chinese_query_goes_through_the_grams_a_common_one_does_not(
    admin_client, monkeypatch
):
    """As the portal's search: by PostgreSQL's statistics of the stored grams (read after
    ANALYZE), a rare gram through their index, a common one row by row; the same records."""
    common = f.ArticleFactory.create_batch(5, title_zh_hans="海洋酶工程", summary_zh_hans="深海")
    f.ArticleFactory.create_batch(15, title_zh_hans="药物研发", summary_zh_hans="化合物")
    # In one record of 21 (5 %): rare at the share below; the Chinese text is searched too.
    rare = f.ArticleFactory(title_zh_hans="海洋观测", summary_zh_hans="座头鲸")
    monkeypatch.setattr("config.search_columns.COMMON_GRAM_SHARE", 0.1)
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE news_article")

    for query, expected, through_grams in [
        ("鲸", {rare}, postgresql),
        ("酶", set(common), False),
    ]:
        found, queries = searched(admin_client, Article, query)
        assert found == expected
        (count_sql,) = [sql for sql in queries if "COUNT(" in sql]
        assert ('"search_grams_zh_hans" @> ' in count_sql) is through_grams


@pytest.mark.parametrize(
    "model", [Article, m.CooperationProject, m.Award, m.Exchange, m.Institution, m.Researcher]
)
def test_each_rows_checkbox_is_djangos(admin_client, model):
    """Written out (cheaper than Django's widget through the template engine), the same."""
    from django.contrib import admin

    make = {
        Article: lambda: f.ArticleFactory(title_zh_hans='<b>"海洋" & 酶</b>'),
        m.CooperationProject: lambda: f.CooperationProjectFactory(title_zh_hans="<i>'项目'</i>"),
        m.Award: lambda: f.AwardFactory(title_zh_hans="奖 & <奖>"),
        m.Exchange: lambda: f.ExchangeFactory(title_zh_hans='交流 "<x>"'),
        m.Institution: lambda: f.InstitutionFactory(name_zh_hans="<大学> & 医院"),
        m.Researcher: lambda: f.ResearcherFactory(name_zh_hans='"李明"'),
    }
    record = make[model]()
    model_admin = admin.site._registry[model]
    written = model_admin.action_checkbox(record)
    assert written == admin.ModelAdmin.action_checkbox(model_admin, record)
    assert written in admin_client.get(admin_url(model, "changelist")).text


def test_a_short_term_typed_into_a_picker_is_matched_row_by_row(admin_client):
    """An autocomplete (an article's related projects) searches through the projects'
    admin, with its term in another parameter."""
    wanted = f.CooperationProjectFactory(title_en="Marine drugs")
    f.CooperationProjectFactory(title_en="Plant drugs")
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "news",
                "model_name": "article",
                "field_name": "related_projects",
                "term": "RI",
            },
        )
    assert [row["id"] for row in response.json()["results"]] == [str(wanted.pk)]
    searched_sql = [q["sql"] for q in queries if "cooperation_cooperationproject" in q["sql"]]
    assert searched_sql
    if connection.vendor == "postgresql":
        assert all("STRPOS(" in sql for sql in searched_sql)


def test_the_date_hierarchy_is_labelled_in_chinese(admin_client):
    """Django 6.1's own Chinese catalogue lacks the label; the project's has it."""
    for year in (2001, 2003):
        article_at(datetime.datetime(year, 5, 1, tzinfo=UTC))
    page = admin_client.get(admin_url(Article, "changelist"), HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert "按发布时间筛选" in page
    assert "Filter by" not in page


def test_a_selects_blank_choice_is_in_chinese(admin_client):
    """Django 6.1's blank choice ("- Select an option -") is missing from its own Chinese
    catalogue; the project's has it (config/django_strings.py)."""
    page = admin_client.get(
        admin_url(m.CooperationProject, "add"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).text
    assert "- 请选择 -" in page
    assert "Select an option" not in page
