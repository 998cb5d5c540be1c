"""Spreadsheet import and export of news articles (django-import-export), built on the
cooperation records' resources: the same dry run, plain-word errors, all-or-nothing writes
and quiet re-imports.

An import brings a site's earlier news into the back office: text in both languages, the
category and topics, the records each article is about, and the day it first appeared.
Imported articles start as drafts; publishing one keeps that day (cooperation.workflow).
Cover images are uploaded in the back office, where each is checked and described.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from cooperation.models import Award
from cooperation.resources import (
    CountryWidget,
    LookupWidget,
    ManyLookupWidget,
    PublishableResource,
    SlugResource,
    YesNoWidget,
    lookup_field,
    project_widget,
    slug_or_name_widget,
    with_related,
)
from cooperation.richtext import sanitize_html
from news.models import Article, Category, Topic

ARTICLE_COLUMN_NOTES = {
    "slug": _(
        "Unique web name (letters, digits, hyphens). Left empty: made from the English title, "
        "or without one from the day and the Chinese title (news-20191120-…)."
    ),
    "body_zh_hans": _("The text; paragraphs as HTML (<p>…</p>) or separated by empty lines."),
    "body_en": _("The text in English, or empty."),
    "category": _("Category name in Chinese or English, or its slug."),
    "topics": _("Topics (name in Chinese or English, or slug), separated by semicolons."),
    "published_at": _(
        "The day the news first appeared, as YYYY-MM-DD or YYYY-MM-DD HH:MM; publishing the "
        "article keeps it. Empty: the day it is published (a day already stored stays)."
    ),
    "related_projects": _("Projects (slug or title), separated by semicolons."),
    "related_countries": _("Partner countries (ISO code or name), separated by semicolons."),
    "related_awards": _("Awards (slug or title), separated by semicolons."),
}


def category_widget() -> LookupWidget:
    return slug_or_name_widget(Category, _("category"))


def topic_widget() -> LookupWidget:
    return slug_or_name_widget(Topic, _("topic"))


def award_widget() -> LookupWidget:
    return slug_or_name_widget(
        Award,
        _("award"),
        name="title",
        hint=_("the award's slug or its title in Chinese or English"),
    )


# A cell holding any of these is HTML already (an exported sheet's, or another site's).
HTML_BLOCK = re.compile(r"<(p|br|h[1-6]|ul|ol|div|table|blockquote|figure|pre)\b", re.I)


class RichTextWidget(widgets.CharWidget):
    """An article's text: HTML as it is, plain text as paragraphs (an empty line between
    two, a line break within one), and either sanitised as the article's save will store it,
    so that a re-import compares equal."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if not text:
            return text
        return sanitize_html(text if HTML_BLOCK.search(text) else linebreaks(text, autoescape=True))


class DayOrTimeWidget(widgets.DateTimeWidget):
    """A day (2019-11-20, 2019/11/20, 2019.11.20, 2019年11月20日), or a day and a time
    (2019-11-20 09:30), in the site's time zone; a spreadsheet's own date or date-and-time
    cell as it is."""

    FORMATS = (
        "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
        "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y.%m.%d",
        "%Y年%m月%d日 %H:%M", "%Y年%m月%d日",
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.formats = self.FORMATS  # the first is the export's

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, date) and not isinstance(value, datetime):
            value = datetime.combine(value, time())
        elif isinstance(value, str):
            value = value.strip()
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _("Enter a day as YYYY-MM-DD, or a day and a time as YYYY-MM-DD HH:MM.")
            ) from None


class PublishedDayField(fields.Field):
    """The day an article first appeared, as a spreadsheet holds it: to the second (a stored
    time that the cell gives to the second is left as it is, its fraction of a second too,
    so that an exported sheet re-imports unchanged), and an empty cell leaves a stored day
    as it is (a published article's would otherwise become the moment of the import)."""

    def save(self, instance, row, is_m2m=False, **kwargs) -> None:
        value = self.clean(row, **kwargs)
        current = getattr(instance, self.attribute, None)
        if current and (
            value is None or value.replace(microsecond=0) == current.replace(microsecond=0)
        ):
            return
        super().save(instance, row, is_m2m, **kwargs)


class ArticleResource(PublishableResource):
    slug_source = "title_en"
    category = lookup_field("category", category_widget())
    topics = lookup_field("topics", ManyLookupWidget(topic_widget()))
    published_at = PublishedDayField(
        attribute="published_at", column_name="published_at", widget=DayOrTimeWidget()
    )
    related_projects = lookup_field("related_projects", ManyLookupWidget(project_widget()))
    related_countries = lookup_field("related_countries", ManyLookupWidget(CountryWidget()))
    related_awards = lookup_field("related_awards", ManyLookupWidget(award_widget()))
    featured = lookup_field("featured", YesNoWidget(_("featured"), blank=False))
    # Exported, never imported: a new article is the importer's (before_save_instance).
    author = fields.Field(attribute="author__username", column_name="author", readonly=True)
    body_zh_hans = lookup_field("body_zh_hans", RichTextWidget())
    body_en = lookup_field("body_en", RichTextWidget())

    class Meta(SlugResource.Meta):
        model = Article
        fields = [
            "id",
            "slug",
            "title_zh_hans",
            "title_en",
            "summary_zh_hans",
            "summary_en",
            "body_zh_hans",
            "body_en",
            "category",
            "topics",
            "source_zh_hans",
            "source_en",
            "published_at",
            "related_projects",
            "related_countries",
            "related_awards",
            "featured",
            "author",
            "publication_status",
        ]

    def column_notes(self) -> dict:
        return {**super().column_notes(), **ARTICLE_COLUMN_NOTES}

    def blank_slug(self, row: dict) -> str:
        # An earlier Chinese site's news has no English title to make a slug from: the day
        # and a digest of the Chinese title name it instead, the same in every import.
        slug = super().blank_slug(row)
        title = str(row.get("title_zh_hans") or "").strip()
        if slug or not title:
            return slug
        try:
            day = self.fields["published_at"].clean(row)
        except (KeyError, ValueError):
            day = None  # no such column, or a bad day, which the row's validation reports
        day = timezone.localtime(day).strftime("%Y%m%d") if day else ""
        digest = hashlib.sha1(title.encode()).hexdigest()[:8]  # noqa: S324 - a name, not a secret
        return "-".join(part for part in ("news", day, digest) if part)

    def matching_help(self) -> str:
        return _(
            "Categories and topics are matched by name in Chinese or English or by slug; "
            "projects and awards by slug or title in either language; countries by ISO code "
            "or name. Several values in one cell are separated by semicolons."
        )

    def before_save_instance(self, instance, row, **kwargs) -> None:
        # As an article added in the back office is its writer's: a new one is the
        # importer's (import-export gives the admin's user; none from code).
        if instance.pk is None and kwargs.get("user") is not None:
            instance.author = kwargs["user"]
        super().before_save_instance(instance, row, **kwargs)

    def export(self, queryset=None, **kwargs):
        queryset = with_related(self, queryset, "category", "author").prefetch_related(
            "topics", "related_projects", "related_countries", "related_awards"
        )
        return super().export(queryset=queryset, **kwargs)
