"""Article cards (includes/article_card.html), kept per article and language (config.cards)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from config.cards import kept_cards
from news.models import Article


def article_cards(articles: QuerySet | Iterable[Article]) -> list[SafeString]:
    """The cards of these articles (an ordered, sliced queryset, or rows), in their order."""
    return kept_cards(articles, Article, "includes/article_card.html", "article")
