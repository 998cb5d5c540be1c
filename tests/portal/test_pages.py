"""Home page and the layout every portal page shares: public figures and records only,
both languages, hreflang links, language switching, error pages, fixed query counts.

Project and news pages are tested in tests/cooperation/test_views.py and tests/news/test_views.py.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from cooperation.models import CooperationProject, PartnerCountry, ProjectStatus
from tests import factories as f
from tests.pages import LANGUAGES, hidden_states, url
from tests.plans import plan_with_sorting_forbidden, table_constraints

MAX_QUERIES = 12  # the ceiling for the home page, whatever the data size


@pytest.fixture
def site(db):
    """Public records, and hidden ones in every state, some in a country of their own."""
    japan = f.PartnerCountryFactory(country="JP")
    canada = f.PartnerCountryFactory(country="CA")
    israel = f.PartnerCountryFactory(country="IL")  # reached only through hidden projects
    kyoto = f.InstitutionFactory(country=japan, name_en="Kyoto University")
    toronto = f.InstitutionFactory(country=canada, name_en="University of Toronto")
    weizmann = f.InstitutionFactory(country=israel, name_en="Weizmann Institute")
    f.PartnerCountryFactory(country="TH")  # a partner country with no project yet
    featured = f.CooperationProjectFactory(
        title_en="Featured project", featured=True, partners=[kyoto]
    )
    completed = f.CooperationProjectFactory(
        title_en="Completed project", status=ProjectStatus.COMPLETED, partners=[toronto, kyoto]
    )
    hidden = [
        f.CooperationProjectFactory(
            title_en=f"Hidden project {i}", featured=True, partners=[weizmann, kyoto], **state
        )
        for i, state in enumerate(hidden_states())
    ]
    article = f.ArticleFactory(title_en="Public news", title_zh_hans="公开新闻")
    hidden_articles = [
        f.ArticleFactory(title_en=f"Hidden news {i}", **state)
        for i, state in enumerate(hidden_states())
    ]
    award = f.AwardFactory()
    hidden_awards = [f.AwardFactory(**state) for state in hidden_states()]
    # Achievements and exchanges count while their project is public, or without one.
    f.AchievementFactory(project=featured)
    f.AchievementFactory(project=None)
    f.ExchangeFactory(country=japan, project=completed, people_count=3)
    f.ExchangeFactory(country=japan, project=None, people_count=4)
    for project in hidden:
        f.AchievementFactory(project=project)
        f.ExchangeFactory(country=israel, project=project, people_count=100)
    return {
        "featured": featured,
        "completed": completed,
        "hidden": hidden,
        "article": article,
        "hidden_articles": hidden_articles,
        "award": award,
        "hidden_awards": hidden_awards,
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_figures_count_public_records_only(client, site, language):
    response = client.get(url("portal:home", language))
    assert response.status_code == 200
    # Japan and Canada have public projects; Israel only hidden ones, Thailand none.
    assert response.context["figures"] == {
        "countries": 2,
        "active_projects": 1,
        "projects": 2,
        "awards": 1,
        "achievements": 2,
        "exchange_people": 7,
    }
    figures = response.text[response.text.index('class="figures"') :]
    assert '<span class="figure-number">2</span>' in figures


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_public_featured_projects_news_and_countries(client, site, language):
    response = client.get(url("portal:home", language))
    assert list(response.context["featured_projects"]) == [site["featured"]]
    assert list(response.context["latest_articles"]) == [site["article"]]
    # The partner-country list: each country with a public project, and how many it has.
    listed = re.findall(
        r'/countries/([a-z]{2})/">[^<]+</a> <span class="muted">(\d+)',
        response.context["partner_countries"]["list"],
    )
    assert dict(listed) == {"jp": "2", "ca": "1"}
    text = response.text
    with override(language):
        assert str(PartnerCountry.objects.get(country="JP")) in text
        assert reverse("cooperation:country-detail", kwargs={"code": "jp"}) in text
    assert (site["article"].title_en if language == "en" else site["article"].title_zh_hans) in text
    assert "Hidden" not in text
    assert f'<html lang="{language}">' in text


def test_home_query_count_is_the_same_for_5_and_40_records(
    client, site, django_assert_max_num_queries
):
    path = url("portal:home", "en")

    def add(count: int) -> None:
        fields = f.ResearchFieldFactory.create_batch(2)
        for _ in range(count):
            institution = f.InstitutionFactory(country=f.PartnerCountryFactory())
            f.CooperationProjectFactory(featured=True, partners=[institution], fields=fields)
            f.ArticleFactory()
            f.AwardFactory()

    add(5)
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        assert client.get(path).status_code == 200
    add(35)
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        assert client.get(path).status_code == 200
    assert len(large) == len(small)


def test_home_reads_its_featured_projects_newest_first_from_an_index(site):
    """Home's featured projects come in order from coop_project_featured_idx, not sorted
    from all of them (1,000 at 100,000 projects). On SQLite the index must at least exist:
    on the newest-first columns, of the featured projects only."""
    f.CooperationProjectFactory.create_batch(3, featured=True)
    f.CooperationProjectFactory.create_batch(3, featured=False)
    featured = CooperationProject.objects.public().featured()
    assert {project.featured for project in featured} == {True}
    if connection.vendor != "postgresql":
        index = table_constraints(CooperationProject)["coop_project_featured_idx"]
        assert index["columns"] == ["start_date", "id"]
        assert index["orders"] == ["DESC", "DESC"]
        return
    plan = plan_with_sorting_forbidden(CooperationProject.objects.public().featured()[:6])
    assert "coop_project_featured_idx" in plan
    assert "Sort" not in plan


@pytest.mark.parametrize(
    "name", ["portal:home", "cooperation:project-list", "news:article-list"]
)  # fmt: skip
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_the_shared_layout(client, site, name, language):
    response = client.get(url(name, language))
    assert response.status_code == 200
    text = response.text
    assert text.count("<h1") == 1
    for landmark in ['<header class="site-header">', "<nav ", '<main id="main"', "<footer"]:
        assert landmark in text, landmark
    assert 'class="skip-link" href="#main"' in text
    for target in ["portal:home", "cooperation:project-list", "news:article-list"]:
        assert f'href="{url(target, language)}"' in text
    assert 'aria-current="page"' in text


def current_nav_links(text: str) -> list[tuple[str, str]]:
    """The hrefs of the main navigation's links marked current, each with its mark: "page"
    on the section's own list, "true" (the current section) on its other pages."""
    nav = text[text.index('<nav class="site-nav"') : text.index("</nav>", text.index("site-nav"))]
    return re.findall(r'<a href="([^"]+)" aria-current="(page|true)"', nav)


