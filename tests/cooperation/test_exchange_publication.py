"""Exchanges have the publication workflow (cooperation.0016): a draft, a record in review or
an archived one is on no public surface, a scheduled one comes out when due, and one of a
project readers cannot see stays hidden however it is published."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cooperation.models import Exchange
from cooperation.publication import PublicationStatus as S
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import form_data
from tests.pages import hidden_states, url

pytestmark = pytest.mark.django_db

PEOPLE = 4321  # a total no other record of these tests makes


def surfaces(exchange: Exchange) -> dict[str, tuple[str, str]]:
    """Every public page that shows the exchange, and what it shows of it."""
    title = exchange.title_en
    return {
        "exchanges list": (url("cooperation:exchange-list", "en"), title),
        "exchange page": (url("cooperation:exchange-detail", "en", pk=exchange.pk), title),
        "project page": (
            url("cooperation:project-detail", "en", slug=exchange.project.slug),
            title,
        ),
        "country page": (
            url("cooperation:country-detail", "en", code=exchange.country.code.lower()),
            title,
        ),
        "institution page": (
            url("cooperation:institution-detail", "en", slug=exchange.institution.slug),
            title,
        ),
        "unit page": (url("cooperation:unit-detail", "en", slug=exchange.unit.slug), title),
        "CSV export": (url("cooperation:exchange-export-csv", "en"), title),
        "API list": ("/api/v1/exchanges/", title),
        "sitemap": ("/sitemap-exchanges.xml", f"/exchanges/{exchange.pk}/"),
        "home's people": (url("portal:home", "en"), f"{PEOPLE:,}"),
    }


def an_exchange(**state) -> Exchange:
    institution = f.InstitutionFactory()
    return f.ExchangeFactory(
        title_en="Summer school in Kyoto",
        project=f.CooperationProjectFactory(),
        country=institution.country,
        institution=institution,
        unit=f.UnitFactory(),
        people_count=PEOPLE,
        **state,
    )


def shown_on(client, exchange: Exchange) -> set[str]:
    shown = set()
    for name, (path, marker) in surfaces(exchange).items():
        response = client.get(path)
        assert response.status_code in (200, 404), (name, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code == 200 and marker in body.decode():
            shown.add(name)
    return shown


def test_a_published_exchange_is_on_every_public_surface(client):
    exchange = an_exchange()
    assert shown_on(client, exchange) == set(surfaces(exchange))


@pytest.mark.parametrize("state", hidden_states())
def test_an_exchange_that_is_not_public_is_on_no_public_surface(client, state):
    exchange = an_exchange(**state)
    assert shown_on(client, exchange) == set()
    assert client.get(url("cooperation:exchange-detail", "en", pk=exchange.pk)).status_code == 404


def test_a_published_exchange_of_a_draft_project_stays_hidden(client):
    exchange = an_exchange()
    exchange.project.publication_status = S.DRAFT
    exchange.project.save()
    assert not Exchange.objects.public().exists()
    assert client.get(url("cooperation:exchange-detail", "en", pk=exchange.pk)).status_code == 404


def test_a_scheduled_exchange_comes_out_when_due(client):
    now = timezone.now()
    tomorrow = now + timedelta(days=1)
    exchange = an_exchange(published_at=tomorrow)
    with time_machine.travel(now, tick=False):
        assert shown_on(client, exchange) == set()
    with time_machine.travel(tomorrow + timedelta(seconds=1), tick=False):
        assert shown_on(client, exchange) == set(surfaces(exchange))


def test_staff_preview_a_draft_exchange_and_readers_do_not(client, editor):
    exchange = an_exchange(publication_status=S.DRAFT, published_at=None)
    preview = url("cooperation:exchange-preview", "en", pk=exchange.pk)
    assert client.get(preview).status_code == 404
    client.force_login(editor)
    response = client.get(preview)
    assert response.status_code == 200
    assert "Summer school in Kyoto" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_an_exchange_an_editor_adds_is_a_draft_even_with_a_forged_status(editor, client):
    country = f.PartnerCountryFactory()
    client.force_login(editor)
    add = admin_url(Exchange, "add")
    data = form_data(
        client,
        add,
        kind="conference",
        title_zh_hans="东京会议",
        title_en="A conference in Tokyo",
        start_date="2025-03-01",
        country=str(country.pk),
        people_count="12",
        publication_status=S.PUBLISHED,
        published_at_0="2025-03-01",
        published_at_1="09:00:00",
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    exchange = Exchange.objects.get()
    assert exchange.publication_status == S.DRAFT
    assert not Exchange.objects.public().exists()
