"""The content version: a number that changes whenever a public record may have changed.

Everything derived from the records and kept in the shared cache (the portal's pages, the
home and dashboard figures) is stored under the version it was computed with, so a change
makes it stale at once without finding each entry. Besides the one version of every
record, each content app has its own: a value derived from one app's records alone (the
directory's counts from the projects) is kept under that app's version, so publishing a
news item does not make the portal count 100,000 projects again. The time of the last
change goes with it, for the open data API's ``Last-Modified``.

Here, below every app, so that the domain apps can batch their changes (a spreadsheet
import) and the API can read the change time without importing the portal.
"""

from __future__ import annotations

import datetime
import pickle
import threading
import time
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from config.local_memory import BytesLRU

VERSION_KEY = "content:version"
CHANGED_AT_KEY = "content:changed-at"
DERIVED_TIMEOUT = 300  # seconds
# The apps whose record changes count as content changes.
CONTENT_APPS = {"portal", "cooperation", "news"}

# Set inside ``changes_batched()``: changes are noted there instead of bumped one by one.
_batch: ContextVar[dict | None] = ContextVar("content_change_batch", default=None)

# The versions as a request first read them (``versions_read_once()``, around each request):
# a page's kept values (figures, counts, cards: two to four of them) each looked them up
# again, a cache round trip each (0.2 ms on these machines). A change made in the request
# forgets them; another process's change is seen from the next request on.
_request_versions: ContextVar[dict | None] = ContextVar("request_content_versions", default=None)


# Changes recorded by this process: a process keeping pages of its own (the portal's local
# page memo) knows at once that its own writes made them stale.
_changes_here = 0

# Set inside ``nothing_kept()``: the records read there are not the stored ones (a staff
# preview of a change waiting for review, rolled back), so nothing derived from them is
# kept, and nothing kept is read instead of them.
_nothing_kept: ContextVar[bool] = ContextVar("nothing_kept", default=False)


@contextmanager
def nothing_kept() -> Iterator[None]:
    """Within this block values derived from the records are computed afresh and not kept:
    what is read there is not what is stored (a preview of a change waiting for review),
    and a list worked out from it and kept under the current version would be shown to
    every reader."""
    token = _nothing_kept.set(True)
    try:
        yield
    finally:
        _nothing_kept.reset(token)


def _new_version() -> int:
    """A version number never used before, even after the cache was emptied: a process that
    still holds pages of an old version must not take them for current ones."""
    return time.time_ns() // 1000


@contextmanager
def versions_read_once() -> Iterator[None]:
    """Within this block (a request: ``config.middleware.ContentVersionsPerRequest``) the
    versions are read from the cache once, all together, the first time one is needed."""
    token = _request_versions.set({})
    try:
        yield
    finally:
        _request_versions.reset(token)


def remember_versions(versions: Mapping[str, int]) -> None:
    """Every version (``VERSION_KEYS``), as already read for this request (the page cache
    reads them with the page): what the page then derives is kept under the same ones."""
    memo = _request_versions.get()
    if memo is not None and len(versions) == len(VERSION_KEYS):
        memo.update(versions)


def _read_versions(keys: Sequence[str]) -> dict[str, int]:
    """These version keys' values, as ``cache.get_many`` gives them (missing ones left out);
    within ``versions_read_once()`` every version is read the first time, together."""
    memo = _request_versions.get()
    if memo is None:
        return cache.get_many(keys)
    if any(key not in memo for key in keys):
        memo.update(cache.get_many(VERSION_KEYS))
    return {key: memo[key] for key in keys if key in memo}


def _forget_versions() -> None:
    memo = _request_versions.get()
    if memo is not None:
        memo.clear()


def content_version() -> int:
    """The version of every public record: any change gives a new one."""
    version = _read_versions([VERSION_KEY]).get(VERSION_KEY)
    if version is None:  # a new cache: start a version never used before
        version = cache.get_or_set(VERSION_KEY, _new_version, timeout=None) or _new_version()
        _forget_versions()
    return version


def app_version_key(app: str) -> str:
    return f"{VERSION_KEY}:{app}"


# Every version key, of all the records and of each content app: the page cache reads them
# together with a page, whichever records the page shows.
VERSION_KEYS = [VERSION_KEY, *(app_version_key(app) for app in sorted(CONTENT_APPS))]


