"""A missing translation falls back to the other language, and the page says so: the
detail page in a sentence, and every text shown in the other language carries its ``lang``
(WCAG 3.1.2: a screen reader reads Chinese with an English voice otherwise), with a badge
after a card's title."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.models import PartnerRole, ProjectPartner
from tests import factories as f
from tests.pages import url

pytestmark = pytest.mark.django_db

NOTICE_EN = "not yet translated into English"
NOTICE_ZH = "尚未译成中文"
BADGE_EN = ' <span class="badge badge-language">in Chinese</span>'
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def lead(project, institution) -> None:
    ProjectPartner.objects.create(
        project=project, institution=institution, role=PartnerRole.LEAD_PARTNER
    )


def chinese_only_project(**kwargs):
    return f.CooperationProjectFactory(
        title_en="",
        summary_en="",
        title_zh_hans="仅中文项目",
        summary_zh_hans="只有中文摘要",
        **kwargs,
    )


def test_untranslated_english_falls_back_to_chinese_with_a_notice(client):
    project = chinese_only_project()
    english = client.get(f"/en/projects/{project.slug}/").text
    assert '<h1 lang="zh-hans">仅中文项目</h1>' in english
    assert '<p class="lead" lang="zh-hans">只有中文摘要</p>' in english
    assert NOTICE_EN in english


def test_fully_translated_pages_carry_no_notice_and_no_lang_of_their_own(client):
    project = f.CooperationProjectFactory(title_en="Both languages", summary_en="Summary")
    english = client.get(f"/en/projects/{project.slug}/").text
    assert NOTICE_EN not in english
    assert "<h1>Both languages</h1>" in english
    assert '<p class="lead">Summary</p>' in english
    chinese = client.get(f"/zh-hans/projects/{project.slug}/").text
    assert NOTICE_ZH not in chinese
    assert f"<h1>{project.title_zh_hans}</h1>" in chinese


def test_a_project_card_marks_what_it_shows_in_chinese_wherever_it_is_listed(client):
    kyoto = f.InstitutionFactory(name_en="", name_zh_hans="京都大学", slug="kyoto")
    project = chinese_only_project(featured=True)
    lead(project, kyoto)
    title = f'<a href="{project.get_absolute_url().replace("/zh-hans/", "/en/")}" lang="zh-hans">'
    for path in [
        url("cooperation:project-list", "en"),
        url("portal:home", "en"),
        url("cooperation:institution-detail", "en", slug="kyoto"),  # related projects
    ]:
        page = client.get(path).text
        assert f"{title}仅中文项目</a>{BADGE_EN}</h3>" in page, path
        assert '<p lang="zh-hans">只有中文摘要</p>' in page, path
        assert '<strong lang="zh-hans">京都大学</strong>' in page, path

    chinese = client.get(url("cooperation:project-list", "zh-hans")).text
    assert 'lang="zh-hans">仅中文项目' not in chinese
    assert "badge-language" not in chinese


def test_a_partner_not_leading_is_wrapped_in_its_language(client):
    other = f.InstitutionFactory(name_en="", name_zh_hans="东京大学")
    lead(f.CooperationProjectFactory(partners=[other]), f.InstitutionFactory(name_en="Osaka"))
    page = client.get(url("cooperation:project-list", "en")).text
    assert '<span lang="zh-hans">东京大学</span>' in page
    assert "<strong>Osaka</strong>" in page


def test_news_cards_and_home_mark_an_article_in_chinese(client):
    article = f.ArticleFactory(title_en="", summary_en="", title_zh_hans="仅中文新闻")
    address = article.get_absolute_url().replace("/zh-hans/", "/en/")
    news = client.get(url("news:article-list", "en")).text
    assert f'<a href="{address}" lang="zh-hans">仅中文新闻</a>{BADGE_EN}</h2>' in news
    assert f'<p lang="zh-hans">{article.summary_zh_hans}</p>' in news
    home = client.get(url("portal:home", "en")).text
    assert f'<a href="{address}" lang="zh-hans">仅中文新闻</a>{BADGE_EN}' in home
    detail = client.get(address).text
    assert '<h1 lang="zh-hans">仅中文新闻</h1>' in detail
    assert '<div class="prose">' in detail  # its English body is there


def test_the_directories_mark_a_name_in_chinese(client):
    f.InstitutionFactory(name_en="", name_zh_hans="京都大学", slug="kyoto")
    researcher = f.ResearcherFactory(name_en="", name_zh_hans="黄强", title_en="")
    institutions = client.get(url("cooperation:institution-list", "en")).text
    assert f'lang="zh-hans">京都大学</a>{BADGE_EN}</h2>' in institutions
    kyoto = client.get(url("cooperation:institution-detail", "en", slug="kyoto")).text
    assert '<h1><span lang="zh-hans">京都大学</span></h1>' in kyoto
    researchers = client.get(url("cooperation:researcher-list", "en")).text
    assert f'lang="zh-hans">黄强</a>{BADGE_EN}</h2>' in researchers
    assert '<span lang="zh-hans">教授</span>' in researchers
    page = client.get(researcher.get_absolute_url().replace("/zh-hans/", "/en/")).text
    assert '<h1 lang="zh-hans">黄强</h1>' in page
    assert '<dd lang="zh-hans">教授</dd>' in page


def test_english_shown_on_a_chinese_page_is_marked_english(client):
    f.PartnerCountryFactory(country="JP", summary_zh_hans="", summary_en="Cooperation since 2010.")
    page = client.get(url("cooperation:country-detail", "zh-hans", code="jp")).text
    assert '<p class="lead" lang="en">Cooperation since 2010.</p>' in page


def test_the_marks_cost_no_query_and_are_kept_with_the_card(client, page_cache_off):
    project = f.CooperationProjectFactory(partners=[f.InstitutionFactory()])
    path = url("cooperation:project-list", "en")
    with CaptureQueriesContext(connection) as translated:
        client.get(path)

    project.title_en = project.summary_en = ""
    project.save()
    with CaptureQueriesContext(connection) as fallen_back:
        assert 'lang="zh-hans">' + project.title_zh_hans in client.get(path).text
    assert len(fallen_back) == len(translated)

    with CaptureQueriesContext(connection) as kept:
        again = client.get(path).text
    assert 'lang="zh-hans">' + project.title_zh_hans in again
    assert not [q for q in kept if ProjectPartner._meta.db_table in q["sql"]]  # not rendered


def test_the_english_atom_feed_gives_an_entry_in_chinese_its_language(client):
    f.ArticleFactory(title_en="", summary_en="", title_zh_hans="仅中文新闻")
    f.ArticleFactory(title_en="Translated", title_zh_hans="已翻译")
    feed = ET.fromstring(client.get(url("news:feed-atom", "en")).content)
    assert feed.get(XML_LANG) == "en"
    languages = {
        entry.findtext(f"{ATOM}title"): entry.get(XML_LANG) for entry in feed.iter(f"{ATOM}entry")
    }
    assert languages == {"仅中文新闻": "zh-hans", "Translated": None}
    chinese = ET.fromstring(client.get(url("news:feed-atom", "zh-hans")).content)
    assert [entry.get(XML_LANG) for entry in chinese.iter(f"{ATOM}entry")] == [None, None]


def test_an_entry_whose_title_and_summary_differ_in_language_keeps_the_feed_s(client):
    f.ArticleFactory(title_en="", title_zh_hans="仅中文标题", summary_en="An English summary")
    feed = ET.fromstring(client.get(url("news:feed-atom", "en")).content)
    assert [entry.get(XML_LANG) for entry in feed.iter(f"{ATOM}entry")] == [None]
