from modeltranslation.translator import TranslationOptions, register

from news.models import Article, Category, Image, Topic


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


# As the cover image's: the Chinese description is required, the English one optional (an
# English body gets the Chinese one while it is empty, Image.description_in).
@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt_text",)
    required_languages = ("zh-hans",)
