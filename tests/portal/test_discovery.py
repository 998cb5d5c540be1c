"""sitemap.xml, feeds, robots.txt, OpenGraph and JSON-LD: public records only."""

import html
import json
import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
import time_machine
from django import forms
from django.contrib.staticfiles import finders
from django.db import connection
from django.templatetags.static import static
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from PIL import Image

from config.filtersets import values_read
from cooperation.publication import PublicationStatus
from portal.sitemaps import BilingualSitemap, RecordLanguagePairs
from portal.templatetags.portal_tags import kept_query
from tests import factories as f
from tests.pages import sitemap_locations


@pytest.fixture
def content(db):
    hidden = {"publication_status": PublicationStatus.DRAFT, "published_at": None}
    scheduled = {"published_at": timezone.now() + timedelta(days=1)}
    return {
        "project": f.CooperationProjectFactory(slug="public-project", title_en="Public <project>"),
        "draft": f.CooperationProjectFactory(slug="draft-project", **hidden),
        "scheduled": f.CooperationProjectFactory(slug="scheduled-project", **scheduled),
        "article": f.ArticleFactory(slug="public-news", title_en="Public news"),
        "draft_article": f.ArticleFactory(slug="draft-news", **hidden),
        "scheduled_article": f.ArticleFactory(slug="scheduled-news", **scheduled),
        "about": f.PageFactory(slug="about"),
        "draft_page": f.PageFactory(slug="draft-page", **hidden),
    }


def test_sitemap_lists_public_records_in_both_languages(client, content):
    sections = sitemap_locations(client, "/sitemap.xml")
    assert "http://testserver/sitemap-projects.xml" in sections
    assert "http://testserver/sitemap-news.xml" in sections
    text = "".join(client.get(urlsplit(section).path).text for section in sections)
    for path in [
        "/zh-hans/projects/public-project/",
        "/en/projects/public-project/",
        "/en/news/public-news/",
        # The pages staff write, as the records: public ones only.
        "/zh-hans/pages/about/",
        "/en/pages/about/",
    ]:
        assert f"<loc>http://testserver{path}</loc>" in text
    for slug in [
        "draft-project",
        "scheduled-project",
        "draft-news",
        "scheduled-news",
        "draft-page",
    ]:
        assert slug not in text
    assert 'hreflang="x-default"' in text
    # The default's address as the page's own head gives it: one that answers, not the
    # unprefixed one that redirects.
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" '
        'href="http://testserver/zh-hans/projects/public-project/"/>'
    ) in text
    assert 'href="http://testserver/projects/' not in text