def test_the_kept_header_marks_each_page_s_own_section_in_its_language(client, site, settings):
    """The header's parts are rendered once per language and section and kept by the
    worker: each page must still get its own section marked, in its own language."""
    # As in production (development renders the chrome afresh, so template edits show).
    settings.CACHES = {
        **settings.CACHES,
        "template_fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kept-header-test",
        },
    }
    slug = site["featured"].slug
    award = f.AwardFactory()
    visits = [
        ("cooperation:project-list", {}, "cooperation:project-list"),
        ("news:article-list", {}, "news:article-list"),
        ("cooperation:project-detail", {"slug": slug}, "cooperation:project-list"),
        ("news:article-detail", {"slug": site["article"].slug}, "news:article-list"),
        ("portal:home", {}, "portal:home"),
        ("cooperation:country-list", {}, "cooperation:country-list"),
        ("cooperation:award-detail", {"slug": award.slug}, "cooperation:award-list"),
    ]
    for _round in range(2):  # the second round is served from the kept parts
        for language in LANGUAGES:
            for name, kwargs, section in visits:
                text = client.get(url(name, language, **kwargs)).text
                mark = "page" if name == section else "true"
                assert current_nav_links(text) == [(url(section, language), mark)], (name, language)
                search_label = "Search" if language == "en" else "搜索"
                assert f'<button type="submit">{search_label}</button>' in text
                footer = text[text.index('<footer class="site-footer">') :]
                assert f'href="{url("news:article-list", language)}"' in footer


def test_alternate_language_links_keep_the_query_string(client, site):
    text = client.get(
        "/en/projects/?status=active&utm_source=x&sort=title&gclid=y&page=1&fbclid=z"
    ).text
    # The hreflang links keep the query as the canonical address does (its filters, in one
    # order); the language switcher keeps the reader's own, but for its tracking parameters.
    canonical = "?sort=title&amp;status=active"
    assert f'hreflang="zh-hans" href="http://testserver/zh-hans/projects/{canonical}"' in text
    switcher = text[text.index('class="language-switcher"') :]
    asked = "?status=active&amp;sort=title&amp;page=1"
    assert f'href="http://testserver/zh-hans/projects/{asked}" hreflang="zh-hans"' in switcher
    assert f'href="http://testserver/en/projects/{asked}" hreflang="en"' in switcher


