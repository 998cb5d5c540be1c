"""The one publication rule, shared by projects, awards and articles.

A record is public when its status is *published* and its ``published_at`` has come.
Scheduled publishing therefore needs no background job: a record published for a future
time simply becomes public when that time arrives.
"""

from __future__ import annotations

import datetime
import math
import time
from collections.abc import Callable, Collection, Iterable

from django.apps import apps as django_apps
from django.core.cache import cache
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.content_version import (
    DERIVED_TIMEOUT,
    cached_under_content_version,
    content_changed_at,
)
from config.pagination import Keep
from cooperation.validators import validate_record_date


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


def public_now(related: str = "") -> models.Q:
    """The publication rule as a condition: on the record itself, or on the record it is
    linked to through ``related`` ("project__")."""
    return models.Q(
        **{
            f"{related}publication_status": PublicationStatus.PUBLISHED,
            f"{related}published_at__lte": timezone.now(),
        }
    )


def moment_text(moment: datetime.datetime) -> str:
    """A moment as the back office and the dashboard's files show it, in local time:
    "2027-01-15 09:00", the same in both languages. (Django's localized English ends "a.m.",
    and a sentence's full stop after it read "a.m..".)"""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


class PublishableQuerySet(models.QuerySet):
    def public(self) -> PublishableQuerySet:
        """Records a reader may see now. Every public query starts here."""
        return self.filter(public_now())

    def latest_publication(self) -> datetime.datetime | None:
        """When the most recent public record became public (None without any): it moves
        when a scheduled record comes due, which changes no row."""
        return self.public().aggregate(latest=models.Max("published_at"))["latest"]

    def scheduled(self) -> PublishableQuerySet:
        return self.filter(
            publication_status=PublicationStatus.PUBLISHED, published_at__gt=timezone.now()
        )


class Publishable(models.Model):
    publication_status = models.CharField(
        _("publication status"),
        max_length=16,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("When the record becomes public. A future time schedules it."),
        validators=[validate_record_date],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return (
            self.publication_status == PublicationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        """Published, for a time still to come (``PublishableQuerySet.scheduled`` of one)."""
        return (
            self.publication_status == PublicationStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def last_changed(self) -> datetime.datetime:
        """When readers last saw the record change: its last save, or its publication when
        later (a scheduled record coming due changes no row), as its sitemap entry dates
        it."""
        if self.published_at is not None and self.published_at > self.updated_at:
            return self.published_at
        return self.updated_at

    def clean(self) -> None:
        super().clean()
        # A published record without a date would never become public: give it "now".
        if self.publication_status == PublicationStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()


def current_until(version: int | str, apps: Collection[str] | None = None) -> float | None:
    """Until when what was derived from the public records under this content version (a
    page, figures, counts) stays current if no record changes: the moment the next
    scheduled record becomes public, which changes no row (a Unix time; None when nothing is
    scheduled); with ``apps``, the next scheduled record of those apps (the version is then
    theirs). One query, kept beside the version until that moment passes. (Scheduling a
    record is a change: it gives its app a new version, and a new answer.)"""
    key = f"content:current-until:{version}"
    until = cache.get(key)
    if until is None or 0 < until <= time.time():
        due = next_scheduled_publication(apps)
        until = due.timestamp() if due else 0.0
        cache.set(key, until, DERIVED_TIMEOUT)
    return until or None


def public_records_changed_at(
    latest_publications: Iterable[datetime.datetime | None],
) -> datetime.datetime:
    """When what readers may see last changed: the last change to any record, or the latest
    moment a scheduled record became public (each kind's ``latest_publication()``), whichever
    is later; rounded up to whole seconds, as HTTP dates are, so that a change never looks
    older than a client's copy. The open data's Last-Modified and the open data page's date."""
    moments = [content_changed_at().timestamp()]
    moments += [latest.timestamp() for latest in latest_publications if latest is not None]
    return datetime.datetime.fromtimestamp(math.ceil(max(moments)), tz=datetime.UTC)


def cached_while_published[T](
    name: str, compute: Callable[[], T], apps: Collection[str] | None = None
) -> T:
    """``cached_under_content_version`` for a value derived from public records (counts,
    facets, figures), which also stops counting when a scheduled record comes due. With
    ``apps`` (app labels), the value reads only those apps' records: it stays kept through
    changes to the others, and through the others' scheduled records coming due."""
    return cached_under_content_version(
        name, compute, lambda version: current_until(version, apps), apps
    )


def kept_while_published(key: str, apps: Collection[str], order: str = "") -> Keep:
    """``keep(name, compute)`` for config.pagination.RowsByKeys: a list's count and its deep
    pages' anchors, kept under ``{name}:{key}`` (``key`` names the list: its kind and
    selection) while the public records of ``apps`` are unchanged. The anchors are the keys
    of rows in the list's order, so they are kept per ``order`` too (its sort, and the
    language of an order by title: ``cooperation.filters.order_key``); the count, and any
    other value, is the selection's in every order: re-sorting a list counts nothing again."""

    def keep[T](name: str, compute: Callable[[], T]) -> T:
        kept = f"{name}:{key}:{order}" if name == "anchors" and order else f"{name}:{key}"
        return cached_while_published(kept, compute, apps=apps)

    return keep


def next_scheduled_publication(apps: Collection[str] | None = None) -> datetime.datetime | None:
    """The soonest moment at which a scheduled record, of any publishable kind (of these
    apps, if given), becomes public (None when nothing is scheduled): one statement over
    every kind's table, each part an indexed MIN."""
    # As the database stores it (SQLite: naive UTC text).
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    parts, params = [], []
    for model in django_apps.get_models():
        if issubclass(model, Publishable) and (apps is None or model._meta.app_label in apps):
            parts.append(
                f"SELECT MIN(published_at) AS due FROM {model._meta.db_table} "  # noqa: S608
                "WHERE publication_status = %s AND published_at > %s"
            )
            params += [PublicationStatus.PUBLISHED.value, now]
    if not parts:
        return None
    # Table names come from the models; the values are parameters.
    sql = f"SELECT MIN(due) FROM ({' UNION ALL '.join(parts)}) AS scheduled"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        due = cursor.fetchone()[0]
    # SQLite hands back text; PostgreSQL a datetime.
    if isinstance(due, str):
        due = datetime.datetime.fromisoformat(due)
    if due is not None and timezone.is_naive(due):
        due = timezone.make_aware(due, datetime.UTC)
    return due