def version_token(apps: Collection[str] | None, versions: Mapping[str, int]) -> int | str | None:
    """The version of every record (``apps`` None) or of these apps' records, from the
    values ``cache.get_many(VERSION_KEYS)`` read; None when one of them is missing."""
    if apps is None:
        return versions.get(VERSION_KEY)
    parts = []
    for app in sorted(apps):
        version = versions.get(app_version_key(app))
        if version is None:
            return None
        parts.append(f"{app}-{version}")
    return ".".join(parts)


def apps_version(apps: Collection[str]) -> str:
    """The version of the public records of these content apps alone, as one token: a
    change to a record of another app leaves it as it is."""
    unknown = set(apps) - CONTENT_APPS
    if unknown or not apps:
        raise ValueError(f"Not content apps: {sorted(unknown) or 'none given'}")
    keys = [app_version_key(app) for app in sorted(apps)]
    found = _read_versions(keys)
    for key in keys:
        if found.get(key) is None:  # a new cache: start a version never used before
            cache.add(key, _new_version(), timeout=None)
            found[key] = cache.get(key) or _new_version()
            _forget_versions()
    return version_token(apps, found)


def current_version(apps: Collection[str] | None = None) -> int | str:
    """The version of every record, or of these apps' records."""
    return content_version() if apps is None else apps_version(apps)


def all_versions() -> dict[str, int]:
    """Every version (``VERSION_KEYS``), each started if the cache has none yet."""
    content_version()
    apps_version(CONTENT_APPS)
    return cache.get_many(VERSION_KEYS)


def changes_here() -> int:
    """How many content changes this process has recorded (it only ever grows)."""
    return _changes_here


def content_changed_at() -> datetime.datetime:
    """When the records last changed, as far as this cache knows; a cache that lost the time
    (restart, eviction) says "now", which only makes clients fetch again."""
    stamp = cache.get(CHANGED_AT_KEY)
    if stamp is None:
        stamp = timezone.now().timestamp()
        cache.add(CHANGED_AT_KEY, stamp, timeout=None)
    # To the microsecond: cut to its second here, a second change within the same second
    # looked no newer than a copy taken between the two (public_records_changed_at rounds up).
    return datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)


def _derived_key(version: int | str, name: str) -> str:
    """The one cache key of a value derived from the records under a content version.
    ("kept", not the "derived" of the code before LocalCopies, which stored the values
    themselves: while both run, in a rolling deploy, neither reads the other's.)"""
    return f"content:kept:{version}:{name}"


class LocalCopies:
    """This process's copies of the values it kept or read under content versions, pickled.

    A value's key names its content version, and a key is given no other value while its
    version holds (but for a value whose time ran out, which its reader checks), so a copy
    is as good as the shared cache's own: a page's kept values (counts, sidebar, cards: two
    to four of them) no longer cost a round trip each once this worker has read them. Kept
    pickled, so that each reader gets values of its own to change, as from the shared cache;
    for ``DERIVED_TIMEOUT`` seconds, as there; in at most ``CONTENT_LOCAL_COPIES_BYTES``
    bytes, least recently used first out."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries = BytesLRU()  # of (when it expires, the pickled value)

    @property
    def size(self) -> int:
        return self.entries.size

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        now = time.monotonic()
        found = {}
        with self.lock:
            for key in keys:
                entry = self.entries.get(key)
                if entry is None:
                    continue
                if entry[0] <= now:
                    self.entries.drop(key)
                    continue
                self.entries.touch(key)
                found[key] = entry[1]
        return found

    def keep_many(self, pickled: Mapping[str, bytes]) -> None:
        limit = settings.CONTENT_LOCAL_COPIES_BYTES
        expires = time.monotonic() + DERIVED_TIMEOUT
        with self.lock:
            for key, data in pickled.items():
                self.entries.put(key, (expires, data), len(data), limit)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


local_copies = LocalCopies()


def _kept_many(keys: Sequence[str]) -> dict[str, Any]:
    """The values kept under these derived keys: this process's copies, then the shared
    cache's (one round trip for all the others), copied here."""
    found = local_copies.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        # Anything but bytes under such a key is not this code's: taken for a miss.
        shared = {key: data for key, data in cache.get_many(missing).items() if type(data) is bytes}
        local_copies.keep_many(shared)
        found.update(shared)
    # Unpickled as Django's cache backends unpickle what they hold: written by this code alone.
    return {key: pickle.loads(data) for key, data in found.items()}  # noqa: S301


def _keep_many(values: Mapping[str, Any]) -> None:
    """Keep these values under their derived keys, in the shared cache and here."""
    pickled = {key: pickle.dumps(value, pickle.HIGHEST_PROTOCOL) for key, value in values.items()}
    cache.set_many(pickled, DERIVED_TIMEOUT)
    local_copies.keep_many(pickled)


