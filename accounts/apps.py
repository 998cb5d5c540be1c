from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    # The app's own configuration, though this module holds two (and imports a third).
    default = True
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts import audit  # noqa: F401  (connects the audit log's signal receivers)


class LoginThrottlingConfig(AxesAppConfig):
    """django-axes, named for staff in their language (its own name is "Axes", in English
    alone, at the head of its section of the back office)."""

    verbose_name = _("Login throttling")
