"""The search page: each kind's first hits and whether it has more, a search narrowed to one
kind and paged, links in the reader's language, help when nothing is found, named search
landmarks and titles that say what was searched (audit F3/R9, F16, F10, F11, F1, F5)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from portal.search import KINDS, KINDS_BY_KEY, RESULTS_PER_KIND, KindResults, search
from tests import factories as f
from tests.pages import scheduled_publication_read

SITE_NAME = "International S&T Cooperation Base"
# The whole search page, whichever way it is asked for (a query a kind today).
SEARCH_PAGE_MAX_QUERIES = 12


@pytest.fixture
def unit(db):
    return f.UnitFactory()


def enzyme_projects(unit, count: int) -> list:
    """``count`` public projects holding "enzyme" (and 酶), oldest first."""
    return [
        f.CooperationProjectFactory(
            title_en=f"Enzyme study {n}",
            title_zh_hans=f"酶研究{n}",
            summary_en="About enzymes.",
            summary_zh_hans="关于酶。",
            lead_unit=unit,
        )
        for n in range(count)
    ]


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.text, re.S)[1]


def hit_links(response) -> list[str]:
    lists = re.findall(r'<ul class="search-results"[^>]*>(.*?)</ul>', response.text, re.S)
    return [link for hits in lists for link in re.findall(r'<li><a href="([^"]+)"', hits)]


def group(results, key: str):
    [found] = [group for group in results.groups if group.kind.key == key]
    return found


# Each kind's group: what it shows, and whether it has more (F3, R9) ------------------------


def test_a_kind_with_more_hits_than_it_shows_says_so_without_counting_them(unit):
    enzyme_projects(unit, RESULTS_PER_KIND + 1)
    f.AwardFactory(title_en="Enzyme innovation award")

    results = search("enzyme", "en")

    projects = group(results, "projects")
    assert len(projects.hits) == RESULTS_PER_KIND and projects.more
    assert not group(results, "awards").more
    # The total is what is shown, and says it is a lower bound.
    assert results.total == RESULTS_PER_KIND + 1 and results.more


def test_a_kind_with_exactly_as_many_hits_as_it_shows_has_no_more(unit):
    enzyme_projects(unit, RESULTS_PER_KIND)
    results = search("enzyme", "en")
    assert len(group(results, "projects").hits) == RESULTS_PER_KIND
    assert not group(results, "projects").more and not results.more


def test_the_page_says_how_many_each_kind_shows_and_links_to_the_rest(client, unit):
    enzyme_projects(unit, RESULTS_PER_KIND + 1)
    f.AwardFactory(title_en="Enzyme innovation award")

    response = client.get("/en/search/", {"q": "enzyme"})

    assert response.status_code == 200
    text = response.text
    assert f"More than {RESULTS_PER_KIND + 1} results for “enzyme”" in text
    assert f'>Projects<span class="muted"> ({RESULTS_PER_KIND}+)</span></h2>' in text
    assert '>Awards<span class="muted"> (1)</span></h2>' in text
    assert f"Showing the first {RESULTS_PER_KIND} of more than {RESULTS_PER_KIND}." in text
    assert '<a href="?q=enzyme&amp;kind=projects">More projects</a>' in text
    assert "kind=awards" not in text  # all of them are shown

    # Chinese brackets the counts with its own full-width marks, without a space.
    chinese = client.get("/zh-hans/search/", {"q": "enzyme"}).text
    assert f'>合作项目<span class="muted">（{RESULTS_PER_KIND}+）</span></h2>' in chinese
    assert '>奖项荣誉<span class="muted">（1）</span></h2>' in chinese


def test_a_page_of_few_hits_gives_their_true_number(client, unit):
    enzyme_projects(unit, 2)
    response = client.get("/en/search/", {"q": "enzyme"})
    assert "2 results for “enzyme”" in response.text
    assert "More than" not in response.text
    assert "More projects" not in response.text


@pytest.mark.parametrize("query", ["enzyme", "酶", "酶研究", "酶研究项目", "Enzyme 研究"])
def test_the_search_page_stays_within_its_queries(
    client, unit, django_assert_max_num_queries, query
):
    enzyme_projects(unit, RESULTS_PER_KIND + 1)
    with django_assert_max_num_queries(SEARCH_PAGE_MAX_QUERIES):
        everything = client.get("/en/search/", {"q": query})
    with django_assert_max_num_queries(SEARCH_PAGE_MAX_QUERIES):
        narrowed = client.get("/en/search/", {"q": query, "kind": "projects", "page": 1})
    assert everything.status_code == narrowed.status_code == 200


def test_the_first_hits_of_each_kind_are_one_query_each(client, unit):
    enzyme_projects(unit, RESULTS_PER_KIND + 1)
    scheduled_publication_read()  # once per content version: not this search's
    with CaptureQueriesContext(connection) as captured:
        client.get("/en/search/", {"q": "enzyme"})
    assert len(captured) == len(KINDS)  # no count beside them


# A search narrowed to one kind, paged ------------------------------------------------------


def test_a_search_narrowed_to_a_kind_pages_through_its_ranked_hits(client, unit, monkeypatch):
    monkeypatch.setattr("portal.views.KIND_PAGE_SIZE", 2)
    enzyme_projects(unit, 5)
    f.AwardFactory(title_en="Enzyme innovation award")
    with override("en"):
        ranked = [hit.url for hit in group(search("enzyme", "en"), "projects").hits]

    pages = [
        client.get("/en/search/", {"q": "enzyme", "kind": "projects", "page": number})
        for number in (1, 2, 3)
    ]

    assert [response.status_code for response in pages] == [200, 200, 200]
    # Every hit once, in the search's own order; only projects.
    assert [link for response in pages for link in hit_links(response)] == ranked
    assert "innovation award" not in pages[0].text
    first = pages[0].text
    assert "Projects 1–2 of 5 for “enzyme”" in first
    assert "Page 1 of 3" in first
    assert 'rel="next" href="?q=enzyme&amp;kind=projects&amp;page=2"' in first
    assert "Projects 5–5 of 5 for “enzyme”" in pages[2].text
    # The reader can go back to every kind.
    assert '<a href="?q=enzyme">Show results of every kind</a>' in first
    assert '<option value="projects" selected>' in first


def test_a_campaign_s_search_links_keep_its_words_and_kind_but_not_its_parameters(
    client, unit, monkeypatch
):
    """The links a search builds from the reader's query (more of a kind, every kind, its
    pages) leave the tracking parameters out (config.tracking): a cached search is served to
    every campaign's readers."""
    monkeypatch.setattr("portal.views.KIND_PAGE_SIZE", 2)
    enzyme_projects(unit, RESULTS_PER_KIND + 1)
    everything = client.get("/en/search/", {"utm_source": "a", "q": "enzyme", "fbclid": "b"})
    assert '<a href="?q=enzyme&amp;kind=projects">More projects</a>' in everything.text
    narrowed = client.get("/en/search/", {"q": "enzyme", "utm_id": "c", "kind": "projects"})
    assert '<a href="?q=enzyme">Show results of every kind</a>' in narrowed.text
    assert 'rel="next" href="?q=enzyme&amp;kind=projects&amp;page=2"' in narrowed.text
    for response in (everything, narrowed):
        assert "utm_" not in response.text and "fbclid" not in response.text


