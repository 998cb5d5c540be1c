"""The shared cache of anonymous portal pages: all in one place.

Pages are cached per host and full URL (which holds the language) for readers who are not
logged in. Any change to a record of the domain bumps the content version
(config/content_version.py); a stored page counts only under the version it was rendered
with, so the next request renders afresh and old entries simply expire. Responses for
logged-in users, or that set a cookie, are never stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.utils.translation import get_language_from_path

from config.content_version import CONTENT_APPS, VERSION_KEY, content_version

PAGE_TIMEOUT = 300  # seconds
# The apps whose pages are cached (their record changes refresh them: CONTENT_APPS).
CACHED_APPS = CONTENT_APPS


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
            version = content_version()
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
