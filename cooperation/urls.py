from django.urls import path, re_path

from cooperation import feeds, preview, views

app_name = "cooperation"

urlpatterns = [
    path("projects/", views.ProjectListView.as_view(), name="project-list"),
    path("projects/feed/rss/", feeds.LatestProjectsFeed(), name="project-feed-rss"),
    path("projects/feed/atom/", feeds.LatestProjectsAtomFeed(), name="project-feed-atom"),
    path("projects/export.csv", views.ProjectExportCSVView.as_view(), name="project-export-csv"),
    path("projects/export.json", views.ProjectExportJSONView.as_view(), name="project-export-json"),
    path(
        "projects/preview/<int:pk>/", preview.ProjectPreviewView.as_view(), name="project-preview"
    ),
    path("projects/<slug:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("countries/", views.CountryListView.as_view(), name="country-list"),
    # ISO 3166-1 alpha-2 codes only: anything else is a 404 before any query.
    re_path(
        r"^countries/(?P<code>[A-Za-z]{2})/$",
        views.CountryDetailView.as_view(),
        name="country-detail",
    ),
    re_path(
        r"^countries/(?P<code>[A-Za-z]{2})/feed/rss/$",
        feeds.CountryProjectsFeed(),
        name="country-feed-rss",
    ),
    re_path(
        r"^countries/(?P<code>[A-Za-z]{2})/feed/atom/$",
        feeds.CountryProjectsAtomFeed(),
        name="country-feed-atom",
    ),
    path("institutions/", views.InstitutionListView.as_view(), name="institution-list"),
    path(
        "institutions/<slug:slug>/",
        views.InstitutionDetailView.as_view(),
        name="institution-detail",
    ),
    path("fields/", views.FieldListView.as_view(), name="field-list"),
    path("fields/<slug:slug>/", views.FieldDetailView.as_view(), name="field-detail"),
    path("fields/<slug:slug>/feed/rss/", feeds.FieldProjectsFeed(), name="field-feed-rss"),
    path("fields/<slug:slug>/feed/atom/", feeds.FieldProjectsAtomFeed(), name="field-feed-atom"),
    path("units/", views.UnitListView.as_view(), name="unit-list"),
    path("units/<slug:slug>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("researchers/", views.ResearcherListView.as_view(), name="researcher-list"),
    path(
        "researchers/<slug:slug>/",
        views.ResearcherDetailView.as_view(),
        name="researcher-detail",
    ),
    path("awards/", views.AwardListView.as_view(), name="award-list"),
    path("awards/feed/rss/", feeds.LatestAwardsFeed(), name="award-feed-rss"),
    path("awards/feed/atom/", feeds.LatestAwardsAtomFeed(), name="award-feed-atom"),
    path("awards/export.csv", views.AwardExportCSVView.as_view(), name="award-export-csv"),
    path("awards/<slug:slug>/", views.AwardDetailView.as_view(), name="award-detail"),
    path("achievements/", views.AchievementListView.as_view(), name="achievement-list"),
    path(
        "achievements/export.csv",
        views.AchievementExportCSVView.as_view(),
        name="achievement-export-csv",
    ),
    path(
        "achievements/<int:pk>/",
        views.AchievementDetailView.as_view(),
        name="achievement-detail",
    ),
    path("exchanges/", views.ExchangeListView.as_view(), name="exchange-list"),
    path("exchanges/export.csv", views.ExchangeExportCSVView.as_view(), name="exchange-export-csv"),
    path("exchanges/<int:pk>/", views.ExchangeDetailView.as_view(), name="exchange-detail"),
    path("awards/preview/<int:pk>/", preview.AwardPreviewView.as_view(), name="award-preview"),
    path(
        "exchanges/preview/<int:pk>/",
        preview.ExchangePreviewView.as_view(),
        name="exchange-preview",
    ),
    path(
        "achievements/preview/<int:pk>/",
        preview.AchievementPreviewView.as_view(),
        name="achievement-preview",
    ),
]
