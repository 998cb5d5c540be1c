"""The staff preview of an article: the article page, over every state (see cooperation/preview.py)."""

from cooperation.preview import PreviewMixin
from news.models import Article
from news.views import ArticleDetailView


class ArticlePreviewView(PreviewMixin, ArticleDetailView):
    model = Article
