"""Sorting the awards, the achievements and the exchanges (the news: tests/news/test_sorting.py)
as the directory is sorted (cooperation.filters.SortFilter): each list's allow-list of
orders, its own first; an order it does not have is a 400 that names those it has; the order
stays in the page links, the canonical address and the download; deep pages start from
anchors kept per order; and no order costs a query more."""

import csv
import io
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from config.content_version import local_copies
from config.pagination import RowsByKeys
from cooperation.filters import ACHIEVEMENT_ORDERS, AWARD_ORDERS, EXCHANGE_ORDERS, sorted_by
from cooperation.models import Achievement, Award, Exchange, reading_order
from cooperation.publication import PublicationStatus
from cooperation.views import AchievementListView, AwardListView, ExchangeListView
from tests import factories as f
from tests.plans import plan_with_sorting_forbidden, table_constraints

HIDDEN = {"publication_status": PublicationStatus.DRAFT, "published_at": None}

# Each list: its URL names' stem, its view, its orders, its model and the filter narrowing it.
LISTS = {
    "awards": ("cooperation:award", AwardListView, AWARD_ORDERS, Award, {"level": "national"}),
    "achievements": (
        "cooperation:achievement",
        AchievementListView,
        ACHIEVEMENT_ORDERS,
        Achievement,
        {"kind": "paper"},
    ),
    "exchanges": (
        "cooperation:exchange",
        ExchangeListView,
        EXCHANGE_ORDERS,
        Exchange,
        {"kind": "conference"},
    ),
}

# Five records of each list, by key, in the order of their dates: d (2019), e (2020), a and
# c (2021, c later), b (2022); of their English titles: b, d, c, a, e, whatever the case; of
# their Chinese titles, in pinyin: 陈 b, 黄 d, 李 c, 刘 e, 王 a.
RECORDS = {
    "a": ("delta", "王", date(2021, 3, 1)),
    "b": ("Alpha", "陈", date(2022, 1, 10)),
    "c": ("charlie", "李", date(2021, 9, 1)),
    "d": ("Bravo", "黄", date(2019, 5, 5)),
    "e": ("Echo", "刘", date(2020, 1, 1)),
}
EXPECTED = {
    None: "bcaed",  # the list's own order: the newest first
    "newest": "bcaed",
    "oldest": "deacb",
    "title": "bdcae",  # Alpha, Bravo, charlie, delta, Echo
}
EXPECTED_IN_CHINESE = "bdcea"  # chén, huáng, lǐ, liú, wáng


def make(name: str, title_en: str, title_zh_hans: str, day: date, **kwargs):
    """A public record of the list ``name`` dated ``day``, with these titles."""
    titles = {"title_en": title_en, "title_zh_hans": title_zh_hans}
    if name == "awards":
        kwargs.setdefault("level", "national")
        return f.AwardFactory(**titles, year=day.year, awarded_on=day, **kwargs)
    if name == "achievements":
        kwargs.setdefault("kind", "paper")
        kwargs.setdefault("project", None)
        return f.AchievementFactory(**titles, year=day.year, **kwargs)
    kwargs.setdefault("kind", "conference")
    return f.ExchangeFactory(**titles, start_date=day, **kwargs)


@pytest.fixture
def lists(db):
    country = f.PartnerCountryFactory(country="JP")
    for name in LISTS:
        extra = {"country": country} if name == "exchanges" else {}
        for title_en, title_zh_hans, day in RECORDS.values():
            make(name, title_en, title_zh_hans, day, **extra)
        make(name, "Aardvark draft", "阿", date(2023, 1, 1), **HIDDEN, **extra)
    return country


def path(name: str, language: str = "en", suffix: str = "list") -> str:
    with override(language):
        return reverse(f"{LISTS[name][0]}-{suffix}")


KEYS = {title_en: key for key, (title_en, _title_zh_hans, _day) in RECORDS.items()}


def letters(response, name: str) -> str:
    """The listed records, by their keys in RECORDS."""
    return "".join(KEYS[record.title_en] for record in response.context[name])


