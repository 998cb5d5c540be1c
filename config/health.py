"""Health endpoints for load balancers and orchestrators.

- /healthz (liveness): the process answers. No database, no cache: cheap enough to call
  every second, and it never fails because a dependency is down.
- /readyz (readiness): the database answers, media storage takes a file, the cache answers.
  The public sees only "ok" or "unavailable"; which check failed is shown to staff, or to
  monitoring that sends the token of DJANGO_HEALTH_TOKEN (header X-Health-Token).

The cache fails open (config/cache.py): pages are served without it, so a cache outage is
reported as "degraded" but keeps the instance ready (status 200). Taking every instance out
of the load balancer because Redis is down would turn a slower site into no site.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache

from config.methods import read_only

# Checks whose failure makes the instance unready; the others only degrade it.
REQUIRED = {"database", "storage"}


@read_only
def live(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches neither the database nor the cache."""
    return HttpResponse("ok", content_type="text/plain")


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    # The cache swallows outages, so a value that does not come back is the failure.
    key, value = f"readyz:{uuid.uuid4().hex}", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def check_storage() -> None:
    name = default_storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "storage": check_storage,
    "cache": check_cache,
}


def run_checks() -> dict[str, str]:
    """Each check's outcome: "ok", or the error (class and message, for staff eyes only)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure of a dependency is "not ready"
            results[name] = f"{type(error).__name__}: {error}"[:300]
        else:
            results[name] = "ok"
    return results


def may_see_detail(request: HttpRequest, database_ok: bool) -> bool:
    token = settings.HEALTH_CHECK_TOKEN
    sent = request.headers.get("X-Health-Token", "")
    if token and sent and constant_time_compare(token, sent):
        return True
    if not database_ok:  # the session and user live in the database: nobody to ask
        return False
    try:
        return bool(request.user.is_staff)
    except DatabaseError:
        return False


@read_only
@never_cache
def ready(request: HttpRequest) -> HttpResponse:
    results = run_checks()
    ready_ = all(results[name] == "ok" for name in REQUIRED)
    status = 200 if ready_ else 503
    if not may_see_detail(request, database_ok=results["database"] == "ok"):
        return HttpResponse(
            "ok" if ready_ else "unavailable", status=status, content_type="text/plain"
        )
    if not ready_:
        summary = "unavailable"
    else:
        summary = "ok" if all(result == "ok" for result in results.values()) else "degraded"
    return JsonResponse({"status": summary, "checks": results}, status=status)
