from typing import Any

from django import template
from django.utils.translation import gettext, pgettext

from dashboard.figures import RECORD_KINDS, figure_text

register = template.Library()


@register.filter
def figure(value: Any, signed: bool = False) -> str:
    """A figure as the summary writes it (dashboard.figures.figure_text)."""
    return figure_text(value, signed)


@register.simple_tag(takes_context=True)
def page_title(context, heading: bool = False) -> str:
    """A dashboard page's <title> before the site's name (WCAG 2.4.2), or with ``heading``
    its <h1>: a record list's name and period ("Awards · 2024"); the <title> of a page
    whose period or filter was refused (a 400) is "Error: <name>", as the portal's lists'."""
    dashboard = gettext("Leadership dashboard")
    kind = RECORD_KINDS.get(context.get("kind", ""))
    name = str(kind.title) if kind else dashboard
    if heading:
        period = context.get("period")
        return f"{name} · {period}" if period else name
    form = context.get("form")
    if form is not None and form.errors:
        return pgettext("a page's title", "Error: %(title)s") % {"title": name}
    return f"{page_title(context, heading=True)} · {dashboard}" if kind else name
