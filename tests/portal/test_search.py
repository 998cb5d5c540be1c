"""Search: one entry point over projects, news, institutions, awards, achievements, exchanges
(tests/portal/test_search_achievements_exchanges.py) and researchers (by name); public only."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from config.search_columns import common_grams
from cooperation.models import Researcher
from cooperation.publication import PublicationStatus
from portal.search import KINDS, Highlighter, search
from tests import factories as f
from tests.pages import scheduled_publication_read


@pytest.fixture
def records(db):
    japan = f.PartnerCountryFactory(country="JP")
    kyoto = f.InstitutionFactory(country=japan, name_en="Kyoto University", name_zh_hans="京都大学")
    return {
        "enzyme": f.CooperationProjectFactory(
            title_en="Enzyme engineering for antibiotics",
            title_zh_hans="抗生素酶工程研究",
            summary_en="Designing enzymes that make drugs greener.",
            summary_zh_hans="设计更绿色的制药用酶。",
            partners=[kyoto],
        ),
        "prostate": f.CooperationProjectFactory(
            title_en="Prostate cancer imaging",
            title_zh_hans="前列腺癌影像诊断",
            summary_en="Minimally invasive diagnosis.",
            summary_zh_hans="前列腺癌微创诊疗。",
        ),
        "draft": f.CooperationProjectFactory(
            title_en="Secret enzyme plan",
            title_zh_hans="保密的酶计划",
            publication_status=PublicationStatus.DRAFT,
            published_at=None,
        ),
        "scheduled_news": f.ArticleFactory(
            title_en="Enzyme news tomorrow", published_at=timezone.now() + timedelta(days=1)
        ),
        "news": f.ArticleFactory(title_en="Enzyme conference held", title_zh_hans="酶学会议召开"),
        "award": f.AwardFactory(title_en="Enzyme innovation award", title_zh_hans="酶创新奖"),
        "kyoto": kyoto,
    }


def found(results) -> set:
    return {hit.record for group in results.groups for hit in group.hits}


def test_english_search_covers_every_kind_and_only_public_records(records):
    results = search("enzyme", "en")
    assert found(results) == {records["enzyme"], records["news"], records["award"]}


def test_chinese_search_finds_chinese_text(records):
    assert found(search("前列腺", "zh-hans")) == {records["prostate"]}
    assert found(search("酶", "en")) == {records["enzyme"], records["news"], records["award"]}
    assert found(search("京都", "zh-hans")) == {records["kyoto"]}


def test_a_chinese_querys_hits_say_they_are_chinese_on_an_english_page(client, records):
    """Shown in Chinese whatever the page's language: a screen reader reads them with a
    Chinese voice (the page says lang="en"). Each title and snippet says so, not the list,
    whose labels ("Identifier") are English."""
    chinese = client.get("/en/search/", {"q": "前列腺"}).content.decode()
    project = records["prostate"].get_absolute_url()
    assert f'<a href="{project}" lang="zh-hans"><mark>前列腺</mark>癌影像诊断</a>' in chinese
    assert '<p lang="zh-hans"><mark>前列腺</mark>癌微创诊疗。</p>' in chinese
    assert '<ul class="search-results">' in chinese
    english = client.get("/en/search/", {"q": "prostate"}).content.decode()
    assert f'<a href="{project}"><mark>Prostate</mark> cancer imaging</a>' in english
    assert "<p>Minimally invasive diagnosis.</p>" in english


def test_a_hit_shown_untranslated_says_its_language(client, records):
    """A record not yet translated shows its other language's text (modeltranslation's
    fallback), in a hit as on its page: the hit says which, where the list said the page's
    (an English title read with a Chinese voice)."""
    article = f.ArticleFactory(
        title_en="Audit of the enzyme plant",
        title_zh_hans="",
        summary_en="An English-only summary.",
        summary_zh_hans="",
    )
    half = f.CooperationProjectFactory(
        title_en="Audit of partner labs",
        title_zh_hans="合作实验室审计",
        summary_en="Only the title is translated.",
        summary_zh_hans="",
    )

    page = client.get("/zh-hans/search/", {"q": "audit"}).content.decode()

    with override("zh-hans"):
        article_url, half_url = article.get_absolute_url(), half.get_absolute_url()
    assert f'<a href="{article_url}" lang="en"><mark>Audit</mark> of the enzyme plant</a>' in page
    assert '<p lang="en">An English-only summary.</p>' in page
    # Its title in Chinese (the page's language), its summary shown in English.
    assert f'<a href="{half_url}">合作实验室审计</a>' in page
    assert '<p lang="en">Only the title is translated.</p>' in page


def test_a_search_in_the_other_languages_script_quotes_it_in_that_language(client, records):
    """A Chinese search on the English site ("8 results for “前列腺”") quotes the words for a
    Chinese voice to read, Latin words on the Chinese site for an English one; the page's
    own script is left as it is."""
    english = client.get("/en/search/", {"q": "前列腺"}).content.decode()
    assert '1 result for “<span lang="zh-hans">前列腺</span>”' in english
    narrowed = client.get("/en/search/", {"q": "前列腺", "kind": "projects"}).content.decode()
    assert 'of 1 for “<span lang="zh-hans">前列腺</span>”' in narrowed
    chinese = client.get("/zh-hans/search/", {"q": "Kyoto"}).content.decode()
    assert '“<span lang="en">Kyoto</span>”的搜索结果共' in chinese
    assert "1 result for “prostate”" in client.get("/en/search/", {"q": "prostate"}).text
    # Still escaped, as the words were before.
    hostile = client.get("/zh-hans/search/", {"q": "<b>x</b>"}).content.decode()
    assert '<span lang="en">&lt;b&gt;x&lt;/b&gt;</span>' in hostile


def test_english_search_is_full_text_on_postgresql_and_substring_elsewhere(records):
    if connection.vendor == "postgresql":
        # Stemming: "designs" finds "Designing"; phrase search; title matches rank first.
        assert found(search("designs", "en")) == {records["enzyme"]}
        assert found(search('"prostate cancer"', "en")) == {records["prostate"]}
        assert found(search("cancer prostate", "en")) == {records["prostate"]}
    else:
        # The SQLite fallback matches each word as a substring.
        assert found(search("designs", "en")) == set()
        assert found(search("prostate cancer", "en")) == {records["prostate"]}
        assert found(search("cancer prostate", "en")) == {records["prostate"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cancer prostate", {"prostate"}),
        ("前列腺 微创", {"prostate"}),  # one in the title, one in the summary
        ("微创 前列腺", {"prostate"}),
        ("酶 绿色", {"enzyme"}),
        ("enzyme 抗生素", {"enzyme"}),  # a word of each language
        ("ANTIBIOTICS 酶", {"enzyme"}),
        ("前列腺 酶", set()),  # every term, not any
        ("前列腺 kyoto", set()),
    ],
)
def test_every_term_of_a_query_is_matched_in_any_order(records, query, expected):
    """A query of several terms finds the records holding each of them; the whole query was
    one string, so "海洋 药物" found nothing where a record said 海洋创新药物."""
    assert found(search(query, "zh-hans")) == {records[name] for name in expected}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("ｅｎｚｙｍｅ", "enzyme"), ("ＥＮＺＹＭＥ", "enzyme"), ("前列腺\u3000微创", "前列腺 微创")],
)
def test_full_width_letters_and_spaces_count_as_their_ordinary_forms(records, typed, meant):
    """As a Chinese input method types them: full-width letters, the ideographic space."""
    assert found(search(meant, "en"))
    assert found(search(typed, "en")) == found(search(meant, "en"))


def test_partial_words_in_titles_are_found(records):
    assert records["enzyme"] in found(search("antibio", "en"))


@pytest.mark.parametrize("query", ["ngineer", "NGINEER", "nGiNeErInG fOr AnTi"])
def test_partial_words_in_titles_are_found_whatever_their_case(records, query):
    # Inside a word: full-text search cannot find it, only the titles' substring match.
    assert found(search(query, "en")) == {records["enzyme"]}


@pytest.mark.parametrize("query", ["%", "_", "%%", "a_b", "\\", "' OR 1=1 --", "{{ 7*7 }}", "   "])
def test_wildcards_and_syntax_are_plain_text(records, query):
    assert found(search(query, "en")) == set()


def test_matches_are_highlighted_and_escaped():
    assert Highlighter("enzyme")("Enzyme <b>engineering</b>") == (
        "<mark>Enzyme</mark> &lt;b&gt;engineering&lt;/b&gt;"
    )
    assert Highlighter("前列腺")("前列腺癌影像") == "<mark>前列腺</mark>癌影像"


def test_a_chinese_query_shows_the_chinese_text_it_matched_but_links_in_the_pages_language(
    records,
):
    hit = search("前列腺", "en").groups[0].hits[0]
    assert hit.title == "<mark>前列腺</mark>癌影像诊断"
    # The reader stays on the English site (audit F10).
    assert hit.url == "/en/projects/" + records["prostate"].slug + "/"


def test_search_page_shows_highlighted_results(client, records):
    with override("en"):
        response = client.get(reverse("portal:search"), {"q": "enzyme"})
    assert response.status_code == 200
    assert "<mark>Enzyme</mark> engineering for antibiotics" in response.text
    assert "Secret enzyme plan" not in response.text
    assert '<meta name="robots" content="noindex">' in response.text


@pytest.mark.parametrize("query", ["x" * 10_000, "a\x00b", "enzyme\x00"])
def test_hostile_search_terms_get_a_form_error_not_a_500(client, records, query):
    with override("en"):
        response = client.get("/en/search/", {"q": query})
    assert response.status_code == 400
    assert 'class="field-error" id="id_q_error" role="alert"' in response.text


def test_repeated_and_empty_queries_are_harmless(client, records):
    assert client.get("/en/search/?q=enzyme&q=prostate").status_code == 200
    assert client.get("/en/search/").status_code == 200
    assert client.get("/en/search/?q=").status_code == 200


def test_search_makes_one_query_per_kind(records, django_assert_max_num_queries):
    scheduled_publication_read()  # once per content version: not this search's
    with django_assert_max_num_queries(len(KINDS)):
        search("enzyme", "en")
    # Achievements and exchanges added a query each (5 -> 7).
    assert len(KINDS) == 7


@pytest.mark.parametrize("query", ["enzyme", "酶", "酶学会议", "kyoto"])
def test_search_loads_only_what_a_hit_shows(client, records, query):
    """Ranking a common word reads thousands of rows: only the columns a hit shows come back,
    never an article's body, and showing the hits loads nothing more (no deferred column is
    fetched afterwards: one query per kind, page included)."""
    common_grams()  # read once an hour by each process: not part of this page
    scheduled_publication_read()  # once per content version: nor this
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert b"<mark>" in response.content
    statements = [q["sql"] for q in captured.captured_queries]
    assert len(statements) == len(KINDS), statements
    assert not any('"body_en"' in sql or '"body_zh_hans"' in sql for sql in statements)


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("Li Na", "en", ["Li Na"]),
        ("li", "en", ["Li Na"]),
        ("Na  Li", "en", ["Li Na"]),  # a Chinese name in the English order
        ("李", "zh-hans", ["李娜"]),
    ],
)
def test_a_researcher_is_found_by_a_part_of_their_name_in_either_language(
    client, records, query, language, expected
):
    pharmacy = f.UnitFactory(name_en="College of Pharmacy")
    li = f.ResearcherFactory(name_en="Li Na", name_zh_hans="李娜", unit=pharmacy)
    f.ResearcherFactory(name_en="Zhang Wei", name_zh_hans="张伟", title_en="Professor of Li")

    with override(language):
        response = client.get(reverse("portal:search"), {"q": query})

    groups = response.context["results"].groups
    [hits] = [group.hits for group in groups if isinstance(group.hits[0].record, Researcher)]
    assert [hit.record for hit in hits] == [li]  # by name, not by title or unit
    assert [str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in hits] == expected
    with override(language):
        assert f'href="{li.get_absolute_url()}"' in response.text


def english_titles(results) -> list[str]:
    return [hit.record.title_en for group in results.groups for hit in group.hits]


def test_english_queries_rank_only_the_newest_matches(db, monkeypatch):
    """PostgreSQL ranks the SEARCH_CANDIDATES most recently added matches of each kind: a
    title match (ranked higher) older than them is passed over."""
    monkeypatch.setattr("portal.search.SEARCH_CANDIDATES", 2)
    f.CooperationProjectFactory(title_en="Enzyme design", summary_en="Enzyme enzymes.")
    f.CooperationProjectFactory(title_en="Marine survey", summary_en="An enzyme study.")
    f.CooperationProjectFactory(title_en="Enzyme kinetics", summary_en="Rates.")
    # Newer records without the word must not take the candidates' places.
    f.CooperationProjectFactory.create_batch(3, title_en="Unrelated", summary_en="Nothing.")
    if connection.vendor == "postgresql":
        # Of the two newest matches, the title match ranks first.
        assert english_titles(search("enzyme", "en")) == ["Enzyme kinetics", "Marine survey"]
        monkeypatch.setattr("portal.search.SEARCH_CANDIDATES", 1000)
        assert english_titles(search("enzyme", "en"))[0] == "Enzyme design"
    else:
        # SQLite's stand-in substring match: every match, newest first.
        assert english_titles(search("enzyme", "en")) == [
            "Enzyme kinetics",
            "Marine survey",
            "Enzyme design",
        ]
