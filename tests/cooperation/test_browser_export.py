"""The admin's export page in a real Chromium: nothing on it breaks the Content Security
Policy, and its "Select all" box (bound by static code, not inline) selects the fields."""

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


def test_the_export_page_selects_all_fields_without_breaking_the_csp(live_server, browser):
    f.CooperationProjectFactory()
    editor = f.UserFactory(username="li.editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))

    tab, blocked = signed_in_tab(browser, live_server.url, "li.editor", PASSWORD)
    tab.goto(f"{live_server.url}/admin/cooperation/cooperationproject/export/")

    fields = tab.locator('.selectable-field-export-row:visible input[type="checkbox"]')
    expect(fields.first).to_be_checked()
    assert fields.count() > 5
    tab.get_by_label("Select all").uncheck()
    assert not any(box.is_checked() for box in fields.all())
    tab.get_by_label("Select all").check()
    assert all(box.is_checked() for box in fields.all())
    expect(tab.locator("label.select-all-label")).to_have_css("font-weight", "700")
    assert blocked == []
    tab.context.close()
