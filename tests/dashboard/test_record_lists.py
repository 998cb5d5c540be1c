"""The drill-down lists behind the figures: their filters and columns say what they hold."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from dashboard.views import RecordListView

pytestmark = pytest.mark.django_db


def records(kind: str, language: str = "en", query: str = "?year_from=2024") -> str:
    with override(language):
        return reverse("dashboard:records", kwargs={"kind": kind}) + query


def column_headers(html: str) -> list[str]:
    return re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', html)


@pytest.mark.parametrize(("language", "level"), [("en", "Level"), ("zh-hans", "级别")])
def test_the_awards_list_filters_and_shows_the_level(leader_client, known, language, level):
    response = leader_client.get(records("awards", language))
    assert response.status_code == 200
    assert f'<label for="id_group">{level}</label>' in response.text
    assert level in column_headers(response.text)
    assert ("Kind" if language == "en" else "类型") not in response.text
    # The achievements and the exchanges have kinds, and keep them.
    for kind in ("achievements", "exchanges"):
        other = leader_client.get(records(kind, language)).text
        kind_label = "Kind" if language == "en" else "类型"
        assert f'<label for="id_group">{kind_label}</label>' in other
        assert kind_label in column_headers(other)


def test_a_bad_level_says_which_filter_is_wrong_not_the_period(leader_client, known):
    response = leader_client.get(records("awards", query="?year_from=2024&group=zzz"))
    assert response.status_code == 400
    text = response.text
    assert "The period could not be used" not in text
    assert "The filters could not be used. Please correct them:" in text
    assert "<li>Level: Select a valid choice. zzz is not one of the available choices.</li>" in text
    # A bad period is still called the period.
    period = leader_client.get(records("awards", query="?year_from=2025&year_to=2020")).text
    assert "The period could not be used. Please correct it:" in period
    assert "The filters could not be used" not in period


def test_the_news_list_has_no_filter_with_nothing_to_choose(leader_client, known):
    response = leader_client.get(records("news"))
    assert response.status_code == 200
    assert 'name="group"' not in response.text
    assert "Kind" not in response.text
    # A group in a hand-edited address narrows nothing, as any unknown parameter.
    assert leader_client.get(records("news", query="?year_from=2024&group=x")).status_code == 200


def test_the_exchanges_list_names_its_date_column_for_what_it_shows(leader_client, known):
    response = leader_client.get(records("exchanges"))
    headers = column_headers(response.text)
    assert "Start date" in headers and "Year" not in headers
    assert '<td><time datetime="2024-05-01">2024-05-01</time></td>' in response.text


@pytest.mark.parametrize(
    ("kind", "language", "name"),
    [("awards", "en", "Awards"), ("news", "zh-hans", "新闻"), ("exchanges", "en", "Exchanges")],
)
def test_a_record_list_is_titled_by_its_records_and_period(
    leader_client, known, kind, language, name
):
    """WCAG 2.4.2: tabs and the history tell the lists apart (they were all "Leadership
    dashboard"); a refused period says so first."""
    text = leader_client.get(records(kind, language)).text
    assert re.search(rf"<title>{name} · 2024 · [^<]+ · ", text)
    assert f"<h1>{name} · 2024</h1>" in text
    refused = leader_client.get(records(kind, language, "?year_from=abc")).text
    error = "Error: " if language == "en" else "错误："
    assert f"<title>{error}{name} · " in refused
    assert f"<h1>{name}</h1>" in refused


@pytest.mark.parametrize(
    ("query", "back"),
    [
        ("?year_from=abc", ""),  # the period refused: left behind, the summary would refuse it
        ("?year_from=2025&year_to=2020", ""),
        ("?year_from=2024&group=zzz", "?year_from=2024"),  # another filter's: the period kept
    ],
)
def test_the_way_back_to_the_summary_leaves_a_refused_period_behind(
    leader_client, known, query, back
):
    response = leader_client.get(records("awards", query=query))
    assert response.status_code == 400
    link = re.search(r'<a href="([^"]*)">Back to the dashboard</a>', response.text)[1]
    assert link.replace("&amp;", "&") == reverse("dashboard:index") + back
    assert leader_client.get(link.replace("&amp;", "&")).status_code == 200


@pytest.mark.parametrize("number", ["abc", "0", "-1", "1.5", "%00", "999", "9" * 400])
def test_a_page_past_the_last_or_not_a_page_is_not_found_as_on_the_portal(
    leader_client, known, number
):
    """It showed the last page (or the first), as if the address named it."""
    response = leader_client.get(records("awards", query=f"?year_from=2024&page={number}"))
    assert response.status_code == 404
    # The portal's lists answer the same page so.
    assert leader_client.get(f"/en/projects/?page={number}").status_code == 404


def test_a_list_pages_up_to_its_last_page_and_no_further(leader_client, known, monkeypatch):
    monkeypatch.setattr(RecordListView, "paginate_by", 1)
    first = leader_client.get(records("awards"))
    last = first.context["page_obj"].paginator.num_pages
    assert last >= 2
    # An empty page is the first, as on the portal's lists.
    empty = leader_client.get(records("awards", query="?year_from=2024&page="))
    assert empty.status_code == 200 and empty.context["page_obj"].number == 1
    shown = leader_client.get(records("awards", query=f"?year_from=2024&page={last}"))
    assert shown.status_code == 200 and shown.context["page_obj"].number == last
    past = leader_client.get(records("awards", query=f"?year_from=2024&page={last + 1}"))
    assert past.status_code == 404
    # A period without records has its one empty page.
    none = leader_client.get(records("awards", query="?year_from=1990&page=1"))
    assert none.status_code == 200 and "No records in this period." in none.text
