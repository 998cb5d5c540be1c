"""Project list and project pages: public records only, both languages, fixed query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from cooperation import models as m
from cooperation.models import (
    PartnerCountry,
    PartnerRole,
    ProjectKind,
    ProjectPartner,
    ProjectStatus,
)
from cooperation.publication import PublicationStatus
from tests import factories as f
from tests.pages import LANGUAGES, hidden_states, url

MAX_QUERIES = 12  # the ceiling for a project page, whatever the data size
NEWS_SELECT = 'SELECT "news_article"."id"'  # a query reading articles themselves


@pytest.fixture
def project(db):
    """A public project with every part the page shows."""
    japan = f.PartnerCountryFactory(country="JP")
    uk = f.PartnerCountryFactory(country="GB")
    kyoto = f.InstitutionFactory(country=japan, name_en="Kyoto University", name_zh_hans="京都大学")
    oxford = f.InstitutionFactory(country=uk, name_en="University of Oxford")
    field = f.ResearchFieldFactory(name_en="Marine drugs", name_zh_hans="海洋药物")
    investigator = f.ResearcherFactory(name_en="Li Ming", name_zh_hans="李明")
    project = f.CooperationProjectFactory(
        title_en="Microbial drug laboratory",
        title_zh_hans="微生物药物联合实验室",
        summary_en="A joint laboratory for microbial drugs.",
        summary_zh_hans="微生物药物联合实验室的摘要。",
        body_en="Long description in English.",
        body_zh_hans="中文详细介绍。",
        outcomes_en="Three candidate compounds.",
        outcomes_zh_hans="三个候选化合物。",
        kind=ProjectKind.JOINT_LAB,
        status=ProjectStatus.ACTIVE,
        start_date=date(2019, 3, 1),
        end_date=date(2026, 2, 28),
        lead_unit=investigator.unit,
        principal_investigator=investigator,
        funding_source_en="Ministry of Science and Technology",
        funding_source_zh_hans="科学技术部",
        funding_amount=Decimal("1500000"),
        currency="CNY",
        fields=[field],
    )
    ProjectPartner.objects.create(project=project, institution=kyoto, role=PartnerRole.LEAD_PARTNER)
    ProjectPartner.objects.create(project=project, institution=oxford, role=PartnerRole.ADVISOR)
    f.AchievementFactory(project=project, title_en="Patent on a new antibiotic", year=2022)
    return project


@pytest.fixture
def hidden_projects(db):
    return [
        f.CooperationProjectFactory(title_en=f"Hidden project {i}", featured=True, **state)
        for i, state in enumerate(hidden_states())
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_list_shows_public_projects_only(client, project, hidden_projects, language):
    response = client.get(url("cooperation:project-list", language))
    assert response.status_code == 200
    assert list(response.context["projects"]) == [project]
    assert response.context["paginator"].count == 1
    title = project.title_en if language == "en" else project.title_zh_hans
    assert title in response.text
    assert "Hidden project" not in response.text
    assert f'<html lang="{language}">' in response.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_hidden_projects_have_no_page(client, hidden_projects, language):
    for hidden in hidden_projects:
        response = client.get(url("cooperation:project-detail", language, slug=hidden.slug))
        assert response.status_code == 404


def test_unknown_project_is_404(client, db):
    assert client.get(url("cooperation:project-detail", "en", slug="no-such")).status_code == 404


def test_project_page_shows_every_part_in_english(client, project):
    response = client.get(url("cooperation:project-detail", "en", slug=project.slug))
    assert response.status_code == 200
    text = response.text
    for expected in [
        "<h1>Microbial drug laboratory</h1>",
        "A joint laboratory for microbial drugs.",
        "Long description in English.",
        "Joint laboratory",  # kind
        "Active",  # status
        '<time datetime="2019-03-01">1 March 2019</time>',
        '<time datetime="2026-02-28">28 February 2026</time>',
        str(project.lead_unit.name_en),
        "Li Ming",
        "Kyoto University",
        "Lead partner",
        "Japan",
        "University of Oxford",
        "Advisor",
        "United Kingdom",
        "Marine drugs",
        "Ministry of Science and Technology",
        "1,500,000 Chinese yuan (CNY)",
        "Three candidate compounds.",
        "Patent on a new antibiotic",
    ]:
        assert expected in text, expected


def test_project_page_shows_chinese_content_under_zh_hans(client, project):
    response = client.get(url("cooperation:project-detail", "zh-hans", slug=project.slug))
    assert response.status_code == 200
    for expected in [
        "<h1>微生物药物联合实验室</h1>",
        "中文详细介绍。",
        "京都大学",
        "李明",
        "科学技术部",
    ]:
        assert expected in response.text, expected
    assert "Microbial drug laboratory" not in response.text


def test_project_list_pages_by_20(client, db):
    f.CooperationProjectFactory.create_batch(45)
    path = url("cooperation:project-list", "en")
    first = client.get(path)
    assert len(first.context["projects"]) == 20
    assert first.context["paginator"].num_pages == 3
    assert 'rel="next" href="?page=2"' in first.text
    assert len(client.get(path + "?page=3").context["projects"]) == 5
    assert client.get(path + "?page=4").status_code == 404


@pytest.mark.parametrize("page_number", ["abc", "999999", "-1", "0", "%00", "1.5", "", "9" * 400])
def test_hostile_page_numbers_give_404_not_500(client, project, page_number):
    response = client.get(url("cooperation:project-list", "en") + f"?page={page_number}")
    # An empty page parameter is page one; everything else that is not a page number is a 404.
    assert response.status_code == (200 if page_number == "" else 404)


def add_projects(count: int) -> None:
    """Public projects with partners and fields (what the list prefetches), plus hidden ones."""
    institution = f.InstitutionFactory(country=f.PartnerCountryFactory(country="DE"))
    fields = f.ResearchFieldFactory.create_batch(2)
    for _ in range(count):
        f.CooperationProjectFactory(
            partners=[institution, f.InstitutionFactory(country=institution.country)],
            fields=fields,
            principal_investigator=f.ResearcherFactory(),
        )
    f.CooperationProjectFactory(publication_status=PublicationStatus.DRAFT, published_at=None)


def test_project_list_query_count_is_the_same_for_5_and_40_projects(
    client, db, django_assert_max_num_queries
):
    path = url("cooperation:project-list", "en")
    add_projects(5)
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        assert client.get(path).status_code == 200
    add_projects(35)
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        response = client.get(path)
    assert len(response.context["projects"]) == 20
    assert len(large) == len(small)


def test_project_page_query_count_is_the_same_for_5_and_40_partners(
    client, project, django_assert_max_num_queries
):
    path = url("cooperation:project-detail", "en", slug=project.slug)

    def grow(count: int) -> None:
        for _ in range(count):
            country = f.PartnerCountryFactory()
            project.partners.add(f.InstitutionFactory(country=country))
            f.AchievementFactory(project=project)
            f.ExchangeFactory(
                project=project, country=country, institution=f.InstitutionFactory(country=country)
            )
            f.ArticleFactory(related_projects=[project])

    grow(5)
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        assert client.get(path).status_code == 200
    grow(35)
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        assert client.get(path).status_code == 200
    assert len(large) == len(small)


def test_project_page_query_count_is_the_same_for_1_and_5_related_projects_and_articles(
    client, project, django_assert_max_num_queries
):
    """The related lists read only the columns they show: a column left out would be read
    one query a row."""
    path = url("cooperation:project-detail", "en", slug=project.slug)
    institution = project.partners.first()

    def grow(count: int) -> None:
        for _ in range(count):
            f.CooperationProjectFactory(partners=[institution])
            f.ArticleFactory(related_projects=[project])

    grow(1)
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        page = client.get(path)
    assert page.context["related_projects"] and page.context["related_articles"]
    grow(4)
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        page = client.get(path)
    assert len(page.context["related_projects"]) == 5
    assert len(large) == len(small)
    html = page.content.decode()
    assert all(other.lead_unit.name in html for other in page.context["related_projects"])


def test_a_project_in_no_news_is_spared_the_news_query(client, project):
    path = url("cooperation:project-detail", "en", slug=project.slug)

    def news_queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return [q["sql"] for q in captured.captured_queries if q["sql"].startswith(NEWS_SELECT)]

    assert news_queries() == []
    f.ArticleFactory(title_en="Field trip", related_projects=[project])
    assert len(news_queries()) == 1
    assert "Field trip" in client.get(path).text


def test_project_page_links_related_public_news_and_projects(client, project):
    institution = project.partners.first()
    sibling = f.CooperationProjectFactory(title_en="Sibling project", partners=[institution])
    f.CooperationProjectFactory(
        title_en="Hidden sibling", partners=[institution],
        publication_status=PublicationStatus.DRAFT, published_at=None,
    )  # fmt: skip
    f.CooperationProjectFactory(title_en="Unrelated project")
    news = f.ArticleFactory(title_en="Public news", related_projects=[project])
    f.ArticleFactory(
        title_en="Hidden news", related_projects=[project],
        publication_status=PublicationStatus.IN_REVIEW, published_at=None,
    )  # fmt: skip
    response = client.get(url("cooperation:project-detail", "en", slug=project.slug))
    assert list(response.context["related_projects"]) == [sibling]
    assert list(response.context["related_articles"]) == [news]
    assert "Hidden" not in response.text


def test_a_project_s_related_projects_are_kept_until_a_project_changes(client, project):
    """Worked out once (two queries) and kept while the public projects are unchanged; a
    change to any shows at once."""
    sibling = f.CooperationProjectFactory(
        title_en="Sibling project", partners=[project.partners.first()]
    )
    path = url("cooperation:project-detail", "en", slug=project.slug)

    def related_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return sum(
            "EXISTS" in q["sql"] and " LIMIT 5" in q["sql"] for q in captured.captured_queries
        )

    assert related_queries() == 2  # by field, by partner
    assert related_queries() == 0
    sibling.title_en = "Sibling project, renamed"
    sibling.save()
    assert related_queries() == 2
    assert "Sibling project, renamed" in client.get(path).text
    # Kept once for both languages: each reads its own title from the same instances.
    chinese = client.get(url("cooperation:project-detail", "zh-hans", slug=project.slug))
    assert sibling.title_zh_hans in chinese.text


def test_related_projects_share_a_field_or_a_partner_newest_first_each_once(db):
    field, other_field = f.ResearchFieldFactory(), f.ResearchFieldFactory()
    partner, other_partner = f.InstitutionFactory(), f.InstitutionFactory()
    project = f.CooperationProjectFactory(fields=[field], partners=[partner])

    def made(year: int, **links) -> m.CooperationProject:
        return f.CooperationProjectFactory(start_date=date(year, 1, 1), **links)

    by_field = made(2021, fields=[field], partners=[other_partner])
    by_partner = made(2023, fields=[other_field], partners=[partner])
    by_both = made(2019, fields=[field], partners=[partner])
    made(2024, fields=[other_field], partners=[other_partner])  # shares nothing
    made(2025, fields=[field], publication_status=PublicationStatus.DRAFT, published_at=None)

    related = m.CooperationProject.objects.public().related_to(project)

    assert related == [by_partner, by_field, by_both]
    assert m.CooperationProject.objects.public().related_to(project, limit=2) == [
        by_partner,
        by_field,
    ]


def test_a_project_with_links_of_one_kind_only_is_related_through_those(db):
    field = f.ResearchFieldFactory()
    project = f.CooperationProjectFactory(fields=[field], partners=[])
    by_field = f.CooperationProjectFactory(fields=[field])
    f.CooperationProjectFactory()  # shares nothing
    alone = f.CooperationProjectFactory(fields=[], partners=[])

    assert m.CooperationProject.objects.public().related_to(project) == [by_field]
    assert m.CooperationProject.objects.public().related_to(alone) == []


def test_related_projects_limit_keeps_the_newest_of_both_kinds_of_link(db):
    field, partner = f.ResearchFieldFactory(), f.InstitutionFactory()
    project = f.CooperationProjectFactory(fields=[field], partners=[partner])
    via_field = [
        f.CooperationProjectFactory(start_date=date(2000 + n, 1, 1), fields=[field])
        for n in range(6)
    ]
    via_partner = [
        f.CooperationProjectFactory(start_date=date(2010 + n, 6, 1), partners=[partner])
        for n in range(3)
    ]

    related = m.CooperationProject.objects.public().related_to(project, limit=5)

    assert related == [*reversed(via_partner), via_field[5], via_field[4]]


def test_project_page_links_its_achievements_and_lists_its_exchanges(client, project):
    f.AchievementFactory(project=project, title_en="A paper", identifier="10.1000/xyz123")
    japan = PartnerCountry.objects.get(country="JP")
    f.ExchangeFactory(project=project, country=japan, title_en="Kyoto visit", people_count=4)
    response = client.get(url("cooperation:project-detail", "en", slug=project.slug))
    achievement = project.achievements.get(title_en="A paper")
    exchange = project.exchanges.get(title_en="Kyoto visit")
    with override("en"):
        assert f'<a href="{achievement.get_absolute_url()}">A paper</a>' in response.text
        assert f'<a href="{exchange.get_absolute_url()}">Kyoto visit</a>' in response.text
    assert '<a href="https://doi.org/10.1000/xyz123" rel="noopener">10.1000/xyz123</a>' in (
        response.text
    )
    assert "Exchanges and visits" in response.text
    assert f'href="{japan.get_absolute_url()}"' in response.text
    assert "4 people" in response.text


def test_project_page_without_achievements_does_not_read_them(client, project):
    """Whether a project has achievements comes with its row: without any, none are read;
    with one, one query reads them, and the page lists only those readers may see."""
    project.achievements.all().delete()
    path = url("cooperation:project-detail", "en", slug=project.slug)
    with CaptureQueriesContext(connection) as without:
        response = client.get(path)
    reads = lambda queries: [  # noqa: E731
        q["sql"] for q in queries if q["sql"].startswith('SELECT "cooperation_achievement"')
    ]
    assert reads(without) == []
    assert "<h2>Achievements</h2>" not in response.text
    f.AchievementFactory(project=project, title_en="A draft paper", publication_status="draft")
    f.AchievementFactory(project=project, title_en="A paper")
    with CaptureQueriesContext(connection) as with_two:
        response = client.get(path)
    assert len(reads(with_two)) == 1
    assert len(with_two) == len(without) + 1
    assert "A paper" in response.text
    assert "A draft paper" not in response.text


def test_project_page_without_exchanges_does_not_read_them(client, project):
    """Whether a project has exchanges comes with its row: without any, none are read."""
    path = url("cooperation:project-detail", "en", slug=project.slug)
    with CaptureQueriesContext(connection) as without:
        assert client.get(path).status_code == 200
    reads = lambda queries: [  # noqa: E731
        q["sql"] for q in queries if q["sql"].startswith('SELECT "cooperation_exchange"')
    ]
    assert reads(without) == []
    f.ExchangeFactory(project=project, country=PartnerCountry.objects.get(country="JP"))
    with CaptureQueriesContext(connection) as with_one:
        response = client.get(path)
    assert len(reads(with_one)) == 1
    assert len(with_one) == len(without) + 1
    assert "Exchanges and visits" in response.text
