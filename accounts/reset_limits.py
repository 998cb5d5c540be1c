"""How many password-reset mails one address gets, and one client may ask for.

Django's reset form mails every request it is sent: a script could fill a colleague's inbox
(or the mail server's sending quota) with reset links, one POST each. django-axes counts
failed logins only. Here each request is counted in the shared cache for an hour, by the
e-mail address asked for and by the client's address (as the audit log and axes see it);
past either limit the view sends nothing and answers as it always does, so the page still
tells nobody whether an account has that address. The cache failing open (config.cache)
lets requests through rather than refusing a real reset.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from accounts.audit import client_ip

WINDOW = 60 * 60  # seconds


def _within(key: str, limit: int) -> bool:
    """Count one more request under ``key``; whether the count is still within ``limit``."""
    cache.add(key, 0, timeout=WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired (or not stored: the cache is down) since add()
        cache.set(key, 1, timeout=WINDOW)
        count = 1
    return count <= limit


def reset_mail_allowed(request: HttpRequest, email: str) -> bool:
    """Whether a reset mail to ``email`` may be sent for this request (both are counted)."""
    # The address hashed: the cache holds no e-mail addresses, and keys stay short.
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    by_address = _within(
        f"password-reset:address:{address}", settings.PASSWORD_RESET_MAILS_PER_ADDRESS
    )
    by_client = _within(
        f"password-reset:client:{client_ip(request) or 'unknown'}",
        settings.PASSWORD_RESET_REQUESTS_PER_CLIENT,
    )
    return by_address and by_client
