"""Periods a leader may not read as whole ones: a year not over yet, and a range whose
comparison would reach before the years anyone may ask for."""

import io
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils.translation import override

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 12, 7, 12, 49, tzinfo=ZoneInfo("Asia/Shanghai"))


def get(client, name: str, **params):
    with override("en"):
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response


def about(client, **params) -> str:
    archive = zipfile.ZipFile(io.BytesIO(get(client, "dashboard:export-csv", **params).content))
    return archive.read("about.csv").decode("utf-8-sig")


@time_machine.travel(TODAY, tick=False)
def test_a_period_not_over_says_its_figures_count_up_to_today(leader_client, known):
    note = "2026 is not over: its figures count what is recorded up to 2026-12-07."
    assert note in get(leader_client, "dashboard:index", year_from=2026).text
    assert note in get(leader_client, "dashboard:print", year_from=2026).text
    assert f"Incomplete period,{note}" in about(leader_client, year_from=2026)
    later = "2025–2030 is not over: its figures count what is recorded up to 2026-12-07."
    assert later in get(leader_client, "dashboard:index", year_from=2025, year_to=2030).text
    # A year gone by is whole.
    assert "is not over" not in get(leader_client, "dashboard:index", year_from=2025).text
    assert "Incomplete period" not in about(leader_client, year_from=2025)


def test_no_comparison_with_years_before_the_first_allowed(leader_client, known):
    page = get(leader_client, "dashboard:index", year_from=1900, year_to=2100).text
    assert "Figures for 1900–2100. There is no comparison: the period before it would" in page
    assert "1699" not in page and "Previous period" not in page and ">Change<" not in page
    assert "(previous period:" not in page
    assert 'id="table-projects"' in page and 'class="chart-bar series-0"' in page
    printed = get(leader_client, "dashboard:print", year_from=1900, year_to=2100).text
    assert "There is no comparison" in printed and "1699" not in printed
    assert "Previous period,There is no comparison" in about(
        leader_client, year_from=1900, year_to=2100
    )
    # A period whose previous one is still in range is compared as before.
    page = get(leader_client, "dashboard:index", year_from=1950, year_to=1999).text
    assert "Figures for 1950–1999, compared with 1900–1949." in page
    assert "Previous period" in page
