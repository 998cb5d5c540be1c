"""Putting right what the back office's "needs attention" lists find.

A project's status is kept by hand, and the day a project ends nothing marks it completed:
:func:`set_status_from_dates` gives selected projects the status their dates call for
(``cooperation.models.STATUS_THE_DATES_CALL_FOR``), as a publisher would one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext

from config.content_version import changes_batched
from cooperation import history
from cooperation import pending as pending_changes
from cooperation.models import (
    STATUS_THE_DATES_CALL_FOR,
    CooperationProject,
    projects_failing,
)

# At most this many projects a run (each keeps a version: 25 ms at 100,000 projects), so
# that a run fits in a request; the rest wait for the next run.
MOST_AT_ONCE = 100


@dataclass
class StatusFix:
    changed: int = 0
    # Projects whose status the dates do not decide: left as they are.
    unchanged: int = 0
    # Projects left because of changes waiting for review (their titles).
    refused: list[str] = field(default_factory=list)
    # Projects due a status that this run left for the next (beyond MOST_AT_ONCE).
    remaining: int = 0


def set_status_from_dates(projects: QuerySet[CooperationProject], user, today: date) -> StatusFix:
    """Gives each of ``projects`` whose dates call for another status that status (an ended
    project completed, a started one active), keeping a version with who and when; at most
    ``MOST_AT_ONCE`` of them, the rest counted as ``remaining``.

    A project with changes waiting for review is left: publishing them later would bring
    its old status back. Raises PermissionDenied unless ``user`` may change projects.
    """
    if not (user and user.is_active and user.has_perm("cooperation.change_cooperationproject")):
        raise PermissionDenied(gettext("You may not change this record."))
    selected = projects.values("pk")
    due = [
        (pk, check, status)
        for check, status in STATUS_THE_DATES_CALL_FOR.items()
        for pk in CooperationProject.objects.filter(
            projects_failing(check, today), pk__in=selected
        ).values_list("pk", flat=True)
    ]
    due.sort()
    fix = StatusFix(remaining=max(0, len(due) - MOST_AT_ONCE))
    fix.unchanged = projects.count() - len(due)
    waiting = set(pending_changes.pending_ids(CooperationProject))
    with changes_batched():
        for pk, check, status in due[:MOST_AT_ONCE]:
            with transaction.atomic(), reversion.create_revision():
                # Read under a lock, and only if still contradicted: someone may have
                # changed it since.
                project = (
                    CooperationProject.objects.select_for_update()
                    .filter(projects_failing(check, today), pk=pk)
                    .first()
                )
                if project is None:
                    fix.unchanged += 1
                    continue
                if str(pk) in waiting:
                    fix.refused.append(str(project))
                    continue
                project.status = status
                project.save()
                reversion.set_user(user)
                reversion.set_comment(history.version_comment(note="status_from_dates"))
            fix.changed += 1
    return fix
