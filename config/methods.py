"""The portal's public pages only read: any method but GET and HEAD gets 405 Method Not
Allowed, with ``Allow: GET, HEAD``, and the site's page saying so in the reader's language
(``config.errors.method_not_allowed``), where Django's answer had an empty body: a browser
showed a blank page.

They are also exempt from the CSRF check. CsrfViewMiddleware runs before the view, so a POST,
PUT or DELETE to a page that only reads got the check's 403 (a refused form) instead of its
405. The exemption is safe only because such a view answers nothing but GET and HEAD, which
change nothing, and reads no form: a view that handles a form (logging in, the language
switch) must never use these.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from config.errors import method_not_allowed

READ_METHODS = ("GET", "HEAD")


def read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A function view that answers GET and HEAD only (see the module docstring): Django's
    ``require_safe``, with the site's 405 page."""

    @wraps(view)
    def only_reading(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in READ_METHODS:
            return method_not_allowed(request, READ_METHODS)
        return view(request, *args, **kwargs)

    return csrf_exempt(only_reading)


class ReadOnlyViewMixin:
    """A class-based view that answers GET and HEAD only (see the module docstring)."""

    http_method_names = ["get", "head"]

    @classmethod
    def as_view(cls, **initkwargs) -> Callable[..., HttpResponse]:
        return csrf_exempt(super().as_view(**initkwargs))

    def http_method_not_allowed(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return method_not_allowed(request, self._allowed_methods())
