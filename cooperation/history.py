"""What a version of a record says it was, kept as data and worded when the history is read.

django-reversion kept each version's comment as text worded in the language of whoever
saved (its admin words Django's change message at once), with the fields named by their
labels in the site's default language: a Chinese history read "Changed Title [en], Cover
image", an English one named Chinese labels. Here a version keeps what happened as a list
in the shape of Django's admin change messages (``LogEntry.change_message``), with the
fields named by their model names and the rows by their model, and our own parts (the
workflow step, a fixed note, the user's comment); ``comment_text`` words it in the reader's
language. Versions kept before this, as text, are shown as they were kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Fixed notes a version may carry, worded when read.
NOTES = {
    "deleted": _("Deleted"),
    "imported": _("Imported from a spreadsheet"),
    "kept_live": _("Published version, kept while changes wait for review"),
    "published_waiting": _("Published the changes waiting for review"),
    "status_from_dates": _("Status set from its dates"),
}


def changes_of(form, formsets: Iterable = (), *, leave_out: Iterable[str] = ()) -> list[dict]:
    """What an admin form and its inline formsets changed, as a version keeps it: the
    record's changed fields by name, each inline row added, changed (fields by name) or
    deleted by its model and its text as then."""
    left_out = set(leave_out)
    parts: list[dict] = []
    changed = [name for name in form.changed_data if name not in left_out]
    if changed:
        parts.append({"fields": changed})
    for formset in formsets:
        for row in formset.new_objects:
            parts.append({"row": row._meta.label, "added": str(row)})
        for row, fields in formset.changed_objects:
            parts.append({"row": row._meta.label, "changed": str(row), "fields": list(fields)})
        for row in formset.deleted_objects:
            parts.append({"row": row._meta.label, "deleted": str(row)})
    return parts


def version_comment(
    parts: Iterable[dict] = (),
    *,
    action: str = "",
    note: str = "",
    comment: str = "",
    restored: datetime | None = None,
    recovered: datetime | None = None,
) -> str:
    """A version's comment: the changes (``changes_of``), the workflow step taken, a note of
    ``NOTES``, the user's comment; for a restore or a recovery, when the version brought
    back was saved (django-reversion worded its own "Reverted to previous version, saved on
    …" in the saver's language)."""
    kept = list(parts)
    if restored is not None:
        kept.insert(0, {"restored": restored.isoformat()})
    if recovered is not None:
        kept.insert(0, {"recovered": recovered.isoformat()})
    if note:
        kept.append({"note": note})
    if action:
        kept.append({"workflow": action})
    if comment:
        kept.append({"comment": comment})
    return json.dumps(kept, ensure_ascii=False)


def comment_text(stored: str, model: type[models.Model]) -> str:
    """A version's comment, worded in the active language (a comment kept as text, as it was)."""
    try:
        parts = json.loads(stored) if stored.startswith("[") else None
    except ValueError:
        parts = None
    if not isinstance(parts, list):
        return stored
    changes: list[dict] = []  # in the shape LogEntry words
    words: list[str] = []
    lead: str | None = None  # a restore's or a recovery's, first
    for part in parts:
        if not isinstance(part, dict):
            return stored
        if "row" in part:
            changes.append(_row_change(part))
        elif "fields" in part:
            changes.append(
                {"changed": {"fields": [_label(model, name) for name in part["fields"]]}}
            )
        elif {"added", "changed", "deleted"} & part.keys():
            changes.append(part)  # Django's own shape, as reversion kept it
        elif "note" in part:
            words.append(str(NOTES.get(part["note"], part["note"])))
        elif "workflow" in part:
            # Here, not at the top: the workflow keeps its versions' comments through this module.
            from cooperation.workflow import TRANSITIONS

            transition = TRANSITIONS.get(part["workflow"])
            words.append(str(transition.label) if transition else part["workflow"])
        elif "comment" in part:
            words.append(f"“{part['comment']}”")
        elif "restored" in part or "recovered" in part:
            lead = _brought_back(part)
            if lead is None:
                return stored
    if changes or not (words or lead):
        words.insert(0, LogEntry(change_message=json.dumps(changes)).get_change_message())
    return " ".join(([lead] if lead else []) + words)


def _brought_back(part: dict) -> str | None:
    """A restore's or a recovery's part, with when the version brought back was saved, as
    the history page shows times (the site's time zone, the reader's format)."""
    restored = "restored" in part
    try:
        saved = datetime.fromisoformat(part["restored" if restored else "recovered"])
    except (TypeError, ValueError):
        return None
    when = localize(template_localtime(saved))
    if restored:
        return gettext("Restored the version saved on %(datetime)s.") % {"datetime": when}
    return gettext("Recovered the deleted record as saved on %(datetime)s.") % {"datetime": when}


def _row_change(part: dict) -> dict:
    try:
        row_model = apps.get_model(part["row"])
    except (LookupError, ValueError):
        row_model = None
    name = str(row_model._meta.verbose_name) if row_model else part["row"]
    if "added" in part:
        return {"added": {"name": name, "object": part["added"]}}
    if "deleted" in part:
        return {"deleted": {"name": name, "object": part["deleted"]}}
    fields = [_label(row_model, field) for field in part.get("fields", [])]
    return {"changed": {"name": name, "object": part["changed"], "fields": fields}}


def _label(model: type[models.Model] | None, name: str) -> str:
    """A field's label as its form shows it, in the active language (its name if gone)."""
    if model is None:
        return name
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name