def orders_of(name: str) -> list[str | None]:
    return [None, *LISTS[name][2]]


@pytest.mark.parametrize(
    ("name", "sort"), [(name, sort) for name in LISTS for sort in orders_of(name)]
)
def test_each_list_comes_in_the_order_asked_for(client, lists, name, sort):
    response = client.get(path(name), {"sort": sort} if sort else {})
    assert response.status_code == 200
    assert letters(response, name) == EXPECTED[sort]


@pytest.mark.parametrize("name", ["awards", "achievements"])
def test_by_title_in_chinese_the_titles_are_in_pinyin_order(client, lists, name):
    response = client.get(path(name, "zh-hans"), {"sort": "title"})
    assert letters(response, name) == EXPECTED_IN_CHINESE
    titles = [record.title_zh_hans for record in response.context[name]]
    assert titles == sorted(titles, key=reading_order)


@pytest.mark.parametrize("name", ["awards", "achievements"])
def test_by_title_a_record_written_in_chinese_alone_sorts_by_the_title_its_card_shows(
    client, lists, name
):
    """In English its card shows its Chinese title (modeltranslation's fallback), and the
    list sorts it by that title among the English ones, not by its missing English title
    (last on PostgreSQL, first on SQLite)."""
    make(name, None, "Cobalt 合作", date(2024, 1, 1))

    response = client.get(path(name), {"sort": "title"})
    with override("en"):
        titles = [record.title for record in response.context[name]]
    assert titles == ["Alpha", "Bravo", "charlie", "Cobalt 合作", "delta", "Echo"]
    assert ">Cobalt 合作</a>" in response.text


@pytest.mark.parametrize("name", LISTS)
def test_a_lists_own_order_is_its_first_shown_chosen_in_a_labelled_select(client, lists, name):
    """The order a list comes in unsorted is its first order's, which its select shows first
    (it has no empty choice), beside its label, in the filter form sent with "Apply"."""
    _stem, _view, orders, model, _filter = LISTS[name]
    first = next(iter(orders))
    assert orders[first].fields == tuple(model._meta.ordering)
    text = client.get(path(name)).text
    form = text[text.index('<form method="get" class="inline-form">') :]
    form = form[: form.index("</form>")]
    assert '<label for="id_sort">Sort by</label>' in form
    assert '<select name="sort" id="id_sort">' in form
    select = form[form.index('<select name="sort"') :]
    select = select[: select.index("</select>")]
    # No empty choice and none marked: a browser shows the first chosen, the list's own.
    assert select.index(f'<option value="{first}">Newest first</option>') < select.index(
        "<option", select.index("<option") + 1
    )
    assert '<option value="">' not in select and "selected" not in select
    assert '<button type="submit">Apply</button>' in form
    chosen = client.get(path(name), {"sort": "oldest"}).text
    assert '<option value="oldest" selected>Oldest first</option>' in chosen


@pytest.mark.parametrize("value", ["nope", "-id", "Title", "title;--", "\x00", "x" * 2000])
@pytest.mark.parametrize("name", LISTS)
def test_an_order_a_list_does_not_have_is_a_400_that_names_those_it_has(client, lists, name, value):
    response = client.get(path(name), {"sort": value})
    assert response.status_code == 400
    assert list(response.context[name]) == []
    text = response.text
    assert 'class="form-errors" role="alert"' in text
    keys = ", ".join(LISTS[name][2])
    assert f"is not one of this list&#x27;s orders: {keys}." in text
    assert 'aria-describedby="id_sort_error"' in text  # the select names its message
    assert b"\x00" not in response.content
    export = client.get(path(name, suffix="export-csv"), {"sort": value})
    assert export.status_code == 400
    assert keys in export.json()["errors"]["sort"][0]


