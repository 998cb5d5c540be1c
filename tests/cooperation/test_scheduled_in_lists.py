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
