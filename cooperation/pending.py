"""Changes to a published record wait for a publisher (as in Wagtail, where editing a live
page makes a draft revision and readers keep the live one).

Someone who may not publish a model (an editor) can still edit its published records, but
what they save does not reach readers: it is kept as a django-reversion version, the
record's *pending change*, and the stored record stays as published. Whoever opens the
record next works on the pending change (the form, the preview); a publisher's save
publishes it, and anyone who may change the record may discard it.

The record's own row always holds what readers see. A pending change is put in place only
inside a transaction (:func:`pending_applied`): to show it (and then rolled back) or to save
over it. Its publication state never comes back with it: that stays as the record's is now,
and so do the states of the rows it follows that have their own (a project's achievements).
"""

from __future__ import annotations

import contextvars
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpResponse
from django.utils.translation import gettext as _
from reversion.errors import RevertError
from reversion.models import Revision, Version
from reversion.utils import mute_signals

from config.content_version import nothing_kept
from cooperation import history, workflow
from cooperation.models import PendingChange
from cooperation.publication import PublicationStatus, Publishable


def pending_change(model: type[models.Model], pk) -> PendingChange | None:
    """The changes of record ``pk`` of ``model`` waiting for a publisher, if any."""
    if pk is None:
        return None
    return (
        PendingChange.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
        )
        .select_related("revision__user")
        .first()
    )


def pending_ids(model: type[models.Model]) -> list[str]:
    """The ids of ``model``'s records that have changes waiting for a publisher."""
    return list(
        PendingChange.objects.filter(
            content_type=ContentType.objects.get_for_model(model)
        ).values_list("object_id", flat=True)
    )


def waiting_counts() -> dict[type[models.Model], int]:
    """How many records of each model have changes waiting for a publisher (one query)."""
    counts = (
        PendingChange.objects.values_list("content_type")
        .annotate(records=models.Count("pk"))
        .order_by()
    )
    return {
        ContentType.objects.get_for_id(content_type).model_class(): records
        for content_type, records in counts
    }


def changes_wait_for_review(record: models.Model, user) -> bool:
    """Whether what ``user`` saves of ``record`` waits for a publisher instead of going
    public: the record is published (or scheduled), and the user may not publish."""
    return record.publication_status == PublicationStatus.PUBLISHED and not (
        workflow.can_publish(user, type(record))
    )


def record_version(revision: Revision, record: models.Model) -> Version | None:
    """The version of ``record`` itself among those a revision keeps (it keeps its followed
    rows too: a project's partners, fields and achievements)."""
    return revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=str(record.pk)
    ).first()


@contextmanager
def pending_applied(
    record: models.Model, pending: PendingChange | None, *, quietly: bool
) -> Iterator[None]:
    """Within a transaction, puts ``pending`` (if any) in place of ``record``'s stored
    content, with its related rows, keeping the current publication state of the record and
    of those rows that have one (``PublicationStates``).
    ``quietly`` mutes the model signals (nothing derived from the content is touched), for
    a view that is rolled back. RevertError, with nothing changed, if the change no longer
    fits: a row it links to was deleted, or a unique value it sets was taken since."""
    if pending is None:
        yield
        return
    live = PublicationStates.of(pending.revision)
    muted = (pre_save, post_save, pre_delete, post_delete, m2m_changed) if quietly else ()
    with transaction.atomic(), mute_signals(*muted):
        try:
            pending.revision.revert(delete=True)
        except RevertError as error:
            # reversion says "missing dependency" for any row it could not save; a unique
            # value taken since is the one cause an editor can see and mend.
            raise RevertError(_taken_value(pending.revision) or error) from error
        # A change waits in the state it was saved in; the record may have been
        # unpublished or rescheduled since, and a project's achievement archived in its
        # own list: that is what their state is now.
        live.put_back()
        yield


@dataclass(frozen=True)
class PublicationStates:
    """The publication state, as it is now, of each publishable row a revision keeps: the
    record, and the rows it follows that have a state of their own (a project's
    achievements). Reverting the revision writes back the states it was saved with; the
    rows' own workflow has moved them since."""

    # (model, [(pk, publication_status, published_at), …]) of the rows that exist now.
    rows: list[tuple[type[models.Model], list[tuple]]]

    @classmethod
    def of(cls, revision: Revision) -> PublicationStates:
        ids: dict[type[models.Model], list[str]] = defaultdict(list)
        for content_type, object_id in revision.version_set.values_list(
            "content_type", "object_id"
        ):
            model = ContentType.objects.get_for_id(content_type).model_class()
            if model is not None and issubclass(model, Publishable):
                ids[model].append(object_id)
        return cls(
            [
                (
                    model,
                    list(
                        model._default_manager.filter(pk__in=pks).values_list(
                            "pk", "publication_status", "published_at"
                        )
                    ),
                )
                for model, pks in ids.items()
            ]
        )

    def put_back(self) -> None:
        """Gives the rows their states again (after a revert); a row the revert brought
        back, new or deleted since, keeps the state its version holds. One update per
        state."""
        for model, rows in self.rows:
            by_state: dict[tuple, list] = defaultdict(list)
            for pk, status, published_at in rows:
                by_state[status, published_at].append(pk)
            for (status, published_at), pks in by_state.items():
                model._default_manager.filter(pk__in=pks).update(
                    publication_status=status, published_at=published_at
                )


def _taken_value(revision: Revision) -> str | None:
    """Which unique value the revision sets is now another row's, said for staff."""
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        values = version.field_dict
        for field in model._meta.concrete_fields:
            value = values.get(field.attname)
            if not field.unique or field.primary_key or value in (None, ""):
                continue
            others = model._default_manager.filter(**{field.attname: value})
            if others.exclude(pk=version.object_id).exists():
                return _("its %(field)s “%(value)s” is now another record’s") % {
                    "field": field.verbose_name,
                    "value": value,
                }
    return None


