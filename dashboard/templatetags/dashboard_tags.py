from typing import Any

from django import template

from dashboard.figures import figure_text

register = template.Library()


@register.filter
def figure(value: Any, signed: bool = False) -> str:
    """A figure as the summary writes it (dashboard.figures.figure_text)."""
    return figure_text(value, signed)
