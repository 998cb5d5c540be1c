from modeltranslation.translator import TranslationOptions, register

from news.models import Article, Category, Topic


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans",)


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "source", "cover_image_alt")
    required_languages = ("zh-hans",)


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("zh-hans",)
