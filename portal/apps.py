from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from config.content_version import record_content_change

        # The one place where content changes reach the cache (the pages, derived figures).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(record_content_change, dispatch_uid=f"content-version-{signal!r}")
