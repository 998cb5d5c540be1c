"""Translated content fields (django-modeltranslation: one column per language)."""

from modeltranslation.translator import TranslationOptions, register

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


@register(PartnerCountry)
class PartnerCountryTranslation(TranslationOptions):
    fields = ("summary",)


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name", "city", "description")
    required_languages = ("zh-hans",)


@register(ResearchField)
class ResearchFieldTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("zh-hans",)


@register(Unit)
class UnitTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")
    required_languages = ("zh-hans",)


@register(Researcher)
class ResearcherTranslation(TranslationOptions):
    fields = ("name", "title", "profile")
    required_languages = ("zh-hans",)


@register(CooperationProject)
class CooperationProjectTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "funding_source", "outcomes", "cover_image_alt")
    required_languages = ("zh-hans",)


@register(Award)
class AwardTranslation(TranslationOptions):
    fields = ("title", "granting_body", "description")
    required_languages = ("zh-hans",)


@register(Achievement)
class AchievementTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("zh-hans",)


@register(Exchange)
class ExchangeTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("zh-hans",)
