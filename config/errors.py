"""The 403 pages, in place of Django's: a refusal, which shows its message when it is written
for the reader, and a form refused for its security token; each has one look for the site and
one for the back office. And the 405 page of the site's pages that only read
(``config.methods``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.log import log_response
from django.utils.translation import gettext as _


class ExplainedRefusal(PermissionDenied):
    """A refusal whose message is written for the reader (why, and what to do), which the
    403 page shows; it shows no other refusal's message, which may name internals."""


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """In the back office (/admin/) the page keeps the back office's look, with the admin
    site's context (admin/403.html); elsewhere it is a page of the site's layout (403.html).
    Private: it names who is signed in."""
    context = {"reason": str(exception) if isinstance(exception, ExplainedRefusal) else ""}
    return _refusal_page(request, "403.html", _("You may not open this page"), context)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused for its missing or stale security token (settings.CSRF_FAILURE_VIEW).

    Django's own page spoke of "CSRF verification" and headers, in the site's chrome neither
    in the back office nor on the portal. This one says, in the reader's language and the
    look of where the form was, why such a form is refused (a page left open across a login
    or logout, cookies blocked) and how to send it again, with a link back to the form.
    """
    context = {
        "cookie_missing": reason == REASON_NO_CSRF_COOKIE,
        "form_address": _page_the_form_was_on(request),
    }
    return _refusal_page(request, "403_csrf.html", _("Your form was not sent"), context)


def _refusal_page(request: HttpRequest, template: str, title: str, context: dict) -> HttpResponse:
    """A 403 page: in the back office (/admin/) its admin/ template, with the admin site's
    context and ``title`` as its heading; elsewhere a page of the site's layout. Never
    stored: it may name who is signed in."""
    match = request.resolver_match
    if match is not None and match.app_name == "admin":
        template = f"admin/{template}"
        context = context | admin.site.each_context(request) | {"title": title}
    response = render(request, template, context, status=403)
    add_never_cache_headers(response)
    return response


def _page_the_form_was_on(request: HttpRequest) -> str:
    """The page that sent the form, when it is this site's (the referrer); else the address
    the form was sent to, which for most forms (the login, the back office's) shows it."""
    referrer = request.headers.get("referer", "")
    if referrer and url_has_allowed_host_and_scheme(
        referrer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referrer
    return request.get_full_path()


def method_not_allowed(request: HttpRequest, allowed: Iterable[str]) -> HttpResponse:
    """405 for a method a page does not take (a form posted to a page that only reads), with
    the methods it takes in ``Allow``, as Django's answer, and the site's page saying so in
    the reader's language (405.html), where Django's had an empty body. Like the 404 page it
    reads no database, whatever was sent; and logged as Django logs its own."""
    allowed = list(allowed)
    response = HttpResponseNotAllowed(
        allowed, content=render_to_string("405.html", {"allowed": allowed}, request=request)
    )
    log_response(
        "Method Not Allowed (%s): %s",
        request.method,
        request.path,
        response=response,
        request=request,
    )
    return response
