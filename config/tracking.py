"""The parameters that links add to an address for the sender's own counts (a newsletter's,
an advertiser's), not for the page: one list, for every part of the site that reads a query.

The portal's pages read only their own filters, so these never change what a page lists nor
its canonical address (``portal_tags.kept_query``); the open data API, which refuses a
parameter it does not read (a misspelt filter), ignores these the same way, so that a link
to a dataset shared by a campaign still answers, and keeps a list's count once for every
campaign, its ``next`` and ``previous`` links leaving them out (``api.pagination``). The
language switcher leaves them out of its links, and the redirects of retired addresses out
of the addresses they match (``portal.redirects``).

Nor does any link a page builds from the reader's query (its facets, pages, downloads,
kinds of search: ``cooperation.views.queries_with``, ``portal_tags.link_query``): a page is
then the same for every campaign, and the anonymous page cache keeps one copy of it
(``portal.cache.page_cache_key``), not one a campaign, none carrying another's parameters."""

from urllib.parse import unquote_plus

from django.http import QueryDict

# Every ``utm_`` name is a campaign's, by its prefix: Google Analytics' five, then ``utm_id``,
# then GA4's ``utm_source_platform``, ``utm_creative_format``, ``utm_marketing_tactic``, and
# whatever it adds next (Matomo and Baidu Tongji read them too). A name as sent, case and all.
TRACKING_PREFIX = "utm_"

# The click identifiers an ad network or a mailing tool adds to every link it follows.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",  # Facebook
        "gclid",  # Google Ads
        "dclid",  # Google Display & Video 360
        "gbraid",  # Google Ads, app to web (iOS)
        "wbraid",  # Google Ads, web to app (iOS)
        "msclkid",  # Microsoft Ads
        "yclid",  # Yandex
        "twclid",  # X (Twitter)
        "ttclid",  # TikTok
        "li_fat_id",  # LinkedIn
        "igshid",  # Instagram
        "mc_cid",  # Mailchimp: the campaign
        "mc_eid",  # Mailchimp: the subscriber
        "_hsenc",  # HubSpot
        "_hsmi",  # HubSpot
    }
)


def is_tracking(name: str) -> bool:
    """Whether a query parameter's name (as the server reads it: decoded) is a campaign's,
    not the page's: the one test every reader of a query asks."""
    return name.startswith(TRACKING_PREFIX) or name in TRACKING_PARAMETERS


def split_tracking(query: str) -> tuple[str, str]:
    """A query string as sent (``page=2&utm_source=x``) in two: its other parameters and its
    tracking ones, each as it was sent, in its order (``("page=2", "utm_source=x")``). Not
    parsed and encoded again: a link that keeps the rest keeps it to the byte."""
    kept, tracking = [], []
    for part in query.split("&"):
        if part:
            name = unquote_plus(part.partition("=")[0])
            (tracking if is_tracking(name) else kept).append(part)
    return "&".join(kept), "&".join(tracking)


def without_tracking(query: str) -> str:
    """A query string as sent without its tracking parameters, the rest as it was."""
    return split_tracking(query)[0]


def path_without_tracking(full_path: str) -> str:
    """A request's path and query (``request.get_full_path()``) without its tracking
    parameters, the rest as it was sent."""
    path, _, query = full_path.partition("?")
    query = without_tracking(query)
    return f"{path}?{query}" if query else path


def query_without_tracking(query: QueryDict) -> QueryDict:
    """A parsed query (``request.GET``) without its tracking parameters: itself when it has
    none (no copy), else a copy without them, the rest in its order."""
    names = [name for name in query if is_tracking(name)]
    if not names:
        return query
    kept = query.copy()
    for name in names:
        del kept[name]
    return kept
