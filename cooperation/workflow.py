"""The editorial workflow of publishable records (projects, awards, articles): one rule.

States go draft → in review → published → archived, and back: a reviewer asks for changes
(in review → draft), a publisher unpublishes (published → draft) or takes a record out of the
archive (archived → draft). Editors move records between draft and in review; everything that
makes a record public, or stops it being public, needs the model's ``publish_*`` permission.

Every path that changes a record's publication state goes through :func:`check_change`: the
admin form (publishers may also edit the fields directly), the buttons on the change form and
the bulk actions (:func:`transition`). A forged form therefore publishes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation import history
from cooperation.publication import PublicationStatus

Status = PublicationStatus


@dataclass(frozen=True)
class State:
    """A record's publication state: its status and when it becomes public."""

    status: str
    published_at: datetime | None = None

    @classmethod
    def of(cls, record: models.Model) -> State:
        return cls(record.publication_status, record.published_at)


NEW_RECORD = State(Status.DRAFT, None)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    needs_publish: bool


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "submit", _("Submit for review"), frozenset({Status.DRAFT}), Status.IN_REVIEW, False
        ),
        Transition(
            "request_changes",
            _("Back to draft (request changes)"),
            frozenset({Status.IN_REVIEW}),
            Status.DRAFT,
            False,
        ),
        Transition(
            "publish",
            _("Publish"),
            frozenset({Status.DRAFT, Status.IN_REVIEW}),
            Status.PUBLISHED,
            True,
        ),
        Transition("unpublish", _("Unpublish"), frozenset({Status.PUBLISHED}), Status.DRAFT, True),
        Transition("archive", _("Archive"), frozenset({Status.PUBLISHED}), Status.ARCHIVED, True),
        Transition(
            "unarchive",
            _("Back to draft from the archive"),
            frozenset({Status.ARCHIVED}),
            Status.DRAFT,
            True,
        ),
    ]
}

# Status changes the workflow allows, whatever the path (buttons or the status field).
ALLOWED_CHANGES: frozenset[tuple[str, str]] = frozenset(
    (source, t.target) for t in TRANSITIONS.values() for source in t.sources
)
# The only changes an editor may make: moving a record between draft and review.
EDITOR_CHANGES: frozenset[tuple[str, str]] = frozenset(
    (source, t.target) for t in TRANSITIONS.values() if not t.needs_publish for source in t.sources
)


def publish_permission(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model: type[models.Model]) -> bool:
    """Whether ``user`` may publish, unpublish, schedule and archive records of ``model``."""
    return bool(user and user.is_active and user.has_perm(publish_permission(model)))


def allowed_transitions(state: State | None, user, model: type[models.Model]) -> list[Transition]:
    """The workflow buttons to offer ``user`` for a record in ``state`` (None: a new one)."""
    status = (state or NEW_RECORD).status
    publisher = can_publish(user, model)
    return [
        t
        for t in TRANSITIONS.values()
        if status in t.sources and (publisher or not t.needs_publish)
    ]


def _label(status: str) -> str:
    return str(Status(status).label)


def check_change(*, model: type[models.Model], before: State | None, after: State, user) -> None:
    """Refuses (ValidationError) a change of publication state the workflow does not allow.

    ``before`` is the state stored now (None for a record not yet saved), ``after`` the state
    about to be saved.
    """
    if before == after:
        return
    publisher = can_publish(user, model)
    if before is None:
        if after.status in (Status.DRAFT, Status.IN_REVIEW) and after.published_at is None:
            return
        if not publisher:
            raise ValidationError(
                _("Only publishers may publish or schedule a record."), code="not_publisher"
            )
        return
    if before.status != after.status and (before.status, after.status) not in ALLOWED_CHANGES:
        raise ValidationError(
            _("A record cannot go from “%(source)s” to “%(target)s”."),
            code="not_allowed",
            params={"source": _label(before.status), "target": _label(after.status)},
        )
    editor_change = (
        before.status,
        after.status,
    ) in EDITOR_CHANGES and before.published_at == after.published_at
    if not publisher and not editor_change:
        raise ValidationError(
            _("Only publishers may publish, schedule, unpublish or archive a record."),
            code="not_publisher",
        )


def apply_transition(state: State, name: str, *, published_at: datetime | None = None) -> State:
    """The state ``name`` leads to from ``state``; ValidationError if it does not start there.

    Publishing keeps a date given, or the date the record carries (a future one schedules
    it; a past one is the day it first appeared: a draft carries one only when a publisher
    or an import gave it, as for news brought from an earlier site); otherwise it publishes
    now. Leaving the published state for a draft keeps the day a record first appeared, so
    that publishing it again after a correction keeps its place among the news and in the
    feeds (it jumped to the top, dated today), and forgets a date still to come, so that
    publishing a record whose schedule was withdrawn means now.
    """
    try:
        t = TRANSITIONS[name]
    except KeyError:
        raise ValidationError(_("Unknown workflow action."), code="unknown") from None
    if state.status not in t.sources:
        raise ValidationError(
            _("“%(action)s” is not possible for a record that is “%(status)s”."),
            code="not_allowed",
            params={"action": t.label, "status": _label(state.status)},
        )
    if t.target == Status.PUBLISHED:
        return State(Status.PUBLISHED, published_at or state.published_at or timezone.now())
    if t.target == Status.ARCHIVED:
        return State(Status.ARCHIVED, state.published_at)
    if t.target == Status.DRAFT and state.status != Status.IN_REVIEW:
        appeared = state.published_at is not None and state.published_at <= timezone.now()
        return State(Status.DRAFT, state.published_at if appeared else None)
    return State(t.target, state.published_at)


def transition(
    *, record: models.Model, name: str, user, published_at: datetime | None = None
) -> models.Model:
    """Moves one stored record through the workflow and keeps a version with who and when.

    Raises PermissionDenied when ``user`` may not take this step, ValidationError when the
    step does not start from the record's state.
    """
    model = type(record)
    opts = model._meta
    if not (
        user and user.is_active and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    ):
        raise PermissionDenied(_("You may not change this record."))
    with transaction.atomic():
        record = model._default_manager.select_for_update().get(pk=record.pk)
        before = State.of(record)
        after = apply_transition(before, name, published_at=published_at)
        try:
            check_change(model=model, before=before, after=after, user=user)
        except ValidationError as error:
            raise PermissionDenied(error.messages[0]) from error
        record.publication_status, record.published_at = after.status, after.published_at
        with reversion.create_revision():
            record.save()
            reversion.set_user(user)
            reversion.set_comment(history.version_comment(action=name))
    return record