@pytest.mark.parametrize("name", LISTS)
def test_the_order_stays_in_the_page_links_the_canonical_address_and_the_download(
    client, lists, name, monkeypatch
):
    monkeypatch.setattr(LISTS[name][1], "paginate_by", 2)
    first = client.get(path(name), {"sort": "oldest"})
    text = first.text
    assert '<a rel="next" href="?sort=oldest&amp;page=2">Next</a>' in text
    assert 'href="?sort=oldest&amp;page=3" aria-label="Page 3"' in text
    assert f'<link rel="canonical" href="http://testserver{path(name)}?sort=oldest">' in text
    assert 'content="noindex' not in text  # one value, as a filter's one value
    assert f'href="{path(name, suffix="export-csv")}?sort=oldest">CSV</a>' in text
    second = client.get(path(name), {"sort": "oldest", "page": "2"})
    assert letters(first, name) + letters(second, name) == EXPECTED["oldest"][:4]
    assert '<a rel="prev" href="?sort=oldest&amp;page=1">Previous</a>' in second.text
    # An order and a filter are two values: followed, not indexed, as in the directory.
    narrowed = client.get(path(name), {**LISTS[name][4], "sort": "oldest"}).text
    assert '<meta name="robots" content="noindex, follow">' in narrowed


@pytest.mark.parametrize("name", LISTS)
def test_the_download_keeps_the_order_and_names_it(client, lists, name):
    sort = "title" if "title" in LISTS[name][2] else "oldest"
    response = client.get(path(name, suffix="export-csv"), {"sort": sort})
    assert response.status_code == 200
    assert f'filename="{name}_sort-{sort}.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    titles = [row["title_en"] for row in csv.DictReader(io.StringIO(text))]
    assert "".join(KEYS[title] for title in titles) == EXPECTED[sort]
    unsorted = b"".join(client.get(path(name, suffix="export-csv")).streaming_content)
    rows = csv.DictReader(io.StringIO(unsorted.decode("utf-8-sig")))
    assert "".join(KEYS[row["title_en"]] for row in rows) == EXPECTED[None]


@pytest.mark.parametrize("name", LISTS)
def test_no_order_reads_a_query_more_whatever_the_number_of_records(
    client, lists, name, page_cache_off
):
    """Each order's page, read with nothing kept (and again, with its count kept), makes as
    many queries as the list's own order, with five records or with sixty (two pages)."""

    def counts() -> dict[tuple[str | None, str], int]:
        result = {}
        for sort in orders_of(name):
            cache.clear()
            local_copies.clear()
            for run in ("afresh", "kept"):
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(path(name), {"sort": sort} if sort else {})
                assert response.status_code == 200
                result[sort, run] = len(captured.captured_queries)
        return result

    small = counts()
    extra = {"country": lists} if name == "exchanges" else {}
    for n in range(55):
        make(name, f"Title {n}", f"标题{n}", date(2000 + n % 20, 1 + n % 12, 1), **extra)
    large = counts()
    assert large == small
    for run in ("afresh", "kept"):
        assert {small[sort, run] for sort in orders_of(name)} == {small[None, run]}
    assert small[None, "afresh"] <= 12


def walk(client, name: str, sort: str) -> list[int]:
    """Every page of the list in this order: the ids it lists, in turn."""
    shown, page = [], 1
    while True:
        response = client.get(path(name), {"sort": sort, "page": page})
        assert response.status_code == 200
        shown += [record.pk for record in response.context[name]]
        if not response.context["page_obj"].has_next():
            return shown
        page += 1


