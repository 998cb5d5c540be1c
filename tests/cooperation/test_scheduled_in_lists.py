"""A scheduled record looks scheduled in the back office's lists: its status says from when
readers see it, and a filter finds the scheduled ones (cooperation.admin_workflow)."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cooperation.models import Award, CooperationProject
from news.models import Article
from portal.models import Page
from tests import factories as f
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "model"),
    [
        (f.CooperationProjectFactory, CooperationProject),
        (f.AwardFactory, Award),
        (f.ArticleFactory, Article),
        (f.PageFactory, Page),
    ],
)
def test_a_scheduled_record_says_when_it_goes_public_and_is_found_as_such(
    admin_user, factory, model
):
    client = Client(headers={"accept-language": "en"})
    client.force_login(admin_user)
    factory(title_en="Live")
    moment = timezone.now() + timedelta(days=40)
    factory(title_en="Coming", published_at=moment)
    changelist = admin_url(model, "changelist")

    page = client.get(changelist).text
    when = timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    assert f'<td class="field-publication">Scheduled for {when}</td>' in page
    assert '<td class="field-publication">Published</td>' in page

    scheduled = client.get(changelist, {"scheduled": "yes"})
    assert [record.title_en for record in scheduled.context["cl"].result_list] == ["Coming"]
    ordered = client.get(changelist, {"o": "-1"})  # the status column sorts as before
    assert ordered.status_code == 200


@pytest.mark.parametrize(
    ("factory", "model", "column"), [(f.ArticleFactory, Article, 5), (f.PageFactory, Page, 4)]
)
def test_a_lists_publication_moment_is_written_as_its_status_writes_it(
    admin_user, factory, model, column
):
    """It read "Dec. 7, 2026, 1:06 p.m." beside "Scheduled for 2026-12-07 13:06"."""
    client = Client(headers={"accept-language": "en"})
    client.force_login(admin_user)
    moment = timezone.now() + timedelta(days=3)
    factory(title_en="Coming", published_at=moment)
    factory(title_en="Unscheduled draft", published_at=None, publication_status="draft")
    changelist = admin_url(model, "changelist")

    page = client.get(changelist).text
    when = timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    assert f'<td class="field-publication_moment">{when}</td>' in page
    assert '<td class="field-publication_moment">—</td>' in page
    assert "p.m." not in page and "a.m." not in page
    factory(title_en="Later", published_at=moment + timedelta(days=1))
    for order, expected in [
        (f"{column}", ["Coming", "Later"]),
        (f"-{column}", ["Later", "Coming"]),
    ]:
        listed = client.get(changelist, {"o": order}).context["cl"].result_list
        assert [r.title_en for r in listed if r.published_at] == expected  # sorts by moment
