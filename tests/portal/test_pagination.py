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
