"""The large tables' change lists in a real Chromium, as staff use them: the years of the date
hierarchy, a one-character Chinese search, the research-field filter and the rows' checkboxes
(cooperation.admin_lists)."""

import datetime

import pytest
from playwright.sync_api import expect

from tests import factories as f
from tests.browser import submit_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"
UTC = datetime.UTC


def test_staff_narrow_the_news_and_projects_and_select_rows(live_server, browser):
    f.UserFactory(username="chen", password=PASSWORD, is_staff=True, is_superuser=True)
    f.ArticleFactory(
        title_en="Whale survey",
        title_zh_hans="鲸类调查",
        published_at=datetime.datetime(2003, 5, 1, tzinfo=UTC),
    )
    f.ArticleFactory(
        title_en="Plant drugs",
        title_zh_hans="植物药",
        published_at=datetime.datetime(2001, 5, 1, tzinfo=UTC),
    )
    marine = f.ResearchFieldFactory(slug="marine", name_en="Marine drugs")
    f.CooperationProjectFactory(title_en="Sponge alkaloids", fields=[marine])
    f.CooperationProjectFactory(title_en="Orthopaedic implants", fields=[])

    tab = browser.new_context(locale="en-GB").new_page()
    tab.goto(f"{live_server.url}/admin/news/article/")
    with tab.expect_navigation():
        submit_login(tab, "chen", PASSWORD)

    years = tab.locator("nav.toplinks")
    expect(years).to_contain_text("2001")
    expect(years).to_contain_text("2003")
    expect(years).not_to_contain_text("2002")
    with tab.expect_navigation():
        years.get_by_role("link", name="2003").click()
    expect(tab.locator("#result_list")).to_contain_text("Whale survey")
    expect(tab.locator("#result_list")).not_to_contain_text("Plant drugs")

    tab.goto(f"{live_server.url}/admin/news/article/")
    tab.locator("#searchbar").fill("鲸")
    with tab.expect_navigation():
        tab.locator("#searchbar").press("Enter")
    expect(tab.locator("#result_list tbody tr")).to_have_count(1)
    expect(tab.locator("#changelist-search")).to_contain_text("1 result")
    expect(tab.locator("#changelist-search")).to_contain_text("Show all")

    # Ticking a row's checkbox (written out, not rendered as a widget) works Django's way.
    tab.locator("#result_list tbody input.action-select").first.check()
    expect(tab.locator(".action-counter")).to_contain_text("1 of 1 selected")

    tab.goto(f"{live_server.url}/admin/cooperation/cooperationproject/")
    with tab.expect_navigation():
        tab.locator("#changelist-filter").get_by_role("link", name="Marine drugs").click()
    rows = tab.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Sponge alkaloids")
