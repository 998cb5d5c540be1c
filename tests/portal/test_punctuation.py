"""The punctuation between the parts a page puts together is its language's
(portal_tags ``separator`` and ``aside``): Chinese pages write full-width marks and list
names with the enumeration comma (黄强，研究员; 基因与蛋白、酶工程药物; 大阪大学（日本）),
where they had English commas, semicolons and brackets."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils.translation import override

from cooperation.models import PartnerRole, ProjectPartner
from tests import factories as f
from tests.pages import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(db):
    unit = f.UnitFactory(name_zh_hans="药学院", name_en="College of Pharmacy", slug="pharmacy")
    investigator = f.ResearcherFactory(name_zh_hans="黄强", name_en="Huang Qiang", unit=unit)
    japan = f.PartnerCountryFactory(country="JP")
    osaka = f.InstitutionFactory(
        name_zh_hans="大阪大学", name_en="Osaka University", country=japan, slug="osaka"
    )
    tokyo = f.InstitutionFactory(
        name_zh_hans="东京大学",
        name_en="University of Tokyo",
        country=japan,
        city_zh_hans="东京",
        city_en="Tokyo",
        slug="tokyo",
    )
    fields = [
        f.ResearchFieldFactory(name_zh_hans="基因与蛋白", name_en="Genes and proteins"),
        f.ResearchFieldFactory(name_zh_hans="酶工程药物", name_en="Enzyme drugs"),
    ]
    project = f.CooperationProjectFactory(
        principal_investigator=investigator, lead_unit=unit, partners=[tokyo], fields=fields
    )
    ProjectPartner.objects.create(project=project, institution=osaka, role=PartnerRole.LEAD_PARTNER)
    f.AchievementFactory(project=project, year=2025)
    return project


def page(client, name: str, language: str, **kwargs) -> str:
    response = client.get(url(name, language, **kwargs))
    assert response.status_code == 200
    return response.text


def test_a_chinese_project_page_and_card_use_chinese_punctuation(client, project):
    detail = page(client, "cooperation:project-detail", "zh-hans", slug=project.slug)
    assert ">黄强</a>，教授</dd>" in detail
    assert ">基因与蛋白</a>、<a " in detail
    assert ">大阪大学</a>，<a " in detail
    assert "</a>（2025） " in detail

    card = page(client, "cooperation:project-list", "zh-hans")
    assert "<strong>大阪大学</strong>（日本，牵头合作方）；东京大学（日本）</p>" in card


def test_an_english_project_page_and_card_keep_english_punctuation(client, project):
    detail = page(client, "cooperation:project-detail", "en", slug=project.slug)
    assert ">Huang Qiang</a>, Professor</dd>" in detail
    assert ">Enzyme drugs</a>, <a " in detail
    assert "</a> (2025) " in detail

    card = page(client, "cooperation:project-list", "en")
    assert (
        "<strong>Osaka University</strong> (Japan, Lead partner); University of Tokyo (Japan)"
        in card
    )


def test_the_other_chinese_pages_use_chinese_commas(client, project):
    assert ">黄强</a>，教授</li>" in page(
        client, "cooperation:unit-detail", "zh-hans", slug="pharmacy"
    )
    assert "日本</a>，东京</dd>" in page(
        client, "cooperation:institution-detail", "zh-hans", slug="tokyo"
    )
    assert ">东京大学</a>，东京</li>" in page(
        client, "cooperation:country-detail", "zh-hans", code="jp"
    )
    researcher = project.principal_investigator
    assert '<meta name="description" content="黄强，教授 · 药学院">' in page(
        client, "cooperation:researcher-detail", "zh-hans", slug=researcher.slug
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Kyoto (&lt;b&gt;, 2023)"), ("zh-hans", "Kyoto（&lt;b&gt;，2023）")],
)
def test_an_aside_joins_its_parts_and_escapes_them(language, expected):
    template = Template("{% load portal_tags %}Kyoto{% aside part year empty %}")
    with override(language):
        assert template.render(Context({"part": "<b>", "year": 2023, "empty": ""})) == expected


RANGES = {
    "en": (
        '<span><time datetime="2024-01-01">1 January 2024</time> – '
        '<time datetime="2024-01-03">3 January 2024</time></span>'
    ),
    "zh-hans": (
        '<span><time datetime="2024-01-01">2024年1月1日</time>至'
        '<time datetime="2024-01-03">2024年1月3日</time></span>'
    ),
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_exchange_s_dates_are_one_range_marked_in_the_page_s_language(client, language):
    """One element, so the gaps of a card's meta line (a flex row) do not space the dash;
    Chinese joins the days with 至, without spaces."""
    exchange = f.ExchangeFactory(start_date=date(2024, 1, 1), end_date=date(2024, 1, 3))
    assert RANGES[language] in page(client, "cooperation:exchange-list", language)
    assert RANGES[language] in page(client, "cooperation:exchange-detail", language, pk=exchange.pk)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", '<span><time datetime="2020-03-01">1 March 2020</time> – ongoing</span>'),
        ("zh-hans", '<span><time datetime="2020-03-01">2020年3月1日</time>至今</span>'),
    ],
)
def test_a_project_without_an_end_runs_from_its_start_on(client, language, expected):
    project = f.CooperationProjectFactory(start_date=date(2020, 3, 1), end_date=None)
    assert expected in page(client, "cooperation:project-detail", language, slug=project.slug)


def test_one_day_is_one_date():
    template = Template("{% load portal_tags %}{% date_range start end %}")
    with override("en"):
        rendered = template.render(Context({"start": date(2024, 1, 1), "end": date(2024, 1, 1)}))
    assert rendered == '<time datetime="2024-01-01">1 January 2024</time>'


def test_a_source_and_a_granting_body_are_items_of_their_own_on_a_meta_line(client):
    """A meta line is a flex row: text beside a " · " made one item with it, so the dot had
    a wide gap on one side and a space on the other ("2023年3月2日 · 成都大学新闻网")."""
    article = f.ArticleFactory(source_zh_hans="成都大学新闻网", source_en="")
    f.AwardFactory(
        granting_body_zh_hans="四川省人民政府", granting_body_en="", awarded_on=date(2023, 1, 5)
    )
    chinese = page(client, "news:article-detail", "zh-hans", slug=article.slug)
    assert "</time> · <span>成都大学新闻网</span></p>" in chinese
    english = page(client, "news:article-detail", "en", slug=article.slug)
    assert '</time> · <span lang="zh-hans">成都大学新闻网</span></p>' in english
    assert "<span>四川省人民政府</span> · <time" in page(
        client, "cooperation:award-list", "zh-hans"
    )
