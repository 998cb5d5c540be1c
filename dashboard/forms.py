"""The period a summary covers: validated, so bad input is a form error, never a 500."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dashboard.figures import RECORD_KINDS, Period, default_period

YEAR = {"min_value": 1900, "max_value": 2100, "required": False}


class PeriodForm(forms.Form):
    year_from = forms.IntegerField(label=_("From year"), **YEAR)
    year_to = forms.IntegerField(label=_("To year"), **YEAR)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        first, last = cleaned.get("year_from"), cleaned.get("year_to")
        if first is None and last is None:
            self.period = default_period()
            return cleaned
        # One year given: that single year.
        first, last = first or last, last or first
        if first > last:
            raise forms.ValidationError(_("The first year must not be after the last year."))
        self.period = Period(first, last)
        return cleaned


class RecordsForm(PeriodForm):
    """A drill-down list: the period, and optionally one level or kind."""

    group = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = RECORD_KINDS[kind].choices or []
        self.fields["group"].choices = [("", _("All")), *choices]
