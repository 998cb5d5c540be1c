"""Large numbers are grouped in threes in both languages (config/formats/zh_Hans): a reader
of the Chinese pages met "3200000 CNY" where the English ones said "3,200,000", and the
dashboard's Chinese tables disagreed with its charts. The currency is named in the page's
language (its choice label, as /data/ gives it), not by its bare ISO code."""

from decimal import Decimal

import pytest

from tests import factories as f
from tests.pages import url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "shown"),
    [("zh-hans", "3,200,000 人民币（CNY）"), ("en", "3,200,000 Chinese yuan (CNY)")],
)
def test_a_projects_funding_is_grouped_in_threes_in_its_currency_s_name(client, language, shown):
    project = f.CooperationProjectFactory(
        funding_source_zh_hans="国家重点研发计划",
        funding_source_en="National Key R&D Program",
        funding_amount=Decimal("3200000"),
        currency="CNY",
    )
    page = client.get(url("cooperation:project-detail", language, slug=project.slug))
    assert shown in page.content.decode()


def test_years_stay_ungrouped_in_chinese(client):
    project = f.CooperationProjectFactory(start_date="2024-03-01")
    page = client.get(url("cooperation:project-detail", "zh-hans", slug=project.slug))
    assert "2024" in page.content.decode()
    assert "2,024" not in page.content.decode()
