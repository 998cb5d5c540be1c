"""A public record's page says when it last changed (CORDIS's "Last update"): its last save,
or its publication when later, as its sitemap entry dates it."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import override

from tests import factories as f

FACTORIES = [
    f.CooperationProjectFactory,
    f.ArticleFactory,
    f.AwardFactory,
    f.PageFactory,
    f.AchievementFactory,
    f.ExchangeFactory,
]


def page_of(client, record, language: str = "en") -> str:
    with override(language):
        response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    return response.text


@pytest.mark.django_db
@pytest.mark.parametrize("factory", FACTORIES, ids=lambda factory: factory._meta.model.__name__)
def test_a_record_page_says_when_it_was_last_updated(client, factory):
    saved = timezone.now() - timedelta(days=3)
    with time_machine.travel(saved, tick=False):
        record = factory(published_at=saved - timedelta(days=30))
    text = page_of(client, record)
    shown = timezone.localtime(record.updated_at)
    with override("en"):
        day = date_format(shown, "j F Y")
    assert f'Last updated: <time datetime="{shown.isoformat()}">{day}</time>' in text
    with override("zh-hans"):
        chinese = page_of(client, record, "zh-hans")
    assert "最后更新：<time datetime=" in chinese.replace(" <time", "<time")


@pytest.mark.django_db
def test_a_scheduled_record_is_dated_by_the_moment_it_came_due(client):
    now = timezone.now()
    article = f.ArticleFactory(published_at=now + timedelta(hours=1))
    with time_machine.travel(now + timedelta(hours=2), tick=False):
        text = page_of(client, article)
    due = timezone.localtime(article.published_at)
    assert f'<time datetime="{due.isoformat()}">' in text.split("Last updated:")[1]
