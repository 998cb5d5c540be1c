"""Dates typed in the back office: a date the field cannot read is answered with an example
of one it can, in the user's language ("Enter a valid date, such as 2026-12-07.",
"请输入有效日期，例如 2026/12/07。"), where Django said only "Enter a valid date.".

The example is today written in the language's first date input format
(settings.FORMAT_MODULE_PATH, Django's formats): the form the admin's date box shows a
stored date in and its calendar writes, so it is always one the field reads (English
2026-12-07; Chinese 2026/12/07, and 2026-12-07 too, as every language reads ISO dates).

Every admin's date fields and the date of every date and time (a record's publication
moment) take these form fields: Django's admin gives them through the defaults of
``formfield_overrides`` (``FORMFIELD_FOR_DBFIELD_DEFAULTS``), which each admin copies when it
is registered, so ``use_in_every_admin`` runs before any is (config.apps).
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.functional import lazy
from django.utils.translation import gettext


def date_example() -> str:
    """Today as the active language's date box writes it."""
    return timezone.localdate().strftime(get_format("DATE_INPUT_FORMATS")[0])


def _invalid_date_message() -> str:
    return gettext("Enter a valid date, such as %(example)s.") % {"example": date_example()}


# Worked out each time it is shown: in the language and on the day of the request.
INVALID_DATE = lazy(_invalid_date_message, str)()


class ExampleDateField(forms.DateField):
    """A date field whose error gives an example of a date it reads."""

    default_error_messages = {**forms.DateField.default_error_messages, "invalid": INVALID_DATE}


class ExampleSplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date and time field, its date's error giving an example."""

    default_error_messages = {
        **forms.SplitDateTimeField.default_error_messages,
        "invalid_date": INVALID_DATE,
    }


def use_in_every_admin() -> None:
    """Make these the date fields of every admin registered from now on, inlines too."""
    from django.contrib.admin import options

    defaults = options.FORMFIELD_FOR_DBFIELD_DEFAULTS
    defaults[models.DateField] = {**defaults[models.DateField], "form_class": ExampleDateField}
    defaults[models.DateTimeField] = {
        **defaults[models.DateTimeField],
        "form_class": ExampleSplitDateTimeField,
    }
