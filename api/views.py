"""The open data API: public, read-only, every query starting from the publication rule.

Responses carry ``Cache-Control: public, max-age=60``, an ETag and a ``Last-Modified``: a
repeated request with ``If-None-Match`` or ``If-Modified-Since`` gets a 304. Each list page
makes a fixed number of queries.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Model, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import conditional_page
from django_filters import utils as filter_utils
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from modeltranslation.utils import build_localized_fieldname
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from api import filters, serializers
from config.open_data import name_license
from config.tracking import is_tracking
from cooperation.addresses import redirect_keeping_query, redirect_to_moved
from cooperation.models import (
    Achievement,
    Award,
    CooperationProject,
    Exchange,
    Institution,
    PartnerCountry,
    Researcher,
    ResearchField,
    Unit,
)
from cooperation.publication import public_records_changed_at
from cooperation.views import FormerSlugsInFiltersMixin, kept_partner_countries
from news.models import Article, Category

MAX_AGE = 60  # seconds: short, so that a newly published record shows within a minute


def in_first_language(*names: str) -> list[str]:
    """The columns of translated fields in the site's first language, to order a list by.
    Ordering by ``name`` takes the active language's column: the order, and the anchors the
    pagination keeps per query (not per language), would change with the client's
    Accept-Language."""
    return [build_localized_fieldname(name, settings.LANGUAGE_CODE) for name in names]


def asked_language(request) -> str:
    """The site's language the client's Accept-Language header asks for first; English if it
    asks for neither, or sends none."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return "en"


class OpenDataAPIMixin:
    """What every answer of /api/v1/ shares.

    Its language is the one the Accept-Language header asks for, English by default (the
    site's default is Chinese): a machine's client often sends no header, and read Chinese
    error messages, and a schema whose fields' titles were Chinese beside its English
    descriptions. A language cookie or a signed-in user's language changes nothing: the
    answer is the header's. The records' texts come in both languages whatever it is.

    And a 404 says "Not found." in that language, whatever was looked up: the Http404 of a
    lookup named the model ("No CooperationProject matches the given query.")."""

    def initial(self, request, *args, **kwargs) -> None:
        translation.activate(asked_language(request))
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc: Exception) -> HttpResponse:
        if isinstance(exc, Http404):
            exc = NotFound()
        return super().handle_exception(exc)


def refuse_unknown_parameters(request, known: set[str]) -> None:
    """A 400 naming each parameter of the query the endpoint does not read, and the ones it
    does: a misspelt filter (``?contry=JP``) was ignored, and the whole dataset came back as
    if it were the selection. The tracking parameters a shared link carries
    (``config.tracking``: ``utm_source``…) are ignored, as the portal's pages ignore them:
    they select nothing, and refusing them broke a link a newsletter had shared."""
    unknown = sorted(
        name for name in request.query_params if name not in known and not is_tracking(name)
    )
    if unknown:
        message = _("Unknown parameter. This endpoint reads: %(known)s.") % {
            "known": ", ".join(sorted(known))
        }
        raise ValidationError({name: [message] for name in unknown})


class KeptFilterSetBackend(DjangoFilterBackend):
    """django-filter's backend, keeping the FilterSet it made on the view (``filterset``),
    as the portal's list views do, for the view to add errors to it."""

    def get_filterset(self, request, queryset, view):
        view.filterset = super().get_filterset(request, queryset, view)
        return view.filterset


