"""A long list's pagination links the first and last pages and two on each side of the
current one, keeping the list's filters (a directory of 100,000 projects has 5,000 pages)."""

import re

import pytest

from cooperation.views import ProjectListView
from tests import factories as f


def page_links(text: str) -> list[tuple[str, str, bool]]:
    """(label, href, current) of each numbered page link."""
    numbers = text[text.index('<ul class="page-numbers">') :]
    numbers = numbers[: numbers.index("</ul>")]
    return [
        (label, href, bool(current))
        for current, href, label in re.findall(
            r'<a( aria-current="page")? href="([^"]+)" aria-label="[^"]+">([^<]+)</a>', numbers
        )
    ]


@pytest.mark.django_db
def test_the_pagination_links_the_ends_and_the_neighbours(client, monkeypatch):
    monkeypatch.setattr(ProjectListView, "paginate_by", 2)
    f.CooperationProjectFactory.create_batch(40, status="active")
    text = client.get("/en/projects/", {"status": "active", "page": 10}).text
    assert page_links(text) == [
        ("1", "?status=active&amp;page=1", False),
        ("8", "?status=active&amp;page=8", False),
        ("9", "?status=active&amp;page=9", False),
        ("10", "?status=active&amp;page=10", True),
        ("11", "?status=active&amp;page=11", False),
        ("12", "?status=active&amp;page=12", False),
        ("20", "?status=active&amp;page=20", False),
    ]
    # Pages left out are shown as such, to sight only.
    assert text.count('<span aria-hidden="true">…</span>') == 2
    assert 'aria-label="Page 10"' in text
    assert "Page 10 of 20" in text


@pytest.mark.django_db
def test_the_page_links_are_named_in_chinese(client, monkeypatch):
    monkeypatch.setattr(ProjectListView, "paginate_by", 2)
    f.CooperationProjectFactory.create_batch(5)
    text = client.get("/zh-hans/projects/", {"page": 2}).text
    assert 'aria-current="page" href="?page=2" aria-label="第 2 页">2</a>' in text


@pytest.mark.django_db
def test_a_list_of_one_page_has_no_pagination(client):
    f.CooperationProjectFactory.create_batch(2)
    assert 'class="page-numbers"' not in client.get("/en/projects/").text


@pytest.mark.django_db
def test_the_previous_and_next_pages_and_the_downloads_keep_the_lists_query(client, monkeypatch):
    monkeypatch.setattr(ProjectListView, "paginate_by", 2)
    f.CooperationProjectFactory.create_batch(6, status="active")
    text = client.get("/en/projects/?status=active&page=2&sort=title").text
    assert '<a rel="prev" href="?status=active&amp;page=1&amp;sort=title">Previous</a>' in text
    assert '<a rel="next" href="?status=active&amp;page=3&amp;sort=title">Next</a>' in text
    assert 'href="/en/projects/export.csv?status=active&amp;sort=title">CSV</a>' in text
    assert 'href="/en/projects/export.json?status=active&amp;sort=title">JSON</a>' in text


@pytest.mark.django_db
def test_the_first_page_has_no_previous_and_the_last_no_next(client, monkeypatch):
    monkeypatch.setattr(ProjectListView, "paginate_by", 2)
    f.CooperationProjectFactory.create_batch(4)
    first, last = (client.get("/en/projects/", {"page": n}).text for n in (1, 2))
    assert 'rel="prev"' not in first and '<a rel="next" href="?page=2">Next</a>' in first
    assert '<a rel="prev" href="?page=1">Previous</a>' in last and 'rel="next"' not in last