def test_the_language_switcher_of_a_campaign_s_link_alone_has_no_query(client, site):
    slug = site["featured"].slug
    response = client.get(f"/en/projects/{slug}/", {"utm_source": "newsletter", "utm_medium": "x"})
    switcher = response.text[response.text.index('class="language-switcher"') :]
    assert f'href="http://testserver/zh-hans/projects/{slug}/" hreflang="zh-hans"' in switcher
    assert "utm_" not in switcher


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_its_other_language_versions(client, site, language):
    slug = site["featured"].slug
    paths = [
        url("portal:home", language),
        url("cooperation:project-list", language),
        url("cooperation:project-detail", language, slug=slug),
        url("news:article-list", language),
        url("news:article-detail", language, slug=site["article"].slug),
    ]
    for path in paths:
        text = client.get(path).text
        bare = path.removeprefix(f"/{language}/")
        zh = f"http://testserver/zh-hans/{bare}"
        assert f'<link rel="alternate" hreflang="zh-hans" href="{zh}">' in text
        assert f'<link rel="alternate" hreflang="en" href="http://testserver/en/{bare}">' in text
        assert f'<link rel="alternate" hreflang="x-default" href="{zh}">' in text


def test_language_switcher_links_to_the_same_page_in_the_other_language(client, site):
    slug = site["featured"].slug
    response = client.get(url("cooperation:project-detail", "en", slug=slug))
    switcher = response.text[response.text.index('class="language-switcher"') :]
    assert f'href="http://testserver/zh-hans/projects/{slug}/" hreflang="zh-hans"' in switcher
    assert 'hreflang="en" lang="en" aria-current="true"' in switcher
    assert client.get(f"/zh-hans/projects/{slug}/").status_code == 200


SWITCH_CASES = [("en", "zh-hans"), ("zh-hans", "en")]


def switch_targets(site) -> list[tuple[str, dict]]:
    return [
        ("portal:home", {}),
        ("cooperation:project-detail", {"slug": site["featured"].slug}),
        ("news:article-list", {}),
    ]


@pytest.mark.parametrize(("current", "other"), SWITCH_CASES)
def test_posting_a_language_switch_keeps_the_reader_on_the_same_page(client, site, current, other):
    # The language cookie and the browser both name the *target* language: the switch
    # must still resolve ``next`` under its own prefix.
    client.cookies["django_language"] = other
    for name, kwargs in switch_targets(site):
        response = client.post(
            reverse("set_language"),
            {"language": other, "next": url(name, current, **kwargs) + "?page=1"},
            HTTP_ACCEPT_LANGUAGE=other,
        )
        assert response.status_code == 302
        assert response["Location"] == url(name, other, **kwargs) + "?page=1"
        assert response.cookies["django_language"].value == other
        assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(("current", "other"), SWITCH_CASES)
@pytest.mark.parametrize("next_url", [None, "https://elsewhere.example/"])
def test_without_a_next_on_this_site_the_switch_goes_to_the_page_the_reader_came_from(
    client, site, current, other, next_url
):
    """Django then goes back to the Referer, which needs its own language prefix resolved
    as ``next`` does: it stayed on the page in the language being left."""
    client.cookies["django_language"] = other
    for name, kwargs in switch_targets(site):
        data = {"language": other} | ({"next": next_url} if next_url else {})
        came_from = "http://testserver" + url(name, current, **kwargs) + "?page=1"
        response = client.post(
            reverse("set_language"), data, HTTP_REFERER=came_from, HTTP_ACCEPT_LANGUAGE=other
        )
        assert response.status_code == 302
        assert response["Location"] == "http://testserver" + url(name, other, **kwargs) + "?page=1"


@pytest.mark.parametrize(("current", "other"), SWITCH_CASES)
def test_djangos_set_language_translates_next_when_the_browser_speaks_its_language(
    client, site, current, other
):
    for name, kwargs in switch_targets(site):
        response = client.post(
            reverse("set_language"),
            {"language": other, "next": url(name, current, **kwargs)},
            HTTP_ACCEPT_LANGUAGE=current,
        )
        assert response.status_code == 302
        assert response["Location"] == url(name, other, **kwargs)
        client.cookies.clear()


