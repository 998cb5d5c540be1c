"""Filters of the API lists. Projects, awards, achievements and exchanges reuse the portal's
FilterSets, so the API and the portal's lists agree on every filter and on what a bad value
is (a 400, never a 500)."""

from __future__ import annotations

import django_filters
from django_countries import countries

from config.filtersets import CheapFilterSet
from cooperation.filters import (
    AchievementFilter,
    AwardFilter,
    ExchangeFilter,
    ProjectFilter,
    SlugFilter,
)
from cooperation.models import InstitutionKind, Region

__all__ = ["AchievementFilter", "ArticleFilter", "AwardFilter", "CountryFilter", "ExchangeFilter"]
__all__ += ["FieldFilter", "InstitutionFilter", "ProjectFilter", "ResearcherFilter"]


class CountryFilter(CheapFilterSet):
    region = django_filters.ChoiceFilter(choices=Region.choices)


class InstitutionFilter(CheapFilterSet):
    country = django_filters.ChoiceFilter(
        choices=lambda: list(countries), field_name="country__country"
    )
    kind = django_filters.ChoiceFilter(choices=InstitutionKind.choices)


class FieldFilter(CheapFilterSet):
    parent = SlugFilter(field_name="parent__slug")


class ArticleFilter(CheapFilterSet):
    category = SlugFilter(field_name="category__slug")


class ResearcherFilter(CheapFilterSet):
    # A slug checked by its form field: "not a slug!" is a 400 that says why; a unit no
    # record has is one too, as for the other lists' slug filters (api.views.OpenDataViewSet).
    unit = SlugFilter(field_name="unit__slug")
