from modeltranslation.translator import TranslationOptions, register

from portal.models import Page


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("zh-hans",)
