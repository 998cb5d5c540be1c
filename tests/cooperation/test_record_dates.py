"""A record's dates fall in the years the portal's filters offer, 1900 to 2100
(cooperation.validators): the back office's forms and the spreadsheet import refuse others
with a message naming the range, where year 1 crashed saving (a time with no UTC equivalent)
and year 9999 the change list's date hierarchy and the portal's year filter."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from cooperation import models as m
from cooperation.validators import FIRST_YEAR, LAST_YEAR
from portal.models import Page
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data
from tests.cooperation.test_import import project_rows, reference  # noqa: F401
from tests.cooperation.test_import_errors import check, listed_problems
from tests.staff import PUBLISHABLE_RECORDS, client_of

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Enter a date between 1900-01-01 and 2100-12-31."
PUBLISHED_RECORDS = [*PUBLISHABLE_RECORDS, pytest.param(Page, f.PageFactory, id="page")]
DATED_FIELDS = [
    *(pytest.param(*param.values, "published_at", id=param.id) for param in PUBLISHED_RECORDS),
    pytest.param(m.CooperationProject, f.CooperationProjectFactory, "start_date", id="start"),
    pytest.param(m.CooperationProject, f.CooperationProjectFactory, "end_date", id="end"),
    pytest.param(m.Award, f.AwardFactory, "awarded_on", id="awarded"),
    pytest.param(m.Exchange, f.ExchangeFactory, "start_date", id="exchange-start"),
    pytest.param(m.Exchange, f.ExchangeFactory, "end_date", id="exchange-end"),
]


def value_on(model, field_name: str, day: datetime.date):
    """``day`` as the field holds it: a date, or midnight of it where the base is."""
    if isinstance(model._meta.get_field(field_name), m.models.DateTimeField):
        return datetime.datetime.combine(
            day, datetime.time(), tzinfo=timezone.get_current_timezone()
        )
    return day


def test_the_range_is_the_portal_filters():
    from cooperation.filters import YEAR_FIELD

    assert (
        (YEAR_FIELD["min_value"], YEAR_FIELD["max_value"])
        == (FIRST_YEAR, LAST_YEAR)
        == (
            1900,
            2100,
        )
    )


@pytest.mark.parametrize(("model", "factory", "field_name"), DATED_FIELDS)
@pytest.mark.parametrize(
    "day", [datetime.date(1, 1, 1), datetime.date(1899, 12, 31), datetime.date(2101, 1, 1)]
)
def test_a_date_outside_the_range_is_refused(model, factory, field_name, day):
    record = factory()
    setattr(record, field_name, value_on(model, field_name, day))

    with pytest.raises(ValidationError) as refused:
        record.full_clean()

    # Beside any of the record's own rules (an end before its start, a day of another year);
    # worded when read, so read in English.
    with translation.override("en"):
        assert OUT_OF_RANGE in refused.value.message_dict[field_name]


@pytest.mark.parametrize(
    ("model", "factory", "field_name", "day"),
    [
        pytest.param(*param.values, day, id=f"{param.id}-{day}")
        for param in DATED_FIELDS
        for day in (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))
        # An award is of a year gone by (Award.clean), never of 2100.
        if not (param.id == "awarded" and day.year == 2100)
    ],
)
def test_the_ranges_first_and_last_days_are_taken(model, factory, field_name, day):
    record = factory()
    if field_name == "end_date":
        record.start_date = day
    if field_name == "awarded_on":
        record.year = day.year
    setattr(record, field_name, value_on(model, field_name, day))

    record.full_clean()


@pytest.mark.parametrize(("model", "factory"), PUBLISHED_RECORDS)
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_publisher_giving_a_publication_time_out_of_range_gets_a_form_error(
    publisher, model, factory, day
):
    record = factory()
    client = client_of(publisher)
    change = admin_url(model, "change", record.pk)

    response = client.post(
        change, form_data(client, change, published_at_0=day, published_at_1="00:00:00")
    )

    assert errors_shown(response) == {"published_at": [OUT_OF_RANGE]}
    record.refresh_from_db()
    assert record.published_at.year not in (1, 9999)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_exchange_starting_out_of_range_is_a_form_error(publisher, day):
    country = f.PartnerCountryFactory()
    client = client_of(publisher)
    add = admin_url(m.Exchange, "add")
    data = form_data(
        client,
        add,
        kind="conference",
        title_zh_hans="东京会议",
        title_en="A conference in Tokyo",
        start_date=day,
        country=str(country.pk),
        people_count="12",
    )

    response = client.post(add, data)

    assert errors_shown(response) == {"start_date": [OUT_OF_RANGE]}
    assert not m.Exchange.objects.exists()


@pytest.mark.usefixtures("reference")
def test_an_imported_date_out_of_range_is_a_row_error(admin_client):
    dataset = project_rows(2, {1: {"start_date": "9999-12-31"}})

    response = check(admin_client, m.CooperationProject, dataset)

    assert listed_problems(response) == [f"Row 3, column start_date: {OUT_OF_RANGE}"]
