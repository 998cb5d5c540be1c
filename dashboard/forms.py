"""The period a summary covers: validated, so bad input is a form error, never a 500."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from cooperation.validators import FIRST_YEAR, LAST_YEAR
from dashboard.figures import RECORD_KINDS, Period, default_period

YEAR = {"min_value": FIRST_YEAR, "max_value": LAST_YEAR, "required": False}


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
            # The until-year's error, as on the portal's lists: that field is marked
            # (aria-invalid) and the message stands beside it.
            self.add_error("year_to", _("The first year must not be after the last year."))
            return cleaned
        self.period = Period(first, last)
        return cleaned

    @property
    def period_refused(self) -> bool:
        """Whether the period itself was refused: a link back to the summary leaves it behind
        (the summary would refuse it too), where one for another filter's error keeps it."""
        return not {"year_from", "year_to", NON_FIELD_ERRORS}.isdisjoint(self.errors)

    @property
    def only_the_period_is_wrong(self) -> bool:
        """Whether every error is the period's (its years, or their order), not another
        filter's: the errors are introduced as the period's, or as the filters'."""
        return set(self.errors) <= {"year_from", "year_to", NON_FIELD_ERRORS}


class RecordsForm(PeriodForm):
    """A drill-down list: the period, and optionally one level or kind, named for what the
    records have (an award's level, an achievement's kind); records that have neither (the
    news) have no such filter."""

    group = forms.ChoiceField(required=False)

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        record_kind = RECORD_KINDS[kind]
        if not record_kind.choices:
            del self.fields["group"]
            return
        self.fields["group"].label = record_kind.group_label
        self.fields["group"].choices = [("", _("All")), *record_kind.choices]
