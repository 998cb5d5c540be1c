"""Chinese queries of one or two characters: too short for pg_trgm, so on PostgreSQL they
match the Chinese unigrams and bigrams that portal.0005 stores beside each row, served by a
GIN index; SQLite matches substrings as for every other query.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.search_columns import STORED_GRAMS_COLUMN, common_grams, stored_chinese_grams
from cooperation.publication import PublicationStatus
from portal.search import DOCUMENT_KINDS, KINDS, RESULTS_PER_KIND, search
from tests import factories as f
from tests.pages import scheduled_publication_read
from tests.plans import plan_with_scans_forbidden
from tests.portal.plans import SEARCHED_FACTORIES, has_column

# Chinese as the searches define it (config.search_columns.CHINESE), spelled out to pin the SQL function.
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
GRAMS_INDEX_OF_KIND = {
    "cooperationproject": "coop_project_grams_gin",
    "article": "news_article_grams_gin",
    "institution": "coop_institution_grams_gin",
    "award": "coop_award_grams_gin",
    "achievement": "coop_achievement_grams_gin",
    "exchange": "coop_exchange_grams_gin",
}
# The kinds portal.0009 added, beside those of tests/portal/plans.py.
FACTORIES = {
    **SEARCHED_FACTORIES,
    "achievement": f.AchievementFactory,
    "exchange": f.ExchangeFactory,
}
KIND_IDS = {"ids": lambda kind: kind.public_records().model._meta.model_name}


def expected_grams(text: str) -> set[str]:
    chinese = [bool(CHINESE.fullmatch(char)) for char in text]
    unigrams = {char for char, is_chinese in zip(text, chinese, strict=True) if is_chinese}
    bigrams = {text[i : i + 2] for i in range(len(text) - 1) if chinese[i] and chinese[i + 1]}
    return unigrams | bigrams


def found(results) -> set:
    return {hit.record for group in results.groups for hit in group.hits}


@pytest.fixture
def records(db):
    return {
        "project": f.CooperationProjectFactory(
            title_zh_hans="海洋酶工程", summary_zh_hans="深海微生物的新酶。"
        ),
        "in_summary": f.CooperationProjectFactory(
            title_zh_hans="药物研发", summary_zh_hans="来自海洋的先导化合物"
        ),
        "apart": f.CooperationProjectFactory(title_zh_hans="海水与洋流", summary_zh_hans="观测"),
        # The title's last character and the summary's first are no bigram.
        "across": f.CooperationProjectFactory(title_zh_hans="近海", summary_zh_hans="洋流模型"),
        "draft": f.CooperationProjectFactory(
            title_zh_hans="海洋酶计划",
            publication_status=PublicationStatus.DRAFT,
            published_at=None,
        ),
        "news": f.ArticleFactory(title_zh_hans="海洋酶研讨会召开", summary_zh_hans=""),
        "scheduled_news": f.ArticleFactory(
            title_zh_hans="明天的海洋酶新闻", published_at=timezone.now() + timedelta(days=1)
        ),
        "institution": f.InstitutionFactory(name_zh_hans="中国海洋大学"),
        "award": f.AwardFactory(title_zh_hans="酶工程创新奖"),
        "mixed": f.AwardFactory(title_zh_hans="酶A型抑制剂奖"),
    }


def test_a_one_character_chinese_query_finds_the_public_records_containing_it(records):
    assert found(search("酶", "zh-hans")) == {
        records["project"],
        records["news"],
        records["award"],
        records["mixed"],
    }


def test_a_two_character_chinese_query_finds_the_public_records_containing_the_word(records):
    assert found(search("海洋", "zh-hans")) == {
        records["project"],
        records["in_summary"],
        records["news"],
        records["institution"],
    }


def test_a_short_query_mixing_chinese_and_latin_matches_it_as_a_substring(records):
    assert found(search("酶A", "zh-hans")) == {records["mixed"]}
    assert found(search("酶B", "zh-hans")) == set()


def test_a_short_chinese_search_makes_one_query_per_kind(records, django_assert_num_queries):
    scheduled_publication_read()  # once per content version: not these searches'
    # On PostgreSQL the first search also reads which grams are common, then not for an hour.
    with django_assert_num_queries(len(KINDS) + (connection.vendor == "postgresql")):
        search("海洋", "zh-hans")
    for query in ["酶", "酶A"]:  # the same reading serves every query
        with django_assert_num_queries(len(KINDS)):
            search(query, "zh-hans")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["酶", "海洋", "酶A"])
def test_short_chinese_queries_filter_on_the_stored_grams(query):
    common_grams()  # none is common: no statistics yet
    scheduled_publication_read()  # once per content version: not this search's
    with CaptureQueriesContext(connection) as captured:
        search(query, "zh-hans")
    assert len(captured.captured_queries) == len(KINDS)
    for executed in captured.captured_queries:
        if '"cooperation_researcher"' in executed["sql"]:
            continue  # researchers are looked up by name alone
        if connection.vendor == "postgresql":
            # In the subquery of the newest matches, through that query's own table alias.
            assert f'"U0"."{STORED_GRAMS_COLUMN}" @> ' in executed["sql"]
        else:
            assert STORED_GRAMS_COLUMN not in executed["sql"]


@pytest.mark.django_db
def test_a_common_short_query_is_matched_by_like_and_a_rare_one_through_the_grams(monkeypatch):
    """Which way a short query is matched depends on PostgreSQL's statistics of the grams,
    read after ANALYZE: a gram in most records by LIKE on the newest ones (cheaper per record
    than the grams), a rare one through the grams index. Either finds the same records."""
    common = f.CooperationProjectFactory.create_batch(
        RESULTS_PER_KIND, title_zh_hans="海洋酶工程", summary_zh_hans="深海微生物"
    )
    f.CooperationProjectFactory.create_batch(5, title_zh_hans="药物研发", summary_zh_hans="化合物")
    rare = f.CooperationProjectFactory(title_zh_hans="鲸类保护", summary_zh_hans="观测")
    table = rare._meta.db_table
    # In a table of 26 records one is 4 %: common enough for the default share.
    monkeypatch.setattr("config.search_columns.COMMON_GRAM_SHARE", 0.1)
    if connection.vendor != "postgresql":
        assert common_grams() == {}
        assert found(search("酶", "zh-hans")) == set(common)
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")
    assert "酶" in common_grams()[table]
    assert "鲸" not in common_grams()[table]

    for query, expected, gram_test in [("酶", set(common), False), ("鲸", {rare}, True)]:
        with CaptureQueriesContext(connection) as captured:
            results = search(query, "zh-hans")
        assert found(results) == expected
        (project_sql,) = [q["sql"] for q in captured if f'FROM "{table}" "U0"' in q["sql"]]
        assert (f'"U0"."{STORED_GRAMS_COLUMN}" @> ' in project_sql) is gram_test
        assert ('"U0"."title_zh_hans"::text LIKE ' in project_sql) is not gram_test


def titles(results) -> list[str]:
    return [hit.record.title_zh_hans for group in results.groups for hit in group.hits]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["酶", "酶工程"])
def test_chinese_queries_rank_title_matches_first_then_the_newest(query):
    f.CooperationProjectFactory(title_zh_hans="新型酶工程")
    # Trigram similarity would rank this first: its text starts with the query.
    f.CooperationProjectFactory(title_zh_hans="微生物", summary_zh_hans="酶工程制剂")
    f.CooperationProjectFactory(title_zh_hans="海洋酶工程项目")
    f.CooperationProjectFactory(title_zh_hans="无关", summary_zh_hans="无关")
    if connection.vendor == "postgresql":
        assert titles(search(query, "zh-hans")) == ["海洋酶工程项目", "新型酶工程", "微生物"]
    else:
        # SQLite's stand-in substring match: newest first.
        assert titles(search(query, "zh-hans")) == ["海洋酶工程项目", "微生物", "新型酶工程"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["酶", "新型酶"])
def test_chinese_queries_rank_only_the_newest_matches(monkeypatch, query):
    monkeypatch.setattr("portal.search.SEARCH_CANDIDATES", 2)
    f.CooperationProjectFactory(title_zh_hans="新型酶最早项目")
    f.CooperationProjectFactory(title_zh_hans="微生物", summary_zh_hans="一种新型酶")
    f.CooperationProjectFactory(title_zh_hans="海洋", summary_zh_hans="又一新型酶")
    # Newer records without the word must not take the candidates' places.
    f.CooperationProjectFactory.create_batch(3, title_zh_hans="无关", summary_zh_hans="无关")
    if connection.vendor == "postgresql":
        assert titles(search(query, "zh-hans")) == ["海洋", "微生物"]
    else:
        # SQLite's stand-in substring match: every match, newest first.
        assert titles(search(query, "zh-hans")) == ["海洋", "微生物", "新型酶最早项目"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", DOCUMENT_KINDS, **KIND_IDS)
@pytest.mark.parametrize("query", ["酶", "海洋"])
def test_the_stored_grams_are_served_by_their_index(kind, query):
    model = kind.public_records().model
    if connection.vendor != "postgresql":
        # SQLite searches by substring; the migration adds nothing there.
        assert not has_column(model, STORED_GRAMS_COLUMN)
        return
    # The condition search() filters on, alone: would an index serve it?
    queryset = (
        model.objects.alias(grams=stored_chinese_grams()).filter(grams__contains=[query]).order_by()
    )
    assert GRAMS_INDEX_OF_KIND[model._meta.model_name] in plan_with_scans_forbidden(queryset)


TEXTS = [
    ("海洋酶工程", "深海微生物的新酶。海洋"),
    ("A海B洋", "酶 1 酶2"),
    # Just outside and inside both ranges: U+33FF, U+3400, U+9FFF, U+A000, U+F8FF, U+F900,
    # U+FAFF, U+FB00; then a character beyond the BMP (U+20000), not searched as Chinese.
    ("\u33ff\u3400\u9fff\ua000", "\uf8ff\uf900\ufaff\ufb00\U00020000海"),
    ("只有标题", None),
    ("", ""),
]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", DOCUMENT_KINDS, **KIND_IDS)
def test_the_stored_grams_are_the_chinese_unigrams_and_bigrams(kind):
    model = kind.public_records().model
    if connection.vendor != "postgresql":
        # SQLite searches by substring; the migration adds nothing there.
        assert not has_column(model, STORED_GRAMS_COLUMN)
        return
    factory = FACTORIES[model._meta.model_name]
    ids = {
        factory(**{f"{kind.title_field}_zh_hans": title, f"{kind.text_field}_zh_hans": text}).pk: (
            expected_grams(title) | expected_grams(text or "")
        )
        for title, text in TEXTS
    }
    rows = (
        model.objects.filter(pk__in=ids)
        .annotate(grams=stored_chinese_grams())
        .values_list("pk", "grams")
    )
    stored = {pk: set(grams) for pk, grams in rows}
    assert stored == ids
    assert {"海", "海洋", "\u3400", "\u3400\u9fff", "\uf900\ufaff"} <= set().union(*ids.values())
