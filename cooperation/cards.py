"""Project cards (includes/project_card.html), kept per project and language (config.cards)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from config.cards import kept_cards
from cooperation.models import CooperationProject


def project_cards(projects: QuerySet) -> list[SafeString]:
    """The cards of these projects (an ordered, sliced queryset), in their order."""
    return kept_cards(projects, CooperationProject, "includes/project_card.html", "project")
