"""The change list every admin list (and its export, config.spreadsheets) is made of.

Django's change list answers parameters it cannot apply (an unknown field, a value of the
wrong kind) with ``IncorrectLookupParameters``: the list again, unfiltered (``?e=1``). A few
still ended as a 500: its date hierarchy works out the end of the chosen year, month or day,
which for 9999 is after the last year Python's dates have (``?start_date__year=9999``), and a
moment near year 1 (``?published_at__gte=0001-01-01``) fails only when the list is counted,
having no UTC time. :class:`CheckedChangeList` answers those as the others.
"""

from __future__ import annotations

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.http import HttpRequest


class CheckedChangeList(ChangeList):
    def get_filters(self, request: HttpRequest) -> tuple:
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request: HttpRequest) -> None:
        try:
            super().get_results(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error
