"""Country names in the active language, as django-countries gives them, kept per language.

django-countries looks a name up and translates it on every call (about 15 µs); a directory
page shows some forty of them in its cards and facets. The names change only with a release.
"""

from functools import cache

from django.utils.translation import get_language
from django_countries import countries


def country_name(code: str) -> str:
    """The name of the country with this ISO code in the active language ("" if unknown)."""
    return _country_name(code, get_language())


@cache
def _country_name(code: str, language: str | None) -> str:
    return str(countries.name(code))  # translated in the active language, which is `language`
