"""hreflang alternates and the sitemap name a record's page only in the languages it is
written in: its page in another shows its text untranslated (Google counts such a page a
duplicate, not a translation). The language switcher still offers every interface."""

from __future__ import annotations

import html
import re
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from cooperation.publication import PublicationStatus
from tests import factories as f

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def head(response) -> dict:
    text = response.content.decode()
    [canonical] = re.findall(r'<link rel="canonical" href="([^"]+)">', text)
    [og_url] = re.findall(r'<meta property="og:url" content="([^"]+)">', text)
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text))
    switcher = text[text.index('class="language-switcher"') :]
    return {
        "canonical": html.unescape(canonical),
        "og:url": html.unescape(og_url),
        "alternates": {code: html.unescape(url) for code, url in alternates.items()},
        "switcher": re.findall(r'href="([^"]+)" hreflang="([^"]+)"', switcher),
    }


def chinese_only_project(slug: str = "chinese-only"):
    return f.CooperationProjectFactory(slug=slug, title_en="", summary_en="")


ZH = "http://testserver/zh-hans/projects/{}/"
EN = "http://testserver/en/projects/{}/"


@pytest.mark.django_db
def test_a_record_with_no_english_text_names_no_english_alternate():
    chinese_only_project()

    chinese = head(Client().get("/zh-hans/projects/chinese-only/"))
    english = head(Client().get("/en/projects/chinese-only/"))

    only_chinese = {"zh-hans": ZH.format("chinese-only"), "x-default": ZH.format("chinese-only")}
    assert chinese["alternates"] == only_chinese
    assert chinese["canonical"] == ZH.format("chinese-only")
    # Its English page shows the Chinese text: a duplicate, pointing to the Chinese page.
    assert english["alternates"] == only_chinese
    assert english["canonical"] == english["og:url"] == ZH.format("chinese-only")
    # A reader may still switch the interface to English.
    assert ("http://testserver/en/projects/chinese-only/", "en") in chinese["switcher"]


@pytest.mark.django_db
def test_a_translated_record_and_a_partly_translated_one():
    f.CooperationProjectFactory(slug="both")
    # Its English title, but its summary in Chinese alone: the English page says so, and is
    # not offered as a translation.
    f.CooperationProjectFactory(slug="partly", summary_en="")

    both = head(Client().get("/en/projects/both/"))
    partly = head(Client().get("/en/projects/partly/"))

    assert both["canonical"] == EN.format("both")
    assert both["alternates"] == {
        "zh-hans": ZH.format("both"),
        "x-default": ZH.format("both"),
        "en": EN.format("both"),
    }
    assert set(partly["alternates"]) == {"zh-hans", "x-default"}
    assert partly["canonical"] == ZH.format("partly")


@pytest.mark.django_db
def test_a_record_written_in_english_alone_has_its_english_page_as_x_default():
    f.CooperationProjectFactory(slug="english-only", title_zh_hans="", summary_zh_hans="")

    chinese = head(Client().get("/zh-hans/projects/english-only/"))

    assert chinese["alternates"] == {
        "en": EN.format("english-only"),
        "x-default": EN.format("english-only"),
    }
    assert chinese["canonical"] == EN.format("english-only")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda: f.ArticleFactory(slug="n", title_en="", summary_en="", body_en=""), "news/n/"),
        (lambda: f.PageFactory(slug="p", title_en="", body_en=""), "pages/p/"),
        (lambda: f.InstitutionFactory(slug="i", name_en="", description_en=""), "institutions/i/"),
    ],
    ids=["article", "page", "institution"],
)
def test_other_records_pages_follow_the_same_rule(make, path):
    make()
    alternates = head(Client().get(f"/zh-hans/{path}"))["alternates"]
    assert set(alternates) == {"zh-hans", "x-default"}


@pytest.mark.django_db
def test_lists_and_the_home_page_keep_both_languages():
    chinese_only_project()
    for path in ("/en/", "/en/projects/"):
        assert set(head(Client().get(path))["alternates"]) == {"zh-hans", "en", "x-default"}


