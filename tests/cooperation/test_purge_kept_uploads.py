"""``manage.py purge_kept_uploads`` deletes the kept uploads older than KEPT_UPLOAD_MAX_AGE
(forms abandoned after an error), which were otherwise deleted only when another upload was
kept, and says how many."""

from __future__ import annotations

import io
import os
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from cooperation import kept_uploads


def kept_files() -> set[str]:
    try:
        return set(default_storage.listdir(kept_uploads.PREFIX)[1])
    except FileNotFoundError:
        return set()


def keep_aged(ages: dict[str, timedelta]) -> dict[str, str]:
    """Kept uploads last written the given time ago, by label: their names in the kept
    uploads' folder. Aged once all are kept (keeping one purges the old ones)."""
    names = {}
    for label in ages:
        before = kept_files()
        kept_uploads.keep_upload(ContentFile(label.encode(), name="cover.png"), owner="1:a")
        (names[label],) = kept_files() - before
    for label, age in ages.items():
        moment = (timezone.now() - age).timestamp()
        os.utime(default_storage.path(kept_uploads.PREFIX + names[label]), (moment, moment))
    return names


def purge() -> str:
    out = io.StringIO()
    call_command("purge_kept_uploads", stdout=out)
    return out.getvalue().strip()


def test_the_command_deletes_the_kept_uploads_older_than_the_keep_time(settings):
    settings.KEPT_UPLOAD_MAX_AGE = 600
    kept = keep_aged(
        {"old": timedelta(minutes=11), "older": timedelta(days=2), "recent": timedelta(minutes=9)}
    )

    assert purge() == "Deleted 2 kept uploads older than 600 seconds (KEPT_UPLOAD_MAX_AGE)."
    assert kept_files() == {kept["recent"]}

    # Nothing more to delete; nor when no upload was ever kept.
    assert purge() == "Deleted 0 kept uploads older than 600 seconds (KEPT_UPLOAD_MAX_AGE)."
    default_storage.delete(kept_uploads.PREFIX + kept["recent"])
    os.rmdir(default_storage.path(kept_uploads.PREFIX))
    assert purge() == "Deleted 0 kept uploads older than 600 seconds (KEPT_UPLOAD_MAX_AGE)."


def test_one_deletion_is_said_in_the_singular(settings):
    settings.KEPT_UPLOAD_MAX_AGE = 600
    keep_aged({"old": timedelta(hours=1)})
    assert purge() == "Deleted 1 kept upload older than 600 seconds (KEPT_UPLOAD_MAX_AGE)."
    assert kept_files() == set()
