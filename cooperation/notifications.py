"""Workflow e-mails: publishers hear of records waiting for them, authors of what became of
their work (as Wagtail's moderation notifications).

A step's mail goes out after the save commits (a save rolled back tells no one), through a
task (``django.tasks``): with the default backend it is sent at once, in the request; a
queue backend in ``TASKS`` sends it outside. A mail that cannot be sent fails its task
(logged), never the save. Each mail is written in the language its recipient chose
(accounts.User.language), or in both languages of the site, Chinese first.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.db import models, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from reversion.errors import RevertError
from reversion.models import Version

from cooperation import workflow
from cooperation.publication import PublicationStatus as Status

# What each step says: the subject and the template of its body.
SUBMITTED = "submitted"  # to publishers
CHANGES_WAITING = "changes_waiting"  # to publishers
PUBLISHED = "published"  # to the author
SENT_BACK = "sent_back"  # to the author
CHANGES_PUBLISHED = "changes_published"  # to the author of the waiting changes
CHANGES_DISCARDED = "changes_discarded"  # to the author of the waiting changes
# How many of a record's latest versions to read to find who submitted it.
SUBMISSION_LOOKBACK = 50
EVENTS = (SUBMITTED, CHANGES_WAITING, PUBLISHED, SENT_BACK, CHANGES_PUBLISHED, CHANGES_DISCARDED)
# The user's setting that turns each kind off (accounts.User): what waits for their review,
# and what became of their own work.
REVIEW_EVENTS = frozenset({SUBMITTED, CHANGES_WAITING})


def wants(user, event: str) -> bool:
    """Whether ``user`` takes ``event``'s mail (their e-mail settings)."""
    return user.review_mail if event in REVIEW_EVENTS else user.outcome_mail


def step_event(before: workflow.State | None, after: workflow.State) -> str | None:
    """Which mail a change of publication state sends, if any: a record going into review
    tells the publishers; a record leaving review, published or back to draft, whoever put
    it there."""
    was = before.status if before else None
    if after.status == Status.IN_REVIEW and was != Status.IN_REVIEW:
        return SUBMITTED
    if was == Status.IN_REVIEW and after.status == Status.PUBLISHED:
        return PUBLISHED
    if was == Status.IN_REVIEW and after.status == Status.DRAFT:
        return SENT_BACK
    return None


def publishers_of(model: type[models.Model]) -> models.QuerySet:
    """The active users who may publish ``model``'s records, superusers included."""
    return get_user_model().objects.with_perm(
        workflow.publish_permission(model),
        is_active=True,
        include_superusers=True,
        backend="django.contrib.auth.backends.ModelBackend",  # the one that knows groups
    )


def submitter_of(record: models.Model) -> models.Model | None:
    """Who put ``record`` in review: the author of the first of its latest versions in
    review (later ones are edits made while it waited)."""
    submitter, found = None, False
    versions = Version.objects.get_for_object(record).select_related("revision__user")
    for version in versions[:SUBMISSION_LOOKBACK]:
        try:
            in_review = version.field_dict.get("publication_status") == Status.IN_REVIEW
        except RevertError:  # a version older than the model's fields: no further back
            break
        if found and not in_review:
            break
        if in_review:
            submitter, found = version.revision.user, True
    return submitter


def notify(
    event: str,
    record: models.Model,
    *,
    actor,
    link: str,
    to: Iterable,
    comment: str = "",
    settings_link: str = "",
) -> None:
    """Mails ``to`` (users) about ``event`` on ``record``, with the actor's ``comment``, once
    the current transaction commits. Users without an address, inactive ones, those who
    turned this kind of mail off and the actor are left out. ``link`` leads to the record,
    ``settings_link`` to the recipient's e-mail settings."""
    assert event in EVENTS, event
    # Each address with the language its user chose ("" for both; both too for an address
    # two users with different languages share).
    languages: dict[str, str] = {}
    for user in to:
        if (
            user is not None
            and user.is_active
            and user.email
            and user.pk != actor.pk
            and wants(user, event)
        ):
            chosen = user.language
            languages[user.email] = chosen if languages.get(user.email, chosen) == chosen else ""
    if not languages:
        return
    send = functools.partial(
        send_workflow_mail.enqueue,
        event=event,
        model=record._meta.label,
        pk=record.pk,
        actor=actor.get_full_name() or actor.get_username(),
        link=link,
        comment=comment,
        settings_link=settings_link,
        addresses=sorted(languages),
        languages={address: chosen for address, chosen in languages.items() if chosen},
    )
    transaction.on_commit(send)


@task
def send_workflow_mail(
    *,
    event: str,
    model: str,
    pk: int,
    actor: str,
    link: str,
    addresses: list[str],
    comment: str = "",
    settings_link: str = "",
    languages: dict[str, str] | None = None,
) -> int:
    """Sends one mail per address (no one sees who else got it), in the language
    ``languages`` gives that address, else in every language of the site, Chinese first;
    returns how many."""
    record = apps.get_model(model)._default_manager.filter(pk=pk).first()
    if record is None:  # deleted since
        return 0
    written: dict[str, tuple[str, str, str]] = {}  # language: the site's name, subject, body
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            context = {
                "event": event,
                "record": str(record),
                "kind": record._meta.verbose_name,
                "actor": actor,
                "link": link,
                "comment": comment,
                "settings_link": settings_link,
            }
            written[language] = (
                gettext("Coopbase"),
                " ".join(
                    render_to_string("cooperation/email/workflow_subject.txt", context).split()
                ),
                render_to_string("cooperation/email/workflow_body.txt", context).strip(),
            )

    def message(address: str) -> EmailMessage:
        chosen = (languages or {}).get(address, "")
        if chosen not in written:  # none chosen, or a language the site no longer has
            chosen = ""
        parts = [written[chosen]] if chosen else list(written.values())
        site = written[chosen or settings.LANGUAGE_CODE][0]
        subject = f"[{site}] " + " · ".join(subject for _site, subject, _body in parts)
        body = "\n\n----\n\n".join(body for _site, _subject, body in parts) + "\n"
        return EmailMessage(subject, body, None, [address])

    return mailers.default.send_messages([message(address) for address in addresses]) or 0
