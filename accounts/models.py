from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class User(AbstractUser):
    """A staff member or leader. Custom from the first migration so it can grow freely."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [("view_dashboard", _("Can view the leadership dashboard"))]

    # The workflow's e-mails (cooperation.notifications), each kind on unless turned off.
    review_mail = models.BooleanField(
        _("e-mail me what waits for my review"),
        default=True,
        help_text=_(
            "Records submitted for review and changes to published records, if you may publish them."
        ),
    )
    outcome_mail = models.BooleanField(
        _("e-mail me what becomes of my work"),
        default=True,
        help_text=_(
            "Records you submitted, published or sent back; your waiting changes, published or discarded."
        ),
    )

    # Wagtail's "preferred language": the back office's pages outside the portal's language
    # prefixes (accounts.middleware) and the workflow's e-mails speak it.
    language = models.CharField(
        _("language of the back office and e-mails"),
        max_length=10,
        choices=[("", _("the browser's (e-mails in both languages)")), *settings.LANGUAGES],
        blank=True,
        help_text=_(
            "The back office speaks it whatever your browser asks, and the workflow e-mails "
            "are written in it alone."
        ),
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class AuditEventKind(models.TextChoices):
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logout")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    # A context of its own: the reset mail's subject and Django's reset pages say "Password
    # reset" for the act to do (重置密码), this log for one done (已重置密码).
    PASSWORD_RESET = "password_reset", pgettext_lazy("audit event", "Password reset")


class AuditEvent(models.Model):
    """One authentication event: who, when and from where. Written once, never edited.

    Changes to records and accounts made in the admin are in Django's own LogEntry.
    """

    kind = models.CharField(_("event"), max_length=20, choices=AuditEventKind.choices)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    # The name as typed: kept for failed logins of unknown users, and after a user is deleted.
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    path = models.CharField(_("page"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "-created_at"], name="auditevent_kind_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.username} · {self.created_at:%Y-%m-%d %H:%M}"
