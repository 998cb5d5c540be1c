"""Filters of the API lists. Projects, awards, achievements and exchanges reuse the portal's
FilterSets, so the API and the portal's lists agree on every filter, every order (``sort``)
and on what a bad value is (a 400, never a 500); the news take the news list's orders."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from config.filtersets import CheapFilterSet
from cooperation.filters import (
    AchievementFilter,
    AwardFilter,
    ExchangeFilter,
    ProjectFilter,
    SlugFilter,
    SortFilter,
)
from cooperation.models import InstitutionKind, Region
from cooperation.views import kept_partner_countries
from news.filters import ARTICLE_ORDERS

__all__ = ["AchievementFilter", "ArticleFilter", "AwardFilter", "CountryFilter", "ExchangeFilter"]
__all__ += ["FieldFilter", "InstitutionFilter", "ProjectFilter", "ResearcherFilter"]


class CountryFilter(CheapFilterSet):
    """The partner countries the portal lists (those with a public project:
    ``PartnerCountryQuerySet.partners``, as the country list, the home page and the sitemap
    give them: ``kept_partner_countries``), or, with ``all=true``, every country entered:
    one with no public project yet is still the country of institutions the institutions'
    list gives."""

    region = django_filters.ChoiceFilter(choices=Region.choices)
    # "true" or "false" alone: a boolean filter read any other value ("yes") as not given.
    all = django_filters.ChoiceFilter(
        choices=[("false", "false"), ("true", "true")],
        method="every_country",
        help_text=_(
            "true: every country entered, those with no public project yet too (0 "
            "projects). Without it (or false), the partner countries the portal lists: "
            "those with at least one public project."
        ),
    )

    def every_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Read by filter_queryset, which narrows the list when the parameter is not given.
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("all") == "true":
            return queryset
        # The portal's own list, as kept while the public projects are unchanged: the same
        # countries, and no partnership read on each request.
        return queryset.filter(pk__in=[country.pk for country in kept_partner_countries()])


class InstitutionFilter(CheapFilterSet):
    country = django_filters.ChoiceFilter(
        choices=lambda: list(countries), field_name="country__country"
    )
    kind = django_filters.ChoiceFilter(choices=InstitutionKind.choices)


class FieldFilter(CheapFilterSet):
    parent = SlugFilter(field_name="parent__slug")


class ArticleFilter(CheapFilterSet):
    category = SlugFilter(field_name="category__slug")
    sort = SortFilter(ARTICLE_ORDERS)  # as the portal's news list


class ResearcherFilter(CheapFilterSet):
    # A slug checked by its form field: "not a slug!" is a 400 that says why; a unit no
    # record has is one too, as for the other lists' slug filters (api.views.OpenDataViewSet).
    unit = SlugFilter(field_name="unit__slug")
