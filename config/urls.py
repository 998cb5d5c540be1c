from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

from config import health
from config.methods import read_only
from portal import views as portal_views
from portal.sitemaps import SITEMAPS

# The sitemaps are XML for crawlers. A person who opens one sees the browser's own XML viewer,
# which styles the tree inline and draws its arrows from data: images: allowed there, and
# nothing else may load.
XML_VIEWER_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["data:"],
    "frame-ancestors": [CSP.NONE],
}

# The 403 page in the site's or the back office's look (Django's is bare English).
handler403 = "config.errors.permission_denied"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    # The open data API: not language-prefixed, every record carries both languages.
    path("api/v1/", include("api.urls")),
    # Django's set_language, with `next` resolved under its own language prefix.
    path("i18n/setlang/", portal_views.set_language, name="set_language"),
    path("healthz", health.live, name="health-live"),
    path("readyz", health.ready, name="health-ready"),
    # An index of the sections' pages, each page up to 1,000 records in both languages.
    path(
        "sitemap.xml",
        read_only(csp_override(XML_VIEWER_CSP)(sitemaps.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        read_only(csp_override(XML_VIEWER_CSP)(sitemaps.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", portal_views.robots_txt, name="robots-txt"),
    path("favicon.ico", portal_views.favicon, name="favicon"),
]
urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    path("", include("cooperation.urls")),
    path("news/", include("news.urls")),
    # Leaders read in Chinese or English: the dashboard is language-prefixed like the portal.
    path("dashboard/", include("dashboard.urls")),
    prefix_default_language=True,
)
# Uploads from MEDIA_ROOT on a development machine; none with media in a bucket, whose
# MEDIA_URL is a whole address (static() adds nothing for one).
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
