"""The signed-in user's own language for the pages outside the portal's language prefixes."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation


class UserLanguageMiddleware:
    """On a page whose URL names no language (the back office, the account pages), a
    signed-in user who chose a language (accounts.User.language) gets it, whatever their
    browser asks or their language cookie says; the portal and the dashboard keep the
    language of their URL. After LocaleMiddleware, which chose one from the request, and
    AuthenticationMiddleware. An anonymous request without a session reads nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not translation.get_language_from_path(request.path_info):
            language = getattr(request.user, "language", "")  # AnonymousUser has none
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
