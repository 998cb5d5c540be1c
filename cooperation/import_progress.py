"""How far a spreadsheet import has got, for the admin page that waits for it.

The browser names the import with a random token when it sends the file; the import writes
"done of total rows" to the cache under that token and the user's id, a few times a second,
and the page polls it (admin:<app>_<model>_import_progress). Through the shared cache (Redis
in production), so the poll may reach another worker than the import.
"""

from __future__ import annotations

import re
import time

from django.core.cache import cache

# The name the browser gives an import: random, URL-safe.
NAME_SHAPE = r"[A-Za-z0-9_-]{16,64}"
URL_ARGUMENT = rf"(?P<token>{NAME_SHAPE})"
TIMEOUT = 3600  # seconds: outlives any import
INTERVAL = 0.25  # seconds between two writes: the poll asks twice a second


def progress_key(user_id: int, token: str) -> str | None:
    """The cache key of one user's import, or None for a token that is not one of ours."""
    if not isinstance(token, str) or not re.fullmatch(NAME_SHAPE, token):
        return None
    return f"import-progress:{user_id}:{token}"


def read_progress(key: str) -> dict | None:
    return cache.get(key)


class ImportProgress:
    """Counts the rows of one pass over a file (the check, or the write)."""

    def __init__(self, key: str | None, total: int, writing: bool) -> None:
        self.key = key
        self.total = total
        self.writing = writing
        self.last_write = 0.0
        self._store(0)

    def row_done(self, number: int) -> None:
        if self.key and time.monotonic() - self.last_write >= INTERVAL:
            self._store(number)

    def finish(self) -> None:
        self._store(self.total)

    def _store(self, done: int) -> None:
        if not self.key:
            return
        self.last_write = time.monotonic()
        cache.set(
            self.key,
            {"done": done, "total": self.total, "writing": self.writing},
            TIMEOUT,
        )
