"""Public news pages."""

from django.views.generic import DetailView, ListView

from config.methods import ReadOnlyViewMixin
from cooperation.filters import one_value_named
from cooperation.views import (
    FormerSlugsInFiltersMixin,
    FormerSlugsMixin,
    InvalidFiltersAre400Mixin,
    KeptPagesMixin,
    refused_filters,
)
from news.cards import article_cards
from news.filters import ArticleFilter, filter_fields_html
from news.models import Article, Category, Topic, load_page_relations


class PublicArticlesMixin:
    """Every public news page starts from the one publication rule."""

    def records(self):
        # The staff preview (news/preview.py) swaps this for all records.
        return Article.objects.public()

    def get_queryset(self):
        return self.records().with_list_data()


class ArticleListView(
    ReadOnlyViewMixin,
    FormerSlugsInFiltersMixin,
    InvalidFiltersAre400Mixin,
    PublicArticlesMixin,
    KeptPagesMixin,
    ListView,
):
    """Public news, newest first, filterable by category, topic and year. A selection's
    count and its deep pages' anchors are kept (``KeptPagesMixin``): counting them, or
    walking to page 12,000, costs a scan at scale."""

    template_name = "news/article_list.html"
    context_object_name = "articles"
    # The records the page shows: its cached copy survives changes to any other (portal.cache).
    content_apps = {"news"}
    list_name = "articles"
    paginate_by = 10
    slug_filters = {"category": Category, "topic": Topic}

    def get_queryset(self):
        self.filterset = ArticleFilter(self.request.GET, queryset=super().get_queryset())
        if not self.filterset.is_valid():
            return Article.objects.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        cleaned = getattr(form, "cleaned_data", {}) if not form.errors else {}
        context["article_cards"] = article_cards(context["articles"])
        context["filter_form"] = form
        context["filter_fields"] = filter_fields_html(self.filterset)
        context["filtered"] = any(cleaned.get(name) for name in ("category", "topic", "year"))
        # The chosen category's own feeds are offered beside the language's.
        context["feed_category"] = self.filterset.chosen("category") if cleaned else None
        context["breadcrumb_steps"] = self.breadcrumb_steps(context["feed_category"], cleaned)
        context["filter_errors"] = refused_filters(form, form.fields)
        context["title_filter"] = one_value_named(form)
        return context

    def breadcrumb_steps(self, category, cleaned: dict) -> list[tuple[str, str | None]]:
        """The trail below News of a list narrowed to a category, a topic or both
        (News › Events › Talent training): each step's name and address, the page's own
        last and unlinked. None for the whole news."""
        topic = self.filterset.chosen("topic") if cleaned else None
        steps = []
        if category is not None:
            steps.append((category.name, Category(slug=category.slug).get_absolute_url()))
        if topic is not None:
            steps.append((topic.name, None))
        if steps:
            steps[-1] = (steps[-1][0], None)
        return steps


class ArticleDetailView(ReadOnlyViewMixin, FormerSlugsMixin, PublicArticlesMixin, DetailView):
    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return super().get_queryset().with_page_links()

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        load_page_relations(article)
        return article
