"""Names are listed as their reader reads them: Chinese in pinyin order, other names whatever
their case or accents (cooperation.models.reading_order in Python, name_order in the
database: ICU's collations on PostgreSQL, a collation comparing by reading_order on
SQLite)."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from cooperation.models import reading_order
from tests import factories as f

# Pinyin order: chén, huáng, lǐ, liú, wáng, wú, zhāng, zhào, zhōu.
SURNAMES_IN_PINYIN_ORDER = [
    "陈晓燕",
    "黄强",
    "李娜",
    "刘洋",
    "王军",
    "吴昊",
    "张伟",
    "赵敏",
    "周丽",
]
# The same names by code point, as the database's own collation ordered them.
SURNAMES_BY_CODE_POINT = sorted(SURNAMES_IN_PINYIN_ORDER)


def test_python_sorts_chinese_names_in_pinyin_order():
    assert SURNAMES_BY_CODE_POINT != SURNAMES_IN_PINYIN_ORDER
    assert sorted(SURNAMES_BY_CODE_POINT, key=reading_order) == SURNAMES_IN_PINYIN_ORDER
    countries = ["以色列", "俄罗斯", "加拿大", "德国", "日本", "泰国", "英国"]  # by code point
    assert sorted(countries, key=reading_order) == [
        "德国",  # dé
        "俄罗斯",  # é
        "加拿大",  # jiā
        "日本",  # rì
        "泰国",  # tài
        "以色列",  # yǐ
        "英国",  # yīng
    ]


def test_python_sorts_other_names_whatever_their_case_or_accents():
    names = ["Zurich", "École normale", "beta Lab", "Alpha College", "Ångström Laboratory"]
    assert sorted(names, key=reading_order) == [
        "Alpha College",
        "Ångström Laboratory",
        "beta Lab",
        "École normale",
        "Zurich",
    ]


def listed(client, url_name: str, language: str, context_name: str) -> list[str]:
    with override(language):
        response = client.get(reverse(url_name))
        return [str(record.name) for record in response.context[context_name]]


@pytest.mark.django_db
def test_the_researchers_are_listed_in_pinyin_order_in_chinese(client):
    for name in SURNAMES_BY_CODE_POINT[::-1]:
        f.ResearcherFactory(name_zh_hans=name, name_en="")
    shown = listed(client, "cooperation:researcher-list", "zh-hans", "researchers")
    assert shown == SURNAMES_IN_PINYIN_ORDER


@pytest.mark.django_db
def test_the_institutions_are_listed_whatever_the_case_or_accents(client):
    for name in ["Zurich University", "charité Berlin", "Cambridge", "Delft"]:
        f.InstitutionFactory(name_en=name)
    shown = listed(client, "cooperation:institution-list", "en", "institutions")
    assert shown == ["Cambridge", "charité Berlin", "Delft", "Zurich University"]


@pytest.mark.django_db
def test_the_projects_sorted_by_title_are_in_pinyin_order_in_chinese(client):
    for title in SURNAMES_BY_CODE_POINT:
        f.CooperationProjectFactory(title_zh_hans=f"{title}的项目")
    with override("zh-hans"):
        response = client.get(reverse("cooperation:project-list"), {"sort": "title"})
    shown = [project.title.removesuffix("的项目") for project in response.context["projects"]]
    assert shown == SURNAMES_IN_PINYIN_ORDER


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Canada", "Germany", "Israel", "Japan", "Thailand", "United Kingdom"]),
        ("zh-hans", ["德国", "加拿大", "日本", "泰国", "以色列", "英国"]),
    ],
)
def test_the_partner_countries_are_listed_by_name_in_the_reader_s_language(
    client, language, expected
):
    for code in ["JP", "GB", "IL", "CA", "DE", "TH"]:  # ISO codes, not names, in any order
        country = f.PartnerCountryFactory(country=code)
        f.CooperationProjectFactory(partners=[f.InstitutionFactory(country=country)])
    with override(language):
        page = client.get(reverse("cooperation:country-list"))
        home = client.get(reverse("portal:home")).content.decode()
        assert [str(partner.country.name) for partner in page.context["countries"]] == expected
    # The home page's list, in the same order.
    positions = [home.index(f">{name}</a>") for name in expected]
    assert positions == sorted(positions)
