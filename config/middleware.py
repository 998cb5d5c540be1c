"""Requests that cannot be served get a plain page, not a traceback: a database outage (503)
and a request body over the limit (413). And each request reads the content versions once."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import engines

from config.content_version import versions_read_once

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


def service_unavailable() -> HttpResponse:
    """Render templates/503.html with no request context: nothing here touches the database."""
    html = engines["django"].get_template("503.html").render({})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class ContentVersionsPerRequest:
    """Each request reads the content versions once, however many kept values its page
    reads under them (config.content_version.versions_read_once)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with versions_read_once():
            return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Turns a lost or timed-out database connection into 503 + Retry-After."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            return self._unavailable(request, error)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, (OperationalError, InterfaceError)):
            return self._unavailable(request, exception)
        return None

    @staticmethod
    def _unavailable(request: HttpRequest, error: DatabaseError) -> HttpResponse:
        logger.error("Database unavailable for %s: %s", request.path, error)
        return service_unavailable()


class RequestBodyLimitMiddleware:
    """Refuses a request body over ``settings.MAX_REQUEST_BODY_BYTES`` before it is read.

    Django bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded files, which it
    streams to a temporary file whatever their size; this stops a huge upload at the door
    with a 413 page that says what the limit is.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django treats a malformed length as no body
        if length > settings.MAX_REQUEST_BODY_BYTES:
            return request_too_large()
        return self.get_response(request)


def request_too_large() -> HttpResponse:
    limit_mb = settings.MAX_REQUEST_BODY_BYTES // (1024 * 1024)
    html = engines["django"].get_template("413.html").render({"limit_mb": limit_mb})
    response = HttpResponse(html, status=413)
    response["Cache-Control"] = "no-store"
    return response
