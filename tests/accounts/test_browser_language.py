"""In a real Chromium whose language is Chinese, an editor chooses English for the back
office on their settings page, and the back office speaks English; the portal keeps the
language of its address."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts import roles
from accounts.models import User
from tests import factories as f
from tests.browser import signed_in_tab

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"


def test_an_editor_chooses_english_for_the_back_office(live_server, browser):
    editor = f.UserFactory(username="wang.editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    tab, blocked = signed_in_tab(browser, live_server.url, "wang.editor", PASSWORD, locale="zh-CN")
    expect(tab.locator("html")).to_have_attribute("lang", "zh-hans")

    tab.get_by_role("link", name="语言和邮件").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("您的语言和邮件")
    language = tab.get_by_role("combobox", name="语言")
    language.select_option("en")
    tab.get_by_role("button", name="保存").click()

    expect(tab.locator("html")).to_have_attribute("lang", "en")
    expect(tab.get_by_role("status")).to_contain_text("Your settings were saved.")
    expect(tab.get_by_role("combobox", name="Language")).to_have_value("en")
    editor.refresh_from_db()
    assert (editor.language, editor.review_mail, editor.outcome_mail) == ("en", True, True)

    tab.goto(f"{live_server.url}/admin/")
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    expect(tab.locator("#user-tools")).to_contain_text("Language and e-mails")
    tab.goto(f"{live_server.url}/zh-hans/")
    expect(tab.locator("html")).to_have_attribute("lang", "zh-hans")
    assert blocked == []
    assert User.objects.get(username="wang.editor").language == "en"
    tab.context.close()
