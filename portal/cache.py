"""The shared cache of anonymous portal pages, and its invalidation: all in one place.

Pages are cached per host and full URL (which holds the language) for readers who are not
logged in. Any change to a record of the domain bumps one version number; a stored page
counts only under the version it was rendered with, so the next request renders afresh and
old entries simply expire. Responses for logged-in users, or that set a cookie, are never
stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils.translation import get_language_from_path

VERSION_KEY = "portal:page-version"
PAGE_TIMEOUT = 300  # seconds
# The apps whose pages are cached, and whose record changes refresh them.
CACHED_APPS = {"portal", "cooperation", "news"}


# Set inside ``invalidation_batched()``: changes are noted there instead of bumped one by one.
_batch: ContextVar[dict | None] = ContextVar("portal_invalidation_batch", default=None)


def page_cache_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None) or 1


def cached_under_content_version[T](name: str, compute: Callable[[], T]) -> T:
    """A value derived from the public records (figures over the whole data set), computed
    once and kept under the content version: any record change gives a fresh value at once.
    ``name`` must say everything else the value depends on (e.g. language, period)."""
    key = f"portal:derived:{page_cache_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, PAGE_TIMEOUT)
    return value


def invalidate_pages(**kwargs) -> None:
    """Receiver for any change to a public record: every cached page becomes stale."""
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.app_label not in CACHED_APPS:
        return
    batch = _batch.get()
    if batch is not None:
        batch["changed"] = True
        return
    _bump_version()


def _bump_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: the next read starts one
        cache.set(VERSION_KEY, 2, timeout=None)


@contextmanager
def invalidation_batched() -> Iterator[None]:
    """Many record changes in a row (a spreadsheet import): one version bump at the end,
    instead of one cache round trip per saved record. Per context, so other threads'
    changes still invalidate at once."""
    if _batch.get() is not None:  # already inside a batch: the outer one bumps
        yield
        return
    batch: dict = {"changed": False}
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
        if batch["changed"]:
            _bump_version()


def is_cacheable_request(request: HttpRequest) -> bool:
    """May this request be answered from the shared cache? Decided before anything runs."""
    if not settings.PORTAL_PAGE_CACHE or request.method != "GET":
        return False
    # A session or pending messages make a page personal, even before login.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    # Portal pages carry their language in the path; static files, the admin and the
    # feeds of the site root never touch the cache.
    return get_language_from_path(request.path_info) is not None


def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    """May this answer be shared with every anonymous reader of the same URL?"""
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return (
        is_cacheable_request(request)
        and (user is None or not user.is_authenticated)
        and match is not None
        and match.app_name in CACHED_APPS
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        # A page whose HTML carries this request's CSP nonce must not be replayed.
        and not get_nonce(request)
    )


def page_cache_key(request: HttpRequest) -> str:
    # The host is part of the key: pages hold absolute URLs (canonical, OpenGraph).
    url = f"{request.get_host()}{request.get_full_path()}"
    return f"portal:page:{hashlib.sha256(url.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    """Serves anonymous portal pages from the shared cache, right after SecurityMiddleware.

    A hit costs one cache round trip (the content version and the page together) and none of
    the middleware below this one: the stored response is the one they produced, headers
    included. Pages are stored with the content version they were rendered under, so any
    change to a record makes every stored page stale at once.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            key = page_cache_key(request)
        except DisallowedHost:  # the stack below answers with its 400
            return self.get_response(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        entry = found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            return _response_from(entry)
        if version is None:
            version = page_cache_version()
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            cache.set(key, _entry_of(version, response), PAGE_TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response


def _entry_of(version: int, response: HttpResponse) -> tuple:
    return (version, response.status_code, list(response.items()), response.content)


def _response_from(entry: tuple) -> HttpResponse:
    _version, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for header, value in headers:
        response[header] = value
    response["X-Page-Cache"] = "hit"
    return response
