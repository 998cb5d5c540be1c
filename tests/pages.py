"""Helpers shared by the tests of public pages."""

from datetime import timedelta
from xml.etree import ElementTree

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from config.content_version import current_version
from cooperation.publication import PublicationStatus, current_until

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


def sitemap_locations(client, path: str) -> list[str]:
    """The addresses a sitemap (or the sitemap index) at ``path`` lists, as given; ``client``
    is anything with Django's test client's ``get``."""
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    return [
        element.text
        for element in ElementTree.fromstring(response.content).iter()  # well-formed XML
        if element.tag.endswith("}loc")
    ]


def scheduled_publication_read() -> None:
    """What any value kept under the content version reads once per version: when the next
    scheduled record comes due (cooperation.publication.current_until). A search keeps its
    ranking so (portal.search): a test counting one search's own statements reads it first,
    as the page cache, or any other value kept under the version, has read it before."""
    current_until(current_version())
