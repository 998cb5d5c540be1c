"""A search that finds nothing or little, of words written as the other language's readers write
them (Chinese characters on the English site, Latin letters on the Chinese one), offers the same
search on the other language's portal, in that language; with nothing found, the help still
follows (portal.search.SearchResults.other_language)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.search import FEW_RESULTS, KINDS, script_language
from tests import factories as f

pytestmark = pytest.mark.django_db


def offer(response) -> str | None:
    found = re.search(r'<p class="search-other-language">(.*?)</p>', response.text)
    return found[1] if found else None


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("酶", "en", "zh-hans"),
        ("enzyme 酶", "en", "zh-hans"),
        ("enzyme", "en", None),
        ("enzyme", "zh-hans", "en"),
        ("酶 enzyme", "zh-hans", None),
        ("酶", "zh-hans", None),
        ("2024", "zh-hans", None),  # digits are no language's
    ],
)
def test_the_query_s_script_suggests_the_other_language(query, language, expected):
    assert script_language(query, language) == expected


def test_a_chinese_query_that_finds_nothing_on_the_english_site_offers_the_chinese_one(client):
    response = client.get("/en/search/", {"q": '抗生素 "x'})

    link = offer(response)
    assert link.startswith(
        '<a href="/zh-hans/search/?q=%E6%8A%97%E7%94%9F%E7%B4%A0+%22x" hreflang="zh-hans" '
        'lang="zh-hans">'
    )
    assert "“抗生素 &quot;x”" in link  # the words, escaped, in the other language's message
    assert 'class="search-help"' in response.text  # and the help, as before


def test_latin_letters_on_the_chinese_site_offer_the_english_one_in_english(client):
    response = client.get("/zh-hans/search/", {"q": "marine enzymes"})

    assert offer(response) == (
        '<a href="/en/search/?q=marine+enzymes" hreflang="en" lang="en">'
        "Search for “marine enzymes” on the English site</a>"
    )


def test_the_offer_leaves_out_the_tracking_parameters_as_the_language_switcher_does(client):
    response = client.get(
        "/zh-hans/search/", {"utm_source": "news", "q": "marine enzymes", "gclid": "x"}
    )

    assert offer(response).startswith('<a href="/en/search/?q=marine+enzymes" hreflang="en"')


def test_a_few_hits_still_offer_it_and_more_do_not(client):
    projects = f.CooperationProjectFactory.create_batch(
        FEW_RESULTS, title_en="Enzyme study", summary_en="About enzymes."
    )

    few = client.get("/zh-hans/search/", {"q": "enzyme"})
    assert offer(few) is not None
    assert 'class="search-help"' not in few.text  # hits, no help

    f.CooperationProjectFactory(title_en="Enzyme study", lead_unit=projects[0].lead_unit)
    assert offer(client.get("/zh-hans/search/", {"q": "enzyme"})) is None


def test_a_query_in_the_page_s_own_script_gets_no_offer(client):
    assert offer(client.get("/en/search/", {"q": "nothing-like-it"})) is None
    assert offer(client.get("/zh-hans/search/", {"q": "无此词"})) is None
    assert offer(client.get("/zh-hans/search/")) is None


def test_the_offer_asks_the_database_nothing_more(client):
    def statements(path: str, query: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(path, {"q": query})
        return len(ctx.captured_queries)

    client.get("/en/search/", {"q": "warm"})  # what every search reads once
    # Words of their own: a search's ranking is kept, and both portals share it.
    assert statements("/zh-hans/search/", "zzyzx") == statements("/en/search/", "qyxxz")
    assert statements("/zh-hans/search/", "xyzzq") <= len(KINDS)