@pytest.mark.parametrize("number", ["4", "0", "-1", "abc", "9" * 30])
def test_a_page_past_the_end_or_not_a_page_is_not_found_as_on_the_lists(
    client, unit, monkeypatch, number
):
    monkeypatch.setattr("portal.views.KIND_PAGE_SIZE", 2)
    enzyme_projects(unit, 5)
    response = client.get("/en/search/", {"q": "enzyme", "kind": "projects", "page": number})
    assert response.status_code == 404
    # As the directory answers such a page.
    assert client.get("/en/projects/", {"page": number}).status_code == 404


def test_a_kind_pages_only_through_the_matches_a_search_ranks(client, unit, monkeypatch):
    monkeypatch.setattr("portal.search.SEARCH_CANDIDATES", 3)
    enzyme_projects(unit, 5)

    response = client.get("/en/search/", {"q": "enzyme", "kind": "projects"})

    assert len(hit_links(response)) == 3
    assert "Projects 1–3 of the first 3 for “enzyme”" in response.text
    assert "A search lists only the 3 most recently added matches of a kind" in response.text


def test_a_kind_narrowed_to_pages_past_the_loose_chinese_matches_of_the_first_page(
    unit, monkeypatch
):
    """A long Chinese term is matched whole and as pairs of characters; the looser matches
    a kind reads follow what the reader pages through, not the first page's size."""
    monkeypatch.setattr("portal.search.RESULTS_PER_KIND", 2)
    for n in range(4):
        f.CooperationProjectFactory(title_zh_hans=f"海洋创新药物{n}", lead_unit=unit)

    first_hits = search("海洋药物", "zh-hans")
    narrowed = KindResults("海洋药物", "zh-hans", KINDS_BY_KEY["projects"])

    assert group(first_hits, "projects").more
    assert narrowed.count() == 4
    assert len(narrowed[0:50]) == 4


