"""Spreadsheet import and export of the cooperation records (django-import-export).

One resource per model. Columns carry both languages (``title_zh_hans``, ``title_en``);
related records are matched the way staff write them in their sheets: countries by ISO code
or name in either language, units, research fields and researchers by name in either
language (or slug), institutions by ROR id or name. Each lookup reads its table once per
import, so a 10,000-row file costs no query per reference.

Every bad value raises a ValueError whose message says what was found and what is expected;
the admin shows it as "Row N, column X: message".
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from itertools import batched
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries
from import_export import exceptions, fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname as localized

from config.content_version import changes_batched
from config.spreadsheets import (
    drop_blank_lines,
    formula_without_result_message,
    imported_cell,
    is_blank,
    replace_rows,
    spreadsheet_lines,
    take_formulas_without_result,
)
from cooperation.countries import country_name
from cooperation.import_progress import ImportProgress
from cooperation.models import (
    Achievement,
    AchievementKind,
    Award,
    AwardLevel,
    CooperationProject,
    Currency,
    Exchange,
    ExchangeKind,
    Institution,
    InstitutionKind,
    PartnerCountry,
    PartnerRole,
    ProjectKind,
    ProjectPartner,
    ProjectStatus,
    Researcher,
    ResearchField,
    Unit,
    institution_name_key,
    institution_name_keys,
    partnerships_with_institutions,
)
from cooperation.pending import changes_wait_for_review
from cooperation.validators import normalise_orcid, normalise_ror

# Several values in one cell: semicolons (ASCII or full-width) or line breaks.
_LIST_SEPARATORS = re.compile(r"[;；\n]+")


def normalise(value: Any) -> str:
    """The form in which names are compared: trimmed, single spaces, case-folded."""
    return " ".join(str(value).split()).casefold()


def cell_text(value: Any) -> Any:
    """A cell as the page of problems shows it: an empty one empty (not "None"), a date as
    YYYY-MM-DD (a spreadsheet's date cell is a date and time, at midnight for a day)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


# A label's code in brackets at its end, "人民币（CNY）", "Euro (EUR)": the name before it
# is the choice too.
_LABEL_CODE = re.compile(r"\s*[(（][^()（）]+[)）]\s*$")


class ChoiceWidget(widgets.Widget):
    """A choice given by its code, by its label in either language (with or without the
    code a label ends with: 人民币), or by a word of ``aliases``, as staff's own sheets
    write it (在研 for an active project)."""

    def __init__(
        self,
        choices: type[models.TextChoices],
        what: str,
        aliases: dict[str, str] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.choices = choices
        self.what = what
        self.aliases = aliases or {}
        self._index: dict[str, str] | None = None

    def index(self) -> dict[str, str]:
        if self._index is None:
            self._index = {normalise(alias): value for alias, value in self.aliases.items()}
            for value, label in self.choices.choices:
                self._index[normalise(value)] = value
                for language in ("en", "zh-hans"):
                    with translation.override(language):
                        self._index[normalise(label)] = value
                        name = _LABEL_CODE.sub("", str(label))
                        self._index.setdefault(normalise(name), value)
        return self._index

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        found = self.index().get(normalise(value))
        if found is None:
            raise ValueError(
                _("'%(value)s' is not a valid %(what)s; use one of: %(choices)s.")
                % {
                    "value": value,
                    "what": self.what,
                    "choices": ", ".join(self.choices.values),
                }
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return value or ""


# A number written as text: digits, a sign, a point before any decimals; no exponent (1e6),
# no infinity or "NaN", no thousands separator or underscore, which Decimal would take.
_NUMBER_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def read_number(value: Any) -> Decimal | None:
    """The number in a cell, as an XLSX number or as text (digits, a sign, a point before
    any decimals); None if it holds none. A yes or no cell is not read as 1 or 0."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = repr(value)  # the shortest text for it: 1200000.5, not 1200000.4999…
    elif isinstance(value, str) and not _NUMBER_TEXT.fullmatch(value.strip()):
        return None
    try:
        number = Decimal(value.strip() if isinstance(value, str) else value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


class NumberCellMixin:
    """A number column whose error gives an example of what to enter (``example``, a
    resource's ``Meta.widgets`` may set one per column: a year's is 2024)."""

    default_example = ""

    def __init__(self, example: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.example = example or self.default_example


class DecimalNumberWidget(NumberCellMixin, widgets.DecimalWidget):
    """A decimal column (funding_amount). import-export's widget raises decimal's own
    InvalidOperation for text, which the row reported as "[<class 'decimal.ConversionSyntax'>]"
    in place of all its problems; here it is a row-and-column error saying what to enter."""

    default_example = "1200000.50"

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        number = read_number(value)
        if number is None:
            raise ValueError(
                _(
                    "'%(value)s' is not a number; enter digits only, with a point before any "
                    "decimals, such as %(example)s."
                )
                % {"value": value, "example": self.example}
            )
        return number


class WholeNumberWidget(NumberCellMixin, widgets.IntegerWidget):
    """A whole-number column (year, people_count): as DecimalNumberWidget, and a fraction is
    refused rather than cut off (import-export read 2.5 people as 2)."""

    default_example = "12"

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        number = read_number(value)
        # A number of thousands of digits would take long to convert (GHSA-fcgw-hjjv-4rh6),
        # and is no year or count anyway.
        if (
            number is None
            or number.adjusted() >= sys.get_int_max_str_digits()
            or number != number.to_integral_value()
        ):
            raise ValueError(
                _("'%(value)s' is not a whole number; enter digits only, such as %(example)s.")
                % {"value": value, "example": self.example}
            )
        return int(number)


class DayWidget(widgets.DateWidget):
    """A date column: a spreadsheet's date cell, or text in one of the forms that cannot be
    misread, year first (YYYY-MM-DD, the export's; YYYY/MM/DD; YYYY年M月D日), not Django's
    DATE_INPUT_FORMATS, which read 01/02/2026 as 2 January, in American order. Anything
    else says which forms to use, where import-export said only "Value could not be parsed
    using defined formats."."""

    FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日")

    def __init__(self, format=None, **kwargs) -> None:
        super().__init__(format, **kwargs)
        if format is None:
            self.formats = self.FORMATS

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):  # a spreadsheet's date cell
            return value.date()
        if isinstance(value, str):
            value = value.strip()
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _(
                    "'%(value)s' is not a date; enter it as YYYY-MM-DD, YYYY/MM/DD or "
                    "YYYY年M月D日, such as 2024-05-31."
                )
                % {"value": value}
            ) from None


class YesNoWidget(widgets.BooleanWidget):
    """A yes or no as a sheet may hold it: 1 or 0, true or false, yes or no, 是 or 否, and
    any ``synonyms`` the column has (a redirect's 301 and 302); an empty cell is ``blank``.
    import-export's own widget reads anything it does not know as no, so a typo would
    quietly unfeature a project; here it is a row error."""

    YES = ("1", "1.0", "true", "yes", "y", "是", "真")
    NO = ("0", "0.0", "false", "no", "n", "否", "假")

    def __init__(
        self,
        what: str,
        *,
        blank: bool,
        synonyms: dict[str, bool] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.what = what
        self.blank = blank
        self.values = dict.fromkeys(self.YES, True) | dict.fromkeys(self.NO, False)
        self.values |= {normalise(key): value for key, value in (synonyms or {}).items()}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):  # an XLSX cell holding TRUE or FALSE
            return value
        if is_blank(value):
            return self.blank
        found = self.values.get(normalise(value))
        if found is None:
            raise ValueError(
                _("'%(value)s' is not a yes or no for %(what)s; use 1 for yes or 0 for no.")
                % {"value": value, "what": self.what}
            )
        return found


class LookupWidget(widgets.Widget):
    """A related record found by an identifier or by a name in either language.

    ``identifiers`` gives the unique keys of a record (code, slug, ROR id…), ``names`` its
    names; identifiers win, and a name shared by several records is refused as ambiguous.
    """

    def __init__(
        self,
        model: type[models.Model],
        *,
        identifiers: Callable[[Any], Iterable[str]],
        names: Callable[[Any], Iterable[str]],
        render_key: Callable[[Any], str],
        hint: str,
        what: str | None = None,
        queryset: Callable[[], models.QuerySet] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.model = model
        self.identifiers = identifiers
        self.names = names
        self.render_key = render_key
        self.hint = hint
        self.what = what or model._meta.verbose_name
        self.queryset = queryset or (lambda: model._default_manager.all())
        self.reset()

    def reset(self) -> None:
        """Forget the loaded table (called before each import)."""
        self._by_identifier: dict[str, Any] | None = None
        self._by_name: dict[str, list[Any]] = {}
        self._name_written: dict[str, str] = {}  # a name as entered, by its normalised form
        self._suggestions_left = self.SUGGESTIONS_PER_IMPORT

    def load(self) -> None:
        self._by_identifier, self._by_name, self._by_pk, self._name_written = {}, {}, {}, {}
        for obj in self.queryset():
            self._by_pk[obj.pk] = obj
            for key in self.identifiers(obj):
                if key:
                    self._by_identifier[normalise(key)] = obj
            for name in self.names(obj):
                if name:
                    matches = self._by_name.setdefault(normalise(name), [])
                    if obj not in matches:
                        matches.append(obj)
                    self._name_written[normalise(name)] = name

    def by_pk(self) -> dict[Any, Any]:
        if self._by_identifier is None:
            self.load()
        return self._by_pk

    def find(self, value: Any) -> Any:
        if self._by_identifier is None:
            self.load()
        key = normalise(self.prepare(value))
        if key in self._by_identifier:
            return self._by_identifier[key]
        matches = self._by_name.get(key, [])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise ValueError(
                _("'%(value)s' matches several %(what)s records; use %(hint)s to pick one.")
                % {"value": value, "what": self.what, "hint": self.hint}
            )
        raise ValueError(self.unknown_message(value))

    def prepare(self, value: Any) -> str:
        return str(value)

    def unknown_message(self, value: Any) -> str:
        message = _("'%(value)s' is not a known %(what)s; use %(hint)s.") % {
            "value": value,
            "what": self.what,
            "hint": self.hint,
        }
        near = self.nearest_name(value)
        if near is None:
            return message
        return f"{message} " + _("Did you mean “%(name)s”?") % {"name": near}

    # How alike a name must be to be offered (difflib's ratio): "University of Tokyo" for
    # "The University of Tokyo" is 0.9, two different universities of one city some 0.7.
    NEAR_NAME_RATIO = 0.85
    # Comparing a name with every record's costs some 30 ms among 10,000 names: a sheet of
    # unknown names gets suggestions for its first ones, and the rule for the rest.
    SUGGESTIONS_PER_IMPORT = 50

    def nearest_name(self, value: Any) -> str | None:
        """The one record's name nearest to an unknown one ("University of Tokyo" for "The
        University of Tokyo"), as it was entered, if any is near enough: editors copy names
        from partners' letters, which word them their own way."""
        if self._by_identifier is None:
            self.load()
        if self._suggestions_left <= 0:
            return None
        self._suggestions_left -= 1
        key = normalise(self.prepare(value))
        near = difflib.get_close_matches(key, self._by_name, n=1, cutoff=self.NEAR_NAME_RATIO)
        if not near or len(self._by_name[near[0]]) != 1:
            return None
        return self._name_written[near[0]]

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        return self.find(value)

    def render(self, value, obj=None, **kwargs):
        """The record as a sheet names it (``render_key``), or by its first identifier where
        that name would find no record or another (two researchers of the same name, without
        an ORCID iD), so that an exported sheet re-imports unchanged."""
        if value is None:
            return ""
        key = self.render_key(value)
        try:
            if self.find(key) == value:
                return key
        except ValueError:
            pass
        return next((key for key in self.identifiers(value) if key), key)


class CountryWidget(LookupWidget):
    """A partner country by ISO code or by its name in English or Chinese."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            PartnerCountry,
            identifiers=lambda c: [c.country.code],
            names=lambda c: country_names(c.country.code),
            render_key=lambda c: c.country.code,
            hint=_("an ISO code like JP or a name like Japan/日本"),
            what=_("country"),
            **kwargs,
        )

    def unknown_message(self, value: Any) -> str:
        code = _all_country_codes().get(normalise(value))
        if code:
            return _(
                "'%(value)s' is not yet a partner country; add it under Partner countries first."
            ) % {"value": value}
        return super().unknown_message(value)


def country_names(code: str) -> list[str]:
    names = []
    for language in ("en", "zh-hans"):
        with translation.override(language):
            names.append(country_name(code))
    return names


_COUNTRY_CODES: dict[str, str] = {}


def _all_country_codes() -> dict[str, str]:
    """Every ISO country, by code and by both names: to tell "not a partner yet" apart."""
    if not _COUNTRY_CODES:
        for code, _name in countries:
            _COUNTRY_CODES[normalise(code)] = code
            for name in country_names(code):
                _COUNTRY_CODES[normalise(name)] = code
    return _COUNTRY_CODES


def translated(obj: models.Model, field: str) -> list[str]:
    return [getattr(obj, f"{field}_zh_hans"), getattr(obj, f"{field}_en")]


def unit_widget() -> LookupWidget:
    return LookupWidget(
        Unit,
        identifiers=lambda u: [u.slug],
        names=lambda u: translated(u, "name") + translated(u, "short_name"),
        render_key=lambda u: u.name_zh_hans,
        hint=_("its name in Chinese or English, or its slug"),
        what=_("unit"),
    )


def slug_or_name_widget(
    model: type[models.Model],
    what: str,
    *,
    name: str = "name",
    hint: str = _("its name in Chinese or English, or its slug"),
    render_key: Callable[[Any], str] = lambda record: record.slug,
) -> LookupWidget:
    """A related record found by its slug or by its ``name`` (a translated field) in either
    language; only those columns are read."""
    return LookupWidget(
        model,
        identifiers=lambda record: [record.slug],
        names=lambda record: translated(record, name),
        render_key=render_key,
        hint=hint,
        what=what,
        queryset=lambda: model._default_manager.only("pk", "slug", f"{name}_zh_hans", f"{name}_en"),
    )


def field_widget() -> LookupWidget:
    return slug_or_name_widget(
        ResearchField, _("research field"), render_key=lambda field: field.name_zh_hans
    )


class InstitutionWidget(LookupWidget):
    def prepare(self, value: Any) -> str:
        # https://ror.org/03vek6s52 and 03vek6s52 are the same id.
        return normalise_ror(str(value))


def institution_widget() -> InstitutionWidget:
    return InstitutionWidget(
        Institution,
        identifiers=lambda i: [i.slug, i.ror_id],
        names=lambda i: translated(i, "name"),
        render_key=lambda i: i.ror_id or i.name_zh_hans,
        hint=_("its ROR id (like 03vek6s52) or its name in Chinese or English"),
        what=_("institution"),
    )


class ResearcherWidget(LookupWidget):
    def prepare(self, value: Any) -> str:
        # https://orcid.org/0000-0002-1825-0097 and 0000-0002-1825-0097 are the same iD.
        text = str(value).strip()
        return normalise_orcid(text) if "orcid.org/" in text.lower() else text


def researcher_widget() -> LookupWidget:
    return ResearcherWidget(
        Researcher,
        identifiers=lambda r: [r.slug, r.orcid],
        names=lambda r: translated(r, "name"),
        render_key=lambda r: r.orcid or r.name_zh_hans,
        hint=_("the ORCID iD, the name in Chinese or English, or the slug"),
        what=_("researcher"),
    )


def project_widget() -> LookupWidget:
    return LookupWidget(
        CooperationProject,
        identifiers=lambda p: [p.slug],
        names=lambda p: translated(p, "title"),
        render_key=lambda p: p.slug,
        hint=_("the project's slug or its title in Chinese or English"),
        what=_("project"),
        queryset=lambda: CooperationProject.objects.only("pk", "slug", "title_zh_hans", "title_en"),
    )


class ManyLookupWidget(widgets.ManyToManyWidget):
    """Several related records in one cell, separated by semicolons or line breaks."""

    def __init__(self, lookup: LookupWidget, **kwargs) -> None:
        super().__init__(lookup.model, separator="; ", **kwargs)
        self.lookup = lookup

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return []
        found, problems = [], []
        for part in _LIST_SEPARATORS.split(str(value)):
            if not part.strip():
                continue
            try:
                obj = self.lookup.find(part.strip())
            except ValueError as error:
                problems.append(str(error))
                continue
            if obj not in found:
                found.append(obj)
        if problems:
            raise ValueError(" ".join(problems))
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        items = value if isinstance(value, list) else value.all()
        return self.separator.join(self.lookup.render(item) for item in items)


class ManyLookupField(fields.Field):
    """A many-to-many column. During an import its links are read from memory: every
    record's current links, loaded in one query when the import starts (``current``), and
    the links the row asks for. import-export would query each row three times (to compare,
    and for the preview before and after), and write the links with three more queries."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.current: dict[Any, list] | None = None  # None outside an import: read the DB

    def start_import(self, model: type[models.Model]) -> None:
        relation = model._meta.get_field(self.attribute)
        self.through = relation.remote_field.through
        self.source = self.through._meta.get_field(relation.m2m_field_name()).attname
        self.target = self.through._meta.get_field(relation.m2m_reverse_field_name()).attname
        by_pk = self.widget.lookup.by_pk()
        self.current, self.queued = {}, {}
        for source_id, target_id in self.through.objects.values_list(self.source, self.target):
            self.current.setdefault(source_id, []).append(by_pk[target_id])
        for links in self.current.values():
            links.sort(key=lambda obj: obj.pk)

    def get_value(self, instance):
        if self.current is None:
            return super().get_value(instance)
        asked = instance.__dict__.get("_import_links", {}).get(self.attribute)
        if asked is not None:
            return asked
        return self.current.get(instance.pk, []) if instance.pk is not None else None

    def ask(self, instance, row) -> None:
        """Keep the links this row asks for (raises ValueError for an unknown record)."""
        links = sorted(self.clean(row), key=lambda obj: obj.pk)
        instance.__dict__.setdefault("_import_links", {})[self.attribute] = links

    def write(self, instance) -> None:
        """Write the links that changed straight into the link table: removed ones now,
        new ones queued for one insert at the end of the import (``flush``). No
        m2m_changed signal: the record's own save already told the version history and
        the page cache."""
        had = {obj.pk for obj in self.current.get(instance.pk, [])}
        wanted = self.get_value(instance)
        removed = had - {obj.pk for obj in wanted}
        if removed:
            for pk in removed:  # queued by an earlier row of the same file
                self.queued.pop((instance.pk, pk), None)
            self.through.objects.filter(
                **{self.source: instance.pk, f"{self.target}__in": removed}
            ).delete()
        for obj in wanted:
            if obj.pk not in had:
                self.queued[(instance.pk, obj.pk)] = True
        self.current[instance.pk] = wanted

    def flush(self) -> None:
        self.through.objects.bulk_create(
            [self.through(**{self.source: pk, self.target: target}) for pk, target in self.queued],
            batch_size=1000,
        )
        self.queued = {}

    def same_links(self, instance, original) -> bool:
        before = self.get_value(original) or []
        return [obj.pk for obj in self.get_value(instance)] == [obj.pk for obj in before]


class LeadPartnerField(fields.Field):
    """A project's lead partner, one of the institutions of its ``among`` column: exported
    as its ROR id or name (empty without one), imported as the role of that partner's link
    (an empty cell: no lead partner). As for the links, the current leads are read once when
    the import starts, and the changed ones set after the links are written (``flush``): the
    old leads made partners in one query, the new ones made leads in one per 500. Not an
    attribute of the record (it has none to set): import-export leaves it to ``ask``."""

    # The export page's label of the column (config.spreadsheets.LabelledColumnsExportForm).
    verbose_name = PartnerRole.LEAD_PARTNER.label

    def __init__(self, column: str, among: str) -> None:
        super().__init__(attribute=None, column_name=column, widget=institution_widget())
        self.among = among
        self.current: dict[Any, Any] | None = None  # None outside an import: read the DB

    def start_import(self) -> None:
        by_pk = self.widget.by_pk()
        leads = ProjectPartner.objects.filter(role=PartnerRole.LEAD_PARTNER)
        self.current = {
            project_id: by_pk[institution_id]
            for project_id, institution_id in leads.values_list("project_id", "institution_id")
        }
        self.changed: dict[Any, Any] = {}

    def get_value(self, instance):
        if "_import_lead" in instance.__dict__:
            return instance.__dict__["_import_lead"]
        if self.current is None:
            return instance.lead_partner
        return self.current.get(instance.pk) if instance.pk is not None else None

    def ask(self, instance, row, partners: list) -> None:
        """Keep the lead this row asks for, which must be among ``partners`` (the links the
        row asks for, or the record's own); raises ValueError otherwise."""
        lead = self.clean(row)
        if lead is not None and lead not in partners:
            raise ValueError(
                _(
                    "%(institution)s is not one of the project's partners: list it under %(column)s too."
                )
                % {"institution": lead, "column": self.among}
            )
        instance.__dict__["_import_lead"] = lead

    def write(self, instance) -> None:
        lead = self.get_value(instance)
        if lead != self.current.get(instance.pk):
            self.changed[instance.pk] = lead
            self.current[instance.pk] = lead

    def flush(self) -> None:
        if not self.changed:
            return
        ProjectPartner.objects.filter(
            project_id__in=list(self.changed), role=PartnerRole.LEAD_PARTNER
        ).update(role=PartnerRole.PARTNER)
        leads = [(pk, lead.pk) for pk, lead in self.changed.items() if lead is not None]
        for batch in batched(leads, 500):
            condition = Q()
            for project_id, institution_id in batch:
                condition |= Q(project_id=project_id, institution_id=institution_id)
            ProjectPartner.objects.filter(condition).update(role=PartnerRole.LEAD_PARTNER)
        self.changed = {}


def lookup_field(name: str, widget: widgets.Widget, **kwargs) -> fields.Field:
    field_class = ManyLookupField if isinstance(widget, ManyLookupWidget) else fields.Field
    return field_class(attribute=name, column_name=name, widget=widget, **kwargs)


class DefaultForNewField(fields.Field):
    """A column whose blank cell gives a new record the model field's default and leaves an
    existing record's value as it is (a project's currency: a row of a project without
    funding names none). Blank was refused ("This field cannot be blank") in both cases,
    though the record's form starts from the default. A value it cannot read is still the
    row's error (its widget's)."""

    def __init__(self, model: type[models.Model], name: str, widget: widgets.Widget) -> None:
        # import-export gives ``default`` to a blank cell (Field.clean): the model's own.
        default = model._meta.get_field(name).get_default
        super().__init__(attribute=name, column_name=name, widget=widget, default=default)

    def save(self, instance, row, is_m2m=False, **kwargs) -> None:
        if instance.pk is not None and is_blank(row.get(self.column_name)):
            return  # an existing record keeps its value
        super().save(instance, row, is_m2m, **kwargs)


class NormalisedWidget(widgets.CharWidget):
    """Text stored in a normal form (ROR ids, ORCID iDs), so re-imports compare equal."""

    def __init__(self, normaliser: Callable[[str], str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.normaliser = normaliser

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return self.normaliser(value) if value else value


def same_value(imported: Any, stored: Any) -> bool:
    """Whether a row's value is the record's, an empty text the same as NULL: a nullable
    text (a translated one) may hold either, the admin storing NULL and older records or
    the demo '', and a sheet's empty cell is both. Otherwise an exported sheet re-imported
    "updated" every such record (an editor's rows refused, its published records being
    changed) for nothing."""
    if imported in ("", None) and stored in ("", None):
        return True
    return imported == stored


# The dry run's page shows this many of the rows an import would write, those with a diff
# (cooperation.admin_spreadsheets): each diff is worked out for those only.
PREVIEW_ROWS = 100


class StyleFreeDiff(resources.Diff):
    """The dry run's row diffs without the inline styles that diff-match-patch writes, which
    the Content Security Policy blocks (import-export's own import.css colours <ins> and
    <del>, in the light and the dark theme); only for the first PREVIEW_ROWS rows that
    change their record, the ones the page shows (10,000 rows: a news import's dry run
    17.8 -> 17.3 s, an unchanged re-import of projects 6.7 -> 5.3 s)."""

    INLINE_STYLES = (' style="background:#e6ffe6;"', ' style="background:#ffe6e6;"')

    def __init__(self, resource, instance, new) -> None:
        super().__init__(resource, instance, new)
        self.resource = resource

    def as_html(self) -> list[str]:
        if not self.new and self.left == self.right:
            return []  # unchanged: counted, not shown
        if self.resource._diffs_shown >= PREVIEW_ROWS:
            return []
        self.resource._diffs_shown += 1
        cells = []
        for cell in super().as_html():
            for style in self.INLINE_STYLES:
                cell = cell.replace(style, "")
            cells.append(mark_safe(cell))  # noqa: S308 - diff-match-patch escaped the text
        return cells


# What a row that gives no slug, and nothing to make one from, is told.
NO_SLUG_MESSAGES = {
    "name_en": _("Give a slug, or an English name to make it from."),
    "title_en": _("Give a slug, or an English title to make it from."),
}


class CoopResource(resources.ModelResource):
    """What every resource here shares: validation, all-or-nothing, quiet re-imports.

    Rows are numbered as the spreadsheet numbers them, the header being row 1: a blank line
    (every cell empty) is left out of the import, counted nowhere, but keeps its number
    (config.spreadsheets); each problem row of the result has its ``line``."""

    # Column from which a blank slug is made (slugify is stable, so a re-import matches).
    slug_source: str = ""
    # Columns read to find a row's record, though not written into it.
    matched_only_columns: tuple[str, ...] = ()

    def __init__(self, *, blank_keeps: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        # The import form's box: a blank cell leaves an existing record's value as it is,
        # as if its column were left out of the file, rather than clearing it.
        self.blank_keeps = blank_keeps

    # The model's numbers and dates read with widgets whose errors say what to enter.
    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        "DecimalField": DecimalNumberWidget,
        "DateField": DayWidget,
        **dict.fromkeys(
            [
                "IntegerField",
                "SmallIntegerField",
                "BigIntegerField",
                "PositiveIntegerField",
                "PositiveSmallIntegerField",
                "PositiveBigIntegerField",
            ],
            WholeNumberWidget,
        ),
    }

    def get_diff_class(self):
        return StyleFreeDiff

    def column_notes(self) -> dict:
        """What to enter in each column, for the import template's second sheet."""
        return COLUMN_NOTES

    def required_columns(self) -> list[str]:
        """The columns a new record's row must fill in, for the template's help sheet: those
        whose empty cell leaves empty a field that takes no empty value (a column with a
        default, or a yes-or-no, reads an empty cell as a value), the slug left out where
        the import makes it (``slug_source``)."""
        required = []
        for field in self.get_import_fields():
            column = field.column_name
            if field.readonly or (self.slug_source and column == "slug"):
                continue
            try:
                model_field = self._meta.model._meta.get_field(field.attribute or "")
            except FieldDoesNotExist:
                continue
            if model_field.blank or model_field.many_to_many:
                continue
            if field.clean({column: ""}) in ("", None):
                required.append(column)
        return required

    def template_help(self) -> str:
        """What the import page says a sheet holds."""
        return _("Start from the template: one row per record, with a column for each language.")

    def matching_help(self) -> str:
        """How the import page says related records are found."""
        return _(
            "Countries are matched by ISO code or by name in Chinese or English; units, "
            "research fields and researchers by name in either language; institutions by "
            "ROR id or name. Several values in one cell are separated by semicolons."
        )

    def import_data(self, dataset, dry_run=False, *args, progress_key: str | None = None, **kwargs):
        # A line that holds nothing is no record: left out, but its number is kept.
        drop_blank_lines(dataset)
        self._lines = spreadsheet_lines(dataset)
        self._row_line = 0
        self._emptied: list[tuple[int, str, list[str]]] = []
        self._formulas: dict[int, dict[str, str]] = {}
        unknown = self.unrecognised_columns(dataset)
        if unknown:
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            result.total_rows = len(dataset)
            result.append_base_error(self.get_error_result_class()(ValueError(unknown)))
            return result
        ignored = self.ignored_columns(dataset.headers)
        # The admin passes progress_key when the page waiting for the import asks for it.
        self._progress = ImportProgress(progress_key, total=len(dataset), writing=not dry_run)
        # Each saved row would bump the content version; once per file will do.
        with changes_batched():
            result = super().import_data(dataset, dry_run, *args, **kwargs)
        self._progress.finish()
        # The page of problems shows each bad row's cells as the sheet holds them (a formula
        # without result as its formula), and its number in the sheet (import-export's
        # ``number`` counts the rows read, from 1).
        for row in result.invalid_rows:
            row.line = self.line_of(row.number)
            formulas = self._formulas.get(row.line, {})
            row.values = tuple(
                formulas.get(header) or cell_text(value)
                for header, value in zip(result.diff_headers, row.values, strict=False)
            )
        for row in result.error_rows:
            row.line = self.line_of(row.number)
        # Existing records whose filled-in values the file empties: (line, record, columns).
        result.emptied = self._emptied
        result.ignored_columns = ignored
        return result

    def ignored_columns(self, headers: Iterable) -> list[str]:
        """The file's columns that an import does not read (those only exported, such as
        publication_status, or a misspelt name), which the preview lists."""
        read = set(self.import_columns()) | set(self.matched_only_columns)
        named = (str(header).strip() for header in headers or [] if not is_blank(header))
        return [header for header in dict.fromkeys(named) if header not in read]

    def filled_columns(self, instance, row) -> dict[str, str]:
        """The columns of the row whose field the stored record has filled in: an empty cell
        in one of them empties it (note_emptied)."""
        filled = {}
        for field in self.get_import_fields():
            if field.readonly or not field.attribute or "__" in field.attribute:
                continue
            if field.column_name in row and not is_blank(getattr(instance, field.attribute, None)):
                filled[field.column_name] = field.attribute
        return filled

    def note_emptied(self, instance, filled: dict[str, str]) -> None:
        """Keep which of an existing record's filled-in columns the row empties: blank in a
        spreadsheet update means "clear it", which staff rarely mean; the preview says so."""
        emptied = [
            column
            for column, attribute in filled.items()
            if is_blank(getattr(instance, attribute, None))
        ]
        if emptied:
            self._emptied.append((self._row_line, str(instance), emptied))

    def line_of(self, number: int) -> int:
        """The spreadsheet's number of the import's ``number``-th row (counted from 1)."""
        lines = self.__dict__.get("_lines") or []
        return lines[number - 1] if 0 < number <= len(lines) else number + 1

    def import_row(self, row, instance_loader, **kwargs):
        # The row's number in the sheet, for messages that name another row of the file.
        self._row_line = self.line_of(kwargs.get("row_number") or 0)
        return super().import_row(row, instance_loader, **kwargs)

    def import_columns(self) -> list[str]:
        return [field.column_name for field in self.get_import_fields() if not field.readonly]

    def unrecognised_columns(self, dataset) -> str:
        """What to say of a file whose first row names none of the import's columns (a CSV
        separated by semicolons reads as one column named "slug;title_zh_hans;…"), or
        nothing; import-export said that a column of ``import_id_fields`` was missing."""
        headers = {str(header).strip() for header in dataset.headers or [] if header}
        columns = self.import_columns()
        if headers & set(columns):
            return ""
        return _(
            "The file's columns were not recognised. Save it as a CSV separated by commas "
            "(or as XLSX), its first row naming the columns: %(columns)s."
        ) % {"columns": ", ".join(columns)}

    def _check_import_id_fields(self, headers):
        try:
            super()._check_import_id_fields(headers)
        except exceptions.FieldError:
            missing = [
                self.fields[name].column_name
                for name in self.get_import_id_fields()
                if name in self.fields and self.fields[name].column_name not in (headers or [])
            ]
            raise exceptions.FieldError(
                _(
                    "The file has no %(missing)s column, which each row needs. The columns "
                    "an import reads are: %(columns)s."
                )
                % {"missing": ", ".join(missing), "columns": ", ".join(self.import_columns())}
            ) from None

    def after_import_row(self, row, row_result, **kwargs) -> None:
        super().after_import_row(row, row_result, **kwargs)
        if row_result.import_type == row_result.IMPORT_TYPE_NEW and row_result.object_id:
            # A later row may find the record this one made (by its natural key).
            self._records_in_file.setdefault(row_result.object_id, self._row_line)
        progress = self.__dict__.get("_progress")
        if progress is not None:
            progress.row_done(kwargs.get("row_number", 0))

    def get_import_fields(self):
        # import-export asks for this list about twenty times a row; it cannot change during
        # an import, so before_import keeps it.
        return self.__dict__.get("_import_fields") or super().get_import_fields()

    def before_import(self, dataset, **kwargs) -> None:
        self._diffs_shown = 0
        self._records_in_file: dict[Any, int] = {}  # the line that first gave each record
        self._import_fields = None
        self._import_fields = self.get_import_fields()
        # Formulas without a saved result (config.spreadsheets): emptied here, and each a
        # problem of its row (formula_problems), never a blank cell.
        self._formulas = take_formulas_without_result(dataset)
        # A sheet exported from here quotes text that a spreadsheet would run ("'=x"); take
        # the quote off again, so that an exported sheet re-imports unchanged.
        replace_rows(dataset, [[imported_cell(cell) for cell in row] for row in dataset])
        for field in self.fields.values():
            for widget in (field.widget, getattr(field.widget, "lookup", None)):
                if isinstance(widget, LookupWidget):
                    widget.reset()
            if isinstance(field, ManyLookupField):
                field.start_import(self._meta.model)
            elif isinstance(field, LeadPartnerField):
                field.start_import()
        # The lines whose slug the import made (a clash between two says how to avoid it).
        self._made_slugs: set[int] = set()
        if self.slug_source and dataset.headers:
            if "slug" not in dataset.headers:
                dataset.append_col([""] * len(dataset), header="slug")
            slug_at = dataset.headers.index("slug")
            rows = [list(row) for row in dataset]
            for number, row in enumerate(rows, start=1):
                if is_blank(row[slug_at]):
                    row[slug_at] = self.blank_slug(dict(zip(dataset.headers, row, strict=True)))
                    self._made_slugs.add(self.line_of(number))
            replace_rows(dataset, rows)

    def blank_slug(self, row: dict) -> str:
        """The slug of a row that gives none, made from its ``slug_source`` column (empty
        when that is empty, or has nothing slugify keeps: the row then says to give one)."""
        return slugify(str(row.get(self.slug_source) or ""))[:200]

    def after_init_instance(self, instance, new, row, **kwargs) -> None:
        super().after_init_instance(instance, new, row, **kwargs)
        self._keeps_blanks = self.blank_keeps and not new

    def cells_written(self, row) -> dict:
        """The cells of the row to write into its record: every one, or, where blank cells
        keep an existing record's values, the filled ones and the record's key."""
        if not self.__dict__.get("_keeps_blanks"):
            return row
        key = {self.fields[name].column_name for name in self.get_import_id_fields()}
        return {column: cell for column, cell in row.items() if column in key or not is_blank(cell)}

    def formula_problems(self) -> dict[str, list[str]]:
        """The problems of the current row's cells that hold a formula without a saved
        result, in the columns the import reads, by field (as the widgets' own are)."""
        formulas = self.__dict__.get("_formulas", {}).get(self._row_line)
        if not formulas:
            return {}
        problems = {}
        for field in self.get_import_fields():
            if field.column_name in formulas and not field.readonly:
                problems[field.attribute or field.column_name] = [formula_without_result_message()]
        for column in self.matched_only_columns:
            if column in formulas:
                problems[column] = [formula_without_result_message()]
        return problems

    def import_instance(self, instance, row, **kwargs) -> None:
        """Also check the many-valued columns now, so their problems are row errors."""
        row = self.cells_written(row)
        errors = self.formula_problems()
        repeated = self.repeated_record(instance)
        if repeated:
            errors[NON_FIELD_ERRORS] = [repeated]
        before = self.filled_columns(instance, row) if instance.pk else {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        self.note_emptied(instance, before)
        # An empty cell in a nullable column (the second language's columns) is stored as
        # NULL, as the admin does, so that re-importing an exported sheet changes nothing.
        for field in self.get_import_fields():
            if field.attribute and "__" not in field.attribute and not field.readonly:
                model_field = self._meta.model._meta.get_field(field.attribute)
                if model_field.null and getattr(instance, field.attribute, None) == "":
                    setattr(instance, field.attribute, None)
        for field in self.get_import_fields():
            if isinstance(field, ManyLookupField) and field.column_name in row:
                try:
                    field.ask(instance, row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        # A lead partner, once the partners it must be among are known.
        for field in self.get_import_fields():
            if isinstance(field, LeadPartnerField) and field.column_name in row:
                if field.among in errors:
                    continue
                try:
                    field.ask(instance, row, self.fields[field.among].get_value(instance) or [])
                except ValueError as error:
                    errors[field.column_name] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None) -> bool:
        """import-export's rule (skip a valid row that changes nothing), with the links
        compared in memory and an empty text the same however it is stored."""
        if not self._meta.skip_unchanged or self._meta.skip_diff or import_validation_errors:
            return False
        for field in self.get_import_fields():
            if isinstance(field, ManyLookupField):
                if field.column_name in row and not field.same_links(instance, original):
                    return False
            elif not same_value(field.get_value(instance), field.get_value(original)):
                return False
        return True

    def save_m2m(self, instance, row, **kwargs) -> None:
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        row = self.cells_written(row)
        for field in self.get_import_fields():
            if isinstance(field, (ManyLookupField, LeadPartnerField)) and field.column_name in row:
                field.write(instance)

    def after_import(self, dataset, result, **kwargs) -> None:
        for field in self.get_import_fields():
            if isinstance(field, ManyLookupField):
                field.flush()
        # Then the leads: a lead partner's link may be one of those just written.
        for field in self.get_import_fields():
            if isinstance(field, LeadPartnerField):
                field.flush()

    def unique_already_checked(self, instance) -> set[str]:
        """Unique fields that need no query for this row (see SlugResource)."""
        return set()

    def blank_required(self, instance, errors: dict) -> dict:
        """The problem of each column left blank whose field takes no empty value (a unit, a
        year), said as for a blank text, where the database refused the row ("NOT NULL
        constraint failed", in place of every row's problems) or Django said "This field
        cannot be null"."""
        found = {}
        for field in self.get_import_fields():
            name = field.attribute
            if not name or "__" in name or field.readonly or errors.get(name):
                continue
            try:
                model_field = self._meta.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not model_field.concrete or model_field.many_to_many or model_field.null:
                continue
            if getattr(instance, model_field.attname, None) is None:
                message = model_field.error_messages["blank"]
                found[name] = [ValidationError(message, code="blank")]
        return found

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        errors.update(self.blank_required(instance, errors))
        # Related records came from our lookups, which only return existing rows: skip
        # Django's per-row existence query for each foreign key.
        for name, field in self.fields.items():
            if isinstance(field.widget, LookupWidget) and name not in errors:
                errors.setdefault(name, None)
        known = {k: v for k, v in errors.items() if v is not None}
        # Model.full_clean, in its steps, so that the unique checks can leave out fields
        # known to be unique without a query.
        exclude = set(errors)
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            known = error.update_error_dict(known)
        exclude |= {name for name in known if name != NON_FIELD_ERRORS}
        checks = [lambda: instance.validate_constraints(exclude=exclude)]
        if validate_unique:
            unique_exclude = exclude | self.unique_already_checked(instance)
            checks.insert(0, lambda: instance.validate_unique(exclude=unique_exclude))
        for check in checks:
            try:
                check()
            except ValidationError as error:
                known = error.update_error_dict(known)
        if (
            self.slug_source
            and known.get("slug")
            and not getattr(instance, "slug", None)
            and "slug" not in self.__dict__.get("_formulas", {}).get(self._row_line, {})
        ):
            # A blank slug is made from its source column; both blank, say to give either.
            known["slug"] = [ValidationError(self.no_slug_message(), code="blank")]
        if known:
            raise ValidationError(self.by_template_column(known))

    def repeated_record(self, instance) -> str:
        """What to say of a row for a record that an earlier row of the file gave already
        (its second row was counted unchanged, or overwrote the first, saying nothing), or
        nothing. A row's new record is known once written (after_import_row), in the dry
        run too; a new record's repeated slug is said by SlugResource."""
        if instance.pk is None:
            return ""
        earlier = self._records_in_file.setdefault(instance.pk, self._row_line)
        if earlier == self._row_line:
            return ""
        return _(
            "“%(record)s” is already in row %(row)d of this file; give each record one row."
        ) % {"record": instance, "row": earlier}

    def no_slug_message(self) -> str:
        return NO_SLUG_MESSAGES.get(self.slug_source, NO_SLUG_MESSAGES["name_en"])

    def by_template_column(self, errors: dict) -> dict:
        """``errors`` with those of a translated field's own name (``title``, which the
        model checks too: the title in the active language, or in the other if that one is
        empty) moved to its default language's column (``title_zh_hans``), as the sheet has
        no ``title`` column; a problem one of its language columns has already is dropped,
        not listed twice."""
        columns = {field.attribute for field in self.get_import_fields() if field.attribute}
        by_column: dict[str, list[ValidationError]] = {}
        untranslated: dict[str, list[ValidationError]] = {}
        for name, found in errors.items():
            listed = ValidationError(found).error_list
            if name not in columns and localized(name, DEFAULT_LANGUAGE) in columns:
                untranslated[name] = listed
            else:
                by_column[name] = listed
        for name, listed in untranslated.items():
            said = {
                message
                for language in AVAILABLE_LANGUAGES
                for error in by_column.get(localized(name, language), [])
                for message in error.messages
            }
            for error in listed:
                if not said.issuperset(error.messages):
                    by_column.setdefault(localized(name, DEFAULT_LANGUAGE), []).append(error)
        return by_column

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True


class SlugInstanceLoader(CachedInstanceLoader):
    """The file's existing records in one query, with the related records of their
    lookup columns (the preview shows them, and compares them to the row's)."""

    def get_queryset(self):
        related = [
            field.attribute
            for field in self.resource.get_import_fields()
            if field.attribute and isinstance(field.widget, LookupWidget) and not field.readonly
        ]
        return super().get_queryset().select_related(*related)


class SlugResource(CoopResource):
    """Records with a unique slug are matched on it, all loaded in one query."""

    def before_import(self, dataset, **kwargs) -> None:
        super().before_import(dataset, **kwargs)
        self._slugs_seen: dict[str, int] = {}  # the line that first gave each slug

    def unique_already_checked(self, instance) -> set[str]:
        # The loader fetched every record whose slug is in the file, and a row updates the
        # record it found: a slug can only clash with an earlier row of this same file
        # (said by validate_instance). Only a repeated slug needs the database query.
        if instance.slug in self._slugs_seen:
            return set()
        self._slugs_seen[instance.slug] = self._row_line
        return {"slug"}

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # A new record whose slug an earlier row gave: say which row, where Django said
        # "… with this Slug already exists" of a slug the user may not have typed.
        errors = dict(import_validation_errors or {})
        earlier = self._slugs_seen.get(instance.slug) if instance.slug else None
        if earlier is not None and instance.pk is None and not errors.get("slug"):
            errors["slug"] = [self.slug_clash_message(instance.slug, earlier)]
        super().validate_instance(instance, errors, validate_unique)

    def slug_clash_message(self, slug: str, earlier: int) -> str:
        values = {"slug": slug, "row": earlier}
        if self._row_line in self._made_slugs:
            return (
                _(
                    "This row's slug, made from it as %(slug)s, is the same as row %(row)d's: "
                    "they look like the same record. If they are two, tell them apart with a "
                    "different slug in the slug column."
                )
                % values
            )
        return (
            _(
                "The slug %(slug)s is already that of row %(row)d of this file; give each "
                "record its own slug."
            )
            % values
        )

    class Meta(CoopResource.Meta):
        import_id_fields = ["slug"]
        instance_loader_class = SlugInstanceLoader


def with_related(resource: resources.ModelResource, queryset, *related: str):
    """The export queryset with its related rows loaded in a fixed number of queries."""
    queryset = queryset if queryset is not None else resource.get_queryset()
    return queryset.select_related(*related)


class InstitutionResource(SlugResource):
    slug_source = "name_en"
    country = lookup_field("country", CountryWidget())
    kind = lookup_field("kind", ChoiceWidget(InstitutionKind, _("institution kind")))
    ror_id = lookup_field("ror_id", NormalisedWidget(normalise_ror))

    class Meta(SlugResource.Meta):
        model = Institution
        fields = [
            "slug",
            "name_zh_hans",
            "name_en",
            "country",
            "city_zh_hans",
            "city_en",
            "kind",
            "website",
            "ror_id",
            "description_zh_hans",
            "description_en",
        ]

    def export(self, queryset=None, **kwargs):
        return super().export(queryset=with_related(self, queryset, "country"), **kwargs)

    # --- one institution entered twice (the rule: Institution.objects.named_like) ---

    def before_import(self, dataset, **kwargs) -> None:
        super().before_import(dataset, **kwargs)
        # Every institution's names, read in one query when a row first needs them.
        self._namesakes: dict[str, list[tuple]] | None = None
        self._named_in_file: dict[str, list[int]] = {}
        # The names each row gives, by slug (the record it updates, if any).
        self._name_columns = [c for c in Institution.name_columns() if c in dataset.headers]
        self._names_given: dict[str, set[str]] = {}
        for row in dataset.dict if self._name_columns else []:
            try:
                slug = self.fields["slug"].clean(row)
            except ValueError:
                continue
            self._names_given[slug] = institution_name_keys(
                "" if is_blank(row[column]) else str(row[column]) for column in self._name_columns
            )

    def namesakes(self) -> dict[str, list[tuple]]:
        """The stored institutions by the key of each of their names that stays: a row may
        give a name that the file takes from its institution (renamed in another row)."""
        if self._namesakes is None:
            self._namesakes = {}
            columns = Institution.name_columns()
            stored = Institution.objects.order_by("pk").values_list(
                "pk", "slug", "country__country", *columns
            )
            for pk, slug, country, *names in stored.iterator(chunk_size=2000):
                by_column = dict(zip(columns, names, strict=True))
                keys = institution_name_keys(names)
                if slug in self._names_given:
                    keys = institution_name_keys(
                        name
                        for column, name in by_column.items()
                        if column not in self._name_columns
                    ) | (keys & self._names_given[slug])
                for key in keys:
                    self._namesakes.setdefault(key, []).append((pk, slug, country, names))
        return self._namesakes

    def import_instance(self, instance, row, **kwargs) -> None:
        """Also refuse a new or changed name that another institution has, stored or in an
        earlier row of the file; a row may keep the names its own record has."""
        kept = instance.name_keys() if instance.pk else set()
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        told: set[tuple] = set()
        for column in Institution.name_columns():
            name = getattr(instance, column)
            key = institution_name_key(name)
            if not key or key in kept or column in errors:
                continue
            message = self.namesakes_message(instance, name, key, told)
            if message:
                errors[column] = [message]
            # Later rows are checked against this one (a kept name is stored already).
            self._named_in_file.setdefault(key, []).append(self._row_line)
        if errors:
            raise ValidationError(errors)

    def namesakes_message(self, instance, name: str, key: str, told: set[tuple]) -> str:
        """What the row's ``name`` duplicates (leaving out what ``told`` holds, which
        another of its columns said already), or nothing."""
        stored = [
            found
            for found in self.namesakes().get(key, [])
            if found[0] != instance.pk and ("stored", found[0]) not in told
        ]
        if stored:
            told.update(("stored", found[0]) for found in stored)
            return ngettext(
                "'%(name)s' is already the name of %(institutions)s. To update that "
                "institution, give its slug; if this is a different institution with the "
                "same name, add it in the back office.",
                "'%(name)s' is already the name of %(institutions)s. To update one of them, "
                "give its slug; if this is a different institution with the same name, add "
                "it in the back office.",
                len(stored),
            ) % {"name": name, "institutions": "; ".join(map(self.namesake_label, stored))}
        rows = [n for n in self._named_in_file.get(key, []) if ("row", n) not in told]
        if rows:
            told.update(("row", n) for n in rows)
            # The row as the page of problems numbers it (the header is row 1).
            return _("'%(name)s' is already the name of the institution in row %(row)d.") % {
                "name": name,
                "row": rows[0],
            }
        return ""

    @staticmethod
    def namesake_label(found: tuple) -> str:
        _pk, slug, country, names = found
        return _("%(names)s (%(country)s, slug %(slug)s)") % {
            "names": " / ".join(dict.fromkeys(name for name in names if name)),
            "country": country_name(country),
            "slug": slug,
        }


class ResearcherResource(SlugResource):
    slug_source = "name_en"
    unit = lookup_field("unit", unit_widget())
    orcid = lookup_field("orcid", NormalisedWidget(normalise_orcid))

    class Meta(SlugResource.Meta):
        model = Researcher
        fields = [
            "slug",
            "name_zh_hans",
            "name_en",
            "unit",
            "title_zh_hans",
            "title_en",
            "orcid",
            "email",
            "profile_zh_hans",
            "profile_en",
        ]

    def export(self, queryset=None, **kwargs):
        return super().export(queryset=with_related(self, queryset, "unit"), **kwargs)


class PublicationRowsResource(CoopResource):
    """Records with a publication workflow (projects, awards, achievements, exchanges,
    articles): their id and publication status are shown in exports, never imported, so
    imported records start as drafts and publishing stays with the workflow. A row that
    would change a published record is refused for a user whose changes to it wait for a
    publisher's review (cooperation.pending): the back office holds them, and the file would
    not."""

    id = fields.Field(attribute="id", column_name="id", readonly=True)
    publication_status = fields.Field(
        attribute="publication_status", column_name="publication_status", readonly=True
    )

    def save_instance(self, instance, is_create, row, **kwargs) -> None:
        # Reached only by a row that changes its record (an unchanged one is skipped), in
        # the dry run too; import-export gives the admin's user (none from code).
        user = kwargs.get("user")
        if not is_create and user is not None and changes_wait_for_review(instance, user):
            raise ValidationError(
                _(
                    "“%(record)s” is published, and your changes to it wait for a "
                    "publisher's review: change it in the back office, or ask a publisher "
                    "to import this row."
                )
                % {"record": instance}
            )
        super().save_instance(instance, is_create, row, **kwargs)


class PublishableResource(PublicationRowsResource, SlugResource):
    """A publishable record with a slug (projects, awards, articles)."""


# The words of Chinese research administration for a project's status, beside its labels
# (计划中, 进行中, 已完成, 已暂停): a sheet kept by a college says 在研 or 已结题.
PROJECT_STATUS_WORDS = {
    "在研": ProjectStatus.ACTIVE,
    "执行中": ProjectStatus.ACTIVE,
    "结题": ProjectStatus.COMPLETED,
    "已结题": ProjectStatus.COMPLETED,
    "拟立项": ProjectStatus.PLANNED,
    "中止": ProjectStatus.SUSPENDED,
}


class ProjectResource(PublishableResource):
    slug_source = "title_en"
    kind = lookup_field("kind", ChoiceWidget(ProjectKind, _("project kind")))
    status = lookup_field(
        "status", ChoiceWidget(ProjectStatus, _("project status"), PROJECT_STATUS_WORDS)
    )
    currency = DefaultForNewField(
        CooperationProject, "currency", ChoiceWidget(Currency, _("currency"))
    )
    lead_unit = lookup_field("lead_unit", unit_widget())
    principal_investigator = lookup_field("principal_investigator", researcher_widget())
    partners = lookup_field("partners", ManyLookupWidget(institution_widget()))
    lead_partner = LeadPartnerField("lead_partner", among="partners")
    research_fields = lookup_field("research_fields", ManyLookupWidget(field_widget()))
    featured = lookup_field("featured", YesNoWidget(_("featured"), blank=False))

    class Meta(SlugResource.Meta):
        model = CooperationProject
        fields = [
            "id",
            "slug",
            "title_zh_hans",
            "title_en",
            "summary_zh_hans",
            "summary_en",
            "kind",
            "status",
            "start_date",
            "end_date",
            "lead_unit",
            "principal_investigator",
            "partners",
            "lead_partner",
            "research_fields",
            "funding_source_zh_hans",
            "funding_source_en",
            "funding_amount",
            "currency",
            "outcomes_zh_hans",
            "outcomes_en",
            "featured",
            "publication_status",
        ]

    def export(self, queryset=None, **kwargs):
        queryset = with_related(
            self, queryset, "lead_unit", "principal_investigator"
        ).prefetch_related(partnerships_with_institutions(), "partners", "research_fields")
        return super().export(queryset=queryset, **kwargs)


class AwardResource(PublishableResource):
    slug_source = "title_en"
    level = lookup_field("level", ChoiceWidget(AwardLevel, _("award level")))
    recipient_unit = lookup_field("recipient_unit", unit_widget())
    recipient_researcher = lookup_field("recipient_researcher", researcher_widget())
    recipient_project = lookup_field("recipient_project", project_widget())

    class Meta(SlugResource.Meta):
        model = Award
        widgets = {"year": {"example": "2024"}}
        fields = [
            "id",
            "slug",
            "title_zh_hans",
            "title_en",
            "granting_body_zh_hans",
            "granting_body_en",
            "level",
            "year",
            "awarded_on",
            "recipient_unit",
            "recipient_researcher",
            "recipient_project",
            "description_zh_hans",
            "description_en",
            "publication_status",
        ]

    def export(self, queryset=None, **kwargs):
        queryset = with_related(
            self, queryset, "recipient_unit", "recipient_researcher", "recipient_project"
        )
        return super().export(queryset=queryset, **kwargs)


class NaturalKeyResource(CoopResource):
    """Records without a slug: matched by ``id`` when the sheet has one (an exported
    sheet does), otherwise by the columns in ``natural_key``."""

    natural_key: tuple[str, ...] = ()
    matched_only_columns = ("id",)

    def get_instance(self, instance_loader, row):
        queryset = self._meta.model._default_manager
        if not is_blank(row.get("id")):
            try:
                return queryset.filter(pk=int(row["id"])).first()
            except (TypeError, ValueError):
                return None
        lookup = {}
        for name in self.natural_key:
            if name not in row:
                return None
            try:
                lookup[name] = self.fields[name].clean(row)
            except ValueError:
                return None  # the row's own validation reports the bad value
        return queryset.filter(**lookup).first()


class AchievementResource(PublicationRowsResource, NaturalKeyResource):
    natural_key = ("kind", "title_zh_hans", "year")
    kind = lookup_field("kind", ChoiceWidget(AchievementKind, _("achievement kind")))
    project = lookup_field("project", project_widget())

    class Meta(CoopResource.Meta):
        model = Achievement
        widgets = {"year": {"example": "2024"}}
        import_id_fields = ["title_zh_hans"]
        fields = [
            "id",
            "kind",
            "title_zh_hans",
            "title_en",
            "year",
            "project",
            "identifier",
            "url",
            "description_zh_hans",
            "description_en",
            "publication_status",
        ]

    def export(self, queryset=None, **kwargs):
        return super().export(queryset=with_related(self, queryset, "project"), **kwargs)


class ExchangeResource(PublicationRowsResource, NaturalKeyResource):
    natural_key = ("kind", "title_zh_hans", "start_date")
    kind = lookup_field("kind", ChoiceWidget(ExchangeKind, _("exchange kind")))
    country = lookup_field("country", CountryWidget())
    institution = lookup_field("institution", institution_widget())
    unit = lookup_field("unit", unit_widget())
    project = lookup_field("project", project_widget())

    class Meta(CoopResource.Meta):
        model = Exchange
        import_id_fields = ["title_zh_hans"]
        fields = [
            "id",
            "kind",
            "title_zh_hans",
            "title_en",
            "start_date",
            "end_date",
            "country",
            "institution",
            "unit",
            "project",
            "people_count",
            "description_zh_hans",
            "description_en",
            "publication_status",
        ]

    def export(self, queryset=None, **kwargs):
        queryset = with_related(self, queryset, "country", "institution", "unit", "project")
        return super().export(queryset=queryset, **kwargs)


# What each column expects, for the template's "columns" sheet.
COLUMN_NOTES = {
    "slug": _(
        "Unique web name (letters, digits, hyphens). Left empty: made from the English name."
    ),
    "country": _("ISO code (JP) or name in English or Chinese (Japan, 日本)."),
    "kind": _("Code or label in English or Chinese."),
    "status": _("Code or label in English or Chinese."),
    "currency": _(
        "ISO currency code, e.g. CNY, EUR. Empty: CNY for a new project; an existing "
        "project keeps its currency."
    ),
    "ror_id": _("ROR id, e.g. 03vek6s52."),
    "orcid": _("ORCID iD, e.g. 0000-0002-1825-0097."),
    "unit": _("Unit name in Chinese or English, or its slug."),
    "lead_unit": _("Unit name in Chinese or English, or its slug."),
    "level": _("Code or label in English or Chinese (national, 国家级)."),
    "year": _("Year, e.g. 2024."),
    "awarded_on": _("Date as YYYY-MM-DD, or empty; in the award's year."),
    "recipient_unit": _("A unit (name or slug) that received it; at most one recipient."),
    "recipient_researcher": _("A researcher (ORCID iD or name); at most one recipient."),
    "recipient_project": _("A project (slug or title); at most one recipient. None: the base."),
    "principal_investigator": _("ORCID iD or name in Chinese or English."),
    "partners": _("Institutions (ROR id or name), separated by semicolons."),
    "lead_partner": _("The partner that leads the project (ROR id or name), or empty."),
    "research_fields": _("Research fields (name in Chinese or English), separated by semicolons."),
    "institution": _("ROR id or name in Chinese or English."),
    "project": _("Project slug or title in Chinese or English."),
    "start_date": _("Date as YYYY-MM-DD."),
    "end_date": _("Date as YYYY-MM-DD, or empty."),
    "featured": _("1 (or yes, 是) to feature it; 0 (or no, 否) or empty not to."),
    "funding_amount": _(
        "A number, e.g. 1200000.50: digits and a point, no currency sign or thousands "
        "separators (the currency has its own column)."
    ),
    "people_count": _("A whole number, e.g. 12. Empty: 1."),
}
