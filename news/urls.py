from django.urls import path

from news import feeds, preview, views

app_name = "news"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article-list"),
    path("feed/rss/", feeds.LatestArticlesFeed(), name="feed-rss"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("category/<slug:slug>/feed/rss/", feeds.CategoryArticlesFeed(), name="category-feed-rss"),
    path(
        "category/<slug:slug>/feed/atom/",
        feeds.CategoryArticlesAtomFeed(),
        name="category-feed-atom",
    ),
    path("preview/<int:pk>/", preview.ArticlePreviewView.as_view(), name="article-preview"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
]
