"""Password-reset mails are limited: per e-mail address and per client, the page unchanged."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories as f


def ask(client, email: str, *, ip: str = "10.0.0.1"):
    return client.post(reverse("accounts:password-reset"), {"email": email}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_one_address_gets_a_few_reset_mails_an_hour_and_then_none(client, settings):
    settings.PASSWORD_RESET_MAILS_PER_ADDRESS = 3
    f.UserFactory(username="leader", email="leader@example.org")
    answers = [ask(client, "leader@example.org", ip=f"10.0.0.{n}") for n in range(1, 7)]
    # From six addresses (one script, many machines), the inbox still gets three.
    assert len(mail.outbox) == 3
    # The page is the same before and after the limit: it tells nobody what happened.
    assert {answer.status_code for answer in answers} == {302}
    assert {answer["Location"] for answer in answers} == {reverse("accounts:password-reset-done")}
    # The count is by address, whatever its case.
    ask(client, "LEADER@example.org", ip="10.0.0.9")
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_one_client_cannot_mail_every_account_in_turn(client, settings):
    settings.PASSWORD_RESET_REQUESTS_PER_CLIENT = 4
    for n in range(6):
        f.UserFactory(username=f"user{n}", email=f"user{n}@example.org")
    for n in range(6):
        assert ask(client, f"user{n}@example.org")["Location"] == reverse(
            "accounts:password-reset-done"
        )
    assert len(mail.outbox) == 4
    # Another client is not held up by the first.
    ask(client, "user5@example.org", ip="10.0.0.2")
    assert len(mail.outbox) == 5
    assert mail.outbox[-1].to == ["user5@example.org"]
