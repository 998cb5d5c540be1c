"""A publisher, in a real Chromium, puts right what the back office's home page says needs
attention: from the count to the list, then the bulk action (cooperation.admin_attention,
cooperation.upkeep)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts import roles
from cooperation.models import CooperationProject, ProjectStatus
from tests import factories as f
from tests.browser import signed_in_tab
from tests.staff import staff_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"


@pytest.mark.parametrize(
    ("locale", "caption", "ended", "action", "done"),
    [
        (
            "en-GB",
            "Needs attention",
            "Ended, still planned or active",
            "Set the status their dates call for",
            "The status of 2 projects was set from their dates.",
        ),
        (
            "zh-CN",
            "需要处理",
            "已结束，仍为计划中或进行中",
            "按日期设置项目状态",
            "已按日期设置 2 个项目的状态。",
        ),
    ],
)
def test_a_publisher_marks_the_ended_projects_completed(
    live_server, browser, locale, caption, ended, action, done
):
    publisher = staff_in(roles.PUBLISHER, "publisher")
    publisher.set_password(PASSWORD)
    publisher.save()
    last_year = timezone.localdate() - datetime.timedelta(days=365)
    for title in ("Sponge alkaloids", "Snake venom"):
        f.CooperationProjectFactory(
            fields=[f.ResearchFieldFactory()],
            partners=[f.InstitutionFactory()],
            title_en=title,
            status=ProjectStatus.ACTIVE,
            start_date=datetime.date(2020, 1, 1),
            end_date=last_year,
        )
    f.CooperationProjectFactory(
        fields=[f.ResearchFieldFactory()],
        partners=[f.InstitutionFactory()],
        title_en="Ongoing",
        status=ProjectStatus.ACTIVE,
    )

    tab, blocked = signed_in_tab(browser, live_server.url, "publisher", PASSWORD, locale=locale)
    panel = tab.locator("#needs-attention")
    expect(panel.locator("caption")).to_have_text(caption)
    row = panel.locator("tbody tr", has_text=ended)
    with tab.expect_navigation():
        row.get_by_role("link", name="2").click()
    rows = tab.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    expect(tab.locator("#result_list")).not_to_contain_text("Ongoing")

    tab.locator("#action-toggle").check()
    tab.locator("select[name=action]").select_option(label=action)
    with tab.expect_navigation():
        tab.locator("button[name=index]").click()
    expect(tab.locator("ul.messagelist")).to_contain_text(done)
    # The list is still the filtered one, now empty; the home page has nothing to show.
    expect(rows).to_have_count(0)
    tab.goto(f"{live_server.url}/admin/")
    expect(tab.locator("#needs-attention")).to_have_count(0)
    assert set(CooperationProject.objects.values_list("status", flat=True)) == {
        ProjectStatus.COMPLETED,
        ProjectStatus.ACTIVE,
    }
    assert CooperationProject.objects.filter(status=ProjectStatus.COMPLETED).count() == 2
    assert blocked == []
