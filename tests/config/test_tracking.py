"""The one rule for tracking parameters (config.tracking): a query string as sent, split into
the parameters a page reads and the ones a campaign added, each part kept to the byte."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from config.tracking import (
    TRACKING_PARAMETERS,
    is_tracking,
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
        # Every utm_ name is a campaign's, GA4's newer ones too, but in another case, or a
        # name that only contains it, or a click identifier's with more to it, is the page's.
        (
            "utm_source_platform=a&q=b&utm_creative_format=c&utm_marketing_tactic=d",
            "q=b",
            "utm_source_platform=a&utm_creative_format=c&utm_marketing_tactic=d",
        ),
        (
            "UTM_SOURCE=1&utmsource=2&x_utm_source=3&gclid_x=4&Gclid=5",
            "UTM_SOURCE=1&utmsource=2&x_utm_source=3&gclid_x=4&Gclid=5",
            "",
        ),
        ("&&page=2&", "page=2", ""),
    ],
)
def test_a_query_splits_into_what_the_page_reads_and_its_tracking(query, kept, tracking):
    assert split_tracking(query) == (kept, tracking)
    assert without_tracking(query) == kept


# The click identifiers of the ad networks and mailing tools that add one to every link.
CLICK_IDENTIFIERS = [
    *("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid"),
    *("li_fat_id", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi"),
]
CAMPAIGN_NAMES = [
    *("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id"),
    *("utm_source_platform", "utm_creative_format", "utm_marketing_tactic"),
]


@pytest.mark.parametrize("name", CLICK_IDENTIFIERS + CAMPAIGN_NAMES)
def test_a_campaign_s_parameter_is_tracking(name):
    assert is_tracking(name)
    assert without_tracking(f"{name}=v&page=3") == "page=3"


@pytest.mark.parametrize("name", ["page", "q", "country", "sort", "utm", "UTM_ID", "MSCLKID"])
def test_a_page_s_parameter_is_not_tracking(name):
    assert not is_tracking(name)


def test_every_tracking_parameter_is_left_out():
    assert set(CLICK_IDENTIFIERS) == TRACKING_PARAMETERS
    query = "&".join(f"{name}=v" for name in sorted(TRACKING_PARAMETERS) + CAMPAIGN_NAMES)
    assert without_tracking(f"{query}&page=3") == "page=3"


def test_a_parsed_query_without_its_tracking_parameters():
    query = QueryDict("country=JP&utm_source=a&country=DE&gclid=b&page=2&utm_creative_format=c")
    kept = query_without_tracking(query)
    assert list(kept.lists()) == [("country", ["JP", "DE"]), ("page", ["2"])]
    assert "utm_source" in query  # the request's own is left as it was
    # A query without any is itself: nothing copied on every page.
    plain = QueryDict("country=JP&page=2")
    assert query_without_tracking(plain) is plain