class OpenDataViewSet(OpenDataAPIMixin, FormerSlugsInFiltersMixin, viewsets.ReadOnlyModelViewSet):
    """A dataset's list and records.

    A filter naming a record by a slug (``slug_filters``) no record has is a 400 naming the
    parameter and the value, as on the portal's lists (an empty list looked like the record
    had nothing to list); one naming it by a former slug is sent, for good, to the same list
    by the record's slug now. Both only looked for when the list comes out empty
    (``FormerSlugsInFiltersMixin``, whose ``get`` a viewset does not use: its actions answer
    GET)."""

    filter_backends = [KeptFilterSetBackend]
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    # The publishable models whose scheduled records change this endpoint's answers when
    # they come due (no record is saved then, so the content change time misses it).
    publishable: tuple[type[Model], ...] = ()

    @classmethod
    def as_view(cls, *args, **kwargs):
        # Django's conditional GET: an ETag on every GET, and a 304 for a matching
        # If-None-Match, or If-Modified-Since against the Last-Modified set below.
        return conditional_page(super().as_view(*args, **kwargs))

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        refuse_unknown_parameters(request, self.known_parameters())

    def known_parameters(self) -> set[str]:
        """The query's parameters this endpoint reads: its filters and paging on a list,
        none on a record, and DRF's ``format`` on both; OPTIONS (``metadata``) asks about
        the same address, and reads what GET at it reads."""
        known = {api_settings.URL_FORMAT_OVERRIDE}
        if not self.detail:
            known |= {self.paginator.page_query_param, self.paginator.page_size_query_param}
            filterset_class = getattr(self, "filterset_class", None)
            if filterset_class is not None:
                known |= set(filterset_class.base_filters)
        return known

    def list(self, request, *args, **kwargs) -> HttpResponse:
        try:
            response = super().list(request, *args, **kwargs)
        except NotFound:  # a page past the end of a list that came out empty
            moved = self.records_named_in_filters(request)
            if moved is None:
                raise
            return moved
        except ValidationError:
            # A country code in lower case (``?country=jp``) is no choice of the filter: it
            # is sent on to the capital one, as on the portal's lists.
            moved, _unknown = self.filters_named(request) if self.country_filters else (None, [])
            if moved is None:
                raise
            return moved
        if self.paginator.page.paginator.count == 0:
            return self.records_named_in_filters(request) or response
        return response

    def records_named_in_filters(self, request) -> HttpResponse | None:
        """For a list that came out empty: the redirect to it by its records' slugs now, if
        a filter named one by a former slug; a 400 if one named none, now or before."""
        if not (self.slug_filters or self.country_filters):
            return None
        moved, unknown = self.filters_named(request)
        if moved is not None:
            return moved
        if self.refuse_unknown_records(request, unknown):
            raise filter_utils.translate_validation(self.filterset.errors)
        return None

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            # A record looked up by a slug (a country by a code) it had before: sent, for
            # good, to its address now.
            lookup = self.lookup_field
            slug = self.kwargs.get(lookup) if lookup in ("slug", "code") else None
            moved = redirect_to_moved(
                request,
                self.get_queryset(),
                slug,
                lambda record: reverse(
                    f"api:{self.basename}-detail", kwargs={lookup: record.address_key}
                ),
            )
            if moved is None:
                raise
            return moved

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
            changed_at = public_records_changed_at(
                model.objects.latest_publication() for model in self.publishable
            )
            # Rounded up to its second, the last change is dated only once that second is
            # over: an answer within it might not hold a change still to come in it, yet a
            # client asking If-Modified-Since that date would be told nothing changed.
            if changed_at <= timezone.now():
                response["Last-Modified"] = http_date(changed_at.timestamp())
            name_license(response)
        return response


class ProjectViewSet(OpenDataViewSet):
    """Public cooperation projects, with the portal directory's filters."""

    country_filters = ("country",)
    filterset_class = filters.ProjectFilter
    publishable = (CooperationProject,)
    slug_filters = {
        "institution": Institution,
        "field": ResearchField,
        "unit": Unit,
        "researcher": Researcher,
    }

    def get_queryset(self):
        return CooperationProject.objects.public().with_list_data().order_by("-start_date", "-id")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ProjectDetailSerializer
        return serializers.ProjectSerializer


class CountryViewSet(OpenDataViewSet):
    """Partner countries, with the number of public projects of each: those with at least
    one public project, as the portal's country list, home page and sitemap give them;
    `all=true` lists every country entered, those with none yet too. Each country's own
    address answers for every country entered, as its page on the portal does."""

    serializer_class = serializers.CountrySerializer
    filterset_class = filters.CountryFilter
    publishable = (CooperationProject,)  # the counts of public projects
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z]{2}"

    def get_queryset(self):
        return PartnerCountry.objects.order_by("country")

    def get_serializer_context(self) -> dict:
        # The counts the portal's country list keeps: counting them for each request read
        # most partnerships (0.18 s at 100,000 projects, the list's count grouping them again).
        counts = {country.pk: country.public_project_count for country in kept_partner_countries()}
        return {**super().get_serializer_context(), "project_counts": counts}

    @extend_schema(
        responses={
            200: serializers.CountrySerializer,
            301: OpenApiResponse(
                description="The same country at its code in capitals, or at its code now "
                "for a code it had before."
            ),
        }
    )
    def retrieve(self, request, *args, **kwargs) -> HttpResponse:
        # One address per country, in the case of the code its record gives ("JP") and its
        # list's filter takes (``?country=jp`` is sent on to JP): /countries/jp/ is sent
        # there for good, its query kept, before any query. A code in capitals is never sent
        # on, so no loop. (The portal's pages are the other way round: their addresses, as
        # every link gives them, are in lower case, and their filters in capitals.)
        code = kwargs["code"]
        if not code.isupper():
            return redirect_keeping_query(
                request, reverse("api:country-detail", kwargs={"code": code.upper()})
            )
        return super().retrieve(request, *args, **kwargs)

    def get_object(self) -> PartnerCountry:
        # Codes are stored upper-case, as the address has them (retrieve).
        country = get_object_or_404(self.get_queryset(), country=self.kwargs["code"].upper())
        self.check_object_permissions(self.request, country)
        return country


class InstitutionViewSet(OpenDataViewSet):
    """Partner institutions (reference data: all of them are public)."""

    serializer_class = serializers.InstitutionSerializer
    country_filters = ("country",)
    filterset_class = filters.InstitutionFilter
    queryset = Institution.objects.select_related("country").order_by(
        *in_first_language("name"), "id"
    )


