"""Records' addresses (``get_absolute_url``) without a whole ``reverse()`` each.

A record's address is its route's address with its key (slug, primary key, country code) in
place. ``reverse()`` finds the route again, checks the key against the route's pattern and
quotes the address every time: about 0.1 M instructions, and a page links to a dozen records
or more (a directory page to 20 projects, a project page to its partners, fields, related
projects and news). Here the address around the key is reversed once per route, language,
script prefix and URL conf, and kept; each address is then the key put between the two.
"""

from __future__ import annotations

import re

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Keys made only of these need no quoting, so that the key in an address is the key as given.
_PLAIN_KEY = re.compile(r"[-a-zA-Z0-9_]+")

# (route, language, script prefix, URL conf) -> the address before and after the key.
_around_key: dict[tuple, tuple[str, str]] = {}


def record_url(viewname: str, **kwarg: str | int) -> str:
    """``reverse(viewname, kwargs=kwarg)`` for a route with one argument, the record's key
    (``record_url("cooperation:project-detail", slug=self.slug)``).

    A key needing quoting, or the first of a route, language and prefix, goes through
    ``reverse()``; a key is then checked against its route's pattern only when it does
    (records' keys are checked on save: slugs, ids and ISO codes)."""
    (key,) = kwarg.values()
    text = str(key)
    if not _PLAIN_KEY.fullmatch(text):
        return reverse(viewname, kwargs=kwarg)
    where = (viewname, get_language(), get_script_prefix(), get_urlconf())
    around = _around_key.get(where)
    if around is None:
        address = reverse(viewname, kwargs=kwarg)
        # Kept once the key is the only place the address has its text, so that what
        # surrounds the key is known ("en" in /en/countries/en/ is not).
        if address.count(text) != 1:
            return address
        before, after = address.split(text)
        around = _around_key[where] = (before, after)
    return around[0] + text + around[1]


@receiver(setting_changed)
def _forget_addresses(**kwargs) -> None:
    # Tests change the URL conf and the languages: addresses kept under others would stay.
    _around_key.clear()
