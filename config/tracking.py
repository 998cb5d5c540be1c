"""The parameters that links add to an address for the sender's own counts (a newsletter's,
an advertiser's), not for the page: one list, for every part of the site that reads a query.

The portal's pages read only their own filters, so these never change what a page lists nor
its canonical address (``portal_tags.kept_query``); the open data API, which refuses a
parameter it does not read (a misspelt filter), ignores these the same way, so that a link
to a dataset shared by a campaign still answers."""

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
