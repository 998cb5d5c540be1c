from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value: Any, signed: bool = False) -> str:
    """A number with grouped thousands (two decimals for amounts that have cents);
    ``signed`` puts a + before increases."""
    if not isinstance(value, int | float | Decimal):
        return "" if value is None else str(value)
    places = 2 if isinstance(value, Decimal | float) and value != int(value) else 0
    text = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    return f"+{text}" if signed and value > 0 else text
