"""The news list's filters. Every value goes through a form field: a hostile query string
ends as a form error (the page answers 400), never as an exception."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from cooperation.filters import YEAR_FIELD, YearFilter
from news.models import ArticleQuerySet, Category, Topic


class ArticleFilter(django_filters.FilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        empty_label=_("All categories"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        field_name="topics",
        empty_label=_("All topics"),
    )
    year = YearFilter(label=_("Year"), method="filter_year", **YEAR_FIELD)

    def filter_year(self, queryset: ArticleQuerySet, name: str, value: int) -> ArticleQuerySet:
        return queryset.published_in(value)
