"""The parameters that links add to an address for the sender's own counts (a newsletter's,
an advertiser's), not for the page: one list, for every part of the site that reads a query.

The portal's pages read only their own filters, so these never change what a page lists nor
its canonical address (``portal_tags.kept_query``); the open data API, which refuses a
parameter it does not read (a misspelt filter), ignores these the same way, so that a link
to a dataset shared by a campaign still answers, and keeps a list's count once for every
campaign (``api.pagination``). The language switcher leaves them out of its links, and the
redirects of retired addresses out of the addresses they match (``portal.redirects``).

Nor does any link a page builds from the reader's query (its facets, pages, downloads,
kinds of search: ``cooperation.views.queries_with``, ``portal_tags.link_query``): a page is
then the same for every campaign, and the anonymous page cache keeps one copy of it
(``portal.cache.page_cache_key``), not one a campaign, none carrying another's parameters."""

from urllib.parse import unquote_plus

from django.http import QueryDict

TRACKING_PARAMETERS = frozenset(
    {
        # Google Analytics' campaign parameters (Matomo and Baidu Tongji read them too).
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_term",
        "utm_content",
        "utm_id",
        # Click identifiers that Facebook's and Google's ads add to every link they follow.
        "fbclid",
        "gclid",
    }
)


def split_tracking(query: str) -> tuple[str, str]:
    """A query string as sent (``page=2&utm_source=x``) in two: its other parameters and its
    tracking ones, each as it was sent, in its order (``("page=2", "utm_source=x")``). Not
    parsed and encoded again: a link that keeps the rest keeps it to the byte."""
    kept, tracking = [], []
    for part in query.split("&"):
        if part:
            name = unquote_plus(part.partition("=")[0])
            (tracking if name in TRACKING_PARAMETERS else kept).append(part)
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
    if TRACKING_PARAMETERS.isdisjoint(query):
        return query
    kept = query.copy()
    for name in TRACKING_PARAMETERS.intersection(query):
        del kept[name]
    return kept
