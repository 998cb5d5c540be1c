"""Every admin list and its export answer parameters they cannot apply (an unknown field, a
tracking parameter, a value of the wrong kind, a year past 9999's end) as Django's change list
does: the list unfiltered (``?e=1``), never a 500 (config.admin_lists, config.spreadsheets)."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG
from django.db import connection, models
from django.utils import translation

from cooperation.models import Exchange
from tests import factories as f
from tests.admin_helpers import admin_url, registered_models
from tests.staff import client_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # A user for each of these many tests: a real password hash would take most of their time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_client(admin_client):
    """The superuser's browser, asking for English: the refusal is worded when it is sent."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


REFUSED = (
    "The list cannot be filtered as this export's address asks, so nothing was exported. "
    "Filter the list again, then export it."
)


def first_field(model: type[models.Model], kind: type[models.Field]) -> str | None:
    return next(
        (field.name for field in model._meta.concrete_fields if isinstance(field, kind)), None
    )


def odd_queries() -> list:
    """(model, query) for every admin list: an unknown field, a tracking parameter, a bad
    number, a bad list of numbers, and on those with a date a bad date and a moment before
    UTC's first, and on those with a date hierarchy its year 9999."""
    cases = []
    for model in registered_models():
        queries = {
            "unknown field": "?foo=bar",
            "tracking": "?utm_source=mail",
            "bad number": "?pk__gt=abc",
            "bad list": "?pk__in=1,abc",
        }
        if day := first_field(model, models.DateField):  # a DateTimeField is one too
            queries["bad date"] = f"?{day}__gte=2025-13-01"
        if moment := first_field(model, models.DateTimeField):
            queries["before UTC"] = f"?{moment}__gte=0001-01-01T00:00%2B08:00"
        if hierarchy := admin.site._registry[model].date_hierarchy:
            queries["year 9999"] = f"?{hierarchy}__year=9999"
            queries["9999-12-31"] = (
                f"?{hierarchy}__year=9999&{hierarchy}__month=12&{hierarchy}__day=31"
            )
        cases += [
            pytest.param(model, query, id=f"{model._meta.label}-{name}")
            for name, query in queries.items()
        ]
    return cases


def export_form(page) -> dict:
    """What the export page posts with every column ticked, as CSV."""
    fields = page.context["form"].fields
    ticked = {name: "on" for name, field in fields.items() if isinstance(field, forms.BooleanField)}
    return {"format": "1", "resource": "0", **ticked}


def may_export(user, model: type[models.Model]) -> bool:
    return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")


def assert_refused_as_the_list(client, response, model: type[models.Model]) -> list[str]:
    """The messages of the unfiltered list the answer sends to."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == f"{admin_url(model, 'changelist')}?{ERROR_FLAG}=1"
    with translation.override("en"):
        page = client.get(response["Location"])
        assert page.status_code == 200
        return [str(message) for message in page.context["messages"]]


def taken_by_the_database(query: str) -> bool:
    """A moment in year 1 is one PostgreSQL takes (its dates reach 4713 BC, and psycopg
    sends the moment with its offset), so the list is filtered by it; SQLite's adapter
    turns it into UTC first, which Python cannot (before year 1)."""
    return "0001-01-01" in query and connection.vendor == "postgresql"


@pytest.mark.parametrize(("model", "query"), odd_queries())
def test_an_export_with_parameters_the_list_cannot_apply_shows_the_list(admin_client, model, query):
    response = admin_client.get(admin_url(model, "export") + query)

    if response.status_code == 200:  # applied as SQL only (a moment before UTC's first)
        response = admin_client.post(admin_url(model, "export") + query, export_form(response))
    if taken_by_the_database(query):
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        return
    assert assert_refused_as_the_list(admin_client, response, model) == [REFUSED]


@pytest.mark.parametrize(("model", "query"), odd_queries())
def test_an_editor_exporting_with_odd_parameters_gets_no_500(editor, model, query):
    client = client_of(editor)

    response = client.get(admin_url(model, "export") + query)

    if not may_export(editor, model):
        assert response.status_code == 403
    elif response.status_code == 200:
        response = client.post(admin_url(model, "export") + query, export_form(response))
        if taken_by_the_database(query):
            assert response.status_code == 200
        else:
            assert_refused_as_the_list(client, response, model)
    else:
        assert_refused_as_the_list(client, response, model)


@pytest.mark.parametrize(
    ("model", "query"),
    [case for case in odd_queries() if case.id.endswith(("before UTC", "year 9999", "9999-12-31"))],
)
def test_the_list_itself_with_a_date_it_cannot_apply_shows_itself_unfiltered(
    admin_client, model, query
):
    """Django's change list answered these with a 500 (config.admin_lists)."""
    response = admin_client.get(admin_url(model, "changelist") + query)

    if taken_by_the_database(query):
        assert response.status_code == 200
        return
    assert_refused_as_the_list(admin_client, response, model)


def test_an_export_the_list_can_filter_is_still_made(admin_client):
    f.ExchangeFactory(title_en="Kept", start_date=datetime.date(2024, 5, 1))
    f.ExchangeFactory(title_en="Filtered out", start_date=datetime.date(2023, 5, 1))

    response = admin_client.post(
        admin_url(Exchange, "export") + "?start_date__year=2024",
        {"format": "1", "resource": "0", "exchangeresource_title_en": "on"},
    )

    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "Kept" in text and "Filtered out" not in text


def test_a_stored_date_in_year_9999_leaves_its_list_and_hierarchy_working(admin_client):
    """Records stored before dates were bounded (cooperation.validators): the hierarchy
    offers their year, and choosing it shows the list unfiltered, not a 500."""
    f.ExchangeFactory(start_date=datetime.date(9999, 12, 31))

    assert admin_client.get(admin_url(Exchange, "changelist")).status_code == 200
    response = admin_client.get(admin_url(Exchange, "changelist") + "?start_date__year=9999")

    assert_refused_as_the_list(admin_client, response, Exchange)