def test_the_set_language_endpoint_translates_next_whatever_the_browser_language(client, site):
    response = client.post(
        reverse("set_language"),
        {"language": "zh-hans", "next": url("portal:home", "en")},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response["Location"] == url("portal:home", "zh-hans")


def test_set_language_refuses_to_redirect_off_site(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_root_redirects_to_a_language(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_pages_get_the_404_page_without_touching_the_database(
    client, db, django_assert_num_queries, language
):
    # The first one after a change reads the redirects of retired addresses (portal.redirects),
    # which are then kept: no other 404 touches the database.
    with django_assert_num_queries(1):
        client.get(f"/{language}/first-unknown-page/")
    with django_assert_num_queries(0):
        response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text or "页面不存在" in response.text
    assert 'name="robots" content="noindex"' in response.text
    assert 'hreflang="x-default"' not in response.text  # a missing page has no alternates


def test_the_404_template_renders_without_request_or_database(db, django_assert_num_queries):
    from django.template.loader import render_to_string

    with django_assert_num_queries(0), override("en"):
        html = render_to_string("404.html")
    assert "Page not found" in html


def test_the_500_page_renders_without_database_or_request(db, django_assert_num_queries):
    from django.template.loader import render_to_string

    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Server error" in html
    assert "服务器错误" in html


def test_an_error_in_a_view_gives_the_plain_500_page(client, db, monkeypatch):
    from cooperation.models import PartnerCountryQuerySet

    def broken(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(PartnerCountryQuerySet, "with_public_projects", broken)
    client.raise_request_exception = False
    response = client.get(url("portal:home", "en"))
    assert response.status_code == 500
    assert "Server error" in response.text
    assert "boom" not in response.text


def test_pages_send_a_strict_content_security_policy(client, site):
    response = client.get(url("portal:home", "en"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.text
    assert " style=" not in response.text


def test_home_figures_count_a_scheduled_project_at_once(client, site):
    """The figures are kept while the records are unchanged; a scheduled project coming due
    changes no row, yet it counts on the home page at once."""
    now = timezone.now()
    f.CooperationProjectFactory(published_at=now + timedelta(seconds=5))
    f.AwardFactory(published_at=now + timedelta(seconds=5))
    home = url("portal:home", "en")
    with time_machine.travel(now, tick=False):
        before = client.get(home).context["figures"]
    with time_machine.travel(now + timedelta(seconds=10), tick=False):
        after = client.get(home).context["figures"]
    assert after["projects"] == before["projects"] + 1
    assert after["awards"] == before["awards"] + 1


def test_home_partner_countries_are_rendered_once_per_language_and_version(client, site):
    """The map and list of partner countries are kept as HTML: per language, and fresh the
    moment a country gains its first public project."""
    english = client.get(url("portal:home", "en")).text
    chinese = client.get(url("portal:home", "zh-hans")).text
    japan = PartnerCountry.objects.get(country="JP")
    for language, text in (("en", english), ("zh-hans", chinese)):
        with override(language):
            assert f">{japan.country.name}</a>" in text
            assert f'href="{japan.get_absolute_url()}"' in text
    assert ">Germany</a>" not in english
    germany = f.InstitutionFactory(country=f.PartnerCountryFactory(country="DE"))
    f.CooperationProjectFactory(partners=[germany])
    assert ">Germany</a>" in client.get(url("portal:home", "en")).text


@pytest.mark.parametrize(
    "name",
    [
        "portal:home",
        "cooperation:project-list",
        "cooperation:institution-list",
        "cooperation:researcher-list",
        "cooperation:award-list",
        "cooperation:achievement-list",
        "cooperation:exchange-list",
        "news:article-list",
    ],
)
def test_no_link_of_a_page_carries_a_campaign_s_parameters_on(client, site, name):
    """A campaign's link (config.tracking) opens the page it names, none of whose links (its
    downloads, pages, facets, language switcher) hands the campaign's parameters on: the
    anonymous page cache serves that page to every campaign's readers."""
    response = client.get(url(name, "en"), {"utm_source": "a", "page": "1", "fbclid": "b"})
    assert response.status_code == 200
    assert "utm_" not in response.text and "fbclid" not in response.text
