"""Record cards (a project or an article in a list), rendered once and kept.

A card is the same on every page that lists its record (a directory selection, a country's
page, a news category, home), and rendering a list page's cards, with the related rows
they show, was half its work. So each record's card is kept per language under its app's
content version: a page reads its records' ids, then their cards in one round trip, and
loads and renders only the ones not kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model, QuerySet
from django.template.loader import get_template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from config.content_version import cached_per_item_under_content_version


def kept_cards(
    records: QuerySet | Iterable[Model],
    model: type[Model],
    template_name: str,
    context_name: str,
) -> list[SafeString]:
    """The cards of these records of ``model`` (an ordered, sliced queryset, or rows already
    read), in their order. The cards not kept are loaded with the model queryset's
    ``with_card_data()``, what the card shows; a card shows only records of the model's
    app, whose changes make it stale."""
    if isinstance(records, QuerySet):
        ids = list(records.values_list("pk", flat=True))
    else:
        ids = [record.pk for record in records]

    def render(missing: list[int]) -> dict[int, SafeString]:
        template = get_template(template_name)
        loaded = model._default_manager.filter(pk__in=missing).with_card_data()
        return {record.pk: template.render({context_name: record}) for record in loaded}

    cards = cached_per_item_under_content_version(
        f"card:{template_name}:{get_language()}", ids, render, apps={model._meta.app_label}
    )
    return [cards[pk] for pk in ids if pk in cards]
