"""The project directory's filters: every value is validated by a form field, so hostile
query strings end as form errors, never as exceptions."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.validators import EMPTY_VALUES
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters.fields import ChoiceField as FilterChoiceField

from config.content_version import cached_under_content_version
from config.filtersets import CheapFilterSet
from config.search_columns import MAX_QUERY_LENGTH
from config.tracking import is_tracking
from cooperation.countries import country_name
from cooperation.models import (
    AchievementKind,
    AwardLevel,
    ExchangeKind,
    InstitutionKind,
    PartnerCountry,
    ProjectKind,
    ProjectQuerySet,
    ProjectStatus,
    Unit,
    contains_in_either_language,
    reading_order,
    shown_name_order,
    started_in_years,
)
from cooperation.publication import cached_while_published
from cooperation.text_search import matching, normalise_query
from cooperation.validators import FIRST_YEAR, LAST_YEAR

YEAR_FIELD = {"min_value": FIRST_YEAR, "max_value": LAST_YEAR}


@dataclass(frozen=True)
class Order:
    """One order a reader may sort a list in (a choice of its ``SortFilter``): its label,
    and the fields it orders by, the last the primary key, so that no two rows tie and a
    deep page starts from the anchors kept for its order (config.pagination.RowsByKeys).
    ``reads``: the translated field, if any, it orders by as the reader is shown it (their
    language's, else the other's) and reads it (``shown_name_order``: pinyin for Chinese),
    named ``title_order`` in ``fields``."""

    label: str | Promise
    fields: tuple[str, ...]
    reads: str | None = None


def sorted_by(records: QuerySet, order: Order) -> QuerySet:
    """The records in ``order``; by a translated field, as the reader is shown it and reads
    it (``shown_name_order``, never NULL), annotated under the name the order gives it, so
    that deep pages start from their anchors (config.pagination)."""
    if order.reads is not None:
        records = records.annotate(title_order=shown_name_order(order.reads, get_language()))
    return records.order_by(*order.fields)


class SortField(FilterChoiceField):
    """A list's order, by its key. A key that is none of its orders is refused with the keys
    there are, so that a link or an API client's query can be put right: Django's message
    said only that the value was not one of the choices."""

    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not one of this list's orders: %(orders)s.")
    }

    shown_length = 40  # of a refused value, in its message

    def validate(self, value: str) -> None:
        if value and not self.valid_value(value):
            # As much of the value as can be read: no control character (a NUL), no page
            # of it.
            shown = "".join(character for character in value if character.isprintable())
            if len(shown) > self.shown_length:
                shown = shown[: self.shown_length - 1] + "…"
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": shown, "orders": ", ".join(key for key, _label in self.choices)},
            )
        super().validate(value)


class SortFilter(django_filters.ChoiceFilter):
    """A list's ``sort``: one of the keys of its allow-list of orders (``orders``), anything
    else a form error, so the page answers 400 saying which orders there are. The first is
    the list's own order, the one its records come in when none is asked for (each list's
    test says so); the select has no empty choice, so it shows that one chosen. The one
    way every public list is sorted, the directory's first, and the open data API's lists
    that share their FilterSets."""

    field_class = SortField

    def __init__(self, orders: dict[str, Order], **kwargs) -> None:
        self.orders = orders
        kwargs.setdefault("label", _("Sort by"))
        kwargs["choices"] = [(key, order.label) for key, order in orders.items()]
        kwargs["empty_label"] = None
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if value in EMPTY_VALUES:
            return qs  # already in the list's own order
        return sorted_by(qs, self.orders[value])


def chosen_order(filterset: django_filters.FilterSet | None) -> tuple[str, Order] | None:
    """The key and the order a selection is listed in (its list's own, the first, when none
    was asked for or the sort was refused); None for a list that has no sort."""
    sort = filterset.filters.get("sort") if filterset is not None else None
    if not isinstance(sort, SortFilter):
        return None
    key = getattr(filterset.form, "cleaned_data", {}).get("sort") or ""
    if key not in sort.orders:
        key = next(iter(sort.orders))
    return key, sort.orders[key]


def order_key(filterset: django_filters.FilterSet | None) -> str:
    """The order a selection is listed in, as what is kept per order (a deep page's
    anchors) names it: its key, and the reader's language for an order by a translated
    field, whose rows the two languages order differently. "" for a list with no sort."""
    chosen = chosen_order(filterset)
    if chosen is None:
        return ""
    key, order = chosen
    return f"{key}:{get_language()}" if order.reads else key


# The orders a reader may sort each list in, its own first (SortFilter).
PROJECT_ORDERS = {
    "newest": Order(_("Newest first"), ("-start_date", "-id")),
    "oldest": Order(_("Oldest first"), ("start_date", "id")),
    "title": Order(_("Title"), ("title_order", "id"), reads="title"),
}
# By year, then by the day it was awarded where it is known (an award of no known day comes
# at one end of its year, which end depending on the database: "oldest" is the exact reverse
# of "newest" on each).
AWARD_ORDERS = {
    "newest": Order(_("Newest first"), ("-year", "-awarded_on", "-id")),
    "oldest": Order(_("Oldest first"), ("year", "awarded_on", "id")),
    "title": Order(_("Title"), ("title_order", "id"), reads="title"),
}
ACHIEVEMENT_ORDERS = {
    "newest": Order(_("Newest first"), ("-year", "-id")),
    "oldest": Order(_("Oldest first"), ("year", "id")),
    "title": Order(_("Title"), ("title_order", "id"), reads="title"),
}
# By the day each began. Not by title: an exchange is an event, found by when it was and,
# through the filters, by its kind and country; a title order would cost the table an index
# in each language's collation.
EXCHANGE_ORDERS = {
    "newest": Order(_("Newest first"), ("-start_date", "-id")),
    "oldest": Order(_("Oldest first"), ("start_date", "id")),
}


class SlugFilter(django_filters.CharFilter):
    field_class = forms.SlugField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", 255)  # no slug in the models is longer
        super().__init__(*args, **kwargs)


class NamePartFilter(django_filters.CharFilter):
    """A part of a record's translated name, in either language and any word order
    (``contains_in_either_language``)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label", _("Name"))
        kwargs.setdefault("max_length", 100)
        super().__init__(*args, **kwargs)

    def filter(self, queryset: QuerySet, value: str) -> QuerySet:
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(contains_in_either_language(self.field_name, value))


