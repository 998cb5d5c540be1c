"""The punctuation between the parts a page puts together is its language's
(portal_tags ``separator`` and ``aside``): Chinese pages write full-width marks and list
names with the enumeration comma (黄强，研究员; 基因与蛋白、酶工程药物; 大阪大学（日本）),
where they had English commas, semicolons and brackets."""

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
