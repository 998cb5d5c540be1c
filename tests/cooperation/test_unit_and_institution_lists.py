"""The units' and the partner institutions' indexes (/units/, /institutions/): who the base
is and whom it works with, counting public projects only, in both languages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from cooperation.models import InstitutionKind
from cooperation.publication import PublicationStatus
from tests import factories as f

pytestmark = pytest.mark.django_db

DRAFT = {"publication_status": PublicationStatus.DRAFT, "published_at": None}


def url(name: str, language: str = "en") -> str:
    with override(language):
        return reverse(f"cooperation:{name}")


def test_the_units_index_lists_each_unit_with_its_people_and_public_projects(client):
    pharmacy = f.UnitFactory(slug="pharmacy", name_en="College of Pharmacy", name_zh_hans="药学院")
    institute = f.UnitFactory(
        slug="antibiotics", name_en="Antibiotics Institute", name_zh_hans="抗生素研究所",
        description_en="Microbial drugs since 1958.",
    )  # fmt: skip
    f.ResearcherFactory.create_batch(2, unit=pharmacy)
    f.CooperationProjectFactory.create_batch(3, lead_unit=pharmacy)
    f.CooperationProjectFactory(lead_unit=institute, **DRAFT)  # not counted

    response = client.get(url("unit-list"))
    assert response.status_code == 200
    assert [unit.slug for unit in response.context["units"]] == ["antibiotics", "pharmacy"]
    text = response.text
    assert f'href="{url("researcher-list")}?unit=pharmacy">2 researchers</a>' in text
    assert f'href="{url("project-list")}?unit=pharmacy">Leads 3 projects</a>' in text
    assert "Microbial drugs since 1958." in text
    assert "?unit=antibiotics" not in text  # nobody and nothing public: no empty links
    chinese = client.get(url("unit-list", "zh-hans"))
    assert [unit.slug for unit in chinese.context["units"]] == ["antibiotics", "pharmacy"]
    assert "药学院" in chinese.text


def test_the_units_index_costs_the_same_queries_however_many_units(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("unit-list")).status_code == 200
        return len(captured)

    f.CooperationProjectFactory(lead_unit=f.UnitFactory())
    client.get(url("unit-list"))  # the counts kept
    few = queries()
    for _ in range(20):
        f.CooperationProjectFactory(lead_unit=f.ResearcherFactory().unit)
    client.get(url("unit-list"))
    assert queries() == few


@pytest.fixture
def partners():
    japan = f.PartnerCountryFactory(country="JP")
    germany = f.PartnerCountryFactory(country="DE")
    kyoto = f.InstitutionFactory(
        slug="kyoto", name_en="Kyoto University", name_zh_hans="京都大学", country=japan,
        city_en="Kyoto",
    )  # fmt: skip
    riken = f.InstitutionFactory(
        slug="riken", name_en="RIKEN", name_zh_hans="日本理化学研究所", country=japan,
        kind=InstitutionKind.INSTITUTE,
    )  # fmt: skip
    munich = f.InstitutionFactory(
        slug="munich", name_en="Technical University of Munich", name_zh_hans="慕尼黑工业大学",
        country=germany,
    )  # fmt: skip
    f.CooperationProjectFactory(partners=[kyoto, munich])
    f.CooperationProjectFactory(partners=[kyoto])
    f.CooperationProjectFactory(partners=[riken], **DRAFT)
    return {"kyoto": kyoto, "riken": riken, "munich": munich}


def listed(response) -> list[str]:
    return [institution.slug for institution in response.context["institutions"]]


def test_the_institutions_index_lists_them_by_name_with_their_public_projects(client, partners):
    response = client.get(url("institution-list"))
    assert response.status_code == 200
    assert listed(response) == ["kyoto", "riken", "munich"]
    text = response.text
    assert "3 institutions" in text
    assert f'href="{url("project-list")}?institution=kyoto">Partner in 2 projects</a>' in text
    assert f'href="{url("project-list")}?institution=munich">Partner in 1 project</a>' in text
    assert "?institution=riken" not in text  # its one project is a draft
    assert "Kyoto</span>" in text and 'href="/en/countries/jp/"' in text
    # By the Chinese name on the Chinese page (慕 < 京 < 日 by code point).
    assert listed(client.get(url("institution-list", "zh-hans"))) == ["kyoto", "munich", "riken"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "JP"}, ["kyoto", "riken"]),
        ({"kind": InstitutionKind.INSTITUTE}, ["riken"]),
        ({"name": "munich technical"}, ["munich"]),  # every word, in any order
        ({"name": "京都"}, ["kyoto"]),
        ({"country": "DE", "name": "kyoto"}, []),
    ],
)
def test_the_institutions_index_narrows_by_country_kind_and_name(
    client, partners, params, expected
):
    response = client.get(url("institution-list"), params)
    assert response.status_code == 200
    assert listed(response) == expected


def test_a_bad_filter_is_a_400_and_a_country_in_lower_case_moves(client, partners):
    for hostile in [{"kind": "castle"}, {"country": "XX"}, {"name": "x" * 500}]:
        response = client.get(url("institution-list"), hostile)
        assert response.status_code == 400, hostile
        assert listed(response) == []
    moved = client.get(url("institution-list"), {"country": "jp"})
    assert moved.status_code == 301
    assert moved["Location"] == f"{url('institution-list')}?country=JP"


def test_the_institutions_index_costs_the_same_queries_however_many(client, partners):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("institution-list")).status_code == 200
        return len(captured)

    client.get(url("institution-list"))  # the country choices kept
    few = queries()
    for _ in range(30):
        f.CooperationProjectFactory(
            partners=[f.InstitutionFactory(country=partners["kyoto"].country)]
        )
    client.get(url("institution-list"))  # the country choices kept again, after the change
    assert queries() == few
