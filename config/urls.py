from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from config import health
from portal import views as portal_views
from portal.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    # The open data API: not language-prefixed, every record carries both languages.
    path("api/v1/", include("api.urls")),
    # Django's set_language, with `next` resolved under its own language prefix.
    path("i18n/setlang/", portal_views.set_language, name="set_language"),
    path("healthz", health.live, name="health-live"),
    path("readyz", health.ready, name="health-ready"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", portal_views.robots_txt, name="robots-txt"),
]
urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    path("", include("cooperation.urls")),
    path("news/", include("news.urls")),
    # Leaders read in Chinese or English: the dashboard is language-prefixed like the portal.
    path("dashboard/", include("dashboard.urls")),
    prefix_default_language=True,
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
