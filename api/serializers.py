"""What the open data API says about each record: stable ids (pk and slug), codes rather
than labels, and every text in both languages (``_zh_hans`` and ``_en`` fields)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cooperation.models import (
    Achievement,
    Award,
    CooperationProject,
    Exchange,
    Institution,
    PartnerCountry,
    ProjectPartner,
    Researcher,
    ResearchField,
    Unit,
)
from news.models import Article, Category

LANGUAGES = ("zh-hans", "en")


def both(*names: str) -> list[str]:
    """The two language columns of each translated field."""
    return [f"{name}_{suffix}" for name in names for suffix in ("zh_hans", "en")]


class PortalLinksField(serializers.Field):
    """Absolute links to the record's portal page in each language."""

    def __init__(self, **kwargs) -> None:
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj) -> dict[str, str]:
        request = self.context.get("request")
        links = {}
        for language in LANGUAGES:
            with translation.override(language):
                path = obj.get_absolute_url()
            links[language] = request.build_absolute_uri(path) if request else path
        return links


def model_column(model: type[models.Model], source: str) -> models.Field | None:
    """The model field a serializer field's ``source`` reads, through relations, if any."""
    column = None
    for part in source.split("."):
        if model is None:
            return None
        try:
            column = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = column.related_model
    return column


class OpenDataSerializer(serializers.ModelSerializer):
    """A record as the API gives it: a text left empty is "" in either language, never null.
    (A translation never written is NULL in the database, an emptied first language "": a
    reader of the API should not have to know which.)"""

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if isinstance(model_field, (models.CharField, models.TextField)):
            field_kwargs.pop("allow_null", None)  # the schema says a string, as given
        return field_class, field_kwargs

    @cached_property
    def text_fields(self) -> list[str]:
        """The fields read from text columns, the record's or a related one's
        ("institution.name_en")."""
        return [
            name
            for name, field in self.fields.items()
            if isinstance(
                model_column(self.Meta.model, field.source), (models.CharField, models.TextField)
            )
        ]

    def to_representation(self, instance) -> dict:
        data = super().to_representation(instance)
        for name in self.text_fields:
            if data.get(name) is None:
                data[name] = ""
        return data


PortalLinksField = extend_schema_field(
    {
        "type": "object",
        "properties": {
            "zh-hans": {"type": "string", "format": "uri"},
            "en": {"type": "string", "format": "uri"},
        },
        "required": ["zh-hans", "en"],
    }
)(PortalLinksField)


class UnitRefSerializer(OpenDataSerializer):
    class Meta:
        model = Unit
        fields = ["id", "slug", *both("name")]


class ResearcherRefSerializer(OpenDataSerializer):
    class Meta:
        model = Researcher
        fields = ["id", "slug", *both("name"), "orcid"]


class FieldRefSerializer(OpenDataSerializer):
    class Meta:
        model = ResearchField
        fields = ["id", "slug", *both("name")]


class CountryCodeField(serializers.CharField):
    """A partner country as its ISO 3166-1 alpha-2 code."""

    def to_representation(self, value) -> str:
        return value.country.code if hasattr(value, "country") else str(value)


class InstitutionRefSerializer(OpenDataSerializer):
    country = CountryCodeField(read_only=True)

    class Meta:
        model = Institution
        fields = ["id", "slug", *both("name"), "country", "ror_id"]


class PartnerSerializer(OpenDataSerializer):
    """A partner institution of a project, as InstitutionRefSerializer gives it, with its
    role in the project."""

    id = serializers.IntegerField(source="institution.pk", read_only=True)
    slug = serializers.SlugField(source="institution.slug", read_only=True)
    name_zh_hans = serializers.CharField(source="institution.name_zh_hans", read_only=True)
    name_en = serializers.CharField(source="institution.name_en", read_only=True)
    country = CountryCodeField(source="institution.country", read_only=True)
    ror_id = serializers.CharField(source="institution.ror_id", read_only=True)

    class Meta:
        model = ProjectPartner
        fields = ["id", "slug", *both("name"), "country", "ror_id", "role"]


class ProjectSerializer(OpenDataSerializer):
    lead_unit = UnitRefSerializer(read_only=True)
    principal_investigator = ResearcherRefSerializer(read_only=True, allow_null=True)
    partners = serializers.SerializerMethodField()
    research_fields = FieldRefSerializer(many=True, read_only=True)
    links = PortalLinksField()

    class Meta:
        model = CooperationProject
        fields = [
            "id",
            "slug",
            *both("title", "summary"),
            "kind",
            "status",
            "start_date",
            "end_date",
            "lead_unit",
            "principal_investigator",
            "partners",
            "research_fields",
            *both("funding_source"),
            "funding_amount",
            "currency",
            "featured",
            "published_at",
            "updated_at",
            "links",
        ]

    @extend_schema_field(PartnerSerializer(many=True))
    def get_partners(self, project: CooperationProject) -> list:
        """Its partners with their roles, as its portal page lists them: the lead partner
        first, then by name, in the site's first language whatever the request's, so that
        every client gets the same order."""
        with translation.override(settings.LANGUAGE_CODE):
            partnerships = project.partnerships
        return PartnerSerializer(partnerships, many=True, context=self.context).data


class ProjectDetailSerializer(ProjectSerializer):
    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, *both("body", "outcomes")]


