"""A search's ranking kept per query while the public records are unchanged (portal.search:
_first_matches): another address of the same search, in either language, reads its records
by key; a search narrowed to one kind counts its matches once for all its pages. What
readers get is the same. And what the search page renders once per worker (its kind select) or marks faster
(Highlighter) gives the same HTML."""

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import override

from cooperation.publication import PublicationStatus
from portal.search import KINDS, Highlighter
from tests import factories as f
from tests.pages import scheduled_publication_read

RANKED = re.compile(r"ORDER BY", re.IGNORECASE)


# Ranked alike by PostgreSQL's full-text rank: among such projects, the newest come first.
ENZYME_TEXT = {"summary_en": "About enzymes & <other> things.", "summary_zh_hans": "关于酶。"}


@pytest.fixture
def records(db):
    """Enzyme records of three kinds: projects (more than the page shows), news, an award."""
    unit = f.UnitFactory()
    projects = [
        f.CooperationProjectFactory(
            **ENZYME_TEXT, title_en=f"Enzyme study {n}", title_zh_hans=f"酶研究{n}", lead_unit=unit
        )
        for n in range(22)
    ]
    return {
        "projects": projects,
        "news": f.ArticleFactory(title_en="Enzyme conference held", title_zh_hans="酶学会议召开"),
        "award": f.AwardFactory(title_en="Enzyme innovation award", title_zh_hans="酶创新奖"),
    }


def hit_links(response) -> list[str]:
    lists = re.findall(r'<ul class="search-results"[^>]*>(.*?)</ul>', response.text, re.S)
    return [link for hits in lists for link in re.findall(r'<li><a href="([^"]+)">', hits)]


def english_url(record) -> str:
    with override("en"):
        return record.get_absolute_url()


def results_html(response) -> str:
    """The page's results: the count, each kind's heading, hits, marks and links."""
    text = response.content.decode()
    return text[text.index('<p class="results-count"') : text.index("</main>")]


def statements(client, path: str, params: dict) -> tuple[list[str], object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries], response


def test_another_address_of_the_same_search_reads_its_ranking_by_key(client, records):
    scheduled_publication_read()  # once per content version: not this search's
    first, page = statements(client, "/en/search/", {"q": "enzyme"})
    # The search form sends the kind it narrows to, empty for every kind: another address.
    again, same_page = statements(client, "/en/search/", {"q": "enzyme", "kind": ""})
    other_portal, chinese_page = statements(client, "/zh-hans/search/", {"q": "enzyme"})

    assert len(first) == len(KINDS)
    # One query for each of the three kinds that found records, by key: nothing ranked.
    assert len(again) == len(other_portal) == 3
    assert not any(RANKED.search(sql) for sql in again + other_portal)
    assert results_html(same_page) == results_html(page)
    assert "More than 22 results for “enzyme”" in results_html(page)
    # The Chinese portal shows the same records in the same order, linked in Chinese.
    links = hit_links(page)
    assert hit_links(chinese_page) == [link.replace("/en/", "/zh-hans/", 1) for link in links]
    assert len(links) == 22  # 20 projects, the article, the award


def test_a_search_that_found_nothing_asks_nothing_the_second_time(client, records):
    statements(client, "/en/search/", {"q": "zebrafish"})
    again, response = statements(client, "/en/search/", {"q": "zebrafish", "kind": ""})
    assert again == []
    assert "0 results for “zebrafish”" in response.text


def test_a_record_change_ranks_the_search_afresh(client, records):
    newest = records["projects"][-1]
    assert english_url(newest) in hit_links(client.get("/en/search/", {"q": "enzyme"}))

    newest.publication_status = PublicationStatus.ARCHIVED
    newest.save()
    added = f.CooperationProjectFactory(**ENZYME_TEXT, title_en="Enzyme study new")

    links = hit_links(client.get("/en/search/", {"q": "enzyme"}))
    assert english_url(newest) not in links
    assert links[0] == english_url(added)


def test_a_scheduled_record_coming_due_is_found_at_once(client, records):
    """Nothing is saved when it comes due: the ranking kept for the query counts only until
    the next scheduled publication, as the directory's facets do."""
    now = timezone.now()
    scheduled = f.CooperationProjectFactory(
        **ENZYME_TEXT, title_en="Enzyme study tomorrow", published_at=now + timedelta(seconds=5)
    )
    with time_machine.travel(now, tick=False):
        before = hit_links(client.get("/en/search/", {"q": "enzyme"}))
    with time_machine.travel(now + timedelta(seconds=10), tick=False):
        after = hit_links(client.get("/en/search/", {"q": "enzyme"}))
    assert english_url(scheduled) not in before
    assert after[0] == english_url(scheduled)


def test_a_narrowed_search_counts_its_matches_once_for_all_its_pages(client, records, monkeypatch):
    monkeypatch.setattr("portal.views.KIND_PAGE_SIZE", 10)
    scheduled_publication_read()  # once per content version: not this search's
    projects = {"q": "enzyme", "kind": "projects"}
    first, page_one = statements(client, "/en/search/", {**projects, "page": 1})
    second, page_two = statements(client, "/en/search/", {**projects, "page": 2})
    third, page_three = statements(client, "/en/search/", {**projects, "page": 3})

    # The first page counts the matches, then reads its own; the next ones only their own.
    assert len(first) == 2 and "COUNT(" in first[0]
    assert len(second) == len(third) == 1 and "COUNT(" not in second[0] + third[0]
    assert "Projects 11–20 of 22 for “enzyme”" in page_two.text
    assert "Projects 21–22 of 22 for “enzyme”" in page_three.text
    # Newest first (each title holds the word), as the search page ranks them.
    shown = [link for response in (page_one, page_two, page_three) for link in hit_links(response)]
    assert shown == [english_url(project) for project in reversed(records["projects"])]


def test_the_kind_select_is_rendered_once_per_language_and_choice(client, records, settings):
    """Kept by each worker (the template_fragments cache; dummy while developing, so this
    test keeps it as production does): each choice, in each language, shows itself chosen,
    and a refused one is rendered afresh with its error."""
    settings.CACHES = {
        **settings.CACHES,
        "template_fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-search-kind-select",
        },
    }

    def chosen(path: str, kind: str | None) -> list[str]:
        params = {"q": "enzyme"} if kind is None else {"q": "enzyme", "kind": kind}
        text = client.get(path, params).text
        return re.findall(r'<option value="([^"]*)" selected>', text)

    for _ in range(2):  # rendered, then kept
        assert chosen("/en/search/", None) == [""]
        assert chosen("/en/search/", "projects") == ["projects"]
        assert chosen("/en/search/", "awards") == ["awards"]
        assert chosen("/zh-hans/search/", "awards") == ["awards"]
    assert (
        '<option value="awards" selected>奖项荣誉</option>'
        in client.get("/zh-hans/search/", {"q": "enzyme", "kind": "awards"}).text
    )
    refused = client.get("/en/search/", {"q": "enzyme", "kind": "bogus"})
    assert refused.status_code == 400
    assert re.search(r'<select[^>]*aria-invalid="true"', refused.text)


@pytest.mark.parametrize(
    "text",
    ['Enzyme & "quoted" <b>tags</b> it\'s', "Charité enzyme ENZYME", "酶 & <酶>", ""],
)
def test_marked_text_is_escaped_as_django_escapes_it(text):
    marked = Highlighter("enzyme 酶 charite")(text)
    unmarked = re.sub(r"</?mark>", "", str(marked))
    assert unmarked == escape(text) == html.escape(text)
    assert str(Highlighter("")(text)) == escape(text)
