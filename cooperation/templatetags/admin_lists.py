"""The back office's date hierarchy, whose years come from the date's index (admin_lists)."""

from __future__ import annotations

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.contrib.admin.utils import get_fields_from_path

from cooperation.admin_lists import hierarchy_years

register = template.Library()


def date_hierarchy_by_index(cl) -> dict | None:
    """Django's date hierarchy, except that its years come from the date's index or from a
    narrowed list's few rows (hierarchy_years), not from ``DISTINCT`` over every row of the
    list. Once a year is chosen, Django reads only that year's rows."""
    field_name = cl.date_hierarchy
    field_generic = f"{field_name}__"
    if any(key.startswith(field_generic) for key in cl.params):
        return date_hierarchy(cl)
    years = hierarchy_years(cl)
    if years is None:
        return date_hierarchy(cl)
    year_field = f"{field_name}__year"
    return {
        "show": True,
        "back": None,
        "choices": [
            {
                "link": cl.get_query_string({year_field: str(year)}, [field_generic]),
                "title": str(year),
            }
            for year in years
        ],
        "field_name": get_fields_from_path(cl.model, field_name)[-1].verbose_name,
    }


@register.tag(name="date_hierarchy_by_index")
def date_hierarchy_by_index_tag(parser, token):
    # Rendered through admin/date_hierarchy.html, per model or app where one overrides it.
    return InclusionAdminNode(
        "date_hierarchy",
        parser,
        token,
        func=date_hierarchy_by_index,
        template_name="date_hierarchy.html",
        takes_context=False,
    )
