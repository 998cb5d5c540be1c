"""Former addresses: a record whose slug (or a country whose code) changed stays reachable
at the old one.

When a record's slug changes, by any save (the admin, a publisher publishing a change that
waited for review, a revert from the history), the slug it had is kept as a
:class:`~cooperation.models.FormerSlug`. A detail page that finds no record at a slug asks
:func:`redirect_to_moved` whether one of its records was there before, and redirects to it
for good (301). Only pages of public records do so: the lookup goes through the page's own
queryset, so the publication rule applies as it does to the live slug.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.utils import timezone

from cooperation.models import FormerSlug


def keep_former_slugs(*record_models: type[models.Model]) -> None:
    """From now on, each save of these models that changes a record's ``slug`` keeps the
    old one, and deleting a record forgets its former slugs (cooperation's ``ready()``
    names every :class:`~cooperation.models.KeepsFormerSlugs` model)."""
    for model in record_models:
        uid = f"former-slugs-{model._meta.label_lower}"
        pre_save.connect(_remember_former_slug, sender=model, dispatch_uid=uid)
        post_save.connect(_note_stored_slug, sender=model, dispatch_uid=uid)
        post_delete.connect(_forget_former_slugs, sender=model, dispatch_uid=uid)


def _remember_former_slug(sender: type[models.Model], instance, using: str, **kwargs) -> None:
    if instance.pk is None:
        return
    # As loaded (KeepsFormerSlugs.from_db); read for a record made otherwise, as a revert
    # from the history makes it, or loaded without its slug.
    stored = instance.__dict__.get("_stored_slug") or (
        sender._base_manager.using(using)
        .filter(pk=instance.pk)
        .values_list(sender.address_field, flat=True)
        .first()
    )
    if not stored or str(stored) == instance.address_key:
        return
    # An upsert without model signals: the address now leads to this record, whichever had
    # it before; no content version changes for it (the record's own save bumps its app's).
    FormerSlug.objects.using(using).bulk_create(
        [
            FormerSlug(
                content_type=ContentType.objects.db_manager(using).get_for_model(sender),
                object_id=instance.pk,
                slug=str(stored),
                replaced_at=timezone.now(),
            )
        ],
        update_conflicts=True,
        unique_fields=["content_type", "slug"],
        update_fields=["object_id", "replaced_at"],
    )


def _note_stored_slug(sender: type[models.Model], instance, **kwargs) -> None:
    # Once written: the next save of this same object compares with what it wrote.
    instance._stored_slug = instance.address_key


def _forget_former_slugs(sender: type[models.Model], instance, using: str, **kwargs) -> None:
    former_slugs(instance).using(using).delete()


def former_slugs(record: models.Model) -> models.QuerySet[FormerSlug]:
    """The slugs ``record`` had, the most recently replaced first; not the one it has again,
    if it went back to one."""
    return (
        FormerSlug.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
        .exclude(slug=record.address_key)
        .order_by("-replaced_at", "-id")
    )


def moved_record(queryset: models.QuerySet, slug: str) -> models.Model | None:
    """The record of ``queryset`` that had ``slug`` before, if any, with only its slug
    loaded, for its address (one query: a page's related rows are not read for a redirect)."""
    moved_from = FormerSlug.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model), slug=slug
    ).values("object_id")
    return (
        queryset.select_related(None)
        .prefetch_related(None)
        .filter(pk__in=moved_from)
        .only(queryset.model.address_field)
        .first()
    )


def redirect_to_moved(
    request: HttpRequest,
    queryset: models.QuerySet,
    slug: str | None,
    address: Callable[[models.Model], str] = lambda record: record.get_absolute_url(),
) -> HttpResponsePermanentRedirect | None:
    """For a slug no record of ``queryset`` has: a permanent redirect to the record that had
    it before, at ``address(record)`` (its page, by default), with the request's query
    string; None if none had it. The one answer of every page, feed and API record."""
    record = moved_record(queryset, slug) if slug else None
    if record is None:
        return None
    return redirect_keeping_query(request, address(record))


def redirect_keeping_query(request: HttpRequest, location: str) -> HttpResponsePermanentRedirect:
    """A permanent redirect to ``location`` with the request's query string: a page's or a
    record's one address, for an address it had or was also reached at."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{location}?{query}" if query else location)
