"""The 403 page, in place of Django's, which shows any refusal's message and has one look for
the site and the back office."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _


class ExplainedRefusal(PermissionDenied):
    """A refusal whose message is written for the reader (why, and what to do), which the
    403 page shows; it shows no other refusal's message, which may name internals."""


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """In the back office (/admin/) the page keeps the back office's look, with the admin
    site's context (admin/403.html); elsewhere it is a page of the site's layout (403.html).
    Private: it names who is signed in."""
    context = {"reason": str(exception) if isinstance(exception, ExplainedRefusal) else ""}
    template = "403.html"
    match = request.resolver_match
    if match is not None and match.app_name == "admin":
        template = "admin/403.html"
        context |= admin.site.each_context(request) | {"title": _("You may not open this page")}
    response = render(request, template, context, status=403)
    add_never_cache_headers(response)
    return response
