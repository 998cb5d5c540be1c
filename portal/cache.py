"""The shared cache of anonymous portal pages, and its invalidation: all in one place.

Pages are cached per language and full URL for readers who are not logged in. Any change to
a record of the domain bumps one version number that is part of every key, so the next
request renders afresh; old entries simply expire. Responses for logged-in users, or that
set a cookie, are never stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

VERSION_KEY = "portal:page-version"
PAGE_TIMEOUT = 300  # seconds
CACHED_APPS = {"cooperation", "news"}


def page_cache_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None) or 1


def invalidate_pages(**kwargs) -> None:
    """Receiver for any change to a public record: every cached page becomes stale."""
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.app_label not in CACHED_APPS:
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: the next read starts one
        cache.set(VERSION_KEY, 2, timeout=None)


def page_cache_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"portal:page:{page_cache_version()}:{get_language()}:{digest}"


def is_cacheable_request(request: HttpRequest) -> bool:
    if not settings.PORTAL_PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        return False
    # A session or pending messages make a page personal, even before login.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    match = getattr(request, "resolver_match", None)
    return match is not None and match.app_name in {"portal", "cooperation", "news"}


class AnonymousPageCacheMiddleware:
    """Serves and stores portal pages for anonymous readers (after authentication)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        if not is_cacheable_request(request):
            return None
        key = page_cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
        ):
            cache.set(key, response, PAGE_TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response