@pytest.mark.parametrize("kind", ["bogus", "Projects", "projects'", "0"])
def test_an_unknown_kind_is_a_form_error_not_a_500(client, unit, kind):
    enzyme_projects(unit, 1)
    response = client.get("/en/search/", {"q": "enzyme", "kind": kind})
    assert response.status_code == 400
    assert 'class="field-error" id="id_kind_error" role="alert"' in response.text
    assert re.search(r'<select[^>]*aria-describedby="id_kind_error"', response.text)
    assert hit_links(response) == []


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.key)
def test_every_kind_can_be_searched_alone(client, db, kind):
    response = client.get("/en/search/", {"q": "enzyme", "kind": kind.key})
    assert response.status_code == 200


# Nothing found (F16) -----------------------------------------------------------------------


@pytest.mark.parametrize("params", [{"q": "xyzzyqq"}, {"q": "xyzzyqq", "kind": "projects"}])
def test_a_search_that_finds_nothing_says_what_to_try(client, db, params):
    response = client.get("/en/search/", params)

    assert response.status_code == 200
    text = response.text
    assert "Check the spelling" in text
    assert "Separate Chinese words with spaces" in text
    assert "looked for as pairs of characters" in text  # what the search does itself
    for path in ("/en/projects/", "/en/countries/", "/en/fields/"):
        assert f'href="{path}"' in text


def test_a_search_that_finds_something_gives_no_help(client, unit):
    enzyme_projects(unit, 1)
    assert "Check the spelling" not in client.get("/en/search/", {"q": "enzyme"}).text


# Links in the reader's language (F10) ------------------------------------------------------


@pytest.mark.parametrize("params", [{"q": "酶研究"}, {"q": "酶研究", "kind": "projects"}])
def test_a_chinese_query_on_the_english_site_links_to_english_pages(client, unit, params):
    [project] = enzyme_projects(unit, 1)

    response = client.get("/en/search/", params)

    assert re.search(r'<a href="[^"]+" lang="zh-hans">', response.text)  # Chinese text
    assert "<mark>酶研究</mark>0" in response.text
    assert hit_links(response) == [f"/en/projects/{project.slug}/"]


def test_an_english_query_on_the_chinese_site_links_to_chinese_pages(client, unit):
    [project] = enzyme_projects(unit, 1)
    response = client.get("/zh-hans/search/", {"q": "enzyme"})
    assert hit_links(response) == [f"/zh-hans/projects/{project.slug}/"]


# Named search landmarks and the error's id (F11, F1) ---------------------------------------


def test_the_two_search_forms_are_named_apart_and_the_box_is_a_search_box(client, db):
    response = client.get("/en/search/", {"q": "enzyme"})

    names = re.findall(r'<form[^>]*role="search"[^>]*aria-label="([^"]+)"', response.text)
    assert names == ["Site search", "Search and filter by kind"]
    assert re.search(r'<input type="search" name="q" value="enzyme"[^>]*id="id_q"', response.text)


