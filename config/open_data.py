"""The open data's licence, named in every answer that serves it (the API, the exports)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseBase


def name_license[R: HttpResponseBase](response: R) -> R:
    """Add a ``Link: <…>; rel="license"`` header (RFC 8288's registered relation), so that a
    harvester learns the terms of reuse from the data itself."""
    link = f'<{settings.OPEN_DATA_LICENSE_URL}>; rel="license"'
    response["Link"] = f"{response['Link']}, {link}" if response.has_header("Link") else link
    return response
