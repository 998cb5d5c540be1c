"""The shared cache of anonymous portal pages: all in one place.

Pages are cached per host and full URL (which holds the language), less its tracking
parameters (config.tracking: no link of a page carries them on), for readers who are not
logged in. Any change to a record of the domain bumps the content version
(config/content_version.py); a stored page counts only under the version it was rendered
with, so the next request renders afresh and old entries simply expire. A page whose view
declares the content apps it shows (``content_apps``: the directory shows projects alone, the
news list articles alone) counts under those apps' versions instead, and survives changes to
the other apps' records. A scheduled record changes no row when it comes due, so a page also
counts only until the next scheduled publication known when it was rendered. Responses for
logged-in users, or that set a cookie, are never stored.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator, Mapping

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils.translation import get_language_from_path

from config.content_version import (
    CONTENT_APPS,
    VERSION_KEYS,
    all_versions,
    changes_here,
    current_version,
    remember_versions,
    version_token,
)
from config.local_memory import BytesLRU
from config.tracking import path_without_tracking
from cooperation.publication import current_until

PAGE_TIMEOUT = 300  # seconds
# The apps whose pages are cached (their record changes refresh them: CONTENT_APPS).
CACHED_APPS = CONTENT_APPS
# The sitemap index (portal/sitemaps.py), at the site root, counts and dates every section:
# cached too. Not the sections' pages: each reads only its own records, and at 100,000
# projects they hold some 240 MB of XML, which would crowd every page out of the cache.
SITEMAP_INDEX_PATH = "/sitemap.xml"
SITEMAP_INDEX_URL_NAME = "sitemap"


def is_cacheable_request(request: HttpRequest) -> bool:
    """May this request be answered from the shared cache? Decided before anything runs."""
    if not settings.PORTAL_PAGE_CACHE or request.method != "GET":
        return False
    # A session or pending messages make a page personal, even before login.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    # Portal pages carry their language in the path; static files, the admin and the
    # rest of the site root but the sitemap index never touch the cache.
    path = request.path_info
    return get_language_from_path(path) is not None or path == SITEMAP_INDEX_PATH


def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    """May this answer be shared with every anonymous reader of the same URL?"""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return (
        is_cacheable_request(request)
        and (user is None or not user.is_authenticated)
        and match is not None
        and (match.app_name in CACHED_APPS or match.url_name == SITEMAP_INDEX_URL_NAME)
        and response.status_code == 200
        # A streamed answer (an export) is stored once it has been sent whole (stored_when_sent).
        and not getattr(response, "is_async", False)
        and not response.cookies
        and not response.has_header("Cache-Control")
        # A page whose HTML carries this request's CSP nonce must not be replayed.
        and not get_nonce(request)
    )


def page_apps(request: HttpRequest) -> frozenset[str] | None:
    """The content apps whose records a page shows, as its view declares them (a
    ``content_apps`` attribute of the view, or of its class); None: any."""
    match = request.resolver_match
    view = getattr(match.func, "view_class", match.func)
    apps = getattr(view, "content_apps", None)
    return frozenset(apps) if apps else None


def is_current(entry: tuple, versions: Mapping[str, int]) -> bool:
    """Was this stored page rendered under the current version of the records it shows
    (``versions``: as read by ``cache.get_many(VERSION_KEYS)``), and has no scheduled
    record come due since?"""
    if len(entry) != 6:  # an entry of an older layout: render again
        return False
    apps, version, *_rest, until = entry
    if version != version_token(apps, versions):
        return False
    return until is None or time.time() < until


def page_cache_key(request: HttpRequest) -> str:
    # The host is part of the key: pages hold absolute URLs (canonical, OpenGraph). The
    # tracking parameters are not: no page reads them nor carries them on in a link
    # (config.tracking), so every campaign's readers of a page share one entry.
    url = f"{request.get_host()}{path_without_tracking(request.get_full_path())}"
    return f"portal:page:{hashlib.sha256(url.encode()).hexdigest()}"


class LocalPages:
    """A worker's own memo of the pages it last served from the shared cache.

    Within ``PORTAL_PAGE_CACHE_LOCAL_SECONDS`` of confirming the content version with the
    shared cache, a page this worker already holds under that version is served without
    asking the shared cache again: the round trip is most of what a hit costs. A change made
    by this process forgets the memo at once; one made by another worker shows here within
    those seconds. Bounded by ``PORTAL_PAGE_CACHE_LOCAL_BYTES``, least recently used first out.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.versions: dict[str, int] = {}
        self.confirmed_at = float("-inf")
        self.changes_seen = -1
        self.pages = BytesLRU()

    @property
    def size(self) -> int:
        return self.pages.size

    def fresh(self, key: str) -> tuple | None:
        """The page stored under key, if the version it was confirmed under still holds."""
        seconds = settings.PORTAL_PAGE_CACHE_LOCAL_SECONDS
        if seconds <= 0 or clock() - self.confirmed_at > seconds:
            return None
        with self.lock:
            if changes_here() != self.changes_seen:
                return None
            entry = self.pages.get(key)
            if entry is None or not is_current(entry, self.versions):
                return None
            self.pages.touch(key)
            return entry

    def confirm(self, versions: Mapping[str, int], changes_seen: int) -> None:
        """The shared cache says these versions are current (as of before reading them,
        changes_seen changes had been made here)."""
        with self.lock:
            if versions != self.versions:
                self.versions = dict(versions)
                self.pages.drop_where(lambda entry: not is_current(entry, self.versions))
            self.confirmed_at = clock()
            self.changes_seen = changes_seen

    def keep(self, key: str, entry: tuple) -> None:
        if settings.PORTAL_PAGE_CACHE_LOCAL_SECONDS <= 0:
            return
        with self.lock:
            if not is_current(entry, self.versions):
                return
            self.pages.put(key, entry, len(entry[4]), settings.PORTAL_PAGE_CACHE_LOCAL_BYTES)