@pytest.mark.parametrize(
    ("name", "sort"), [(name, sort) for name in LISTS for sort in LISTS[name][2]]
)
def test_deep_pages_start_at_anchors_kept_for_each_order(
    client, lists, monkeypatch, page_cache_off, name, sort
):
    """Walking every page gives each public record once, in the order asked for, among
    equal dates and titles too, after another order's walk; the anchors are worked out once
    for each order (and language), and again after a change."""
    _stem, view, orders, model, _filter = LISTS[name]
    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    monkeypatch.setattr(RowsByKeys, "anchor_every", 3)
    monkeypatch.setattr(view, "paginate_by", 2)
    extra = {"country": lists} if name == "exchanges" else {}
    for n in range(6):
        title = "Same title" if n % 2 else f"Title {n}"
        make(name, title, "同名" if n % 2 else f"标题{n}", date(2021, 3, 1), **extra)

    def expected() -> list[int]:
        with override("en"):
            return [record.pk for record in sorted_by(model.objects.public(), orders[sort])]

    walk(client, name, "oldest" if sort == "newest" else "newest")  # another order's anchors
    with CaptureQueriesContext(connection) as first:
        assert walk(client, name, sort) == expected()
    assert sum("ROW_NUMBER" in q["sql"] for q in first) == 1  # its own, worked out once
    with CaptureQueriesContext(connection) as again:
        assert walk(client, name, sort) == expected()
    assert not any("ROW_NUMBER" in q["sql"] or "COUNT(" in q["sql"] for q in again)
    make(name, "Same title", "同名", date(2021, 3, 1), **extra)
    assert walk(client, name, sort) == expected()


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_awards_of_an_unknown_day_page_by_keys_not_anchors(
    client, lists, monkeypatch, page_cache_off, sort
):
    """An award's day may be unknown (NULL), which compares with no anchor and which each
    database puts at another end of its year: such a list pages by keys alone, each award
    once, where page 11 of the API's awards was a 500 (config.pagination)."""
    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    monkeypatch.setattr(RowsByKeys, "anchor_every", 3)
    monkeypatch.setattr(AwardListView, "paginate_by", 2)
    for n in range(5):
        f.AwardFactory(year=2021, awarded_on=date(2021, 6, 1) if n % 2 else None)

    with CaptureQueriesContext(connection) as captured:
        shown = walk(client, "awards", sort)
    assert shown == [award.pk for award in sorted_by(Award.objects.public(), AWARD_ORDERS[sort])]
    assert len(shown) == len(set(shown)) == 10
    assert not any("ROW_NUMBER" in q["sql"] for q in captured)


@pytest.mark.parametrize("name", ["awards", "achievements"])
def test_by_title_a_list_is_no_timeline_and_each_card_gives_its_year(client, lists, name):
    by_date = client.get(path(name)).text
    assert '<li class="timeline-year"><h2>2022</h2></li>' in by_date
    assert '<h3 class="card-title">' in by_date
    by_title = client.get(path(name), {"sort": "title"}).text
    assert "timeline-year" not in by_title
    assert '<h3 class="card-title">' not in by_title
    card = by_title[by_title.index('<h2 class="card-title">') :]
    card = card[: card.index("</li>")]
    assert ">Alpha</a></h2>" in card and "2022" in card


# The index that gives each order of a list, newest first read backwards; by title, that of
# the titles as the reader is shown them, in the collation of their language (PostgreSQL:
# cooperation.0022, 0023).
INDEXES = {
    ("awards", "newest"): "coop_award_year_order_idx",
    ("awards", "oldest"): "coop_award_year_order_idx",
    ("awards", "title"): "coop_award_title_en_read",
    ("achievements", "newest"): "coop_achievement_year_id_idx",
    ("achievements", "oldest"): "coop_achievement_year_id_idx",
    ("achievements", "title"): "coop_achievement_title_en_read",
    ("exchanges", "newest"): "coop_exchange_start_id_idx",
    ("exchanges", "oldest"): "coop_exchange_start_id_idx",
}


@pytest.mark.parametrize(("name", "sort"), list(INDEXES))
def test_each_order_is_read_from_an_index_not_sorted(lists, name, sort):
    """A page in any order needs no sort of the list's public records (at 100,000 projects:
    10,000 awards, 100,000 achievements). SQLite, a development stand-in with no ICU, has
    the indexes by date, and sorts the titles as it reads them."""
    _stem, _view, orders, model, _filter = LISTS[name]
    index = INDEXES[name, sort]
    with override("en"):
        page = sorted_by(model.objects.public(), orders[sort])[:50]
        if connection.vendor != "postgresql":
            if sort != "title":
                assert index in table_constraints(model)
            return
        plan = plan_with_sorting_forbidden(page.values_list("pk", flat=True))
    assert index in plan
    assert "Sort" not in plan
