"""Delete the uploads kept across a failed form (cooperation.kept_uploads) that are older than
KEPT_UPLOAD_MAX_AGE: abandoned forms' files, which otherwise wait for the next upload kept.
Safe to run at any time, from a scheduler (cron, a systemd timer) as often as wanted."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cooperation.kept_uploads import max_age, purge_kept_uploads


class Command(BaseCommand):
    help = "Delete kept uploads older than KEPT_UPLOAD_MAX_AGE (forms abandoned after an error)."

    def handle(self, *args, **options) -> None:
        purged = purge_kept_uploads()
        uploads = "kept upload" if purged == 1 else "kept uploads"
        self.stdout.write(
            f"Deleted {purged} {uploads} older than {max_age()} seconds (KEPT_UPLOAD_MAX_AGE)."
        )