class RolledBack(Exception):
    """Leaves a transaction, undoing it, with the response already made inside it."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__()
        self.response = response


def shown_with(
    record: models.Model, pending: PendingChange, respond: Callable[[], HttpResponse]
) -> HttpResponse:
    """``respond()`` (a view that only shows) over ``record`` with its pending change in
    place, rendered there and then rolled back. RevertError if the change no longer fits
    (:func:`pending_applied`)."""
    try:
        with (
            transaction.atomic(),
            pending_applied(record, pending, quietly=True),
            nothing_kept(),
        ):
            response = respond()
            if hasattr(response, "render"):
                response.render()
            raise RolledBack(response)
    except RolledBack as rolled:
        return rolled.response


# Columns a version does not give back exactly (the serializer keeps milliseconds).
EXACT_COLUMNS = ("publication_status", "published_at", "updated_at")


@dataclass(frozen=True)
class LiveVersion:
    """A record as readers saw it before a save that waits for review."""

    revision: Revision
    columns: dict


def keep_live_version(record: models.Model, user) -> LiveVersion:
    """A version of the record as readers see it now, with its followed rows, saved at once
    (whichever revision the caller is in)."""

    comment = history.version_comment(note="kept_live")

    def keep() -> Revision:
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(comment)
            reversion.add_to_revision(record)
        return Version.objects.get_for_object(record).select_related("revision")[0].revision

    columns = type(record)._default_manager.filter(pk=record.pk).values(*EXACT_COLUMNS)[0]
    return LiveVersion(contextvars.Context().run(keep), columns)


def hold(record: models.Model, *, live: LiveVersion) -> PendingChange | None:
    """After a save of ``record`` that waits for review: its newest version becomes the
    record's pending change, and the record goes back to ``live`` (as readers saw it).
    A save that leaves the record as published leaves nothing waiting (None)."""
    saved = Version.objects.get_for_object(record).select_related("revision")[0].revision
    live.revision.revert(delete=True)
    type(record)._default_manager.filter(pk=record.pk).update(**live.columns)
    content_type = ContentType.objects.get_for_model(type(record))
    previous = PendingChange.objects.filter(
        content_type=content_type, object_id=str(record.pk)
    ).first()
    if content_of(saved) == content_of(live.revision):
        stale = [live.revision.pk, previous.live_revision_id if previous else None]
        forget(type(record), [record.pk])
        Revision.objects.filter(pk__in=stale).delete()
        return None
    pending, _created = PendingChange.objects.update_or_create(
        content_type=content_type,
        object_id=str(record.pk),
        defaults={"revision": saved, "live_revision": live.revision},
    )
    if previous is not None and previous.live_revision_id != live.revision.pk:
        # The published version kept at the previous save: the one kept now replaces it.
        Revision.objects.filter(pk=previous.live_revision_id).delete()
    return pending


def content_of(revision: Revision) -> set[tuple]:
    """What a revision keeps, rows and values, leaving out the time of the save and the
    untranslated columns modeltranslation keeps beside each language's (they hold whichever
    language was active: the language columns say it all); a blank is a blank."""
    rows = set()
    for version in revision.version_set.all():
        for row in json.loads(version.serialized_data):
            fields = {
                name: _comparable(value)
                for name, value in row["fields"].items()
                if name != "updated_at" and f"{name}_en" not in row["fields"]
            }
            rows.add(
                (version.content_type_id, version.object_id, json.dumps(fields, sort_keys=True))
            )
    return rows


def _comparable(value):
    if isinstance(value, list):  # many-to-many: the ids, in any order
        return sorted(value, key=str)
    return "" if value is None else value  # a form saves a blank text as "", not null


def published_now(record: models.Model) -> bool:
    """Whether ``record``'s stored row is published (or scheduled) now: only into such a
    record do its waiting changes go public when saved (it may have been unpublished since
    they were kept)."""
    return (
        type(record)
        ._default_manager.filter(pk=record.pk, publication_status=PublicationStatus.PUBLISHED)
        .exists()
    )


def publish(record: models.Model, user) -> PendingChange | None:
    """Publishes ``record``'s pending change as ``user``, who may publish: it becomes the
    record's content, kept as a version with who and when, and nothing waits any more.
    Returns what was published (None if nothing was waiting). With nothing changed:
    ValidationError if the record is no longer published (unpublished since, its next save
    takes the change in), RevertError if the change no longer fits (:func:`pending_applied`).
    """
    model = type(record)
    if not workflow.can_publish(user, model):
        raise PermissionDenied(_("Only publishers may publish the changes waiting for review."))
    comment = history.version_comment(note="published_waiting")
    with transaction.atomic():
        pending = (
            PendingChange.objects.select_for_update(of=("self",))
            .filter(content_type=ContentType.objects.get_for_model(model), object_id=str(record.pk))
            .select_related("revision__user")
            .first()
        )
        if pending is None:
            return None
        if not published_now(record):
            raise ValidationError(
                _("it is not published now: its next save takes the waiting changes in"),
                code="not_published",
            )
        with pending_applied(record, pending, quietly=False):
            current = model._default_manager.get(pk=record.pk)
            with reversion.create_revision():
                current.save()
                reversion.set_user(user)
                reversion.set_comment(comment)
        forget(model, [record.pk])
    return pending


def forget(model: type[models.Model], pks) -> None:
    """Drops the pending changes of these records (published, discarded or deleted)."""
    PendingChange.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).delete()
