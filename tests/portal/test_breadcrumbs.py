"""The breadcrumb trail of detail pages and narrowed news lists: where the page sits, as a
navigation landmark with an ordered list and schema.org BreadcrumbList microdata."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.utils.translation import override

from cooperation.models import ResearchField
from news.models import Article
from portal.breadcrumbs import record_trail, trail_html
from tests import factories as f
from tests.pages import LANGUAGES, url

MAX_QUERIES = 12  # every portal page's ceiling


class Trail(HTMLParser):
    """The trail's steps as a reader meets them: each item's name, its link (None for the
    page itself), whether it is marked the current page, and its microdata position."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.navs, self.steps, self.depth = [], [], 0
        self.inside, self.in_name = False, False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if tag == "nav" and "breadcrumbs" in (attrs.get("class") or ""):
            self.navs.append(attrs)
            self.inside = True
        if not self.inside:
            return
        if tag == "ol":
            assert attrs["itemtype"] == "https://schema.org/BreadcrumbList"
        elif tag == "li":
            assert attrs["itemprop"] == "itemListElement"
            self.steps.append({"name": "", "href": None, "current": False, "lang": None})
        elif tag == "a":
            assert attrs["itemprop"] == "item"
            self.steps[-1]["href"] = attrs["href"]
        elif tag == "span" and attrs.get("aria-current") == "page":
            self.steps[-1]["current"] = True
        elif tag == "span" and attrs.get("itemprop") == "name":
            self.in_name = True
            self.steps[-1]["lang"] = attrs.get("lang")
        elif tag == "meta" and attrs.get("itemprop") == "position":
            self.steps[-1]["position"] = int(attrs["content"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self.inside = False
        if tag == "span":
            self.in_name = False

    def handle_data(self, data: str) -> None:
        if self.in_name:
            self.steps[-1]["name"] += data

    @property
    def names(self) -> list[str]:
        return [step["name"] for step in self.steps]


def trail_of(client, path: str) -> Trail:
    response = client.get(path)
    assert response.status_code == 200, path
    return Trail(response.text)


@pytest.fixture
def records(db):
    parent = f.ResearchFieldFactory(name_en="Gene and protein", slug="gene")
    field = f.ResearchFieldFactory(name_en="Recombinant proteins", slug="proteins", parent=parent)
    institution = f.InstitutionFactory(name_en="Kyoto University")
    project = f.CooperationProjectFactory(
        title_en="Green antibiotics", partners=[institution], fields=[field]
    )
    category = f.CategoryFactory(slug="events", name_en="Events", name_zh_hans="活动")
    return {
        "project": project,
        "field": field,
        "parent": parent,
        "institution": institution,
        "award": f.AwardFactory(title_en="Sichuan award", recipient_project=project),
        "achievement": f.AchievementFactory(title_en="A paper", project=project),
        "exchange": f.ExchangeFactory(title_en="A visit", project=project),
        "article": f.ArticleFactory(title_en="Opening", category=category),
        "researcher": project.principal_investigator or f.ResearcherFactory(name_en="Li Na"),
        "page": f.PageFactory(slug="about", title_en="About the base"),
    }


def in_english(record) -> str:
    with override("en"):
        return str(record)


# Each page: its address, and the trail's names after Home in English.
PAGES = {
    "project": lambda r: (
        url("cooperation:project-detail", "en", slug=r["project"].slug),
        ["Cooperation projects", "Green antibiotics"],
    ),
    "country": lambda r: (
        url("cooperation:country-detail", "en", code=r["institution"].country.code.lower()),
        ["Partner countries", in_english(r["institution"].country)],
    ),
    "institution": lambda r: (
        url("cooperation:institution-detail", "en", slug=r["institution"].slug),
        ["Partner institutions", "Kyoto University"],
    ),
    "field": lambda r: (
        url("cooperation:field-detail", "en", slug="proteins"),
        ["Research fields", "Gene and protein", "Recombinant proteins"],
    ),
    "unit": lambda r: (
        url("cooperation:unit-detail", "en", slug=r["project"].lead_unit.slug),
        ["Units", r["project"].lead_unit.name_en],
    ),
    "researcher": lambda r: (
        url("cooperation:researcher-detail", "en", slug=r["researcher"].slug),
        ["Researchers", r["researcher"].name_en],
    ),
    "award": lambda r: (
        url("cooperation:award-detail", "en", slug=r["award"].slug),
        ["Awards and recognitions", "Sichuan award"],
    ),
    "achievement": lambda r: (
        url("cooperation:achievement-detail", "en", pk=r["achievement"].pk),
        ["Achievements", "A paper"],
    ),
    "exchange": lambda r: (
        url("cooperation:exchange-detail", "en", pk=r["exchange"].pk),
        ["Talent exchanges", "A visit"],
    ),
    "article": lambda r: (
        url("news:article-detail", "en", slug=r["article"].slug),
        ["News", "Events", "Opening"],
    ),
    "page": lambda r: (url("portal:page", "en", slug="about"), ["About the base"]),
}


@pytest.mark.parametrize("kind", PAGES)
def test_a_detail_page_says_where_it_sits_home_section_parent_page(
    client, records, kind, django_assert_max_num_queries, page_cache_off
):
    path, names = PAGES[kind](records)
    with django_assert_max_num_queries(MAX_QUERIES):
        trail = trail_of(client, path)
    assert len(trail.navs) == 1
    assert trail.navs[0]["aria-label"] == "Breadcrumb"
    assert trail.names == ["Home", *names]
    assert [step["position"] for step in trail.steps] == list(range(1, len(names) + 2))
    # Every step but the page itself is a link; the page is marked, and is no link.
    *ancestors, own = trail.steps
    assert all(step["href"] and not step["current"] for step in ancestors)
    assert own["current"] and own["href"] is None
    assert ancestors[0]["href"] == "/en/"


def test_the_steps_link_to_the_section_the_parent_and_a_category_s_news(client, records):
    field = trail_of(client, url("cooperation:field-detail", "en", slug="proteins"))
    assert [step["href"] for step in field.steps[:-1]] == [
        "/en/",
        "/en/fields/",
        "/en/fields/gene/",
    ]
    article = trail_of(client, url("news:article-detail", "en", slug=records["article"].slug))
    assert [step["href"] for step in article.steps[:-1]] == [
        "/en/",
        "/en/news/",
        "/en/news/?category=events",
    ]


def test_the_trail_is_in_the_page_s_language_and_marks_a_name_shown_in_the_other(client, records):
    records["parent"].name_en = ""  # not yet translated: the English page shows the Chinese
    records["parent"].save()
    trail = trail_of(client, url("cooperation:field-detail", "zh-hans", slug="proteins"))
    assert trail.names[:2] == ["首页", "研究领域"]
    assert [step["lang"] for step in trail.steps] == [None, None, None, None]
    english = trail_of(client, url("cooperation:field-detail", "en", slug="proteins"))
    assert english.names[2] == records["parent"].name_zh_hans
    assert [step["lang"] for step in english.steps] == [None, None, "zh-hans", None]


def test_the_separators_are_hidden_from_screen_readers(client, records):
    html = client.get(url("cooperation:field-detail", "en", slug="proteins")).text
    nav = html[
        html.index('<nav class="breadcrumbs') : html.index("</nav>", html.index("breadcrumbs"))
    ]
    assert nav.count('<span class="crumb-separator" aria-hidden="true">') == 3


def test_the_trail_reads_nothing_the_page_has_not_loaded(records, django_assert_num_queries):
    field = ResearchField.objects.select_related("parent").get(slug="proteins")
    article = Article.objects.public().with_list_data().get(pk=records["article"].pk)
    with django_assert_num_queries(0):
        trail_html(record_trail(field))
        trail_html(record_trail(article))


@pytest.mark.parametrize(
    ("query", "names", "links"),
    [
        ({"category": "events"}, ["Home", "News", "Events"], ["/en/", "/en/news/", None]),
        ({"topic": "talent"}, ["Home", "News", "Talent training"], ["/en/", "/en/news/", None]),
        (
            {"category": "events", "topic": "talent"},
            ["Home", "News", "Events", "Talent training"],
            ["/en/", "/en/news/", "/en/news/?category=events", None],
        ),
    ],
)
def test_a_news_list_narrowed_to_a_category_or_topic_sits_below_the_news(
    client, records, query, names, links, django_assert_max_num_queries, page_cache_off
):
    f.TopicFactory(slug="talent", name_en="Talent training")
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url("news:article-list", "en"), query)
    trail = Trail(response.text)
    assert trail.names == names
    assert [step["href"] for step in trail.steps] == links
    assert trail.steps[-1]["current"]


@pytest.mark.parametrize(
    "path",
    [
        url("news:article-list", "en"),
        url("news:article-list", "en") + "?year=2023",
        url("news:article-list", "en") + "?category=nope",  # refused: a 400 page
        url("cooperation:project-list", "en"),
        url("portal:home", "en"),
    ],
)
def test_a_section_s_own_list_and_the_home_page_have_no_trail(client, records, path):
    assert Trail(client.get(path).text).navs == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_section_names_are_the_lists_own_headings(client, records, language):
    trail = trail_of(client, url("cooperation:award-detail", language, slug=records["award"].slug))
    section = client.get(trail.steps[1]["href"]).text
    assert f">{trail.names[1]}</h1>" in section
