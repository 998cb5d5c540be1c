"""The open data CSVs open in Excel with their Chinese intact (UTF-8 with a byte-order mark),
cached or not; the projects' export names partners, fields and funding in both languages."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import override

from cooperation.exports import EXPORT_COLUMNS
from cooperation.models import PartnerRole, ProjectPartner
from tests import factories as f

BOM = b"\xef\xbb\xbf"
EXPORTS = {
    "projects": "cooperation:project-export-csv",
    "awards": "cooperation:award-export-csv",
    "achievements": "cooperation:achievement-export-csv",
    "exchanges": "cooperation:exchange-export-csv",
}


def get(client, url_name: str, language: str, /, **params):
    with override(language):
        return client.get(reverse(url_name), params)


def body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def chinese_records(db):
    project = f.CooperationProjectFactory(slug="joint-lab", title_zh_hans="联合实验室")
    f.AwardFactory(title_zh_hans="友谊奖", recipient_project=project)
    f.AchievementFactory(title_zh_hans="论文", project=project)
    f.ExchangeFactory(title_zh_hans="访问学者", project=project)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("kind", list(EXPORTS))
def test_each_csv_starts_with_the_utf8_byte_order_mark_cached_or_not(
    client, settings, chinese_records, kind, language
):
    """Excel reads a CSV without the mark in the system's code page (GBK on a Chinese
    Windows) and garbles the Chinese; the page cache's stored copy keeps the mark."""
    settings.PORTAL_PAGE_CACHE = True
    first = get(client, EXPORTS[kind], language)
    assert first.streaming and first["X-Page-Cache"] == "miss"
    assert first["Content-Type"] == "text/csv; charset=utf-8"
    sent = body(first)
    assert sent.startswith(BOM) and sent.count(BOM) == 1
    text = sent.decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(text))) == list(EXPORT_COLUMNS[kind])
    assert any(title in text for title in ["联合实验室", "友谊奖", "论文", "访问学者"])

    second = get(client, EXPORTS[kind], language)
    assert second["X-Page-Cache"] == "hit"
    assert body(second) == sent
    assert second["Content-Type"] == "text/csv; charset=utf-8"


@pytest.fixture
def bilingual_project(db):
    japan = f.PartnerCountryFactory(country="JP")
    lead = f.InstitutionFactory(country=japan, name_en="Kyoto University", name_zh_hans="京都大学")
    other = f.InstitutionFactory(country=japan, name_en="Osaka University", name_zh_hans="大阪大学")
    english_only = f.InstitutionFactory(country=japan, name_en="Abe Lab", name_zh_hans="")
    first = f.ResearchFieldFactory(name_en="Pharmacy", name_zh_hans="药学", sort_order=1)
    second = f.ResearchFieldFactory(name_en="Chemistry", name_zh_hans="化学", sort_order=2)
    project = f.CooperationProjectFactory(
        slug="bilingual",
        partners=[other, english_only],
        fields=[second, first],
        funding_source_zh_hans="国家自然科学基金",
        funding_source_en="NSFC",
        funding_amount=Decimal("1000.00"),
    )
    ProjectPartner.objects.create(project=project, institution=lead, role=PartnerRole.LEAD_PARTNER)
    return project


BOTH_LANGUAGES = {
    "lead_partner_zh_hans": "京都大学",
    "lead_partner_en": "Kyoto University",
    "funding_source_zh_hans": "国家自然科学基金",
    "funding_source_en": "NSFC",
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_projects_csv_names_partners_fields_and_funding_in_both_languages(
    client, bilingual_project, language
):
    """As the unit: a column in each language, whatever the export's language; the
    lists in the same order in both (a name without Chinese in English)."""
    response = get(client, EXPORTS["projects"], language)
    (row,) = csv.DictReader(io.StringIO(body(response).decode("utf-8-sig")))

    assert row | BOTH_LANGUAGES == row
    partners_en = row["partner_institutions_en"].split("; ")
    partners_zh = row["partner_institutions_zh_hans"].split("; ")
    assert partners_en[0] == "Kyoto University" and partners_zh[0] == "京都大学"
    names = {"Kyoto University": "京都大学", "Osaka University": "大阪大学", "Abe Lab": "Abe Lab"}
    assert partners_zh == [names[name] for name in partners_en]
    assert row["research_fields_zh_hans"] == "药学; 化学"
    assert row["research_fields_en"] == "Pharmacy; Chemistry"


def test_the_projects_json_names_them_in_both_languages_too(client, bilingual_project):
    response = get(client, "cooperation:project-export-json", "zh-hans")
    (record,) = response.json()["results"]

    assert record | BOTH_LANGUAGES == record
    assert record["partner_institutions_zh_hans"] == ["京都大学", "Abe Lab", "大阪大学"]
    assert record["partner_institutions_en"] == ["Kyoto University", "Abe Lab", "Osaka University"]
    assert record["research_fields_zh_hans"] == ["药学", "化学"]
    assert record["research_fields_en"] == ["Pharmacy", "Chemistry"]


def test_the_dictionary_describes_each_language_s_column(client, db):
    columns = list(EXPORT_COLUMNS["projects"])
    for name in ["lead_partner", "partner_institutions", "research_fields", "funding_source"]:
        assert columns.index(f"{name}_zh_hans") + 1 == columns.index(f"{name}_en")
    with override("en"):
        page = client.get(reverse("portal:open-data")).text
    assert "<code>partner_institutions_zh_hans</code>" in page
    assert "encoding='utf-8-sig'" in page
