"""/api/v1/: the open data API, its OpenAPI schema and its documentation page."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from api import views

app_name = "api"

router = SimpleRouter()
router.register("projects", views.ProjectViewSet, basename="project")
router.register("countries", views.CountryViewSet, basename="country")
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("fields", views.ResearchFieldViewSet, basename="field")
router.register("units", views.UnitViewSet, basename="unit")
router.register("researchers", views.ResearcherViewSet, basename="researcher")
router.register("awards", views.AwardViewSet, basename="award")
router.register("achievements", views.AchievementViewSet, basename="achievement")
router.register("exchanges", views.ExchangeViewSet, basename="exchange")
router.register("news", views.ArticleViewSet, basename="article")

datasets = {prefix: f"api:{basename}-list" for prefix, _viewset, basename in router.registry}

urlpatterns = [
    path("", views.ApiRootView.as_view(datasets=datasets), name="root"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    *router.urls,
    # Last: any other address here is the API's JSON 404 (views.NotFoundView).
    re_path(r"^.*/\Z", views.NotFoundView.as_view()),
]