class CountrySerializer(OpenDataSerializer):
    code = serializers.CharField(source="country.code", read_only=True)
    name_zh_hans = serializers.SerializerMethodField()
    name_en = serializers.SerializerMethodField()
    public_project_count = serializers.SerializerMethodField()
    links = PortalLinksField()

    class Meta:
        model = PartnerCountry
        fields = [
            "id",
            "code",
            "name_zh_hans",
            "name_en",
            "region",
            "since_year",
            *both("summary"),
            "public_project_count",
            "links",
        ]

    def _name(self, obj: PartnerCountry, language: str) -> str:
        with translation.override(language):
            return str(obj)

    def get_name_zh_hans(self, obj: PartnerCountry) -> str:
        return self._name(obj, "zh-hans")

    def get_name_en(self, obj: PartnerCountry) -> str:
        return self._name(obj, "en")

    def get_public_project_count(self, obj: PartnerCountry) -> int:
        """From the counts of every country the view keeps (CountryViewSet)."""
        return self.context["project_counts"].get(obj.pk, 0)


class InstitutionSerializer(OpenDataSerializer):
    country = CountryCodeField(read_only=True)
    links = PortalLinksField()

    class Meta:
        model = Institution
        fields = [
            "id",
            "slug",
            *both("name"),
            "country",
            *both("city"),
            "kind",
            "website",
            "ror_id",
            *both("description"),
            "links",
        ]


class ResearchFieldSerializer(OpenDataSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    links = PortalLinksField()

    class Meta:
        model = ResearchField
        fields = ["id", "slug", *both("name"), "parent", *both("description"), "links"]


class UnitSerializer(OpenDataSerializer):
    links = PortalLinksField()

    class Meta:
        model = Unit
        fields = ["id", "slug", *both("name", "short_name", "description"), "website", "links"]


class ResearcherSerializer(OpenDataSerializer):
    """A researcher as the portal's page shows them: never the e-mail address, which stays
    in the back office (the fields are listed, so a new model field is not published)."""

    unit = UnitRefSerializer(read_only=True)
    links = PortalLinksField()

    class Meta:
        model = Researcher
        fields = [
            "id",
            "slug",
            *both("name", "title"),
            "unit",
            "orcid",
            *both("profile"),
            "links",
        ]


class RecipientSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["base", "unit", "researcher", "project"])
    slug = serializers.CharField(allow_null=True)
    name_zh_hans = serializers.CharField(allow_null=True)
    name_en = serializers.CharField(allow_null=True)


class AwardSerializer(OpenDataSerializer):
    recipient = serializers.SerializerMethodField()
    links = PortalLinksField()

    class Meta:
        model = Award
        fields = [
            "id",
            "slug",
            *both("title", "granting_body"),
            "level",
            "year",
            "awarded_on",
            *both("description"),
            "recipient",
            "published_at",
            "links",
        ]

    @extend_schema_field(RecipientSerializer)
    def get_recipient(self, award: Award) -> dict:
        """Who received it; a project shows only while it is public itself."""
        recipient = award.public_recipient
        if isinstance(recipient, Unit):
            return {"type": "unit", "slug": recipient.slug, **names(recipient, "name")}
        if isinstance(recipient, Researcher):
            return {"type": "researcher", "slug": recipient.slug, **names(recipient, "name")}
        if recipient is not None:
            return {"type": "project", "slug": recipient.slug, **names(recipient, "title")}
        unnamed = {"slug": None, "name_zh_hans": None, "name_en": None}
        return {"type": "project" if award.recipient_project_id else "base", **unnamed}


def names(obj, field: str) -> dict[str, str]:
    return {
        "name_zh_hans": getattr(obj, f"{field}_zh_hans"),
        "name_en": getattr(obj, f"{field}_en"),
    }


class CategorySerializer(OpenDataSerializer):
    class Meta:
        model = Category
        fields = ["id", "slug", *both("name")]


class ProjectRefSerializer(OpenDataSerializer):
    class Meta:
        model = CooperationProject
        fields = ["id", "slug", *both("title")]


class ArticleSerializer(OpenDataSerializer):
    category = CategorySerializer(read_only=True)
    related_projects = ProjectRefSerializer(many=True, read_only=True)
    cover_image = serializers.ImageField(
        read_only=True, help_text="The cover image's address (null without one)."
    )
    links = PortalLinksField()

    class Meta:
        model = Article
        fields = [
            "id",
            "slug",
            *both("title", "summary"),
            "category",
            *both("source"),
            "cover_image",
            *both("cover_image_alt"),
            "featured",
            "published_at",
            "updated_at",
            "related_projects",
            "links",
        ]


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, *both("body")]


class AchievementSerializer(OpenDataSerializer):
    link = serializers.CharField(read_only=True, help_text="A paper's DOI link, or the link given.")
    project = ProjectRefSerializer(read_only=True, allow_null=True)
    links = PortalLinksField()

    class Meta:
        model = Achievement
        fields = [
            "id",
            "kind",
            *both("title"),
            "year",
            "identifier",
            "link",
            *both("description"),
            "project",
            "links",
        ]


class ExchangeSerializer(OpenDataSerializer):
    country = CountryCodeField(read_only=True)
    institution = InstitutionRefSerializer(read_only=True, allow_null=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    project = ProjectRefSerializer(read_only=True, allow_null=True)
    links = PortalLinksField()

    class Meta:
        model = Exchange
        fields = [
            "id",
            "kind",
            *both("title"),
            "start_date",
            "end_date",
            "country",
            "institution",
            "unit",
            "project",
            "people_count",
            *both("description"),
            "links",
        ]
