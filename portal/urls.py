from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
    path("data/", views.open_data, name="open-data"),
    # A public record's citation files and QR code (portal.citations): a project's, an
    # article's or an award's by its slug, an achievement's by its id.
    path(
        "cite/<slug:kind>/<slug:key>.<slug:file_format>",
        views.citation_download,
        name="citation",
    ),
    path("qr/<slug:kind>/<slug:key>.svg", views.qr_code, name="qr-code"),
]
