"""A Chinese query of several words written without spaces ("海洋药物"): Chinese puts no
spaces between words, so a long term is matched as its pairs of characters (word_pairs), as a
search engine's Chinese bigrams match it, and the records holding it whole come first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.search_columns import STORED_GRAMS_COLUMN
from cooperation.models import CooperationProject
from portal.search import KINDS, search, word_pairs
from tests import factories as f


def titles(results) -> list[str]:
    return [hit.record.title_zh_hans for group in results.groups for hit in group.hits]


@pytest.mark.parametrize(
    ("term", "pairs"),
    [
        ("海洋药物", ["海洋", "药物"]),
        ("海洋微生物", ["海洋", "微生", "生物"]),
        ("海洋创新药物", ["海洋", "创新", "药物"]),
        # Shorter terms are words, matched whole; a term with other characters too.
        ("微生物", []),
        ("海洋", []),
        ("海洋药物A", []),
        ("marine", []),
    ],
)
def test_a_long_chinese_term_is_matched_as_the_pairs_that_cover_it(term, pairs):
    assert word_pairs(term) == pairs


@pytest.fixture
def projects(db):
    """Oldest first: the order the newest-first stand-in (SQLite) reverses."""
    return {
        "whole_in_title": f.CooperationProjectFactory(
            title_zh_hans="海洋药物筛选平台", summary_zh_hans="平台"
        ),
        "whole_in_text": f.CooperationProjectFactory(
            title_zh_hans="先导化合物", summary_zh_hans="面向海洋药物的先导化合物"
        ),
        "apart_in_title": f.CooperationProjectFactory(
            title_zh_hans="海洋创新药物研究", summary_zh_hans="研究"
        ),
        "apart_in_both": f.CooperationProjectFactory(
            title_zh_hans="新型药物递送", summary_zh_hans="来自海洋的材料"
        ),
        "one_word_only": f.CooperationProjectFactory(
            title_zh_hans="海洋观测", summary_zh_hans="洋流"
        ),
        "across_the_words": f.CooperationProjectFactory(
            title_zh_hans="洋药", summary_zh_hans="无关"
        ),
    }


def test_a_chinese_query_without_spaces_finds_its_words_written_apart(projects):
    found = titles(search("海洋药物", "zh-hans"))
    assert set(found) == {
        "海洋药物筛选平台",
        "先导化合物",
        "海洋创新药物研究",
        "新型药物递送",
    }


def test_records_holding_the_whole_query_come_first(projects):
    found = titles(search("海洋药物", "zh-hans"))
    if connection.vendor == "postgresql":
        # The whole query in the title, then anywhere, then its words apart, newest first.
        assert found == ["海洋药物筛选平台", "先导化合物", "新型药物递送", "海洋创新药物研究"]
    else:
        # SQLite's stand-in substring match: newest first.
        assert found == ["新型药物递送", "海洋创新药物研究", "先导化合物", "海洋药物筛选平台"]


def test_each_word_of_the_query_is_marked(projects, client):
    page = client.get("/zh-hans/search/", {"q": "海洋药物"}).content.decode()
    assert "<mark>海洋</mark>创新<mark>药物</mark>研究" in page
    # Held whole, the query is marked whole.
    assert "<mark>海洋药物</mark>筛选平台" in page


def test_words_without_spaces_and_with_them_combine(projects):
    """A long Chinese term among others: each is held, the long one by its pairs."""
    f.CooperationProjectFactory(title_zh_hans="海洋创新药物", summary_zh_hans="平台 enzyme")
    assert titles(search("海洋药物 enzyme", "zh-hans")) == ["海洋创新药物"]
    assert set(titles(search("平台 海洋药物", "zh-hans"))) == {"海洋药物筛选平台", "海洋创新药物"}


def test_a_whole_match_is_not_pushed_out_by_newer_loose_ones(projects, monkeypatch):
    """Only the newest SEARCH_CANDIDATES matches holding the query whole are ranked, and
    beside them the newest looser ones that could fill the page."""
    monkeypatch.setattr("portal.search.SEARCH_CANDIDATES", 1)
    monkeypatch.setattr("portal.search.RESULTS_PER_KIND", 2)
    found = titles(search("海洋药物", "zh-hans"))
    if connection.vendor == "postgresql":
        # The newest whole match, then the newest loose one.
        assert found == ["先导化合物", "新型药物递送"]
    else:
        # SQLite's stand-in substring match ranks every match, newest first.
        assert found == ["新型药物递送", "海洋创新药物研究"]


def test_a_chinese_query_without_spaces_is_one_query_a_kind_served_by_the_grams(projects):
    search("海洋", "zh-hans")  # the common grams are read once a process (PostgreSQL)
    with CaptureQueriesContext(connection) as captured:
        search("海洋药物", "zh-hans")
    assert len(captured) == len(KINDS)
    if connection.vendor == "postgresql":
        table = CooperationProject._meta.db_table
        (project_sql,) = [q["sql"] for q in captured if f'FROM "{table}" "U0"' in q["sql"]]
        assert f'"{STORED_GRAMS_COLUMN}" @> ' in project_sql
