"""A database outage gives readers a 503 page, not a traceback."""

import logging
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import engines

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


def service_unavailable() -> HttpResponse:
    """Render templates/503.html with no request context: nothing here touches the database."""
    html = engines["django"].get_template("503.html").render({})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


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
