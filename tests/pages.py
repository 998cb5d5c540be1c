"""Helpers shared by the tests of public pages."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from cooperation.publication import PublicationStatus

LANGUAGES = ["zh-hans", "en"]


def url(name: str, language: str, **kwargs) -> str:
    """A URL by name, in the given language."""
    with override(language):
        return reverse(name, kwargs=kwargs or None)


def hidden_states() -> list[dict]:
    """Records that exist but must never show: draft, in review, archived, scheduled."""
    return [
        {"publication_status": PublicationStatus.DRAFT, "published_at": None},
        {"publication_status": PublicationStatus.IN_REVIEW, "published_at": None},
        {"publication_status": PublicationStatus.ARCHIVED},
        {"published_at": timezone.now() + timedelta(days=2)},
    ]