def test_the_sitemap_index_lists_every_page_of_a_large_section(client, db, monkeypatch):
    """Each page of a section reads only its own records: every record is listed once in
    each language, whatever the size (Django's i18n sitemaps read them all for each page,
    and the one sitemap showed the first 2,500 projects and articles at most)."""
    monkeypatch.setattr(BilingualSitemap, "limit", 4)  # two records, each in two languages
    projects = f.CooperationProjectFactory.create_batch(5)

    pages = [loc for loc in sitemap_locations(client, "/sitemap.xml") if "projects" in loc]
    assert pages == [
        "http://testserver/sitemap-projects.xml",
        "http://testserver/sitemap-projects.xml?p=2",
        "http://testserver/sitemap-projects.xml?p=3",
    ]
    listed = []
    for page in pages:
        with CaptureQueriesContext(connection) as captured:
            listed += sitemap_locations(client, page.removeprefix("http://testserver"))
        records = [q["sql"] for q in captured.captured_queries if "COUNT(*)" not in q["sql"]]
        assert len(records) == 1 and " LIMIT " in records[0], records
    expected = [
        f"http://testserver/{language}/projects/{project.slug}/"
        for project in projects
        for language in ("zh-hans", "en")
    ]
    assert listed == expected
    assert client.get("/sitemap-projects.xml?p=4").status_code == 404
    assert client.get("/sitemap-projects.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_scheduled_record_coming_due_dates_its_sitemap_entry_and_section(client, content):
    """Its page appears when it comes due, after its last change: crawlers that compare the
    index's lastmod with their last visit must see the section as changed."""
    due = content["scheduled_article"].published_at

    def lastmods(path: str) -> list[datetime]:
        root = ElementTree.fromstring(client.get(path).content)
        return [
            datetime.fromisoformat(element.text)
            for element in root.iter()
            if element.tag.endswith("}lastmod")
        ]

    with time_machine.travel(due + timedelta(minutes=1), tick=False):
        index = client.get("/sitemap.xml").text
        news_lastmod = index.split("sitemap-news.xml</loc><lastmod>")[1].split("<")[0]
        assert datetime.fromisoformat(news_lastmod) >= due
        assert client.get("/sitemap-news.xml").text.count("scheduled-news") >= 2
        # Its entry's date, in the site's time zone, is the day it came due.
        assert max(lastmods("/sitemap-news.xml")).date() == timezone.localtime(due).date()


def test_the_sitemaps_let_only_the_browser_s_xml_viewer_style_them(client, content):
    """A person opening a sitemap sees the browser's XML viewer, which styles the tree inline;
    nothing else may load there, and the portal's pages keep their strict policy."""
    for path in ["/sitemap.xml", "/sitemap-projects.xml"]:
        policy = client.get(path)["Content-Security-Policy"]
        assert policy == (
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
        )
    page_policy = client.get("/en/")["Content-Security-Policy"]
    assert "unsafe-inline" not in page_policy and "style-src 'self'" in page_policy


def test_record_language_pairs_slice_as_the_whole_list_would():
    records = ["a", "b", "c", "d"]
    pairs = RecordLanguagePairs(records, ["zh-hans", "en"])
    whole = [(record, language) for record in records for language in ["zh-hans", "en"]]
    assert pairs.count() == 8
    for start in range(8):
        for stop in range(start, 9):
            assert pairs[start:stop] == whole[start:stop], (start, stop)


def test_the_sitemap_index_is_kept_for_anonymous_readers_until_a_record_changes(
    client, content, settings, monkeypatch
):
    """It counts and dates every section. The sections' pages are not kept: each reads only
    its own records, and all of them hold hundreds of megabytes at 100,000 projects."""
    settings.PORTAL_PAGE_CACHE = True
    monkeypatch.setattr(BilingualSitemap, "limit", 2)  # one record, in two languages
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "miss"
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "hit"
    f.CooperationProjectFactory(slug="new-project")
    response = client.get("/sitemap.xml")
    assert response["X-Page-Cache"] == "miss"
    assert "sitemap-projects.xml?p=2" in response.text
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/sitemap-projects.xml")


@pytest.mark.parametrize(
    ("path", "marker"), [("/en/news/feed/rss/", "<rss"), ("/zh-hans/news/feed/atom/", "<feed")]
)
def test_news_feeds_carry_public_articles_only(client, content, path, marker):
    response = client.get(path)
    assert response.status_code == 200
    assert marker in response.text
    ElementTree.fromstring(response.content)
    assert "public-news" in response.text
    assert "draft-news" not in response.text
    assert "scheduled-news" not in response.text


def test_robots_txt_points_to_the_sitemap_and_hides_the_back_office(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_favicon_ico_leads_to_the_base_icon_in_three_sizes(client, db):
    # Browsers ask for /favicon.ico wherever no page names an icon (a feed, say).
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.ico")
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(finders.find("img/favicon.ico"))
    assert icon.format == "ICO"
    assert icon.info["sizes"] == {(16, 16), (32, 32), (48, 48)}


def ld_json(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_project_page_has_opengraph_and_research_project_json_ld(client, content):
    html = client.get("/en/projects/public-project/").text
    assert '<meta property="og:title" content="Public &lt;project&gt;">' in html
    data = ld_json(html)
    assert data["@type"] == "ResearchProject"
    assert data["name"] == "Public <project>"
    assert data["url"] == "http://testserver/en/projects/public-project/"
    assert "<project>" not in html.split('application/ld+json">')[1].split("</script>")[0]


def test_article_page_has_news_article_json_ld(client, content):
    data = ld_json(client.get("/en/news/public-news/").text)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Public news"


def test_home_page_describes_the_organization(client, db):
    assert ld_json(client.get("/en/").text)["@type"] == "Organization"


def _canonical(response) -> tuple[str, bool]:
    text = response.content.decode()
    found = re.findall(r'<link rel="canonical" href="([^"]+)">', text)
    assert len(found) == 1, found
    return found[0].replace("&amp;", "&"), '<meta name="robots" content="noindex, follow">' in text


def test_a_page_names_its_canonical_address_without_the_query_it_ignores(client, content):
    japan = f.PartnerCountryFactory(country="JP")
    field = f.ResearchFieldFactory(slug="enzymes")
    detail = client.get("/en/projects/public-project/?utm_source=newsletter&page=3")
    assert _canonical(detail) == ("http://testserver/en/projects/public-project/", False)

    # A list keeps its filters and its page past the first, in one order; not the rest.
    listed = client.get(f"/en/projects/?utm_source=x&country={japan.country}&page=1&unit=")
    assert _canonical(listed) == ("http://testserver/en/projects/?country=JP", False)
    f.ArticleFactory.create_batch(10)  # a second page of news
    second = client.get("/zh-hans/news/?page=2")
    assert _canonical(second) == ("http://testserver/zh-hans/news/?page=2", False)

    # Combinations of filters are followed, not indexed.
    both = client.get(f"/en/projects/?field={field.slug}&country=JP")
    assert _canonical(both) == (
        "http://testserver/en/projects/?country=JP&field=enzymes",
        True,
    )

    # A list narrowed by words is a search's results: followed, not indexed.
    searched = client.get("/en/projects/?q=enzyme")
    assert _canonical(searched) == ("http://testserver/en/projects/?q=enzyme", True)


def test_a_parameter_given_twice_keeps_in_the_canonical_address_only_the_value_read(
    client, content
):
    """A filter of one value reads the last one given (``?country=JP&country=CN`` lists
    Chinese partners' projects): the canonical address and its alternates say so, and count
    one filter, not two, as the filter panel does."""
    japan = f.PartnerCountryFactory(country="JP")
    china = f.PartnerCountryFactory(country="CN")
    f.CooperationProjectFactory(
        title_en="Kyoto lab", partners=[f.InstitutionFactory(country=japan)]
    )
    f.CooperationProjectFactory(
        title_en="Beijing lab", partners=[f.InstitutionFactory(country=china)]
    )

    response = client.get("/en/projects/?country=JP&country=CN&utm_source=x")
    assert "Beijing lab" in response.text and "Kyoto lab" not in response.text
    head = _head(response)
    assert _canonical(response) == ("http://testserver/en/projects/?country=CN", False)
    assert head["og:url"] == "http://testserver/en/projects/?country=CN"
    assert head["alternates"]["zh-hans"] == "http://testserver/zh-hans/projects/?country=CN"
    assert '<span class="filter-count"> (1)</span>' in response.text

    # Words: the last ones given; a blank last value filters nothing, and is not kept.
    assert _canonical(client.get("/en/projects/?q=nothing-matches&q=enzyme")) == (
        "http://testserver/en/projects/?q=enzyme",
        True,
    )
    blank_last = client.get("/en/projects/?country=JP&country=")
    assert "Kyoto lab" in blank_last.text and "Beijing lab" in blank_last.text
    assert _canonical(blank_last) == ("http://testserver/en/projects/", False)
    assert 'class="filter-count"' not in blank_last.text

    # The page: the paginator reads the last number too.
    f.ArticleFactory.create_batch(10)
    assert _canonical(client.get("/zh-hans/news/?page=2&page=1")) == (
        "http://testserver/zh-hans/news/",
        False,
    )
    assert _canonical(client.get("/zh-hans/news/?page=1&page=2")) == (
        "http://testserver/zh-hans/news/?page=2",
        False,
    )


def test_a_filter_of_several_values_keeps_every_value_in_the_canonical_address(rf):
    """No list of the portal has one yet: a multiple-choice filter reads every value given,
    and its canonical address keeps them all, in the order given."""

    class Form(forms.Form):
        kind = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
        year = forms.IntegerField(required=False)

    request = rf.get("/en/list/?year=2020&kind=b&kind=a&year=2021&page=3&page=2&utm=x")
    form = Form(request.GET)
    assert form.is_valid() and form.cleaned_data == {"kind": ["b", "a"], "year": 2021}
    assert kept_query(request, form) == ("kind=b&kind=a&page=2&year=2021", 3)
    assert values_read(form.fields["kind"], request.GET, "kind") == ["b", "a"]
    assert values_read(form.fields["year"], request.GET, "year") == ["2021"]


def test_a_missing_page_names_no_canonical_address(client, db):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert 'rel="canonical"' not in response.content.decode()


def _head(response) -> dict[str, object]:
    """What a page's head says about its addresses and itself, its entities unescaped."""
    text = response.content.decode()

    def meta(attribute: str, name: str) -> str:
        [value] = re.findall(rf'<meta {attribute}="{name}" content="([^"]*)">', text)
        return html.unescape(value)

    [title] = re.findall(r"<title>(.*?)</title>", text)
    return {
        "canonical": _canonical(response)[0],
        "alternates": {
            code: html.unescape(url)
            for code, url in re.findall(
                r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text
            )
        },
        "og:url": meta("property", "og:url"),
        "og:title": meta("property", "og:title"),
        "og:description": meta("property", "og:description"),
        "description": meta("name", "description"),
        "title": html.unescape(title),
    }


def test_hreflang_and_og_url_give_the_canonical_address_in_each_language(client, content):
    japan = f.PartnerCountryFactory(country="JP")
    head = _head(client.get(f"/en/projects/?country={japan.country}&utm_source=x&page=1"))

    assert head["canonical"] == head["og:url"] == "http://testserver/en/projects/?country=JP"
    assert head["alternates"] == {
        "zh-hans": "http://testserver/zh-hans/projects/?country=JP",
        "x-default": "http://testserver/zh-hans/projects/?country=JP",
        "en": "http://testserver/en/projects/?country=JP",
    }
    # A record's page: none of the query.
    head = _head(client.get("/zh-hans/projects/public-project/?utm_source=x&page=3"))
    assert head["og:url"] == "http://testserver/zh-hans/projects/public-project/"
    assert head["alternates"]["en"] == "http://testserver/en/projects/public-project/"


def test_the_search_page_names_itself_without_the_words_searched_but_switches_with_them(
    client, content
):
    response = client.get("/en/search/", {"q": "enzyme", "utm_source": "x"})
    head = _head(response)

    # As its canonical address, which keeps no query: it has no filter form.
    assert head["canonical"] == head["og:url"] == "http://testserver/en/search/"
    assert head["alternates"]["zh-hans"] == "http://testserver/zh-hans/search/"
    assert head["alternates"]["en"] == "http://testserver/en/search/"
    # The language switcher keeps the reader on their results, not the campaign's parameters.
    switcher = response.text[response.text.index('class="language-switcher"') :]
    assert 'href="http://testserver/zh-hans/search/?q=enzyme" hreflang="zh-hans"' in switcher


SITE_NAME = "International S&T Cooperation Base"
GENERIC = (
    "Cooperation projects, partners, awards and news of the international science and "
    "technology cooperation base."
)


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/en/projects/", "Cooperation projects"),
        ("/en/news/", "News"),
        ("/en/countries/", "Partner countries"),
        ("/en/countries/jp/", "Japan"),
        ("/en/institutions/", "Partner institutions"),
        ("/en/awards/", "Awards and recognitions"),
        ("/en/achievements/", "Achievements"),
        ("/en/exchanges/", "Talent exchanges"),
        ("/en/fields/", "Research fields"),
        ("/en/units/", "Units"),
        ("/en/researchers/", "Researchers"),
        ("/en/search/", "Search"),
    ],
)
def test_a_page_shares_its_own_title_and_a_list_says_what_it_lists(client, content, path, title):
    f.PartnerCountryFactory(country="JP")
    with translation.override("en"):
        head = _head(client.get(path))

    assert head["og:title"] == title
    assert head["title"] == f"{title} · {SITE_NAME}"
    if "search" not in path:
        assert head["description"] == head["og:description"] != GENERIC


def test_a_country_page_describes_the_country(client, db):
    f.PartnerCountryFactory(country="JP", summary_en="Japan and the base since 2010.")
    f.PartnerCountryFactory(country="CA", summary_en="", summary_zh_hans="")
    with translation.override("en"):
        described = _head(client.get("/en/countries/jp/"))
        undescribed = _head(client.get("/en/countries/ca/"))

    assert described["description"] == "Japan and the base since 2010."
    assert undescribed["description"] == (
        "Cooperation projects, partner institutions and exchanges with Canada."
    )
    assert undescribed["og:description"] == undescribed["description"]
    assert undescribed["og:title"] == "Canada"
