"""Search: achievements (papers, patents…) by the words of their title and description and by
their whole identifier (a DOI, a patent number), which puts them first; exchanges by their
words; public records only, as for the other kinds (tests/portal/test_search.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from cooperation.models import Achievement, AchievementKind, Exchange
from cooperation.publication import PublicationStatus
from portal.search import KINDS, search
from tests import factories as f
from tests.pages import scheduled_publication_read

DOI = "10.5555/coop.2021.0042"


@pytest.fixture
def records(db):
    draft = f.CooperationProjectFactory(
        publication_status=PublicationStatus.DRAFT, published_at=None
    )
    return {
        "paper": f.AchievementFactory(
            kind=AchievementKind.PAPER,
            title_en="Marine enzymes for greener antibiotics",
            title_zh_hans="用于绿色抗生素的海洋酶",
            description_en="Enzymes from deep-sea microbes.",
            description_zh_hans="深海微生物来源的酶。",
            identifier=DOI,
        ),
        "patent": f.AchievementFactory(
            kind=AchievementKind.PATENT,
            title_en="Enzyme immobilisation carrier",
            title_zh_hans="酶固定化载体",
            identifier="CN112345678A",
            project=None,  # of no project: public
        ),
        "hidden": f.AchievementFactory(
            title_en="Secret enzyme paper",
            title_zh_hans="保密的酶论文",
            identifier="10.5555/secret.1",
            project=draft,
        ),
        "visit": f.ExchangeFactory(
            title_en="Enzyme workshop in Kyoto",
            title_zh_hans="京都酶工程研讨会",
            description_en="Ten students visited the enzyme laboratories.",
        ),
        "hidden_visit": f.ExchangeFactory(
            title_en="Enzyme visit planned", title_zh_hans="酶学访问计划", project=draft
        ),
    }


def found(results) -> set:
    return {hit.record for group in results.groups for hit in group.hits}


def found_of(results, model) -> list:
    return [
        hit.record
        for group in results.groups
        for hit in group.hits
        if isinstance(hit.record, model)
    ]


def test_achievements_and_exchanges_are_found_by_their_words_public_only(records):
    results = search("enzyme", "en")
    assert set(found_of(results, Achievement)) == {records["paper"], records["patent"]}
    assert found_of(results, Exchange) == [records["visit"]]
    assert found(search("laboratories", "en")) == {records["visit"]}  # the description
    with override("en"):
        labels = [str(group.label) for group in results.groups]
    assert "Achievements" in labels and "Exchanges" in labels


def test_achievements_and_exchanges_are_found_by_chinese_words(records):
    # Three characters (trigram LIKE on PostgreSQL), two and one (the stored grams).
    assert found(search("海洋酶", "zh-hans")) == {records["paper"]}
    assert found(search("京都", "zh-hans")) == {records["visit"]}
    assert found(search("深海微生物", "en")) == {records["paper"]}  # the description
    assert {records["paper"], records["patent"], records["visit"]} <= found(search("酶", "zh-hans"))
    assert not {records["hidden"], records["hidden_visit"]} & found(search("酶", "zh-hans"))


def test_achievements_are_found_by_stemmed_english_words_on_postgresql(records):
    if connection.vendor == "postgresql":
        assert found(search("carriers", "en")) == {records["patent"]}
        assert found(search("microbe", "en")) == {records["paper"]}
    else:
        # The SQLite fallback matches the query as one substring.
        assert found(search("carriers", "en")) == set()
        assert found(search("carrier", "en")) == {records["patent"]}


@pytest.mark.parametrize(
    "query",
    [
        DOI,
        DOI.upper(),
        f"https://doi.org/{DOI}",
        f"HTTPS://DOI.ORG/{DOI}",
        f"http://dx.doi.org/{DOI}",
        f"doi:{DOI}",
        f"DOI: {DOI}",
        "https://doi.org/10.5555%2Fcoop.2021.0042",  # as a link percent-encodes it
    ],
)
def test_a_paper_is_found_first_by_its_doi_written_any_way(records, query):
    results = search(query, "en")
    hits = results.groups[0].hits  # its kind first on the page
    assert hits[0].record == records["paper"]
    assert hits[0].by_identifier
    assert hits[0].identifier == f"<mark>{DOI}</mark>"
    assert records["patent"] not in found(results)


def test_an_identifier_is_matched_whole_whatever_its_case_and_only_when_public(records):
    # A patent number, a software registration number in Chinese (a Chinese query).
    software = f.AchievementFactory(
        kind=AchievementKind.SOFTWARE,
        title_zh_hans="药物筛选软件",
        identifier="软著登字第4567890号",
    )
    patent_hits = search("cn112345678a", "en").groups[0].hits
    assert [hit.record for hit in patent_hits] == [records["patent"]]
    assert found(search("软著登字第4567890号", "zh-hans")) == {software}
    # Part of an identifier is no identifier; a hidden record's identifier finds nothing.
    assert found(search("CN1123456", "en")) == set()
    assert found(search("10.5555/secret.1", "en")) == set()


def test_an_identifier_match_comes_before_newer_records_that_cite_it(records):
    citing = f.AchievementFactory(
        title_en=f"Reply to {DOI}", title_zh_hans="评论", description_en=f"On {DOI}."
    )
    project = f.CooperationProjectFactory(summary_en=f"Published as {DOI}.")
    results = search(DOI, "en")
    # Its kind first on the page (the project cites it too), and first of its kind, though
    # the newer record cites it in its title.
    assert [hit.record for hit in results.groups[0].hits] == [records["paper"], citing]
    assert [hit.by_identifier for hit in results.groups[0].hits] == [True, False]
    assert project in found(results)


@pytest.mark.parametrize(
    ("language", "achievements", "exchanges"),
    [("en", "Achievements", "Exchanges"), ("zh-hans", "合作成果", "交流活动")],
)
def test_the_search_page_lists_achievements_and_exchanges_linked_to_their_pages(
    client, records, language, achievements, exchanges
):
    with override(language):
        response = client.get(reverse("portal:search"), {"q": "enzyme"})
        paper_url = records["paper"].get_absolute_url()
        visit_url = records["visit"].get_absolute_url()
    assert response.status_code == 200
    assert f">{achievements}<span" in response.text  # then the number of hits, in brackets
    assert f">{exchanges}<span" in response.text
    assert f'href="{paper_url}"' in response.text
    assert f'href="{visit_url}"' in response.text
    assert "Secret enzyme paper" not in response.text
    assert "Enzyme visit planned" not in response.text
    for url, title in [(paper_url, "greener antibiotics"), (visit_url, "workshop in Kyoto")]:
        page = client.get(url)
        assert page.status_code == 200
        if language == "en":
            assert title in page.text


def test_the_search_page_shows_the_identifier_a_paper_was_found_by(client, records):
    scheduled_publication_read()  # once per content version: not this search's
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/search/", {"q": f"https://doi.org/{DOI}"})
    assert response.status_code == 200
    assert f'href="{records["paper"].get_absolute_url()}"' in response.text
    assert f"<span>Identifier</span> <span><mark>{DOI}</mark></span>" in response.text
    # One query per kind, the identifier's match included.
    assert len(captured.captured_queries) == len(KINDS) == 7
    # A link's path is decoded, then cleaned as any query: no NUL reaches the database.
    for query in ["https://doi.org/%00", "https://doi.org/", "doi:", "https://doi.org/%E0%A4%A"]:
        assert client.get("/en/search/", {"q": query}).status_code == 200
