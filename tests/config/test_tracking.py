"""The one rule for tracking parameters (config.tracking): a query string as sent, split into
the parameters a page reads and the ones a campaign added, each part kept to the byte."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from config.tracking import (
    TRACKING_PARAMETERS,
    query_without_tracking,
    split_tracking,
    without_tracking,
)


@pytest.mark.parametrize(
    ("query", "kept", "tracking"),
    [
        ("", "", ""),
        ("page=2", "page=2", ""),
        ("utm_source=x", "", "utm_source=x"),
        (
            "status=active&utm_source=news&sort=title&gclid=abc&page=2",
            "status=active&sort=title&page=2",
            "utm_source=news&gclid=abc",
        ),
        # The rest as it was sent: its encoding, its order, a name given twice, a blank value.
        (
            "q=%E9%85%B6+x&country=JP&country=DE&unit=",
            "q=%E9%85%B6+x&country=JP&country=DE&unit=",
            "",
        ),
        # A name is read as the server reads it: percent-encoded, it is still the same name.
        ("utm%5Fsource=x&fbclid&q=a", "q=a", "utm%5Fsource=x&fbclid"),
        # Only these names: one that merely starts alike, or another case, is the page's.
        ("utm_sourcery=1&UTM_SOURCE=2", "utm_sourcery=1&UTM_SOURCE=2", ""),
        ("&&page=2&", "page=2", ""),
    ],
)
def test_a_query_splits_into_what_the_page_reads_and_its_tracking(query, kept, tracking):
    assert split_tracking(query) == (kept, tracking)
    assert without_tracking(query) == kept


def test_every_tracking_parameter_is_left_out():
    query = "&".join(f"{name}=v" for name in sorted(TRACKING_PARAMETERS))
    assert without_tracking(f"{query}&page=3") == "page=3"


def test_a_parsed_query_without_its_tracking_parameters():
    query = QueryDict("country=JP&utm_source=a&country=DE&gclid=b&page=2")
    kept = query_without_tracking(query)
    assert list(kept.lists()) == [("country", ["JP", "DE"]), ("page", ["2"])]
    assert "utm_source" in query  # the request's own is left as it was
    # A query without any is itself: nothing copied on every page.
    plain = QueryDict("country=JP&page=2")
    assert query_without_tracking(plain) is plain