def test_the_field_error_has_the_id_the_field_points_to(client, db):
    response = client.get("/en/search/", {"q": "x" * 250})

    assert response.status_code == 400
    described_by = re.search(r'<input[^>]*id="id_q"[^>]*>', response.text)[0]
    assert 'aria-invalid="true"' in described_by
    [target] = re.findall(r'aria-describedby="([^"]+)"', described_by)
    assert f'<p class="field-error" id="{target}" role="alert">' in response.text


# Titles that say what was searched (F5) ----------------------------------------------------


def test_the_title_says_the_query_and_how_many_were_found(client, unit, monkeypatch):
    enzyme_projects(unit, 2)
    assert title_of(client.get("/en/search/", {"q": "enzyme"})) == (
        f"“enzyme” – Search (2 results) · {SITE_NAME}"
    )
    assert title_of(client.get("/en/search/")) == f"Search · {SITE_NAME}"
    assert title_of(client.get("/en/search/", {"q": "x" * 250})) == f"Error: Search · {SITE_NAME}"


def test_the_title_of_a_kind_with_more_says_more(client, unit):
    enzyme_projects(unit, RESULTS_PER_KIND + 1)
    assert title_of(client.get("/en/search/", {"q": "enzyme"})) == (
        f"“enzyme” – Search (more than {RESULTS_PER_KIND} results) · {SITE_NAME}"
    )


def test_the_title_of_a_narrowed_search_says_its_kind_and_page(client, unit, monkeypatch):
    monkeypatch.setattr("portal.views.KIND_PAGE_SIZE", 2)
    enzyme_projects(unit, 3)
    paged = client.get("/en/search/", {"q": "enzyme", "kind": "projects", "page": 2})
    assert title_of(paged) == f"“enzyme” – Projects, page 2 of 2 – Search · {SITE_NAME}"
    one_page = client.get("/en/search/", {"q": "enzyme", "kind": "awards"})
    assert title_of(one_page) == f"“enzyme” – Awards – Search · {SITE_NAME}"
    refused = client.get("/en/search/", {"q": "enzyme", "kind": "nope"})
    assert title_of(refused) == f"Error: Search · {SITE_NAME}"


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("en", {}, "Search"),
        ("en", {"q": "enzyme"}, "“enzyme” – Search (3 results)"),
        ("en", {"q": "Enzyme study 1"}, "“Enzyme study 1” – Search (1 result)"),
        ("en", {"q": "enzyme", "kind": "projects"}, "“enzyme” – Projects, page 1 of 2 – Search"),
        ("en", {"q": "enzyme", "kind": "awards"}, "“enzyme” – Awards – Search"),
        ("en", {"q": "<b>zzz</b>"}, "“&lt;b&gt;zzz&lt;/b&gt;” – Search (0 results)"),
        ("en", {"q": "enzyme", "kind": "nope"}, "Error: Search"),
        ("zh-hans", {}, "搜索"),
        ("zh-hans", {"q": "酶"}, "“酶” – 搜索（3 条结果）"),
        (
            "zh-hans",
            {"q": "酶", "kind": "projects", "page": 2},
            "“酶” – 合作项目，第 2 页，共 2 页 – 搜索",
        ),
        ("zh-hans", {"q": "酶", "kind": "awards"}, "“酶” – 奖项荣誉 – 搜索"),
        ("zh-hans", {"q": "x" * 250}, "错误：搜索"),
    ],
)
def test_the_search_title_in_either_language(client, unit, monkeypatch, language, query, expected):
    """portal_tags.search_title: each of the page's titles, escaped, in the reader's language."""
    monkeypatch.setattr("portal.views.KIND_PAGE_SIZE", 2)
    enzyme_projects(unit, 3)

    title = title_of(client.get(f"/{language}/search/", query))

    assert title.rpartition(" · ")[0] == expected
