"""Project cards (includes/project_card.html), rendered once and kept.

A card is the same on every page that lists its project (a directory selection, a
country's or a field's page, home), and rendering the twenty of a directory page was a
quarter of its time, loading their partners another tenth. So each project's card is kept
per language while the projects are unchanged: a page reads its projects' ids, then their
cards in one round trip, and loads and renders only the ones not kept.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.template.loader import get_template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from config.content_version import cached_per_item_under_content_version
from cooperation.models import CooperationProject

CARD_TEMPLATE = "includes/project_card.html"


def project_cards(projects: QuerySet) -> list[SafeString]:
    """The cards of these projects (an ordered, sliced queryset), in their order."""
    ids = list(projects.values_list("pk", flat=True))
    cards = cached_per_item_under_content_version(
        f"project-card:{get_language()}", ids, _render_cards, apps={"cooperation"}
    )
    return [cards[pk] for pk in ids]


def _render_cards(ids: list[int]) -> dict[int, SafeString]:
    template = get_template(CARD_TEMPLATE)
    return {
        project.pk: template.render({"project": project})
        for project in CooperationProject.objects.filter(pk__in=ids).with_card_data()
    }
