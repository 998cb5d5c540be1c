"""What a worker keeps in its own memory beside the shared cache, within a number of bytes:
the pages it served (portal.cache.LocalPages) and its copies of the values kept under
content versions (config.content_version.LocalCopies)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any


class BytesLRU:
    """Values held in at most a given number of bytes (each value's size is given when it is
    put), the least recently used leaving first to make room for another. Not locked: its
    owner holds a lock around each use."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[int, Any]] = OrderedDict()
        self.size = 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def get(self, key: str) -> Any | None:
        """The value under key, if held (without counting as a use: see touch)."""
        entry = self._entries.get(key)
        return None if entry is None else entry[1]

    def touch(self, key: str) -> None:
        """The value under key was used: it leaves last."""
        self._entries.move_to_end(key)

    def put(self, key: str, value: Any, size: int, limit: int) -> None:
        """Hold value under key, making room within limit bytes; a value larger than the
        limit is not held (and what key held stays)."""
        if size > limit:
            return
        self.drop(key)
        while self._entries and self.size + size > limit:
            self.drop(next(iter(self._entries)))
        self._entries[key] = (size, value)
        self.size += size

    def drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.size -= entry[0]

    def drop_where(self, stale: Callable[[Any], bool]) -> None:
        for key, (_size, value) in list(self._entries.items()):
            if stale(value):
                self.drop(key)

    def clear(self) -> None:
        self._entries.clear()
        self.size = 0
