"""Each process keeps a copy of the values kept under content versions (counts, sidebars,
cards): a page reads the versions from the shared cache, and the rest from its own copies,
which a change elsewhere (a new version) leaves unused."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import override

from config import content_version
from config.content_version import (
    DERIVED_TIMEOUT,
    VERSION_KEYS,
    app_version_key,
    cached_per_item_under_content_version,
    cached_under_content_version,
    local_copies,
)
from cooperation.models import CooperationProject
from tests import factories as f

# The values' own cache, without the page cache in front of it.
pytestmark = pytest.mark.usefixtures("page_cache_off")


@pytest.fixture
def shared_reads(monkeypatch) -> list[list[str]]:
    """The keys of each read of the shared cache, in order."""
    reads: list[list[str]] = []
    get, get_many = cache.get, cache.get_many
    within_many = []  # local memory's get_many calls its get for each key: one read

    def one(key, *args, **kwargs):
        if not within_many:
            reads.append([key])
        return get(key, *args, **kwargs)

    def many(keys, *args, **kwargs):
        reads.append(list(keys))
        within_many.append(True)
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            within_many.pop()

    monkeypatch.setattr(cache, "get", one)
    monkeypatch.setattr(cache, "get_many", many)
    return reads


def directory_path() -> str:
    with override("en"):
        return reverse("cooperation:project-list")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["portal:home", "news:article-list", "cooperation:project-list"])
def test_a_page_seen_before_reads_only_the_versions_from_the_shared_cache(
    client, shared_reads, name
):
    """Home keeps its figures, country list and cards; the news list its count, filter
    fields and cards; the directory its counts, sidebar and cards: each was a round trip."""
    f.CooperationProjectFactory(featured=True)
    f.ArticleFactory()
    with override("en"):
        path = reverse(name)
    assert client.get(path).status_code == 200
    shared_reads.clear()

    assert client.get(path).status_code == 200

    assert shared_reads == [VERSION_KEYS]


@pytest.mark.django_db
def test_a_change_made_by_another_process_is_shown_at_once(client):
    """Another process's change gives a new version: the copies of the old one are not used
    (the title changed without a signal here, as in another process)."""
    project = f.CooperationProjectFactory(title_en="Before the change")
    path = directory_path()
    assert "Before the change" in client.get(path).text

    CooperationProject.objects.filter(pk=project.pk).update(title_en="After the change")
    assert "Before the change" in client.get(path).text  # the same version: kept
    cache.incr(app_version_key("cooperation"))  # what that process's save does

    assert "After the change" in client.get(path).text


@pytest.mark.django_db
def test_each_reader_gets_a_value_of_its_own():
    kept = cached_under_content_version("figures", lambda: {"projects": [1, 2]})
    kept["projects"].append(3)
    cards = cached_per_item_under_content_version("card", [7], lambda ids: {7: ["a"]})
    cards[7].append("b")

    assert cached_under_content_version("figures", lambda: None) == {"projects": [1, 2]}
    assert cached_per_item_under_content_version("card", [7], lambda ids: {}) == {7: ["a"]}


@pytest.mark.django_db
def test_a_value_kept_elsewhere_is_read_once_then_copied(shared_reads):
    computed = cached_under_content_version("figures", lambda: "computed once")
    local_copies.clear()  # as in another process, which has not read it yet
    shared_reads.clear()

    for _ in range(3):
        assert cached_under_content_version("figures", lambda: "again") == "computed once"

    derived = [
        keys for keys in shared_reads if keys != VERSION_KEYS and keys[0] not in VERSION_KEYS
    ]
    assert len(derived) == 1
    assert computed == "computed once"


@pytest.mark.django_db
def test_copies_last_as_long_as_the_shared_cache_keeps_them(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(content_version.time, "monotonic", lambda: now[0])
    cached_under_content_version("figures", lambda: "first")
    cache.clear()  # the shared copy is gone; the version too, but this test reads on

    now[0] += DERIVED_TIMEOUT - 1
    assert local_copies.get_many(list(local_copies.entries)) != {}
    now[0] += 1
    assert local_copies.get_many(list(local_copies.entries)) == {}
    assert local_copies.size == 0


def test_copies_take_at_most_their_bytes_least_recently_used_first_out(settings):
    settings.CONTENT_LOCAL_COPIES_BYTES = 10
    local_copies.keep_many({"a": b"1234", "b": b"1234"})
    assert set(local_copies.get_many(["a"])) == {"a"}  # a is now the more recently used
    local_copies.keep_many({"c": b"1234", "too big": b"12345678901"})

    assert set(local_copies.get_many(["a", "b", "c", "too big"])) == {"a", "c"}
    assert local_copies.size == 8


@pytest.mark.django_db
def test_a_value_not_stored_by_this_code_is_a_miss():
    """Under a kept value's key, anything but this code's pickled bytes (another version of
    the code's own format, in a rolling deploy) is computed afresh, never served."""
    key = content_version._derived_key(content_version.content_version(), "figures")
    cache.set(key, ("stored by other code", None))

    assert cached_under_content_version("figures", lambda: "fresh") == "fresh"
    assert cached_under_content_version("figures", lambda: "again") == "fresh"
