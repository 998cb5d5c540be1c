"""Identifier validators: ROR ids and ORCID iDs, both with their checksums; DOIs as
stored and looked up. The range of years a record's dates may fall in."""

import datetime
import re
from urllib.parse import quote, unquote

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The years a record's dates and years may fall in, and the portal's, the API's and the
# dashboard's year filters offer: a date outside them is a typing mistake (0001, 9999) that
# the portal could not filter by, and near year 1 or 9999 one that crashed the back office
# (a time there has no UTC equivalent; the date hierarchy's next year does not exist).
FIRST_YEAR = 1900
LAST_YEAR = 2100

_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_ROR_RE = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$")
_ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def normalise_ror(value: str) -> str:
    """Accept ``https://ror.org/03vek6s52`` or ``03vek6s52``; return the bare lower-case id."""
    value = value.strip().lower()
    for prefix in ("https://ror.org/", "http://ror.org/", "ror.org/"):
        if value.startswith(prefix):
            value = value[len(prefix) :]
    return value


def validate_ror_id(value: str) -> None:
    ror = normalise_ror(value)
    if not _ROR_RE.match(ror):
        raise ValidationError(
            _(
                "Enter a ROR id like 03vek6s52: a 0, six letters or digits "
                "(no i, l, o or u), then two check digits."
            ),
            code="invalid_ror",
        )
    number = 0
    for char in ror[1:7]:
        number = number * 32 + _CROCKFORD.index(char)
    # ISO 7064 Mod 97-10 over the decoded base-32 number.
    expected = 98 - (number * 100) % 97
    if int(ror[7:]) != expected:
        raise ValidationError(
            _("This ROR id has a wrong checksum: check it for a typing mistake."),
            code="ror_checksum",
        )


def normalise_orcid(value: str) -> str:
    """Accept ``https://orcid.org/0000-0002-1825-0097`` or ``0000-0002-1825-0097``; return
    the bare upper-case iD."""
    value = value.strip()
    for prefix in ("https://orcid.org/", "http://orcid.org/", "orcid.org/"):
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
            break
    return value.strip().rstrip("/").upper()


def validate_orcid(value: str) -> None:
    value = value.strip().upper()
    if not _ORCID_RE.match(value):
        raise ValidationError(
            _("Enter an ORCID iD like 0000-0002-1825-0097 (four groups of four characters)."),
            code="invalid_orcid",
        )
    digits = value.replace("-", "")
    # ISO 7064 Mod 11-2, as ORCID specifies.
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if digits[-1] != expected:
        raise ValidationError(
            _("This ORCID iD has a wrong check digit: check it for a typing mistake."),
            code="orcid_checksum",
        )


# How a DOI is written before its "10.": as a link (https://doi.org/…, the older dx.doi.org,
# with or without the scheme) or after "doi:", in any case.
DOI_PREFIX = re.compile(r"(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:)", re.IGNORECASE)


def bare_doi(text: str) -> str:
    """A DOI as an achievement stores it and search looks it up: without a link's or a
    "doi:" prefix, a link's path percent-decoded (Achievement.link encodes it); any other
    text as it is, stripped."""
    text = text.strip()
    prefix = DOI_PREFIX.match(text)
    if prefix is None:
        return text
    doi = text[prefix.end() :]
    if not prefix.group().lower().startswith("doi:"):
        doi = unquote(doi)
    return doi.strip()


def doi_url(doi: str) -> str:
    """A bare DOI as a link, the way Crossref and APA 7 write one (https://doi.org/…), its
    path percent-encoded (``bare_doi`` decodes it)."""
    return "https://doi.org/" + quote(doi, safe="/")


def validate_record_date(value: datetime.date) -> None:
    """A record's date, or date and time, falls within FIRST_YEAR and LAST_YEAR."""
    # A time's own calendar day: converting one near year 1 to another zone overflows.
    day = value.date() if isinstance(value, datetime.datetime) else value
    first, last = datetime.date(FIRST_YEAR, 1, 1), datetime.date(LAST_YEAR, 12, 31)
    if not first <= day <= last:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="date_out_of_range",
            params={"first": first.isoformat(), "last": last.isoformat()},
        )
