"""RSS and Atom feeds of public news, one per language (the URL's language prefix). What every
feed of the site shares (read only, entries tagged with their language, a renamed record's
subscribers sent on) is in cooperation/feeds.py."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.feeds import (
    FormerSlugFeedMixin,
    LanguageTaggedAtom1Feed,
    PublicFeed,
    feed_title,
)
from news.models import Article, Category

NEWS = _("News")


class LatestArticlesFeed(PublicFeed):
    title = _("International S&T Cooperation Base: news")
    description = _("The latest news of the international science and technology cooperation base.")

    def link(self) -> str:
        return reverse("news:article-list")

    def items(self):
        return Article.objects.public().with_list_data()[:30]

    def item_categories(self, article: Article) -> list[str]:
        return [article.category.name]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = LanguageTaggedAtom1Feed
    subtitle = LatestArticlesFeed.description


class CategoryArticlesFeed(FormerSlugFeedMixin, LatestArticlesFeed):
    """The public news of one category (``/news/category/<slug>/feed/rss/``)."""

    slug_records = Category.objects.all()

    def get_object(self, request, slug: str) -> Category:
        return get_object_or_404(Category, slug=slug)

    def title(self, category: Category) -> str:
        return feed_title(NEWS, category.name)

    def link(self, category: Category) -> str:
        return category.get_absolute_url()

    def items(self, category: Category):
        return Article.objects.public().in_category(category).with_list_data()[:30]


class CategoryArticlesAtomFeed(CategoryArticlesFeed):
    feed_type = LanguageTaggedAtom1Feed
    subtitle = LatestArticlesFeed.description