class CountryCodeField(forms.CharField):
    """A partner country's ISO 3166 code, as the country list knows it ("JP"): looked up in
    it. A choice field of all 249 countries deep-copied them for every form and walked them to
    find the value: half the time the directory spent on its filters."""

    default_error_messages = {
        "invalid_choice": forms.ChoiceField.default_error_messages["invalid_choice"]
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 2)
        super().__init__(**kwargs)

    def validate(self, value: str) -> None:
        super().validate(value)
        if value and value not in countries.countries:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )


class CountryFilter(django_filters.CharFilter):
    field_class = CountryCodeField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ProjectFilterForm(forms.Form):
    # Each range of years, by its first and its last year's fields.
    year_ranges = (("year_from", "year_to"), ("started_from", "started_to"))

    def clean(self) -> dict:
        """A range that ends before it starts is an error of its last year's field: the
        field is marked (aria-invalid, the message beside it) and the list keeps the
        reader's other filters (``valid_part``), which a form-wide error would not say."""
        cleaned = super().clean()
        for first_name, last_name in self.year_ranges:
            first, last = cleaned.get(first_name), cleaned.get(last_name)
            if first is not None and last is not None and first > last:
                self.add_error(last_name, _("The first year must not be after the last year."))
        return cleaned


class ProjectFilter(CheapFilterSet):
    # Words in a project's title or summary, in either language, found as the portal's
    # search finds them (cooperation.text_search.matching), with the facets; the list keeps
    # the order the reader chose (README: the directory's keyword box).
    q = django_filters.CharFilter(
        label=_("Keywords"),
        method="filter_words",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput,
    )
    country = CountryFilter(label=_("Country"), method="filter_country")
    institution = SlugFilter(label=_("Institution"), method="filter_institution")
    field = SlugFilter(label=_("Research field"), method="filter_field")
    unit = SlugFilter(label=_("Unit"), method="filter_unit")
    # Reached from a researcher's page ("see all of them"); not a facet of its own.
    researcher = SlugFilter(label=_("Principal investigator"), method="filter_researcher")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ProjectKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices)
    # Running at some time in these years (a project runs from its start to its end), beside
    # the years it started in below: each label says which.
    year_from = YearFilter(label=_("Running from year"), method="filter_years", **YEAR_FIELD)
    year_to = YearFilter(label=_("Running until year"), method="filter_years", **YEAR_FIELD)
    # Projects that started in a range of years (the dashboard's "new projects" drill-down).
    started_from = YearFilter(label=_("Started from year"), method="filter_started", **YEAR_FIELD)
    started_to = YearFilter(label=_("Started until year"), method="filter_started", **YEAR_FIELD)
    sort = SortFilter(PROJECT_ORDERS)

    class Meta:
        form = ProjectFilterForm

    def filter_words(self, queryset: ProjectQuerySet, name: str, value: str):
        words = normalise_query(value)
        if not words:
            return queryset
        # The fields the portal searches a project by (portal.search.KINDS), whose stored
        # English document portal.0004 builds.
        searched, condition = matching(queryset, words, "title", "summary")
        return searched.filter(condition)

    def filter_country(self, queryset: ProjectQuerySet, name: str, value: str):
        return queryset.for_country(value)

    def filter_institution(self, queryset: ProjectQuerySet, name: str, value: str):
        return queryset.for_institution(value)

    def filter_field(self, queryset: ProjectQuerySet, name: str, value: str):
        return queryset.for_field(value)

    def filter_unit(self, queryset: ProjectQuerySet, name: str, value: str):
        return queryset.for_unit(value)

    def filter_researcher(self, queryset: ProjectQuerySet, name: str, value: str):
        return queryset.for_researcher(value)

    def filter_years(self, queryset: ProjectQuerySet, name: str, value: int):
        # Both ends are applied together, once, by whichever filter runs first.
        if getattr(self, "_years_applied", False):
            return queryset
        self._years_applied = True
        data = self.form.cleaned_data
        return queryset.active_between(data.get("year_from"), data.get("year_to"))

    def filter_started(self, queryset: ProjectQuerySet, name: str, value: int):
        if getattr(self, "_started_applied", False):
            return queryset
        self._started_applied = True
        data = self.form.cleaned_data
        return queryset.filter(started_in_years(data.get("started_from"), data.get("started_to")))