def cached_under_content_version[T](
    name: str,
    compute: Callable[[], T],
    current_until: Callable[[int | str], float | None] | None = None,
    apps: Collection[str] | None = None,
) -> T:
    """A value derived from the public records (figures over the whole data set), computed
    once and kept under the content version: any record change gives a fresh value at once;
    with ``apps``, only a change to a record of those apps (the value must read no other).
    ``name`` must say everything else the value depends on (e.g. language, period).
    ``current_until(version)``, if given, says until when (a Unix time; None: as long as the
    version holds) a value computed under that version stays current without any change."""
    if _nothing_kept.get():
        return compute()
    version = current_version(apps)
    key = _derived_key(version, name)
    kept = _kept_many([key]).get(key)
    if kept is None or (kept[1] is not None and time.time() >= kept[1]):
        # Asked before computing: a moment passing meanwhile only makes the next call compute.
        until = current_until(version) if current_until else None
        kept = (compute(), until)
        _keep_many({key: kept})
    return kept[0]


def cached_per_item_under_content_version[K: Hashable, T](
    name: str,
    items: Sequence[K],
    compute: Callable[[list[K]], Mapping[K, T]],
    apps: Collection[str] | None = None,
) -> dict[K, T]:
    """Values derived from one record each (a project's card), kept under the content
    version as ``cached_under_content_version`` keeps one value, each item under a key of
    its own: the kept ones are read in one round trip at most, and ``compute`` is called
    once, with the items that were not kept, for a mapping of each to its value. For values
    that do not change with the time of day (what a record shows, not whether it is public
    yet). ``name`` must say everything else they depend on (e.g. language)."""
    if not items:
        return {}
    if _nothing_kept.get():
        return dict(compute(list(items)))
    version = current_version(apps)
    keys = {item: _derived_key(version, f"{name}:{item}") for item in items}
    found = _kept_many(list(keys.values()))
    values = {item: found[key] for item, key in keys.items() if key in found}
    missing = [item for item in keys if item not in values]
    if missing:
        computed = compute(missing)
        _keep_many({keys[item]: computed[item] for item in computed})
        values.update(computed)
    return values


def record_content_change(**kwargs) -> None:
    """Receiver for any saved, deleted or relinked record (portal/apps.py connects it)."""
    sender = kwargs.get("sender")
    apps = {sender._meta.app_label} if sender is not None else CONTENT_APPS
    if not apps <= CONTENT_APPS:
        return
    batch = _batch.get()
    if batch is not None:
        batch["apps"] |= apps
        return
    _bump_version(apps)


class _BumpOnCommit:
    """The version bump a transaction owes when it commits: one for all its changes."""

    def __init__(self) -> None:
        self.apps: set[str] = set()

    def __call__(self) -> None:
        _bump_version(self.apps, again_on_commit=False)


def _bump_again_on_commit(apps: Collection[str]) -> None:
    """Inside a transaction, bump the versions once more when it commits. The bump made at
    the change is seen by other processes before the change is: a page one of them renders
    meanwhile from the rows still stored would be kept under the new version, as current,
    for DERIVED_TIMEOUT (an unpublished project public five minutes more). The bump at the
    commit makes whatever was kept before it stale. One per transaction (Django drops the
    callbacks of a savepoint rolled back, so the list itself says whether one waits)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _BumpOnCommit):
            callback.apps |= set(apps)
            return
    bump = _BumpOnCommit()
    bump.apps |= set(apps)
    transaction.on_commit(bump)


def _bump_version(apps: Collection[str], *, again_on_commit: bool = True) -> None:
    global _changes_here
    _changes_here += 1
    _forget_versions()
    for key in [VERSION_KEY, *(app_version_key(app) for app in sorted(apps))]:
        try:
            cache.incr(key)
        except ValueError:  # no version yet: start a new one
            cache.set(key, _new_version(), timeout=None)
    cache.set(CHANGED_AT_KEY, timezone.now().timestamp(), timeout=None)
    if again_on_commit:
        _bump_again_on_commit(apps)


@contextmanager
def changes_batched() -> Iterator[None]:
    """Many record changes in a row (a spreadsheet import): one version bump at the end,
    instead of cache round trips per saved record. Per context, so other threads' changes
    still count at once."""
    if _batch.get() is not None:  # already inside a batch: the outer one bumps
        yield
        return
    batch: dict = {"apps": set()}
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
        if batch["apps"]:
            _bump_version(batch["apps"])
