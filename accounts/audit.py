"""The authentication audit log: every login, failed login and logout, with who, when, where.

Filled by Django's auth signals, so the admin login, the leadership login and any future
login form are all recorded the same way.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.models import AuditEvent, AuditEventKind


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the connection's, or X-Forwarded-For's behind trusted proxies.

    Also django-axes' address (AXES_CLIENT_IP_CALLABLE), so throttling and the log agree.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        # Each trusted proxy appends the address it saw; the ones before are client-supplied.
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def throttled_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The name django-axes counts failures under (AXES_USERNAME_CALLABLE).

    As typed, but cut to the length of a username and without NUL: axes stores it in a
    255-character column, and a 10,000-character "username" must be a failed login, not a 500.
    """
    if credentials:
        value = credentials.get("username")
    else:
        value = getattr(request, "POST", {}).get("username")
    return None if value is None else _printable(value, 150)


def record(kind: str, request: HttpRequest | None, *, user=None, username: str = "") -> AuditEvent:
    """Write one audit event for this request."""
    meta = request.META if request is not None else {}
    name = username or (user.get_username() if user is not None else "")
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=_printable(name, 150),
        ip_address=client_ip(request) if request is not None else None,
        user_agent=_printable(meta.get("HTTP_USER_AGENT", ""), 255),
        path=_printable(request.path if request is not None else "", 255),
    )


def _printable(value: str, length: int) -> str:
    """Client-supplied text, cut to the column and without NUL (PostgreSQL refuses it)."""
    return str(value).replace("\x00", "")[:length]


@receiver(user_logged_in, dispatch_uid="accounts.audit.logged_in")
def _logged_in(sender, request: HttpRequest | None, user, **kwargs) -> None:
    record(AuditEventKind.LOGIN, request, user=user)


@receiver(user_logged_out, dispatch_uid="accounts.audit.logged_out")
def _logged_out(sender, request: HttpRequest | None, user, **kwargs) -> None:
    # user is None when the session had already expired: nothing to record.
    if user is not None:
        record(AuditEventKind.LOGOUT, request, user=user)


@receiver(user_login_failed, dispatch_uid="accounts.audit.login_failed")
def _login_failed(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    # credentials has the password already cleansed by Django; keep only the name typed.
    username = str(credentials.get("username", ""))
    record(AuditEventKind.LOGIN_FAILED, request, username=username)
