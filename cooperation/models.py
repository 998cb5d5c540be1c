"""The cooperation domain: who the base works with, on what, and what came of it."""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models.functions import Coalesce, Collate, NullIf
from django.db.models.lookups import IContains
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname, fallbacks_enabled, resolution_order

from config.links import LinkFlags, link_table
from config.record_urls import record_url
from cooperation.countries import country_name
from cooperation.described_images import DescribedImage
from cooperation.images import ProcessedImageField
from cooperation.publication import (
    PublicationStatus,
    Publishable,
    PublishableQuerySet,
    public_now,
)
from cooperation.uploads import RandomUploadPath
from cooperation.validators import (
    FIRST_YEAR,
    LAST_YEAR,
    bare_doi,
    doi_url,
    normalise_ror,
    validate_orcid,
    validate_record_date,
    validate_ror_id,
)

YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
MOST_PEOPLE_IN_AN_EXCHANGE = 10_000
_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")


def choice_label(choices: type[models.Choices], value: str) -> str:
    """The label of ``value`` in the active language, as get_FOO_display() gives it (the
    value itself when it is no longer a choice)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def reading_order(name: str) -> bytes:
    """How the portal sorts names in Python (the short lists: a project's partners, the
    filters' choices, the partner countries): as a reader reads them, whatever their case or
    accents, and Chinese in pinyin order. The databases' collations (binary on SQLite,
    C.UTF-8 here on PostgreSQL) put "Zeta" before "beta" and Chinese in code-point order
    (以色列 before 德国). GB18030 orders the 3,755 most common Chinese characters (GB 2312's
    first level) by their pinyin, the rarer after them: its bytes are the key, at no memory
    cost (a pinyin dictionary cost each worker 58 MB). Lists the database sorts use
    ``name_order``. Names recur (an export sorts each row's partners): each key is kept, so
    the export of a country's projects costs what it did when the key was the casefold."""
    return _reading_key(str(name))  # a lazy translation is keyed by what it reads now


@functools.lru_cache(maxsize=8192)
def _reading_key(name: str) -> bytes:
    return fold_accents(name).casefold().encode("gb18030")


def by_country_name(partners: Iterable[PartnerCountry]) -> list[PartnerCountry]:
    """Partner countries by their names in the active language, as its reader reads them
    (``reading_order``), not by ISO code: the country list and the home page's."""
    return sorted(partners, key=lambda partner: reading_order(partner.country.name))


# What PostgreSQL sorts names by in each language (ICU's, which Debian's PostgreSQL has):
# pinyin for Chinese, and the root order for English (case and accents second).
NAME_COLLATIONS = {"zh-hans": "zh-Hans-x-icu", "en": "und-x-icu"}


# SQLite has no ICU: the collation of this name, which each new connection is given
# (add_sqlite_functions), compares names by ``reading_order`` itself.
SQLITE_READING_COLLATION = "coopbase_reading"

# The SQL function that folds a text's accents ("Müller": "Muller"): on PostgreSQL an
# immutable wrapper of the unaccent extension (cooperation.0020); on SQLite ``fold_accents``
# itself, given to each new connection (add_sqlite_functions).
FOLD_ACCENTS_FUNCTION = "coopbase_fold_accents"


class FoldAccents(models.Func):
    """A text with its accents folded, in SQL (FOLD_ACCENTS_FUNCTION). On PostgreSQL a column
    is folded by unaccent() itself, which costs next to nothing a row where the wrapper, not
    inlined, made a scan of names six times dearer; a constant (a reader's word) through the
    wrapper, which the planner, as it is immutable, folds once before the scan. Both fold
    alike."""

    function = FOLD_ACCENTS_FUNCTION
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        if not isinstance(self.get_source_expressions()[0], models.Value):
            extra_context["template"] = "unaccent('unaccent'::regdictionary, %(expressions)s)"
        return self.as_sql(compiler, connection, **extra_context)


def name_order(expression: str | models.Expression, language: str) -> models.Expression:
    """A name column as the database sorts it for a reader of ``language``, as
    ``reading_order`` sorts names in Python: PostgreSQL by ICU's collation of the language,
    SQLite (no index serves it: a development stand-in) by ``reading_order``."""
    if connection.vendor == "postgresql":
        return Collate(expression, NAME_COLLATIONS.get(language, NAME_COLLATIONS["en"]))
    return Collate(expression, SQLITE_READING_COLLATION)


def shown_name_order(field: str, language: str) -> models.Expression:
    """A translated name or title (``field``) as a reader of ``language`` is shown it and
    reads it (``name_order``): their language's text, else the next of modeltranslation's
    fallback languages that has some, as the record's page and card show it (a record
    written in Chinese alone is sorted among English titles by its Chinese one). The one
    rule of every list sorted by a translated name: the directory's, the awards' and the
    achievements' by title (cooperation.filters.sorted_by), the researchers', institutions'
    and units' lists. PostgreSQL serves the titles' orders with indexes of this very
    expression (cooperation.0022, 0023): changing it means replacing them.

    Never NULL: with "" last, a record with no text in any language sorts as an empty one,
    which the output field declares (``null=False``), so that the list's deep pages keep
    their anchors without asking whether a row lacks a value (config.pagination)."""
    shown = Coalesce(
        # An empty text is none: modeltranslation shows the next language's.
        *(
            NullIf(build_localized_fieldname(field, code), models.Value(""))
            for code in resolution_order(language)
        ),
        models.Value(""),
        # The columns are modeltranslation's, all nullable: Django will not mix them without
        # being told what comes out (a list that also groups, as the units' counting people).
        output_field=models.CharField(null=False),
    )
    return name_order(shown, language)


def add_sqlite_functions(sender, connection, **kwargs) -> None:
    """Receiver of ``connection_created`` (cooperation/apps.py): a SQLite connection gets the
    collation ``name_order`` names and the function FoldAccents calls, which PostgreSQL has
    from a migration."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_READING_COLLATION, _compare_as_read)
        connection.connection.create_function(
            FOLD_ACCENTS_FUNCTION, 1, _fold_accents_or_null, deterministic=True
        )


def _fold_accents_or_null(text: str | None) -> str | None:
    return None if text is None else fold_accents(str(text))


def _compare_as_read(first: str, second: str) -> int:
    first_key, second_key = reading_order(first), reading_order(second)
    return (first_key > second_key) - (first_key < second_key)


def fold_accents(text: str) -> str:
    """``text`` with each accented letter as its base letter ("Charité": "Charite"), one
    character for one: a letter that does not decompose to one base letter and marks stays
    as it is. Text without accents (ASCII, Chinese) is returned at once."""
    if text.isascii() or len(unicodedata.normalize("NFD", text)) == len(text):
        return text
    # One str.translate over a table each letter is worked out for once: about half the time of
    # joining the letters one by one (timeit, 1,000 names of accented Latin and Cyrillic).
    return text.translate(_FOLDED_LETTERS)


class _FoldedLetters(dict):
    """{code point: its letter folded}, filled in as letters are first met."""

    def __missing__(self, code: int) -> str:
        letter = chr(code)
        base, *marks = unicodedata.normalize("NFD", letter)
        folded = base if all(unicodedata.combining(mark) for mark in marks) else letter
        self[code] = folded
        return folded


_FOLDED_LETTERS = _FoldedLetters()


def contains_in_either_language(field: str, text: str) -> models.Q:
    """Records whose translated ``field`` holds every word of ``text``, in any order and
    whatever its case and accents, in either language: how a person is looked up by a part
    of their name (李, li na, or Na Li, as an English page may give a Chinese name; Muller
    finds Müller and José Jose). Both sides are folded in SQL (FoldAccents), so that a letter
    PostgreSQL's unaccent folds and Python would not (ß, Ø) is folded alike in each. No
    index serves it: names are read row by row (5,000 researchers in 1.5 ms)."""
    words = text.split() or [text]

    def holds_each(column: str) -> models.Q:
        return functools.reduce(operator.and_, (holds_folded(column, word) for word in words))

    return holds_each(f"{field}_zh_hans") | holds_each(f"{field}_en")


def holds_folded(column: str, text: str) -> models.Q:
    """Records whose ``column`` holds ``text``, whatever its case and accents (FoldAccents):
    ``icontains`` with accents folded on both sides."""
    return models.Q(IContains(FoldAccents(column), FoldAccents(models.Value(text))))


def untranslated_in(language: str, fields: Iterable[str]) -> models.Q:
    """Records a reader in ``language`` sees partly in another: one of these translated
    fields is empty in ``language`` but written in another language, which modeltranslation
    shows instead. Staff's list of what to translate; one record asks
    :func:`shown_in_other_language`."""
    others = [code for code in mt_settings.AVAILABLE_LANGUAGES if code != language]
    gaps = []
    for field in fields:
        column = build_localized_fieldname(field, language)
        empty = models.Q(**{column: ""}) | models.Q(**{f"{column}__isnull": True})
        written = [
            models.Q(**{f"{build_localized_fieldname(field, other)}__gt": ""}) for other in others
        ]
        gaps.append(empty & functools.reduce(operator.or_, written))
    return functools.reduce(operator.or_, gaps)


def language_shown(record: models.Model, field: str, language: str) -> str:
    """The language of the text a reader in ``language`` sees in the record's translated
    ``field``: ``language`` itself, unless it is empty there and modeltranslation shows
    the first language of its fallback order that has text. The page marks that text with
    its language (``lang``), or a screen reader reads Chinese with an English voice. Read
    from the columns already loaded (``only()`` loads every language's), so no query."""
    for code, column in _columns_in_fallback_order(field, language, fallbacks_enabled()):
        if getattr(record, column, ""):
            return code
    return language


@functools.cache
def _columns_in_fallback_order(
    field: str, language: str, fallbacks: bool
) -> tuple[tuple[str, str], ...]:
    """Each language a reader in ``language`` may see ``field`` in, with its column, in
    modeltranslation's fallback order (``resolution_order``; ``fallbacks``, whether they are
    on, which it reads, keys the answer too): fixed for the life of the process. Worked out
    once each: the search page asks it of some 300 titles and snippets (-4 % of its
    instructions), every page of its texts' ``lang``."""
    return tuple(
        (code, build_localized_fieldname(field, code)) for code in resolution_order(language)
    )


def shown_in_other_language(record: models.Model, language: str) -> bool:
    """Whether a reader in ``language`` sees part of the record's page in another language
    (:func:`untranslated_in` for one record): its ``reader_fields`` say which parts."""
    return any(
        language_shown(record, field, language) != language for field in record.reader_fields
    )


def written_column(language: str) -> str:
    """The name of the annotation ``with_languages_written`` gives for ``language``."""
    return f"written_{language.replace('-', '_')}"


def with_languages_written(records: models.QuerySet) -> models.QuerySet:
    """``records`` with, for each language of the site, whether each is written in it
    (``languages_written``), worked out by the database: for a list of addresses that loads
    none of their texts (the sitemap)."""
    fields = getattr(records.model, "reader_fields", ())
    if not fields:
        return records
    return records.annotate(
        **{
            written_column(language): models.Case(
                models.When(untranslated_in(language, fields), then=models.Value(False)),
                default=models.Value(True),
                output_field=models.BooleanField(),
            )
            for language in mt_settings.AVAILABLE_LANGUAGES
        }
    )


def languages_written(record: models.Model) -> list[str]:
    """The languages of the site a record's page is written in, in the site's order: those
    in which no text of its page is another language's (:func:`shown_in_other_language`,
    which puts the page's translation notice up). Its page in another language is its text
    under that language's interface, which search engines count as a duplicate, not a
    translation: no ``hreflang`` names it, nor the sitemap. From the columns already
    loaded, or ``with_languages_written``'s annotations: no query. Every language for a
    record without translated text (a partner country), or with none written at all."""
    languages = list(mt_settings.AVAILABLE_LANGUAGES)
    if not getattr(record, "reader_fields", ()):
        return languages
    written = [
        language
        for language in languages
        if (
            getattr(record, written_column(language))
            if written_column(language) in record.__dict__
            else not shown_in_other_language(record, language)
        )
    ]
    return written or languages


def canonical_language(language: str, written: Sequence[str]) -> str:
    """The language of a record's canonical page for a reader in ``language``, given the
    languages it is written in (``languages_written``): ``language`` itself where it is
    written in it, else the first it is. Its page in another shows untranslated text, a
    duplicate: the page's ``rel=canonical`` and every address cited or shared of it (the
    citation, the share links, the QR code) name the page in this language, by this one
    rule."""
    return language if language in written else written[0]


def partner_order(role: str, name: str) -> tuple[bool, str]:
    """How a project's partners are listed, on its page, in the API and in the open data:
    the lead partner first, then by name (``reading_order``)."""
    return (role != PartnerRole.LEAD_PARTNER, reading_order(name))


def validate_year_passed(year: int | None, field: str = "year") -> None:
    """A year in which something happened (an award, a result, the start of a partnership):
    next year at most, as an award may be announced for January; 2090 is a typo, which the
    lists, the counts and the dashboard would show."""
    latest = timezone.localdate().year + 1
    if year and year > latest:
        raise ValidationError(
            {
                field: _("This year is still to come: enter %(latest)d or earlier.")
                % {"latest": latest}
            }
        )


def validate_date_range(start: date | None, end: date | None, end_field: str = "end_date") -> None:
    """One rule for every record with a start and an end."""
    if start and end and end < start:
        raise ValidationError({end_field: _("The end date cannot be before the start date.")})


class KeepsFormerSlugs(models.Model):
    """A record with a page at its ``slug``: when the slug changes, its old address keeps
    leading to it (:mod:`cooperation.addresses` keeps each former slug)."""

    # The field whose value is the record's part of its address: its slug, or a partner
    # country's ISO code (/countries/jp/), kept as a former "slug" all the same.
    address_field = "slug"

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        record = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        # The slug as stored: a save tells a change from it without reading the row again
        # (a spreadsheet import saves thousands of records, none with a new slug).
        record._stored_slug = record.__dict__.get(cls.address_field)
        return record

    @property
    def address_key(self) -> str:
        """The record's part of its address as former ones are kept: its slug, or a
        country's code in capitals ("JP")."""
        return str(getattr(self, self.address_field) or "")


class Region(models.TextChoices):
    EAST_ASIA = "east_asia", _("East Asia")
    SOUTHEAST_ASIA = "southeast_asia", _("Southeast Asia")
    SOUTH_ASIA = "south_asia", _("South Asia")
    MIDDLE_EAST = "middle_east", _("Middle East")
    EUROPE = "europe", _("Europe")
    NORTH_AMERICA = "north_america", _("North America")
    LATIN_AMERICA = "latin_america", _("Latin America")
    AFRICA = "africa", _("Africa")
    OCEANIA = "oceania", _("Oceania")


class PartnerCountryQuerySet(models.QuerySet):
    def with_public_projects(self) -> PartnerCountryQuerySet:
        """Countries with at least one public project through a partner institution."""
        # EXISTS stops at each country's first public partnership; a DISTINCT over the
        # join would read every partnership row (50x slower at 100,000 projects).
        public_partnerships = ProjectPartner.objects.filter(
            institution__country=models.OuterRef("pk"),
            project__in=CooperationProject.objects.public(),
        )
        return self.filter(models.Exists(public_partnerships))

    def partners(self) -> PartnerCountryQuerySet:
        """The partner countries readers are shown, each with its public projects counted
        (``public_project_count``): those with a public project (``with_public_projects``),
        as the home page's figure, map and list, the country list and the sitemap give
        them. A country entered with none yet, or whose projects are all drafts, is no
        partner to show ("0 projects"); its page still answers, for its institutions."""
        return self.with_public_projects().with_project_counts()

    def with_project_counts(self) -> PartnerCountryQuerySet:
        return self.annotate(
            public_project_count=models.Count(
                "institutions__projects",
                filter=models.Q(institutions__projects__in=CooperationProject.objects.public()),
                distinct=True,
            )
        )


class PartnerCountry(KeepsFormerSlugs):
    # A country's page is at its code: a code corrected in the admin keeps the old address
    # (and the lists' ``?country=`` filters by it) leading to the country.
    address_field = "country"

    country = CountryField(_("country"), unique=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    since_year = models.PositiveSmallIntegerField(
        _("cooperating since"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    summary = models.TextField(_("summary"), blank=True)

    objects = PartnerCountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner country")
        verbose_name_plural = _("partner countries")
        ordering = ["country"]

    def __str__(self) -> str:
        return country_name(self.country.code)

    def get_absolute_url(self) -> str:
        return record_url("cooperation:country-detail", code=self.country.code.lower())

    def clean(self) -> None:
        super().clean()
        validate_year_passed(self.since_year, "since_year")

    @property
    def code(self) -> str:
        return self.country.code


class InstitutionKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    INSTITUTE = "institute", _("Research institute")
    HOSPITAL = "hospital", _("Hospital")
    COMPANY = "company", _("Company")
    GOVERNMENT = "government", _("Government body")
    OTHER = "other", _("Other")


def institution_name_key(name: str | None) -> str:
    """The form in which institution names are compared, so that one institution is not
    entered twice: compatibility characters folded (NFKC: full-width ＵＴｏｋｙｏ and （）
    as their half-width forms), case-folded, surrounding spaces dropped and inner runs of
    spaces (full-width ones too) made one. An empty name has the empty key."""
    folded = unicodedata.normalize("NFKC", name or "").casefold()
    return " ".join(unicodedata.normalize("NFKC", folded).split())


def institution_name_keys(names: Iterable[str | None]) -> set[str]:
    """The keys of ``names``, the empty ones left out."""
    return {institution_name_key(name) for name in names} - {""}


class InstitutionQuerySet(models.QuerySet):
    def name_keys(self) -> Iterator[tuple[int, set[str]]]:
        """Each institution's pk with the keys (:func:`institution_name_key`) of its name in
        every language, read in one query of those columns only."""
        columns = Institution.name_columns()
        for pk, *names in self.values_list("pk", *columns).iterator(chunk_size=2000):
            yield pk, institution_name_keys(names)

    def named_like(
        self, *names: str | None, excluding: Institution | None = None
    ) -> InstitutionQuerySet:
        """The institutions, other than ``excluding``, with a name in any language that is
        one of ``names`` (in any language) as :func:`institution_name_key` compares them:
        those a new or renamed institution would duplicate.

        The names are compared in Python, as no database function folds full-width forms on
        SQLite: this reads the name columns of the whole table once (a few milliseconds for
        ten thousand institutions), then the matches."""
        wanted = institution_name_keys(names)
        if not wanted:
            return self.none()
        others = self
        if excluding is not None and excluding.pk is not None:
            others = self.exclude(pk=excluding.pk)
        matching = [pk for pk, keys in others.name_keys() if keys & wanted]
        return others.filter(pk__in=matching)


class Institution(KeepsFormerSlugs):
    reader_fields = ("name", "city", "description")  # the translated text its page shows

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    country = models.ForeignKey(
        PartnerCountry,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="institutions",
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InstitutionKind.choices)
    website = models.URLField(_("website"), blank=True)
    ror_id = models.CharField(
        _("ROR id"),
        max_length=40,
        blank=True,
        validators=[validate_ror_id],
        help_text=_(
            "Research Organization Registry id, e.g. 03vek6s52 or https://ror.org/03vek6s52."
        ),
    )
    logo = ProcessedImageField(_("logo"), upload_to=RandomUploadPath("institutions"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ror_id"],
                condition=~models.Q(ror_id=""),
                name="institution_unique_ror_id",
                violation_error_message=_("Another institution already has this ROR id."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return record_url("cooperation:institution-detail", slug=self.slug)

    def clean(self) -> None:
        super().clean()
        if self.ror_id:
            self.ror_id = normalise_ror(self.ror_id)

    @staticmethod
    def name_columns() -> list[str]:
        """The columns of the name, one per language (``name_zh_hans``, ``name_en``)."""
        return [
            build_localized_fieldname("name", language)
            for language in mt_settings.AVAILABLE_LANGUAGES
        ]

    def name_keys(self) -> set[str]:
        """The keys of its name in every language (:func:`institution_name_key`)."""
        return institution_name_keys(getattr(self, column) for column in self.name_columns())


class ResearchField(KeepsFormerSlugs):
    reader_fields = ("name", "description")  # the translated text its page shows

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent field"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Leave empty for a top-level field. Fields have two levels at most."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("research field")
        verbose_name_plural = _("research fields")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return record_url("cooperation:field-detail", slug=self.slug)

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A field cannot be its own parent.")})
        if self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("Choose a top-level field: fields have two levels at most.")}
            )
        if self.pk and self.children.exists():
            raise ValidationError(
                {"parent": _("This field has sub-fields, so it must stay at the top level.")}
            )


class Unit(KeepsFormerSlugs):
    """An internal unit of the base, e.g. the College of Pharmacy."""

    reader_fields = ("name", "description")  # the translated text its page shows

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return record_url("cooperation:unit-detail", slug=self.slug)


class Researcher(KeepsFormerSlugs):
    reader_fields = ("name", "title", "profile")  # the translated text its page shows

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="researchers"
    )
    title = models.CharField(
        _("academic title"),
        max_length=120,
        blank=True,
        help_text=_("e.g. Professor, Associate Professor"),
    )
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        blank=True,
        validators=[validate_orcid],
        help_text=_("e.g. 0000-0002-1825-0097"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    profile = models.TextField(_("profile"), blank=True)

    class Meta:
        verbose_name = _("researcher")
        verbose_name_plural = _("researchers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["orcid"],
                condition=~models.Q(orcid=""),
                name="researcher_unique_orcid",
                violation_error_message=_("Another researcher already has this ORCID iD."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return record_url("cooperation:researcher-detail", slug=self.slug)

    @property
    def orcid_url(self) -> str:
        """The researcher's ORCID record, where an iD is given."""
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    def clean(self) -> None:
        super().clean()
        self.orcid = self.orcid.strip().upper()


class ProjectKind(models.TextChoices):
    JOINT_RESEARCH = "joint_research", _("Joint research")
    JOINT_LAB = "joint_lab", _("Joint laboratory")
    TALENT_EXCHANGE = "talent_exchange", _("Talent exchange")
    TECHNOLOGY_TRANSFER = "technology_transfer", _("Technology transfer")
    INTRODUCED_PROJECT = "introduced_project", _("Introduced project")
    PLATFORM = "platform", _("Cooperation platform")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")


class ProjectCheck(models.TextChoices):
    """What staff should look at in a project's record: a status its dates contradict (the
    status is set by hand, and nothing moves it when a date passes, so a page could still
    say "Active" years after the end), or a project missing from the breakdowns by field or
    by country. :func:`projects_failing` finds them."""

    ENDED = "ended", _("Ended, still planned or active")
    STARTED = "started", _("Started, still planned")
    COMPLETED_EARLY = "completed_early", _("Completed before its end date")
    NO_FIELD = "no_field", _("No research field")
    NO_PARTNER = "no_partner", _("No partner institution")


# The status a project's dates call for, where they call for one: a project completed
# before its end date may have ended early (its end date is then wrong) or not.
STATUS_THE_DATES_CALL_FOR = {
    ProjectCheck.ENDED: ProjectStatus.COMPLETED,
    ProjectCheck.STARTED: ProjectStatus.ACTIVE,
}


def projects_failing(check: str, today: date) -> models.Q:
    """Projects that fail ``check`` on ``today`` (the site's date). A suspended project's
    dates say nothing of its status."""
    running = [ProjectStatus.PLANNED, ProjectStatus.ACTIVE]
    match check:
        case ProjectCheck.ENDED:
            return models.Q(status__in=running, end_date__lt=today)
        case ProjectCheck.STARTED:
            not_ended = models.Q(end_date__isnull=True) | models.Q(end_date__gte=today)
            return models.Q(status=ProjectStatus.PLANNED, start_date__lte=today) & not_ended
        case ProjectCheck.COMPLETED_EARLY:
            return models.Q(status=ProjectStatus.COMPLETED, end_date__gt=today)
        case ProjectCheck.NO_FIELD:
            links = ProjectResearchField.objects.filter(project=models.OuterRef("pk"))
            return ~models.Q(models.Exists(links))
        case ProjectCheck.NO_PARTNER:
            links = ProjectPartner.objects.filter(project=models.OuterRef("pk"))
            return ~models.Q(models.Exists(links))
    raise ValueError(f"Not a project check: {check!r}")


class Currency(models.TextChoices):
    CNY = "CNY", _("Chinese yuan (CNY)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")
    GBP = "GBP", _("Pound sterling (GBP)")
    JPY = "JPY", _("Japanese yen (JPY)")
    RUB = "RUB", _("Russian rouble (RUB)")
    CAD = "CAD", _("Canadian dollar (CAD)")
    ILS = "ILS", _("Israeli shekel (ILS)")
    THB = "THB", _("Thai baht (THB)")


def active_in_years(first_year: int | None, last_year: int | None, prefix: str = "") -> models.Q:
    """The rule for "active in [first_year, last_year]", as a Q usable in filters and in
    conditional aggregates (``prefix`` reaches the project through a relation, e.g.
    ``"project__"``): started on or before the last year's end and not ended before the
    first year's start. Either end may be open.
    """
    condition = models.Q()
    if last_year is not None:
        condition &= models.Q(**{f"{prefix}start_date__lte": date(last_year, 12, 31)})
    if first_year is not None:
        condition &= models.Q(**{f"{prefix}end_date__isnull": True}) | models.Q(
            **{f"{prefix}end_date__gte": date(first_year, 1, 1)}
        )
    return condition


def started_in_years(first_year: int | None, last_year: int | None, prefix: str = "") -> models.Q:
    """Records with a start date (projects, exchanges) that started in [first_year,
    last_year] (either end may be open)."""
    condition = models.Q()
    if first_year is not None:
        condition &= models.Q(**{f"{prefix}start_date__gte": date(first_year, 1, 1)})
    if last_year is not None:
        condition &= models.Q(**{f"{prefix}start_date__lte": date(last_year, 12, 31)})
    return condition


class ProjectQuerySet(PublishableQuerySet):
    # Filters use subqueries on the link tables rather than joins, so results never repeat
    # and need no DISTINCT, whatever combination a reader picks.

    def for_country(self, code: str) -> ProjectQuerySet:
        """Projects with a partner institution in the country with this ISO code."""
        partners = ProjectPartner.objects.filter(institution__country__country=code.upper())
        return self.filter(pk__in=partners.values("project_id"))

    def for_institution(self, slug: str) -> ProjectQuerySet:
        partners = ProjectPartner.objects.filter(institution__slug=slug)
        return self.filter(pk__in=partners.values("project_id"))

    def for_field(self, slug: str) -> ProjectQuerySet:
        """Projects in the field or in one of its sub-fields."""
        links = ProjectResearchField.objects.filter(
            models.Q(field__slug=slug) | models.Q(field__parent__slug=slug)
        )
        return self.filter(pk__in=links.values("project_id"))

    def for_unit(self, slug: str) -> ProjectQuerySet:
        return self.filter(lead_unit__slug=slug)

    def for_researcher(self, slug: str) -> ProjectQuerySet:
        """Projects the researcher leads as principal investigator."""
        return self.filter(principal_investigator__slug=slug)

    def count_per_field(self) -> dict[int, int]:
        """How many of these projects each research field has, by the field's id: a
        top-level field counts the projects in it or in any of its sub-fields once each, as
        its page and the directory's ``field`` filter do (``for_field``). Two grouped
        queries over the link table, whatever the number of fields."""
        links = ProjectResearchField.objects.filter(project__in=self.values("pk")).order_by()
        own = links.values_list("field_id").annotate(count=models.Count("project_id"))
        # Grouped by the top-level field: a sub-field's links count for its parent.
        top = Coalesce("field__parent_id", "field_id")
        with_subfields = links.values_list(top).annotate(
            count=models.Count("project_id", distinct=True)
        )
        return dict(own) | dict(with_subfields)

    def count_per_leader(self, researchers: Iterable[Researcher]) -> dict[int, int]:
        """How many of these projects each of ``researchers`` leads as principal
        investigator, by the researcher's id (one grouped query; none for no researcher)."""
        ids = [researcher.pk for researcher in researchers]
        if not ids:
            return {}
        return dict(
            self.filter(principal_investigator__in=ids)
            .values_list("principal_investigator_id")
            .annotate(count=models.Count("pk"))
            .order_by()
        )

    def count_per_lead_unit(self) -> dict[int, int]:
        """How many of these projects each unit leads, by the unit's id (one grouped query)."""
        return dict(self.values_list("lead_unit_id").annotate(count=models.Count("pk")).order_by())

    def count_per_institution(self) -> dict[int, int]:
        """How many of these projects each institution is a partner in, by the institution's
        id: one grouped query over the partner links (a few thousand institutions)."""
        links = ProjectPartner.objects.filter(project__in=self.values("pk"))
        return dict(
            links.values_list("institution_id")
            .annotate(count=models.Count("project_id"))
            .order_by()
        )

    def featured(self) -> ProjectQuerySet:
        """The projects staff feature on the home page, newest first (coop_project_featured_idx)."""
        return self.filter(featured=True)

    def active_between(self, first_year: int | None, last_year: int | None) -> ProjectQuerySet:
        """Projects running at some time in [first_year, last_year] (either end may be open).

        A project counts in every year from its start to its end; one without an end date
        is still running.
        """
        return self.filter(active_in_years(first_year, last_year))

    def related_to(self, project: CooperationProject, limit: int = 5) -> list:
        """Up to ``limit`` other projects sharing a research field or a partner institution,
        most recent first.

        One query per kind of link, each an EXISTS per candidate: walking the start-date
        index, the database stops at the first few that share something, instead of first
        gathering the tens of thousands that do (15 ms -> 2 ms at 100,000 projects; with
        "field OR partner" in one query PostgreSQL gathers them all again).
        """
        # The project's own fields and partners as ids, from the rows with_detail_data()
        # loaded for its page (else one query each): the queries then compare with a list
        # instead of a nested subquery, which Django took 5 % of the page to build.
        links = [
            (
                ProjectResearchField,
                "field_id",
                [field.pk for field in project.research_fields.all()],
            ),
            (
                ProjectPartner,
                "institution_id",
                [partner.institution_id for partner in project.projectpartner_set.all()],
            ),
        ]
        found: dict[int, CooperationProject] = {}
        for link, column, own in links:
            if not own:
                continue
            shares = models.Exists(
                link.objects.filter(project_id=models.OuterRef("pk"), **{f"{column}__in": own})
            )
            newest = self.filter(shares).exclude(pk=project.pk).order_by("-start_date", "-pk")
            for candidate in newest[:limit]:
                found[candidate.pk] = candidate
        return sorted(found.values(), key=lambda p: (p.start_date, p.pk), reverse=True)[:limit]

    def with_card_data(self) -> ProjectQuerySet:
        """What a project card (includes/project_card.html) shows, and no more: the project's
        columns it reads, and its partners' roles and names with their countries (one query;
        the card lists them as the project's page does, ``partnerships``). The bodies,
        outcomes and the rest of a project were read, decoded and kept for every card, in
        both languages, and never shown."""
        return self.only(
            "title", "slug", "summary", "kind", "status", "start_date", "end_date"
        ).prefetch_related(
            models.Prefetch(
                "projectpartner_set",
                ProjectPartner.objects.select_related("institution__country").only(
                    "project",
                    "role",
                    # Both languages' columns: modeltranslation widens only() on its own
                    # model's fields, not through a relation.
                    "institution__name_zh_hans",
                    "institution__name_en",
                    "institution__country",
                    "institution__country__country",
                ),
            )
        )

    def with_detail_data(self) -> ProjectQuerySet:
        """What the project page shows, in a fixed number of queries; with whether any news
        article links to the project, whether it has exchanges and whether it has
        achievements (``links``, a tuple of three booleans), so that the page reads each of
        these lists only when there is one to read."""
        # The link table of news.Article.related_projects, through its reverse accessor:
        # this app does not import the news app, which builds on it.
        exchanges = (Exchange._meta.db_table, Exchange._meta.get_field("project").column)
        achievements = (Achievement._meta.db_table, Achievement._meta.get_field("project").column)
        return (
            self.select_related("lead_unit", "principal_investigator")
            .annotate(links=LinkFlags(link_table(self.model, "articles"), exchanges, achievements))
            .prefetch_related("research_fields", partnerships_with_institutions())
        )

    def with_list_data(self) -> ProjectQuerySet:
        """What the open-data lists give of each project, in a fixed number of queries."""
        return self.select_related("lead_unit", "principal_investigator").prefetch_related(
            "research_fields", partnerships_with_institutions()
        )

    def facet_counts(self, institutions: int = 15) -> dict:
        """How many of these projects have each partner country, research field, lead unit,
        kind and status, the ``institutions`` most frequent partner institutions, and the
        total: one statement, in which the selection is worked out once (a materialised
        CTE) and each group counts over it, grouping by ids before names are joined. As
        separate queries each filtered the whole table again (a new directory selection at
        100,000 projects: 135 -> 60 ms of SQL; the unfiltered one about the same, 0.5 s).
        The selection's partners, with their countries, are read once too (partnership) and
        both the country and the institution counts group them (the 200 varied directory
        selections of bench/varied.py, with the link indexes of cooperation.0006: median
        76 -> 65 ms)."""
        counts: dict = {"country": [], "field": [], "institution": [], "unit": []}
        counts.update(kind={}, status={}, total=0)
        # Its columns are named pk, kind, status and lead_unit_id (in the model's order).
        try:
            selection, params = (
                self.order_by()
                .values("pk", "kind", "status", "lead_unit_id")
                .query.sql_with_params()
            )
        except EmptyResultSet:  # .none(): nothing to count
            return counts
        unit, partner, institution = (
            Unit._meta.db_table,
            ProjectPartner._meta.db_table,
            Institution._meta.db_table,
        )
        country, field_link, field = (
            PartnerCountry._meta.db_table,
            ProjectResearchField._meta.db_table,
            ResearchField._meta.db_table,
        )
        # Worked out once, not inlined into each group (SQLite, older ones included, plans
        # it on its own). Table names come from the models; the only values are the
        # selection's parameters and the limit, passed as parameters.
        materialized = "MATERIALIZED" if connection.vendor == "postgresql" else ""
        sql = f"""
            WITH selection AS {materialized} ({selection}),
            partnership AS {materialized} (
                SELECT p.project_id, p.institution_id, i.country_id
                  FROM selection s
                  JOIN {partner} p ON p.project_id = s.pk
                  JOIN {institution} i ON i.id = p.institution_id),
            field_link AS {materialized} (
                SELECT l.project_id, l.field_id, lf.parent_id
                  FROM selection s
                  JOIN {field_link} l ON l.project_id = s.pk
                  JOIN {field} lf ON lf.id = l.field_id)
            SELECT 'own', g.code, u.slug, u.name_zh_hans, u.name_en, 0, g.count
              FROM (SELECT s.kind || '|' || s.status AS code, s.lead_unit_id, COUNT(*) AS count
                      FROM selection s GROUP BY s.kind, s.status, s.lead_unit_id) g
              LEFT JOIN {unit} u ON u.id = g.lead_unit_id
            UNION ALL
            SELECT 'country', c.country, NULL, NULL, NULL, 0, g.count
              FROM (SELECT pair.country_id, COUNT(DISTINCT pair.project_id) AS count
                      FROM partnership pair GROUP BY pair.country_id) g
              JOIN {country} c ON c.id = g.country_id
            UNION ALL
            SELECT 'field', parent.slug, f.slug, f.name_zh_hans, f.name_en, f.sort_order, g.count
              FROM (SELECT fl.field_id, COUNT(*) AS count
                      FROM field_link fl WHERE fl.parent_id IS NOT NULL GROUP BY fl.field_id
                    UNION ALL
                    SELECT COALESCE(fl.parent_id, fl.field_id),
                           COUNT(DISTINCT fl.project_id) AS count
                      FROM field_link fl GROUP BY COALESCE(fl.parent_id, fl.field_id)) g
              JOIN {field} f ON f.id = g.field_id
              LEFT JOIN {field} parent ON parent.id = f.parent_id
            UNION ALL
            SELECT * FROM (
                SELECT 'institution', NULL, i.slug, i.name_zh_hans, i.name_en, 0, g.count
                  FROM (SELECT pair.institution_id, COUNT(*) AS count
                          FROM partnership pair GROUP BY pair.institution_id) g
                  JOIN {institution} i ON i.id = g.institution_id
                 ORDER BY g.count DESC, i.slug
                 LIMIT %s
            ) AS top_institutions
        """  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, institutions])
            rows = cursor.fetchall()
        # A project has a field, and an institution, once (unique links): COUNT(*) is the
        # number of projects; a country can come through several institutions, and a
        # top-level field counts its sub-fields' projects too (as ``for_field`` selects
        # them), each once: DISTINCT.
        units: dict[str, dict] = {}
        field_positions: dict[str, int] = {}
        for facet, code, slug, name_zh_hans, name_en, position, count in rows:
            named = {"slug": slug, "names": (name_zh_hans, name_en), "count": count}
            if facet == "own":
                kind, status = code.split("|")
                counts["kind"][kind] = counts["kind"].get(kind, 0) + count
                counts["status"][status] = counts["status"].get(status, 0) + count
                units.setdefault(slug, {**named, "count": 0})["count"] += count
                counts["total"] += count
            elif facet == "country":
                counts["country"].append({"code": code, "count": count})
            elif facet == "field":
                counts["field"].append({**named, "parent": code})
                field_positions[slug] = position
            else:
                counts["institution"].append(named)
        counts["country"].sort(key=lambda row: (-row["count"], row["code"]))

        def under_parent(row: dict) -> tuple:
            # Each top-level field in staff's order, its sub-fields after it in theirs (a
            # sub-field's parent is always counted: it counts the sub-field's projects).
            top = row["parent"] or row["slug"]
            own = (row["parent"] is not None, field_positions[row["slug"]], row["slug"])
            return (field_positions.get(top, 0), top, *own)

        counts["field"].sort(key=under_parent)
        counts["institution"].sort(key=lambda row: (-row["count"], row["slug"]))
        counts["unit"] = sorted(units.values(), key=lambda row: row["slug"])
        return counts


# The columns a directory selection filters projects by, besides the links it reaches them
# through: the publication rule, status, kind, years and unit. Indexes that hold them all
# answer a selection from the index alone (coop_project_selection_idx, coop_project_start_idx).
SELECTION_COLUMNS = [
    "publication_status",
    "published_at",
    "status",
    "kind",
    "start_date",
    "end_date",
    "lead_unit",
]


class CooperationProject(DescribedImage, KeepsFormerSlugs, Publishable):
    reader_fields = ("title", "summary", "body", "outcomes")  # the translated text its page shows
    image_field = "cover_image"
    description_field = "cover_image_alt"

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    summary = models.TextField(_("summary"), max_length=1000)
    body = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=ProjectKind.choices)
    status = models.CharField(
        _("project status"),
        max_length=16,
        choices=ProjectStatus.choices,
        default=ProjectStatus.ACTIVE,
    )
    start_date = models.DateField(_("start date"), validators=[validate_record_date])
    end_date = models.DateField(
        _("end date"), null=True, blank=True, validators=[validate_record_date]
    )
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="projects"
    )
    principal_investigator = models.ForeignKey(
        Researcher,
        verbose_name=_("principal investigator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_projects",
    )
    partners = models.ManyToManyField(
        Institution,
        verbose_name=_("partner institutions"),
        through="ProjectPartner",
        related_name="projects",
    )
    research_fields = models.ManyToManyField(
        ResearchField,
        verbose_name=_("research fields"),
        through="ProjectResearchField",
        related_name="projects",
    )
    funding_source = models.CharField(_("funding source"), max_length=255, blank=True)
    funding_amount = models.DecimalField(
        _("funding amount"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("Funding cannot be negative."))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    outcomes = models.TextField(_("outcomes"), blank=True)
    cover_image = ProcessedImageField(
        _("cover image"), upload_to=RandomUploadPath("projects"), blank=True
    )
    cover_image_alt = models.CharField(_("cover image description"), max_length=255, blank=True)
    featured = models.BooleanField(_("featured"), default=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")
        ordering = ["-start_date", "-id"]
        permissions = [("publish_cooperationproject", _("Can publish cooperation projects"))]
        indexes = [
            models.Index(fields=["publication_status", "published_at"]),
            # A selection with a status (a country's active projects) is found by hashing the
            # projects its links reach against this status's entries, read from this index
            # alone, not by looking each of them up by id (cooperation.0021: the facets of 500
            # varied selections at 100,000 projects, 27 % less SQL time, 40 % with a status).
            models.Index(
                fields=["status", "id"],
                include=[c for c in SELECTION_COLUMNS if c != "status"],
                name="coop_project_status_idx",
            ),
            models.Index(fields=["kind"]),
            # Years and the directory's orders by date; with the id, a deep page's keys walk
            # from its anchor (config.pagination.RowsByKeys) in this index alone (directory
            # page 4,000: 20 -> 2 ms of SQL), not all public projects sorted. It holds what a
            # selection filters projects by, so a page's keys, newest first, are read from it
            # alone (an index-only scan): one of active projects with a partner in Japan
            # walked 960 projects' rows for its 20 (3.4 -> 1.1 ms at 100,000).
            models.Index(
                fields=["start_date", "id"],
                include=[c for c in SELECTION_COLUMNS if c != "start_date"],
                name="coop_project_start_idx",
            ),
            # Home's featured projects, newest first: read in that order from the featured
            # projects' own index, not found by a boolean index and sorted (1,000 featured at
            # 100,000 projects: 1-3 ms of every home page).
            models.Index(
                fields=["-start_date", "-id"],
                condition=models.Q(featured=True),
                name="coop_project_featured_idx",
            ),
            # The directory sorted by title in each language is served on PostgreSQL by
            # indexes of the titles as shown in the languages' collations (cooperation.0023,
            # shown_name_order).
            # A directory selection reaches its projects through partners or fields (a
            # country: 6,000 links) and keeps those public and in its years, status and kind:
            # read from this index alone (PostgreSQL's index-only scan), not from as many
            # scattered rows (the facets of a new selection: 37 -> 30 ms at 100,000).
            models.Index(
                fields=["id"], include=SELECTION_COLUMNS, name="coop_project_selection_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return record_url("cooperation:project-detail", slug=self.slug)

    # Every project card shows both labels. Django's own get_FOO_display() translates every
    # choice's label to look one up (it hashes them all), 8 % of a directory page.
    def get_kind_display(self) -> str:
        return choice_label(ProjectKind, self.kind)

    def get_status_display(self) -> str:
        return choice_label(ProjectStatus, self.status)

    @cached_property
    def partnerships(self) -> list[ProjectPartner]:
        """Its partners as its page lists them, with their roles: the lead partner first,
        then by name (``reading_order``), not in whatever order the links were stored.
        Sorted once a request: the page and its structured data both list them."""
        return sorted(
            self.projectpartner_set.all(),
            key=lambda link: partner_order(link.role, link.institution.name),
        )

    @property
    def lead_partner(self) -> Institution | None:
        """The partner institution that leads it, if one does (first of ``partnerships``)."""
        first = next(iter(self.partnerships), None)
        return first.institution if first and first.is_lead else None

    def clean(self) -> None:
        super().clean()
        validate_date_range(self.start_date, self.end_date)
        if errors := self.cover_errors():
            raise ValidationError(errors)


def partnerships_with_institutions() -> models.Prefetch:
    """A project's partner links with their institutions and countries, in one query for
    many projects (``CooperationProject.partnerships`` reads them)."""
    return models.Prefetch(
        "projectpartner_set", ProjectPartner.objects.select_related("institution__country")
    )


class PartnerRole(models.TextChoices):
    LEAD_PARTNER = "lead_partner", _("Lead partner")
    PARTNER = "partner", _("Partner")
    HOST = "host", _("Host institution")
    FUNDER = "funder", _("Funder")
    ADVISOR = "advisor", _("Advisor")


class ProjectPartner(models.Model):
    # Indexed by the unique constraint (project first) and by project_partner_by_institution
    # (institution first), not by a column alone each: see Meta.
    project = models.ForeignKey(
        CooperationProject, verbose_name=_("project"), on_delete=models.CASCADE, db_index=False
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, db_index=False
    )
    role = models.CharField(
        _("role"), max_length=16, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "institution"],
                name="project_partner_unique",
                violation_error_message=_("This institution is already a partner of the project."),
            )
        ]
        # The directory's country and institution filters go from institutions to their
        # projects: with both columns in the index, that is an index-only scan, not a read of
        # each link row (a country's 7,900 links at 100,000 projects: 14 -> 3 ms).
        indexes = [
            models.Index(fields=["institution", "project"], name="project_partner_by_institution")
        ]

    def __str__(self) -> str:
        return f"{self.institution} ({self.get_role_display()})"

    @property
    def is_lead(self) -> bool:
        return self.role == PartnerRole.LEAD_PARTNER


class ProjectResearchField(models.Model):
    """Explicit link table so that a research field in use cannot be deleted."""

    # Indexed as the partners are (ProjectPartner): by the unique constraint and by
    # project_field_by_field.
    project = models.ForeignKey(
        CooperationProject, verbose_name=_("project"), on_delete=models.CASCADE, db_index=False
    )
    field = models.ForeignKey(
        ResearchField, verbose_name=_("research field"), on_delete=models.PROTECT, db_index=False
    )

    class Meta:
        verbose_name = _("project research field")
        verbose_name_plural = _("project research fields")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "field"],
                name="project_field_unique",
                violation_error_message=_("This field is already listed for the project."),
            )
        ]
        indexes = [models.Index(fields=["field", "project"], name="project_field_by_field")]

    def __str__(self) -> str:
        return str(self.field)


class AwardLevel(models.TextChoices):
    INTERNATIONAL = "international", _("International")
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    MUNICIPAL = "municipal", _("Municipal")
    UNIVERSITY = "university", _("University")


class Award(KeepsFormerSlugs, Publishable):
    """An award or a recognition. With no recipient set, it went to the base itself."""

    reader_fields = ("title", "granting_body", "description")  # the translated text its page shows

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    granting_body = models.CharField(_("granting body"), max_length=255)
    level = models.CharField(_("level"), max_length=16, choices=AwardLevel.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    awarded_on = models.DateField(
        _("date awarded"), null=True, blank=True, validators=[validate_record_date]
    )
    description = models.TextField(_("description"), blank=True)
    recipient_unit = models.ForeignKey(
        Unit,
        verbose_name=_("recipient unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    recipient_researcher = models.ForeignKey(
        Researcher,
        verbose_name=_("recipient researcher"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    recipient_project = models.ForeignKey(
        CooperationProject,
        verbose_name=_("recipient project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    certificate_image = ProcessedImageField(
        _("certificate image"), upload_to=RandomUploadPath("awards"), blank=True
    )

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-year", "-awarded_on", "-id"]
        permissions = [("publish_award", _("Can publish awards"))]
        indexes = [
            models.Index(fields=["publication_status", "published_at"]),
            models.Index(fields=["level"]),
            # The list's orders by date, newest first (read backwards) or oldest first, and a
            # year's awards. By title, indexes of the titles as shown, in the languages'
            # collations, serve the orders (cooperation.0022, shown_name_order).
            models.Index(fields=["year", "awarded_on", "id"], name="coop_award_year_order_idx"),
            # The back office's date hierarchy reads its years down this index.
            models.Index(fields=["awarded_on"], name="coop_award_awarded_on_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return record_url("cooperation:award-detail", slug=self.slug)

    def clean(self) -> None:
        super().clean()
        validate_year_passed(self.year)
        recipients = [
            self.recipient_unit_id,
            self.recipient_researcher_id,
            self.recipient_project_id,
        ]
        if sum(r is not None for r in recipients) > 1:
            raise ValidationError(
                _(
                    "Choose at most one recipient: a unit, a researcher or a project "
                    "(none means the base itself)."
                )
            )
        if self.awarded_on and self.year and self.awarded_on.year != self.year:
            raise ValidationError({"awarded_on": _("The date must fall in the award year.")})

    @property
    def recipient(self) -> models.Model | None:
        return self.recipient_unit or self.recipient_researcher or self.recipient_project

    @property
    def public_recipient(self) -> models.Model | None:
        """The recipient as readers may see it: a project only while it is public itself
        (None then, as for the base, though ``recipient_project_id`` is set)."""
        project = self.recipient_project
        if project is not None and not project.is_public:
            return None
        return self.recipient


def of_public_project_or_none() -> models.Q:
    """A record linked to a project is shown while its project is public; one of no
    project, by its own rule."""
    # Through a join, not "project IN (public projects)": PostgreSQL hashed every public
    # project's id (35 ms at 100,000) before reading a page of 50 (the achievements' page:
    # 58 -> 3 ms with the index of their order). The lists read the project anyway
    # (select_related), on the same join.
    return models.Q(project__isnull=True) | public_now(related="project__")


class ProjectLinkedPublishableQuerySet(PublishableQuerySet):
    """Records with a publication state of their own that may belong to a project
    (achievements, exchanges): readers see one only while both it and its project are."""

    def public(self) -> ProjectLinkedPublishableQuerySet:
        """Records readers may see: published (and due) themselves, and of a public project
        or of none. One more condition on the same query (the project's join)."""
        return self.public_on_project_page().filter(of_public_project_or_none())

    def public_on_project_page(self) -> ProjectLinkedPublishableQuerySet:
        """A project's records as its page lists them: by their own state alone, since the
        page itself is shown only while the project is public. Its staff preview, which
        shows a project in any state, then lists what readers will see once it is public
        (the full rule would list nothing for a draft project)."""
        return super().public()


class ExchangeQuerySet(ProjectLinkedPublishableQuerySet):
    def totals(self) -> dict[str, int]:
        """How many exchanges these are, and how many people they took, in one query."""
        totals = self.order_by().aggregate(
            exchanges=models.Count("pk"), people=models.Sum("people_count")
        )
        return {"exchanges": totals["exchanges"], "people": totals["people"] or 0}


class AchievementKind(models.TextChoices):
    PAPER = "paper", _("Paper")
    PATENT = "patent", _("Patent")
    DRUG_CANDIDATE = "drug_candidate", _("Drug candidate")
    STANDARD = "standard", _("Standard")
    SOFTWARE = "software", _("Software")
    CLINICAL_TRIAL = "clinical_trial", _("Clinical trial")
    OTHER = "other", _("Other")


class Achievement(Publishable):
    """A paper, a patent, a drug candidate…: drafted, reviewed and published (or scheduled)
    like exchanges, and shown while its project, if any, is public. One entered on its
    project's form is published with the project instead (``enter_with_project``)."""

    reader_fields = ("title", "description")  # the translated text its page shows

    kind = models.CharField(_("kind"), max_length=20, choices=AchievementKind.choices)
    title = models.CharField(_("title"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    project = models.ForeignKey(
        CooperationProject,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="achievements",
    )
    identifier = models.CharField(
        _("identifier"),
        max_length=120,
        blank=True,
        help_text=_("DOI for a paper (10.xxxx/…), number for a patent or a standard."),
    )
    url = models.URLField(_("link"), blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ProjectLinkedPublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        ordering = ["-year", "-id"]
        permissions = [("publish_achievement", _("Can publish achievements"))]
        # The list's order, read backwards: a page of the newest needs no sort; forwards, of
        # the oldest. By title, indexes of the titles as shown, in the languages' collations,
        # serve the orders (cooperation.0022, shown_name_order).
        indexes = [
            models.Index(fields=["publication_status", "published_at"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["year", "id"], name="coop_achievement_year_id_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "identifier"],
                condition=~models.Q(identifier=""),
                name="achievement_unique_identifier",
                violation_error_message=_(
                    "An achievement of this kind already has this identifier."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return record_url("cooperation:achievement-detail", pk=self.pk)

    def get_kind_display(self) -> str:
        return choice_label(AchievementKind, self.kind)

    def enter_with_project(self) -> None:
        """Gives a new achievement entered on its project's form (a row of the project's
        inline) the project's review instead of its own: it is published from now, so
        readers see it exactly while they see the project. The row is part of the project's
        content, and an editor's save of a published project waits for a publisher with it
        (cooperation.pending); as a draft it would stay hidden after the project's changes
        were published, unknown to the publisher who published them. An achievement already
        saved keeps its own state: one archived in its own list stays archived."""
        if self.pk is None:
            self.publication_status = PublicationStatus.PUBLISHED
            self.published_at = timezone.now()

    @property
    def link(self) -> str:
        """Where a reader finds it: a paper by its DOI, anything else by the link given."""
        if self.kind == AchievementKind.PAPER and self.identifier:
            return doi_url(self.identifier)
        return self.url

    def clean(self) -> None:
        super().clean()
        validate_year_passed(self.year)
        self.identifier = self.identifier.strip()
        if self.kind == AchievementKind.PAPER and self.identifier:
            doi = bare_doi(self.identifier)
            if not _DOI_RE.match(doi):
                raise ValidationError(
                    {"identifier": _("Enter the paper's DOI, e.g. 10.1038/s41586-020-2649-2.")}
                )
            self.identifier = doi


class ExchangeKind(models.TextChoices):
    INCOMING_VISIT = "incoming_visit", _("Incoming visit")
    OUTGOING_VISIT = "outgoing_visit", _("Outgoing visit")
    VISITING_SCHOLAR = "visiting_scholar", _("Visiting scholar")
    JOINT_STUDENT = "joint_student", _("Joint student training")
    CONFERENCE = "conference", _("Conference")
    TRAINING = "training", _("Training course")


class Exchange(Publishable):
    """Talent training and visits in either direction: drafted, reviewed and published
    (or scheduled) like projects and awards, and shown while its project, if any, is public."""

    reader_fields = ("title", "description")  # the translated text its page shows

    kind = models.CharField(_("kind"), max_length=20, choices=ExchangeKind.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), validators=[validate_record_date])
    end_date = models.DateField(
        _("end date"), null=True, blank=True, validators=[validate_record_date]
    )
    country = models.ForeignKey(
        PartnerCountry,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="exchanges",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exchanges",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exchanges",
    )
    project = models.ForeignKey(
        CooperationProject,
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exchanges",
    )
    # A delegation, a cohort of students, a conference's guests: thousands at most. Beyond,
    # a typo would swell every total of people on the portal and the dashboard.
    people_count = models.PositiveIntegerField(
        _("number of people"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MOST_PEOPLE_IN_AN_EXCHANGE)],
    )

    objects = ExchangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["-start_date", "-id"]
        permissions = [("publish_exchange", _("Can publish exchanges"))]
        # The list's order, read backwards: a page of the newest needs no sort.
        indexes = [
            models.Index(fields=["publication_status", "published_at"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["start_date", "id"], name="coop_exchange_start_id_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return record_url("cooperation:exchange-detail", pk=self.pk)

    def get_kind_display(self) -> str:
        return choice_label(ExchangeKind, self.kind)

    def clean(self) -> None:
        super().clean()
        validate_date_range(self.start_date, self.end_date)
        if (
            self.institution_id
            and self.country_id
            and self.institution.country_id != self.country_id
        ):
            raise ValidationError(
                {"institution": _("This institution is not in the chosen country.")}
            )


class PendingChange(models.Model):
    """Changes to a published record saved by someone who may not publish: kept as a
    version (``revision``) until a publisher publishes or discards them; readers see the
    record as published meanwhile (``live_revision``, kept to compare with). One per record.
    See :mod:`cooperation.pending`."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=191)
    # Both versions live in django-reversion's history: pruning it drops the pending change.
    revision = models.ForeignKey("reversion.Revision", on_delete=models.CASCADE, related_name="+")
    live_revision = models.ForeignKey(
        "reversion.Revision", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("change waiting for review")
        verbose_name_plural = _("changes waiting for review")
        # Not a model of the admin: kept and dropped by the workflow, under the records'
        # own permissions.
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="coop_one_pending_change_per_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"


class FormerSlug(models.Model):
    """A slug a record had before someone changed it. The record's pages answer there with a
    permanent redirect to where it is now, as Wagtail's automatic redirects do: links shared,
    printed in a report or indexed under the old address keep working. Kept by
    :mod:`cooperation.addresses`; a record's live slug always wins over another's former one."""

    # The unique constraint and the index below serve every lookup: no index of their own.
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, db_index=False
    )
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(_("former slug"), max_length=255, db_index=False)
    replaced_at = models.DateTimeField(_("replaced"))

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")
        # Not a model of the admin: kept by the records' saves, shown on their forms.
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "slug"], name="coop_former_slug_once_per_model"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="coop_former_slug_record")
        ]

    def __str__(self) -> str:
        return self.slug
