"""A date the back office cannot read is answered with an example of one it can, in the
user's language (config.admin_dates), where Django said only "Enter a valid date."."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib import admin
from django.db import models

from config.admin_dates import ExampleDateField, ExampleSplitDateTimeField
from cooperation.models import Award, CooperationProject
from cooperation.publication import PublicationStatus as S
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data

pytestmark = pytest.mark.django_db

# Noon in Shanghai: the example is the base's day.
TODAY = datetime(2026, 12, 7, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

# Each language's error, and its example written as its date box writes a date (its first
# DATE_INPUT_FORMATS): ISO in English, with slashes in Chinese.
MESSAGES = [
    ("en", "Enter a valid date, such as 2026-12-07.", "2026-12-07"),
    ("zh-hans", "请输入有效日期，例如 2026/12/07。", "2026/12/07"),
]


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", ["2026-12-07", "7 December 2026", "7 Dec 2026", "December 7, 2026"]),
        # Django's own Chinese form of it ("%Y年%n月%j日") read no date (config/formats).
        ("zh-hans", ["2026/12/07", "2026-12-07", "2026年12月7日", "2026年12月07日"]),
    ],
)
def test_the_dates_each_language_reads(admin_client, language, typed):
    project = f.CooperationProjectFactory(start_date=date(2025, 1, 1), end_date=None)
    change = admin_url(CooperationProject, "change", project.pk)
    for text in typed:
        data = form_data(admin_client, change, start_date=text)
        response = admin_client.post(change, data, headers={"accept-language": language})
        assert response.status_code == 302, text
        project.refresh_from_db()
        assert project.start_date == date(2026, 12, 7), text
        project.start_date = date(2025, 1, 1)
        project.save()


@pytest.mark.parametrize("typed", ["12/07/2026", "07/12/2026", "12/07/26"])
def test_an_english_date_with_slashes_is_refused_not_read_month_first(admin_client, typed):
    """07/12/2026 is 7 December to most of the base's partners and 12 July to Django's
    American default, which saved it with no word: refused, the error gives an example."""
    project = f.CooperationProjectFactory(start_date=date(2025, 1, 1), end_date=None)
    change = admin_url(CooperationProject, "change", project.pk)
    with time_machine.travel(TODAY, tick=False):
        data = form_data(admin_client, change, start_date=typed)
        response = admin_client.post(change, data, headers={"accept-language": "en"})
        errors = errors_shown(response)
    assert errors["start_date"] == ["Enter a valid date, such as 2026-12-07."]
    project.refresh_from_db()
    assert project.start_date == date(2025, 1, 1)


def test_every_admin_takes_the_date_fields_with_an_example():
    """Every admin, whatever it is built from (the accounts' and the domain's alike),
    registered after the defaults were set (config.apps)."""
    for model, model_admin in admin.site._registry.items():
        overrides = model_admin.formfield_overrides
        assert overrides[models.DateField]["form_class"] is ExampleDateField, model
        assert overrides[models.DateTimeField]["form_class"] is ExampleSplitDateTimeField, model


@pytest.mark.parametrize(("language", "message", "example"), MESSAGES)
def test_a_wrong_date_is_answered_with_an_example_in_the_users_language(
    admin_client, language, message, example
):
    project = f.CooperationProjectFactory(start_date=date(2025, 1, 1), end_date=None)
    change = admin_url(CooperationProject, "change", project.pk)
    headers = {"accept-language": language}
    with time_machine.travel(TODAY, tick=False):
        data = form_data(admin_client, change, start_date="07.12.2026")
        errors = errors_shown(admin_client.post(change, data, headers=headers))
        assert errors["start_date"] == [message]

        # The example is a date the field reads.
        data = form_data(admin_client, change, start_date=example)
        response = admin_client.post(change, data, headers=headers)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.start_date == date(2026, 12, 7)


@pytest.mark.parametrize(("language", "message", "example"), MESSAGES)
def test_a_new_records_date_and_a_publication_moments_date_say_it_too(
    admin_client, language, message, example
):
    """An award's day on its add form; the date of a record's publication moment (a date
    and a time, whose time Django's own message covers)."""
    add = admin_url(Award, "add")
    headers = {"accept-language": language}
    with time_machine.travel(TODAY, tick=False):
        data = form_data(
            admin_client,
            add,
            title_zh_hans="奖项",
            slug="an-award",
            year="2026",
            awarded_on="2026.12.07",
            publication_status=S.DRAFT,
            published_at_0="next week",
            published_at_1="09:00",
        )
        errors = errors_shown(admin_client.post(add, data, headers=headers))
    assert errors["awarded_on"] == [message]
    assert errors["published_at"] == [message]
