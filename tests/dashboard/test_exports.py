"""The dashboard's files as their readers' programs take them: years Excel can count with, a
Word document that speaks its page's language, with a title and the language's colon."""

import io
import re

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from docx.oxml.ns import qn
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def download(client, name: str, language: str = "en", **params):
    with override(language):
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response


def workbook(client, **params):
    return load_workbook(io.BytesIO(download(client, "dashboard:export-xlsx", **params).content))


def test_the_workbook_s_years_are_numbers(leader_client, known):
    book = workbook(leader_client, year_from=2024)
    for title in [
        "Projects per year",
        "Funding per year",
        "Achievements per year",
        "Exchanges per year",
    ]:
        sheet = book[title]
        assert sheet["A1"].value == "Year"
        years = [row[0].value for row in sheet.iter_rows(min_row=2)]
        assert years == list(range(2015, 2025)), title
        assert all(cell.data_type == "n" for cell in sheet["A"][1:])
    about = {row[0].value: row[1] for row in book["About"].iter_rows()}
    assert (about["Period"].value, about["Previous period"].value) == (2024, 2023)
    assert about["Period"].data_type == "n"
    # A period of several years is no number: it stays as the page writes it.
    book = workbook(leader_client, year_from=2023, year_to=2024)
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert (about["Period"], about["Previous period"]) == ("2023–2024", "2021–2022")


def document(client, language: str):
    response = download(client, "dashboard:export-docx", language, year_from=2024)
    return docx.Document(io.BytesIO(response.content))


def languages(document) -> list[tuple[str, str]]:
    """The w:lang of the document's default run properties and of its Normal style."""
    styles = document.styles.element
    langs = [
        *styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"),
        *document.styles["Normal"].element.xpath("w:rPr/w:lang"),
    ]
    return [(lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) for lang in langs]


def test_the_chinese_word_document_is_chinese_with_its_title(leader_client, known):
    doc = document(leader_client, "zh-hans")
    title = "国际科技合作基地：2024 年合作数据"

    assert doc.paragraphs[0].text == title
    assert doc.core_properties.title == title
    assert doc.core_properties.language == "zh-CN"
    assert languages(doc) == [("zh-CN", "zh-CN")] * 2
    about = [paragraph.text for paragraph in doc.paragraphs[1:5]]
    assert about[0] == "统计期间：2024"
    assert all("：" in text and ": " not in text for text in about)


def test_the_english_word_document_is_english_with_its_title(leader_client, known):
    doc = document(leader_client, "en")
    title = "International S&T Cooperation Base: cooperation figures 2024"

    assert doc.core_properties.title == title
    assert doc.core_properties.language == "en-US"
    assert languages(doc) == [("en-US", "zh-CN")] * 2
    assert doc.paragraphs[1].text == "Period: 2024"


def test_the_word_document_is_a4_by_the_site_and_says_which_time_zone(leader_client, known):
    doc = document(leader_client, "en")
    for section in doc.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        margins = [section.left_margin, section.right_margin, section.top_margin]
        assert {round(margin.mm) for margin in [*margins, section.bottom_margin]} == {25}
    properties = doc.core_properties
    assert properties.author == "International S&T Cooperation Base"
    assert properties.last_modified_by == properties.author
    assert "python-docx" not in properties.comments
    assert properties.created.year == timezone.now().year
    generated = next(p.text for p in doc.paragraphs if p.text.startswith("Generated: "))
    assert re.fullmatch(r"Generated: \d{4}-\d\d-\d\d \d\d:\d\d \(Asia/Shanghai\)", generated)


def test_the_workbook_s_first_sheet_is_about_the_workbook_not_the_base(leader_client, known):
    """Its name is the workbook's own word, not the navigation's link to the about page of
    the base (关于基地 in Chinese)."""
    english = workbook(leader_client)
    assert english.sheetnames[0] == "About"
    chinese = load_workbook(
        io.BytesIO(download(leader_client, "dashboard:export-xlsx", "zh-hans").content)
    )
    with override("zh-hans"):
        navigation = gettext("About")
    assert navigation == "关于基地"  # the collision this guards against
    assert chinese.sheetnames[0] != navigation


@pytest.mark.parametrize(
    ("name", "extension"),
    [
        ("dashboard:export-xlsx", "xlsx"),
        ("dashboard:export-csv", "zip"),
        ("dashboard:export-docx", "docx"),
    ],
)
@pytest.mark.parametrize(
    ("params", "period"),
    [
        ({"year_from": 2024}, "2024"),  # a single year once, not "2024-2024"
        ({"year_to": 2023}, "2023"),
        ({"year_from": 2020, "year_to": 2024}, "2020-2024"),  # years: first to last
    ],
)
def test_a_file_is_named_by_its_period(leader_client, known, name, extension, params, period):
    response = download(leader_client, name, **params)
    expected = f"coopbase-summary-{period}.{extension}"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
