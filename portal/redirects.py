"""Redirects of retired addresses (portal.models.Redirect), followed where the portal has no page.

A base moving to Coopbase leaves its former website's addresses in search engines, in shared
articles and in printed reports. Staff list them in the admin, each with where it goes now;
a request the portal answers with 404 is looked up among them, first with its query string,
then without (an old ``/news.asp`` can send every ``/news.asp?id=…`` to the news). The list
is kept under the portal's content version (one read after a change, none after), so an
address that is simply wrong costs no query.

Tracking parameters (``config.tracking``: a newsletter's ``utm_source``…) are no part of an
old address: they are left out of the addresses kept and looked up, so a campaign's link to
an old page still finds its redirect. The redirect carries them on to a target on this site,
as the former slugs' redirects carry the whole query, so the campaign is still counted where
the reader lands (as a Wagtail maintainer proposed for Wagtail's, wagtail#4491); not to a
site elsewhere, which the sender did not link to.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import SplitResult, parse_qsl, unquote, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from config.content_version import cached_under_content_version
from config.tracking import split_tracking, without_tracking


def normalised_path(address: str) -> str:
    """How an old address is kept and looked up: its path, percent-decoded, starting with a
    slash and without one at the end (but for the root), and its query's parameters sorted,
    without the tracking ones. A full address (``https://old.example.edu/info/1.htm``)
    gives its path and query."""
    address = address.strip().partition("#")[0]
    parts = _split(address)
    if parts is not None and (parts.scheme or parts.netloc):
        path, query = parts.path, parts.query
    else:
        path, _, query = address.partition("?")
    return _kept_form(unquote(path), query)


def _split(address: str) -> SplitResult | None:
    try:
        return urlsplit(address)
    except ValueError:  # a malformed host ("http://[::1"): no address to take apart
        return None


def _kept_form(path: str, query: str) -> str:
    path = "/" + path.strip("/")
    query = urlencode(sorted(parse_qsl(without_tracking(query), keep_blank_values=True)))
    return f"{path}?{query}" if query else path


def validate_old_address(address: str) -> None:
    """An old address is a path (a slash is added if it has none) or a full http(s) one."""
    parts = _split(address.strip())
    if not address.strip() or parts is None or parts.scheme not in ("", "http", "https"):
        raise ValidationError(
            _("Give the old address's path, such as /info/1021/2023.htm, or its full address."),
            code="invalid_old_address",
        )


def validate_target(target: str, old_path: str) -> None:
    """A redirect goes to a path on this site or to a full http(s) address, not back to the
    address it redirects."""
    parts = _split(target.strip())
    if parts is not None and parts.scheme in ("http", "https") and parts.netloc:
        return
    # A path must stay a path in the browser too, which reads "/\\host" as "//host": Django's
    # own check of a redirect's address (the login's ``next``) says whether it does.
    if (
        parts is None
        or parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or not url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    ):
        raise ValidationError(
            _("Give a path on this site, starting with /, or a full https:// address."),
            code="invalid_target",
        )
    if normalised_path(target) == old_path:
        raise ValidationError(
            _("This would send readers back to the old address itself."), code="loop"
        )


def kept_redirects() -> dict[str, tuple[str, bool]]:
    """Every redirect, {old path: (target, permanent)}, kept while the portal's records are
    unchanged."""
    from portal.models import Redirect

    return cached_under_content_version(
        "redirects",
        lambda: {
            old_path: (target, is_permanent)
            for old_path, target, is_permanent in Redirect.objects.values_list(
                "old_path", "target", "is_permanent"
            )
        },
        apps={"portal"},
    )


def redirect_for(request: HttpRequest) -> HttpResponse | None:
    """The redirect of the requested address, with its query string or without, if any;
    its tracking parameters go on to a target on this site."""
    redirects = kept_redirects()
    if not redirects:
        return None
    query, tracking = split_tracking(request.META.get("QUERY_STRING", ""))
    # The request's own path and query, not parsed as an address: "//host/x" is a path.
    path = _kept_form(request.path, query)
    found = redirects.get(path) or redirects.get(path.partition("?")[0])
    if found is None:
        return None
    target, permanent = found
    if tracking and target.startswith("/"):
        target = _with_query(target, tracking)
    return (HttpResponsePermanentRedirect if permanent else HttpResponseRedirect)(target)


def _with_query(target: str, query: str) -> str:
    """``target`` with ``query`` added to its own query, before its fragment if it has one."""
    address, hash_, fragment = target.partition("#")
    joint = "" if address.endswith(("?", "&")) else "&" if "?" in address else "?"
    return f"{address}{joint}{query}{hash_}{fragment}"


class RedirectFallbackMiddleware:
    """Where the portal answers a GET or HEAD with 404, a redirect of that address answers
    instead (as Django's own redirects app does, from a list kept in the cache)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        return redirect_for(request) or response
