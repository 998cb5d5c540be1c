"""The portal's public pages only read: any method but GET and HEAD gets 405 Method Not
Allowed, with ``Allow: GET, HEAD``.

They are also exempt from the CSRF check. CsrfViewMiddleware runs before the view, so a POST,
PUT or DELETE to a page that only reads got the check's 403 (a refused form) instead of its
405. The exemption is safe only because such a view answers nothing but GET and HEAD, which
change nothing, and reads no form: a view that handles a form (logging in, the language
switch) must never use these.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A function view that answers GET and HEAD only (see the module docstring)."""
    return csrf_exempt(require_safe(view))


class ReadOnlyViewMixin:
    """A class-based view that answers GET and HEAD only (see the module docstring)."""

    http_method_names = ["get", "head"]

    @classmethod
    def as_view(cls, **initkwargs) -> Callable[..., HttpResponse]:
        return csrf_exempt(super().as_view(**initkwargs))
