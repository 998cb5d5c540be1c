"""In a real Chromium: a publisher renames a project's address in the admin, and a reader who
follows the old link lands on the project at its new one."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts import roles
from tests import factories as f
from tests.browser import signed_in_tab

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery-staple"


def test_an_old_link_to_a_renamed_project_still_reaches_it(live_server, browser):
    project = f.CooperationProjectFactory(
        slug="enzyme-lab-2023", title_en="Joint Enzyme Laboratory", title_zh_hans="联合酶实验室"
    )
    publisher = f.UserFactory(username="wang.publisher", password=PASSWORD, is_staff=True)
    publisher.groups.add(Group.objects.get(name=roles.PUBLISHER))

    tab, blocked = signed_in_tab(browser, live_server.url, "wang.publisher", PASSWORD)
    tab.goto(f"{live_server.url}/admin/cooperation/cooperationproject/{project.pk}/change/")
    slug = tab.locator("#id_slug")
    expect(tab.locator("#id_slug_helptext")).to_contain_text("the old address keeps working")
    slug.fill("joint-enzyme-laboratory")
    tab.locator("input[name=_continue]").click()
    expect(tab.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(tab.locator("#id_slug_helptext")).to_contain_text("Former slugs: enzyme-lab-2023")

    reader = browser.new_context(locale="zh-CN").new_page()
    reader.goto(f"{live_server.url}/zh-hans/projects/enzyme-lab-2023/")

    assert reader.url == f"{live_server.url}/zh-hans/projects/joint-enzyme-laboratory/"
    expect(reader.locator("h1")).to_have_text("联合酶实验室")
    assert blocked == []
    reader.context.close()
    tab.context.close()