def sitemap_urls(path: str) -> dict[str, dict[str, str]]:
    """Each address a sitemap lists, with its alternates by language."""
    response = Client().get(path)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {
        url.find("s:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
        }
        for url in root.findall("s:url", SITEMAP_NS)
    }


@pytest.mark.django_db
def test_the_sitemap_lists_a_record_in_the_languages_it_is_written_in():
    chinese_only_project()
    f.CooperationProjectFactory(slug="both")
    f.CooperationProjectFactory(slug="english-only", title_zh_hans="", summary_zh_hans="")

    urls = sitemap_urls("/sitemap-projects.xml")

    assert set(urls) == {
        ZH.format("chinese-only"),
        ZH.format("both"),
        EN.format("both"),
        EN.format("english-only"),
    }
    assert urls[ZH.format("chinese-only")] == {
        "zh-hans": ZH.format("chinese-only"),
        "x-default": ZH.format("chinese-only"),
    }
    assert urls[EN.format("both")] == {
        "zh-hans": ZH.format("both"),
        "en": EN.format("both"),
        "x-default": ZH.format("both"),
    }
    assert urls[EN.format("english-only")] == {
        "en": EN.format("english-only"),
        "x-default": EN.format("english-only"),
    }


@pytest.mark.django_db
def test_reference_records_in_the_sitemap_follow_the_same_rule():
    f.InstitutionFactory(slug="chinese-name", name_en="", description_en="")

    urls = sitemap_urls("/sitemap-institutions.xml")

    assert set(urls) == {"http://testserver/zh-hans/institutions/chinese-name/"}


@pytest.mark.django_db
def test_a_records_page_costs_no_query_more_for_its_alternates(django_assert_max_num_queries):
    """The rule reads the record's columns already loaded (the pages' ceilings hold too)."""
    chinese_only_project()
    client = Client()
    client.get("/en/projects/chinese-only/")  # warms what the first request reads once
    cache.clear()
    with django_assert_max_num_queries(12):
        assert client.get("/en/projects/chinese-only/").status_code == 200


# --- partner countries: one rule for the home page, the country list and the sitemap ---


@pytest.fixture
def countries(db):
    japan = f.PartnerCountryFactory(country="JP")
    f.CooperationProjectFactory(partners=[f.InstitutionFactory(country=japan)])
    # A partner entered, its one project still a draft: no partner to show yet.
    canada = f.PartnerCountryFactory(country="CA")
    f.CooperationProjectFactory(
        partners=[f.InstitutionFactory(country=canada, slug="toronto")],
        publication_status="draft",
        published_at=None,
    )
    return {"japan": japan, "canada": canada}


def test_the_country_list_and_the_home_page_show_the_same_partner_countries(countries):
    listed = Client().get("/en/countries/")
    home = Client().get("/en/")

    assert [country.code for country in listed.context["countries"]] == ["JP"]
    assert "0 projects" not in listed.text
    assert home.context["figures"]["countries"] == 1
    assert "/en/countries/ca/" not in listed.text
    assert "/en/countries/ca/" not in home.text
    # Its page still answers, for its institutions.
    assert Client().get("/en/countries/ca/").status_code == 200


def test_the_sitemap_lists_the_partner_countries_the_country_list_shows(countries):
    urls = sitemap_urls("/sitemap-countries.xml")
    assert set(urls) == {
        "http://testserver/zh-hans/countries/jp/",
        "http://testserver/en/countries/jp/",
    }


def test_a_country_is_listed_once_its_project_is_published(countries):
    draft = countries["canada"].institutions.get().projects.get()
    draft.publication_status = PublicationStatus.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()

    codes = [country.code for country in Client().get("/en/countries/").context["countries"]]
    assert sorted(codes) == ["CA", "JP"]
    assert Client().get("/en/").context["figures"]["countries"] == 2
