from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from portal.cache import invalidate_pages

        # The one place where content changes reach the page cache.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(invalidate_pages, dispatch_uid=f"portal-cache-{signal!r}")
