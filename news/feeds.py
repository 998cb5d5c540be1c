"""RSS and Atom feeds of public news, one per language (the URL's language prefix)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from cooperation.addresses import redirect_to_moved
from news.models import Article, Category

NEWS = _("News")


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


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
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
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