class AwardFilter(CheapFilterSet):
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=AwardLevel.choices, empty_label=_("All levels")
    )
    year = YearFilter(label=_("Year"), **YEAR_FIELD)
    sort = SortFilter(AWARD_ORDERS)


class AchievementFilter(CheapFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=AchievementKind.choices, empty_label=_("All kinds")
    )
    year = YearFilter(label=_("Year"), **YEAR_FIELD)
    sort = SortFilter(ACHIEVEMENT_ORDERS)


def partner_country_choices() -> list[tuple[str, str]]:
    """Every partner country as a choice (its code, its name in the active language), by
    name: a few dozen rows, kept per language while the cooperation records are unchanged."""

    def compute() -> list[tuple[str, str]]:
        codes = PartnerCountry.objects.values_list("country", flat=True)
        named = [(str(code), country_name(str(code))) for code in codes]
        return sorted(named, key=lambda choice: reading_order(choice[1]))

    return cached_under_content_version(
        f"partner-country-choices:{get_language()}", compute, apps={"cooperation"}
    )


class ExchangeFilter(CheapFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ExchangeKind.choices, empty_label=_("All kinds")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="country__country", empty_label=_("All countries")
    )
    # The year an exchange began, as a range of dates: the start-date index reads it.
    year = YearFilter(label=_("Year"), method="filter_year", **YEAR_FIELD)
    # Reached from an institution's or a unit's page ("all of them"); named in a note.
    institution = SlugFilter(label=_("Institution"), field_name="institution__slug")
    unit = SlugFilter(label=_("Unit"), field_name="unit__slug")
    sort = SortFilter(EXCHANGE_ORDERS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # On this form's own field: the form class is the same for every language.
        self.form.fields["country"].choices = partner_country_choices()

    def filter_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(started_in_years(value, value))


def unit_choices() -> list[tuple[str, str]]:
    """Every unit as a choice (its slug, its name in the active language), by name: a
    handful of rows, kept per language while the cooperation records are unchanged."""

    def compute() -> list[tuple[str, str]]:
        named = [
            (unit.slug, str(unit)) for unit in Unit.objects.only("slug", "name_zh_hans", "name_en")
        ]
        return sorted(named, key=lambda choice: reading_order(choice[1]))

    return cached_under_content_version(
        f"unit-choices:{get_language()}", compute, apps={"cooperation"}
    )


class InstitutionFilter(CheapFilterSet):
    """The partner institutions: by country, by kind, and by a part of a name in either
    language."""

    name = NamePartFilter(field_name="name", label=pgettext_lazy("an organisation's", "Name"))
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="country__country", empty_label=_("All countries")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=InstitutionKind.choices, empty_label=_("All kinds")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.form.fields["country"].choices = partner_country_choices()


class ResearcherFilter(CheapFilterSet):
    """The researchers' directory: by unit, and by a part of a name in either language."""

    name = NamePartFilter(field_name="name")
    unit = django_filters.ChoiceFilter(
        label=_("Unit"), field_name="unit__slug", empty_label=_("All units")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.form.fields["unit"].choices = unit_choices()


def valid_part(filterset: django_filters.FilterSet) -> QueryDict:
    """A refused selection's query without the values of the filters it refused (and its
    page): what the list's facets are counted for and link from while the reader corrects
    the rest, so that the values they chose and may keep are still shown."""
    query = filterset.data.copy()
    for name in [*filterset.form.errors, "page"]:
        query.pop(name, None)
    return query


def one_value_named(form: forms.Form, labels: dict[str, str] | None = None) -> str | None:
    """The name of the one value a valid selection is narrowed to, for the list's title
    ("Cooperation projects: Japan"), when it is narrowed by one filter (its order aside) and
    the page knows that value's name without asking for it: ``labels`` (a facet's or a noted
    record's name, by filter), a choice's label, a year, or the words typed in a keyword box
    (a search field: the directory's ``q``), quoted ("Cooperation projects: “enzyme”"), as
    the search page's title quotes them. None otherwise: a part of a name typed in, a range
    of years, two filters or more, a refused selection."""
    if not form.is_bound or form.errors:
        return None
    chosen = [
        (name, value)
        for name, value in form.cleaned_data.items()
        if name != "sort" and value not in (None, "")
    ]
    if len(chosen) != 1:
        return None
    [(name, value)] = chosen
    if labels and labels.get(name):
        return str(labels[name])
    choices = getattr(form.fields[name], "choices", None)
    if choices is not None:
        label = dict(choices).get(value)
        return str(label) if label else None
    if name == "year":
        return str(value)
    if isinstance(form.fields[name].widget, forms.SearchInput):
        return quoted_words(value)
    return None


def quoted_words(words: str) -> str:
    """Words a reader typed in, quoted as the page's language quotes them."""
    return pgettext("words typed in, quoted in a page's title or heading", "“%(words)s”") % {
        "words": words
    }


def localized(names: tuple[str, str]) -> str:
    """Pick the (zh-hans, en) name for the active language, falling back to the other."""
    chinese, english = names
    if get_language() == "en":
        return english or chinese
    return chinese or english


def project_facets(queryset: ProjectQuerySet) -> tuple[dict[str, list[dict]], int]:
    """Facet values with counts for the filtered projects, labelled in the active language,
    and the number of projects (counted along the way)."""
    counts = queryset.facet_counts()
    named = {
        name: [
            {"value": row["slug"], "label": localized(row["names"]), "count": row["count"]}
            for row in counts[name]
        ]
        for name in ("field", "unit", "institution")
    }
    facets = {
        # The most projects first, equal counts by name as the reader's language writes it
        # (by ISO code, English listed Canada, the United Kingdom, then Japan).
        "country": sorted(
            (
                {"value": row["code"], "label": country_name(row["code"]), "count": row["count"]}
                for row in counts["country"]
            ),
            key=lambda option: (-option["count"], reading_order(option["label"])),
        ),
        # A sub-field follows its parent, marked to be shown under it.
        "field": [
            {**option, "sub": row["parent"] is not None}
            for option, row in zip(named["field"], counts["field"], strict=True)
        ],
        "unit": named["unit"],
        "institution": named["institution"],
        # Labels as text, not lazy translations: the facets are kept per language, and each
        # lazy string read back from the cache builds a class of its own (0.2 ms apiece).
        "kind": [
            {"value": value, "label": str(label), "count": counts["kind"][value]}
            for value, label in ProjectKind.choices
            if value in counts["kind"]
        ],
        "status": [
            {"value": value, "label": str(label), "count": counts["status"][value]}
            for value, label in ProjectStatus.choices
            if value in counts["status"]
        ],
    }
    return facets, counts["total"]


def _digest(parameters: Iterable[tuple[str, str]]) -> str:
    return hashlib.sha256(urlencode(list(parameters)).encode()).hexdigest()


def selection_key(filterset: django_filters.FilterSet) -> str:
    """A short digest of a valid filter selection: the filters a reader chose, without the
    sort order (which changes no count)."""
    return _digest(
        sorted(
            (name, str(value))
            for name, value in filterset.form.cleaned_data.items()
            if name != "sort" and value not in (None, "")
        )
    )


def query_key(query: QueryDict, *without: str) -> str:
    """A short digest of a query string as given, without these parameters (e.g. the page)
    nor its tracking ones (``config.tracking``: they select nothing, and no link carries
    them on): for what is kept per query, not per selection (links that keep the reader's
    query), the same for every campaign's readers."""
    return _digest(
        (name, value)
        for name, values in query.lists()
        if name not in without and not is_tracking(name)
        for value in values
    )


def directory_facets(filterset: ProjectFilter) -> tuple[dict[str, list[dict]], int]:
    """``project_facets`` of a valid selection, kept while the public projects are unchanged:
    paging through it, re-sorting it or another reader asking for it counts nothing again,
    and a record change or a scheduled project coming due counts afresh."""
    matching = filterset.qs
    return cached_while_published(
        f"directory-facets:{get_language()}:{selection_key(filterset)}",
        lambda: project_facets(matching),
        apps={"cooperation"},
    )
