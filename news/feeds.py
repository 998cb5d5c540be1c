"""RSS and Atom feeds of public news, one per language (the URL's language prefix)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from cooperation.addresses import redirect_to_moved
from cooperation.models import language_shown
from news.models import Article, Category

NEWS = _("News")


class LanguageTaggedAtom1Feed(Atom1Feed):
    """Atom whose entries in another language than the feed's say which (``xml:lang`` on the
    entry, from the item's ``language``): an article not yet translated is in the English
    feed with its Chinese title and summary, and a reader's voice or fonts follow the
    feed's ``xml:lang`` otherwise. RSS 2.0 has a language for the channel only."""

    def item_attributes(self, item: dict) -> dict[str, str]:
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class LatestArticlesFeed(Feed):
    title = _("International S&T Cooperation Base: news")
    description = _("The latest news of the international science and technology cooperation base.")
    # Read only, as every public page (config.methods): the feed answers GET and HEAD, any
    # other method a 405 rather than the CSRF check's 403 or, for TRACE, the whole feed.
    # CsrfViewMiddleware reads the exemption off the view, which is the feed itself.
    csrf_exempt = True

    @method_decorator(require_safe)
    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return super().__call__(request, *args, **kwargs)

    def link(self) -> str:
        return reverse("news:article-list")

    def items(self):
        return Article.objects.public().with_list_data()[:30]

    def item_title(self, article: Article) -> str:
        return article.title

    def item_description(self, article: Article) -> str:
        return article.summary

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return article.updated_at

    def item_categories(self, article: Article) -> list[str]:
        return [article.category.name]

    def item_extra_kwargs(self, article: Article) -> dict[str, str]:
        """The entry's language, when its title and summary are both shown in another one
        than the feed's (modeltranslation's fallback). One attribute covers the whole
        entry, and Django's feed writer gives its title and summary none of their own: where
        the two differ, no language would be right for both, and the entry keeps the
        feed's."""
        feed_language = get_language()
        title = language_shown(article, "title", feed_language)
        summary = language_shown(article, "summary", feed_language) if article.summary else title
        return {"language": title} if title == summary != feed_language else {}


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = LanguageTaggedAtom1Feed
    subtitle = LatestArticlesFeed.description


class CategoryArticlesFeed(LatestArticlesFeed):
    """The public news of one category (``/news/category/<slug>/feed/rss/``)."""

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            # A renamed category's subscribers are sent, for good, to its feed's new address.
            view_name = request.resolver_match.view_name
            moved = redirect_to_moved(
                request,
                Category.objects.all(),
                kwargs["slug"],
                lambda category: reverse(view_name, kwargs={"slug": category.slug}),
            )
            if moved is None:
                raise
            return moved

    def get_object(self, request, slug: str) -> Category:
        return get_object_or_404(Category, slug=slug)

    def title(self, category: Category) -> str:
        # As the site's page titles join their parts, in either language: no colons that
        # one language writes full-width and the other not.
        return " · ".join([str(settings.SITE_NAME), str(NEWS), category.name])

    def link(self, category: Category) -> str:
        return f"{reverse('news:article-list')}?category={category.slug}"

    def items(self, category: Category):
        return Article.objects.public().in_category(category).with_list_data()[:30]


class CategoryArticlesAtomFeed(CategoryArticlesFeed):
    feed_type = LanguageTaggedAtom1Feed
    subtitle = LatestArticlesFeed.description