class ResearchFieldViewSet(OpenDataViewSet):
    """Research fields, two levels (``parent`` is the slug of the top-level field)."""

    serializer_class = serializers.ResearchFieldSerializer
    filterset_class = filters.FieldFilter
    slug_filters = {"parent": ResearchField}
    queryset = ResearchField.objects.select_related("parent").order_by(
        "sort_order", *in_first_language("name"), "id"
    )


class UnitViewSet(OpenDataViewSet):
    """The base's internal units (reference data: all of them are public)."""

    serializer_class = serializers.UnitSerializer
    queryset = Unit.objects.order_by(*in_first_language("name"), "id")


class ResearcherViewSet(OpenDataViewSet):
    """The base's researchers with their unit (reference data: all of them are public);
    never their e-mail address, which the portal keeps in the back office."""

    serializer_class = serializers.ResearcherSerializer
    filterset_class = filters.ResearcherFilter
    slug_filters = {"unit": Unit}
    queryset = Researcher.objects.select_related("unit").order_by(*in_first_language("name"), "id")


class AwardViewSet(OpenDataViewSet):
    """Public awards, with the portal timeline's filters (level, year)."""

    serializer_class = serializers.AwardSerializer
    filterset_class = filters.AwardFilter
    publishable = (Award,)

    def get_queryset(self):
        return (
            Award.objects.public()
            .select_related("recipient_unit", "recipient_researcher", "recipient_project")
            .order_by("-year", "-awarded_on", "-id")
        )


class AchievementViewSet(OpenDataViewSet):
    """Public achievements (published themselves, and of a public project or of none), with
    the portal list's filters (kind, year); looked up by id."""

    serializer_class = serializers.AchievementSerializer
    filterset_class = filters.AchievementFilter
    publishable = (Achievement, CooperationProject)  # shown while it and its project are public
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return Achievement.objects.public().select_related("project").order_by("-year", "-id")


class ExchangeViewSet(OpenDataViewSet):
    """Public talent exchanges and visits, with the portal list's filters (kind, country,
    year); looked up by id."""

    serializer_class = serializers.ExchangeSerializer
    country_filters = ("country",)
    filterset_class = filters.ExchangeFilter
    publishable = (Exchange, CooperationProject)  # shown while it and its project are public
    slug_filters = {"institution": Institution, "unit": Unit}
    lookup_field = "pk"
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return (
            Exchange.objects.public()
            .select_related("country", "institution__country", "unit", "project")
            .order_by("-start_date", "-id")
        )


class ArticleViewSet(OpenDataViewSet):
    """Public news articles; related projects are listed only while public."""

    filterset_class = filters.ArticleFilter
    publishable = (Article, CooperationProject)  # its related projects, while public
    slug_filters = {"category": Category}

    def get_queryset(self):
        public_projects = CooperationProject.objects.public().order_by("-start_date", "-id")
        return (
            Article.objects.public()
            .with_list_data()
            .prefetch_related(Prefetch("related_projects", queryset=public_projects))
            .order_by("-published_at", "-id")
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ArticleDetailSerializer
        return serializers.ArticleSerializer


class ApiRootView(OpenDataAPIMixin, APIView):
    """What the API holds: each dataset's list, the schema and its documentation, as whole
    addresses (/api/v1/, the address the open data page gives for the API)."""

    datasets: dict[str, str] = {}  # a dataset's name -> its list's URL name (api/urls.py)

    @classmethod
    def as_view(cls, *args, **kwargs):
        return conditional_page(super().as_view(*args, **kwargs))

    @extend_schema(
        summary="The datasets of the API, its schema and its documentation",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request, *args, **kwargs) -> Response:
        def address(name: str) -> str:
            return request.build_absolute_uri(reverse(name))

        return Response(
            {
                "datasets": {name: address(url_name) for name, url_name in self.datasets.items()},
                "schema": address("api:schema"),
                "docs": address("api:docs"),
            }
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
            name_license(response)
        return response


class SchemaView(OpenDataAPIMixin, SpectacularAPIView):
    """The OpenAPI 3 schema, JSON by default (``?format=yaml`` for YAML)."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]

    @classmethod
    def as_view(cls, *args, **kwargs):
        return conditional_page(super().as_view(*args, **kwargs))


class DocsView(OpenDataAPIMixin, SpectacularSwaggerSplitView):
    """Swagger UI from the bundled (sidecar) static files; its start script is a separate
    request, so the page needs no inline script under our Content Security Policy."""

    template_name = "api/swagger_ui.html"
    url_name = "api:schema"

    def options(self, request, *args, **kwargs) -> HttpResponse:
        # DRF's answer describes the view in data, which this page's HTML renderer has no
        # template for (a 500); the methods it takes, in the Allow header DRF adds to every
        # answer, are all there is to say.
        return HttpResponse()


class NotFoundView(OpenDataAPIMixin, APIView):
    """Any other address under /api/v1/ (one ending in a slash: CommonMiddleware adds it to
    the others first), such as a record's address with a lookup value its route does not
    take (``achievements/abc/``): a JSON 404, as the datasets' own, not the portal's page."""

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)  # throttled as the rest of the API
        raise NotFound()
