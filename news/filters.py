"""The news list's filters. Every value goes through a form field: a hostile query string
ends as a form error (the page answers 400), never as an exception."""

from __future__ import annotations

from typing import NamedTuple

import django_filters
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.content_version import cached_under_content_version
from config.filtersets import CheapFilterSet
from cooperation.filters import YEAR_FIELD, Order, SortFilter, YearFilter, selection_key
from news.models import ArticleQuerySet, Category, Topic


class Choice(NamedTuple):
    slug: str
    name: str
    pk: int


def filter_choices() -> dict[str, list[Choice]]:
    """The categories and topics a reader may filter the news by, named in the active
    language: the form lists them on every news page, and reading them there (a query each,
    through a server-side cursor) was a quarter of the page's time. Kept per language while
    the news app's records are unchanged: a category or topic edited, added or removed
    shows at once."""

    def compute() -> dict[str, list[Choice]]:
        return {
            "category": [Choice(c.slug, c.name, c.pk) for c in Category.objects.all()],
            "topic": [Choice(t.slug, t.name, t.pk) for t in Topic.objects.all()],
        }

    return cached_under_content_version(
        f"news-filter-choices:{get_language()}", compute, apps={"news"}
    )


# The orders a reader may sort the news in, its own first (SortFilter): by the moment each
# was published, which the public articles' index holds in both directions.
ARTICLE_ORDERS = {
    "newest": Order(_("Newest first"), ("-published_at", "-id")),
    "oldest": Order(_("Oldest first"), ("published_at", "id")),
}


class ArticleFilter(CheapFilterSet):
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        empty_label=_("All categories"),
        method="filter_category",
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"),
        empty_label=_("All topics"),
        method="filter_topic",
    )
    year = YearFilter(label=_("Year"), method="filter_year", **YEAR_FIELD)
    sort = SortFilter(ARTICLE_ORDERS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Read once for the form's validation and rendering, the filtering and the page's
        # feed links, not once each (every read of a kept value is a cache round trip). Set on
        # this form's own fields: the form class is the same for every language.
        self.choices = filter_choices()
        for name in ("category", "topic"):
            self.form.fields[name].choices = [
                (choice.slug, choice.name) for choice in self.choices[name]
            ]

    def chosen(self, name: str) -> Choice | None:
        """The category or topic of a valid selection, if one was chosen."""
        slug = self.form.cleaned_data.get(name)
        return next((choice for choice in self.choices[name] if choice.slug == slug), None)

    def filter_category(self, queryset: ArticleQuerySet, name: str, value: str) -> ArticleQuerySet:
        return queryset.filter(category_id=self.chosen("category").pk)

    def filter_topic(self, queryset: ArticleQuerySet, name: str, value: str) -> ArticleQuerySet:
        return queryset.filter(topics=self.chosen("topic").pk)

    def filter_year(self, queryset: ArticleQuerySet, name: str, value: int) -> ArticleQuerySet:
        return queryset.published_in(value)


def filter_fields_html(filterset: ArticleFilter) -> SafeString:
    """The filter form's fields, rendered: Django renders each select and each of its
    options through templates of its own (a quarter of a news page's time). The same for
    every reader of a language, selection and order, so a valid selection's are kept while
    the news app's records (its categories and topics) are unchanged; a form with errors
    shows them, rendered afresh."""

    def render() -> SafeString:
        return render_to_string("includes/filter_fields.html", {"fields": filterset.form})

    if filterset.form.errors:
        return render()
    # The order is no filter (selection_key leaves it out), but its field shows it chosen.
    key = f"{selection_key(filterset)}:{filterset.form.cleaned_data.get('sort') or ''}"
    return cached_under_content_version(
        f"news-filter-fields:{get_language()}:{key}", render, apps={"news"}
    )
