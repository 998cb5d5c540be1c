"""English search folds accents (portal.0011 on PostgreSQL; SQLite's stand-in substring match
through cooperation.models.FoldAccents): a reader's "Charite" finds a record's "Charité", and
the other way round; the marks follow."""

import unicodedata

import pytest
from django.db import connection

from cooperation.models import fold_accents
from portal import search as search_module
from portal.search import Highlighter, search
from tests import factories as f


def found(results) -> set:
    return {hit.record for group in results.groups for hit in group.hits}


@pytest.fixture
def records(db):
    germany = f.PartnerCountryFactory(country="DE")
    return {
        "charite": f.InstitutionFactory(
            country=germany, name_en="Charité – Universitätsmedizin Berlin", city_en="Berlin"
        ),
        "written_plain": f.CooperationProjectFactory(
            title_en="Imaging with Charite partners", summary_en="Joint work in Munchen."
        ),
        "unrelated": f.CooperationProjectFactory(title_en="Marine enzymes"),
    }


@pytest.mark.parametrize("query", ["Charite", "charité", "universitatsmedizin"])
def test_english_search_finds_a_word_whatever_its_accents(records, query):
    expected = {records["charite"]}
    if query != "universitatsmedizin":
        expected.add(records["written_plain"])

    assert found(search(query, "en")) == expected


def test_a_query_s_accents_are_folded_as_well_as_the_record_s(records):
    """A whole word is found on both databases; a part of one ("Münch" in "Munchen") only by
    SQLite's stand-in substring match, not by PostgreSQL's English search, which matches
    words."""
    assert found(search("München", "en")) == {records["written_plain"]}
    assert found(search("MÜNCHEN charite", "en")) == {records["written_plain"]}

    partial = found(search("Münch", "en"))
    if connection.vendor == "postgresql":
        assert partial == set()
    else:
        assert partial == {records["written_plain"]}
        assert found(search("MÜNCH charite", "en")) == {records["written_plain"]}


def test_a_match_is_marked_whatever_its_accents(records, client):
    page = client.get("/en/search/", {"q": "Charite"}).content.decode()
    assert "<mark>Charité</mark> – Universitätsmedizin Berlin" in page
    assert "Imaging with <mark>Charite</mark> partners" in page


@pytest.mark.parametrize(
    ("query", "text", "marked"),
    [
        ("Charite", "Charité Berlin", "<mark>Charité</mark> Berlin"),
        ("charité", "The Charite campus", "The <mark>Charite</mark> campus"),
        ("munchen", "TU München &amp;", "TU <mark>München</mark> &amp;amp;"),
        # Chinese and ASCII text are as they were.
        ("酶", "抗生素酶工程", "抗生素<mark>酶</mark>工程"),
        ("enzyme", "Enzymes <b>", "<mark>Enzyme</mark>s &lt;b&gt;"),
    ],
)
def test_the_highlighter_folds_accents_and_escapes(query, text, marked):
    assert Highlighter(query)(text) == marked


def test_folding_keeps_each_letter_in_its_place():
    assert fold_accents("Charité – Universitätsmedizin") == "Charite – Universitatsmedizin"
    # A letter that is not a base letter and marks stays whole: the lengths agree.
    for text in ["ﬁancé", "한국어 café", "Ægir Øresund ß", "抗生素"]:
        assert len(fold_accents(text)) == len(text)
    assert fold_accents("ﬁancé") == "ﬁance"


def fold_letter_by_letter(text: str) -> str:
    """The rule fold_accents keeps, written out: each letter that decomposes into one base
    letter and marks is its base letter; text with nothing to decompose stays whole."""
    if len(unicodedata.normalize("NFD", text)) == len(text):
        return text
    folded = []
    for letter in text:
        base, *marks = unicodedata.normalize("NFD", letter)
        folded.append(base if all(unicodedata.combining(mark) for mark in marks) else letter)
    return "".join(folded)


def test_folding_gives_what_folding_letter_by_letter_gives():
    texts = [
        "Charité – Universitätsmedizin Berlin",
        "José Ñúñez Çağlar Øresund Ægir ß ﬁancé",
        "Đoàn Thị Hằng, Đà Nẵng, Việt Nam",
        "抗生素酶工程药物研究，大阪大学（日本）",
        "Московский университет, Йошкар-Ола, ёлка",
        "Ἀθῆναι, עברית בְּרֵאשִׁית, มหาวิทยาลัยมหิดล, 한국어 café",
        # The ohm and ångström signs, which decompose to another letter, beside an accent.
        "ǅemal, e\u0301 combined, \u0301 alone, \u2126 \u212b \u03a9 é",
        "Enzyme engineering of marine drugs",
    ]
    # And every character up to the supplementary ideographs, fifty at a time.
    everything = "".join(chr(code) for code in range(0x20, 0x30000) if not 0xD800 <= code < 0xE000)
    texts += [everything[at : at + 50] for at in range(0, len(everything), 50)]

    for text in texts:
        assert fold_accents(text) == fold_letter_by_letter(text), text


def test_a_long_snippet_is_folded_once_cut_around_its_first_match(monkeypatch):
    """A snippet's text is folded once, for finding where to cut it and marking its
    matches alike (the cut text, folded again, cost a second pass of the whole)."""
    folded = []
    monkeypatch.setattr(
        search_module, "fold_accents", lambda text: folded.append(text) or fold_accents(text)
    )
    mark = Highlighter("munchen charite")
    folded.clear()
    text = "Joint work. " * 40 + "Charité and TU München, on enzymes. " + "More text. " * 40

    snippet = mark(text, 120)

    assert len(folded) == 1
    start = text.index("Charité") - 40
    assert snippet == (
        "…" + text[start : text.index("Charité")]
        + "<mark>Charité</mark> and TU <mark>München</mark>, on enzymes. "
        + text[text.index("Charité") + 36 : start + 120] + "…"
    )  # fmt: skip