def clock() -> float:
    return time.monotonic()


class AnonymousPageCacheMiddleware:
    """Serves anonymous portal pages from the shared cache, right after SecurityMiddleware.

    A hit costs one cache round trip (the content versions and the page together), or none
    when this worker confirmed the versions a moment ago and holds the page (LocalPages),
    and none of the middleware below this one: the stored response is the one they
    produced, headers included. Pages are stored with the version they were rendered under
    (of every record, or of the apps their view declares), so a change to a record they
    may show makes them stale at once.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.local = LocalPages()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            key = page_cache_key(request)
        except DisallowedHost:  # the stack below answers with its 400
            return self.get_response(request)
        entry = self.local.fresh(key)
        if entry is not None:
            return _response_from(entry)
        changes_seen = changes_here()
        found = cache.get_many([*VERSION_KEYS, key])
        entry = found.pop(key, None)
        versions = found
        if len(versions) == len(VERSION_KEYS):
            remember_versions(versions)
            self.local.confirm(versions, changes_seen)
            if entry is not None and is_current(entry, versions):
                self.local.keep(key, entry)
                return _response_from(entry)
        else:  # a new cache: start the versions, before rendering as any page is
            versions = all_versions()
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            apps = page_apps(request)
            version = version_token(apps, versions) or current_version(apps)
            head = (apps, version, response.status_code, list(response.items()))
            until = current_until(version, apps)
            if response.streaming:
                response.streaming_content = stored_when_sent(
                    response.streaming_content, key, head, until
                )
            else:
                cache.set(key, (*head, response.content, until), PAGE_TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response


def stored_when_sent(
    pieces: Iterator[bytes], key: str, head: tuple, until: float | None
) -> Iterator[bytes]:
    """A streamed answer's pieces, passed on as they come, then stored like a page once the
    last one is sent: the next reader of an export gets it from the cache instead of the
    database. Not stored when it runs past PORTAL_PAGE_CACHE_STREAMED_BYTES, nor when the
    client goes away before the end (the server closes this generator)."""
    kept: list[bytes] | None = []
    size = 0
    for piece in pieces:
        yield piece
        if kept is not None:
            size += len(piece)
            if size > settings.PORTAL_PAGE_CACHE_STREAMED_BYTES:
                kept = None
            else:
                kept.append(piece)
    if kept is not None:
        cache.set(key, (*head, b"".join(kept), until), PAGE_TIMEOUT)


def _response_from(entry: tuple) -> HttpResponse:
    _apps, _version, status, headers, content, _until = entry
    response = HttpResponse(content, status=status)
    for header, value in headers:
        response[header] = value
    response["X-Page-Cache"] = "hit"
    return response
