"""The article's rich-text editor in a real Chromium: its styles all load under the Content
Security Policy, an empty body gives room to write (cooperation.editor), and the image
picker gives each body the image's description in its own language (news.image_picker)."""

import pytest
from playwright.sync_api import expect

from news.models import Image
from tests import factories as f
from tests.browser import signed_in_tab
from tests.news.images import jpeg

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"


def test_the_editor_loads_whole_under_the_csp_with_room_to_write(live_server, browser):
    f.UserFactory(username="chen", password=PASSWORD, is_staff=True, is_superuser=True)
    tab, blocked = signed_in_tab(browser, live_server.url, "chen", PASSWORD)
    tab.goto(f"{live_server.url}/admin/news/article/add/")
    editor = tab.locator(".field-body_en .prose-editor > .ProseMirror")
    expect(editor).to_be_visible()
    # Tiptap's own <style> (its hash is allowed in config.settings.SECURE_CSP) applied:
    # ProseMirror keeps whitespace as typed.
    assert editor.evaluate("e => getComputedStyle(e).whiteSpace") in ("pre-wrap", "break-spaces")
    assert editor.bounding_box()["height"] >= 150
    editor.click()
    tab.keyboard.type("Two  spaces")
    expect(editor).to_contain_text("Two  spaces")
    assert blocked == []


def test_the_editors_toolbar_and_dialogs_are_named_in_the_back_offices_language(
    live_server, browser
):
    """In the Chinese back office the toolbar said "bold", "insert link", "Insert table" and
    the time fields "Note: Enter times in the Asia/Shanghai timezone"."""
    f.UserFactory(username="chen", password=PASSWORD, is_staff=True, is_superuser=True)
    tab, blocked = signed_in_tab(browser, live_server.url, "chen", PASSWORD, locale="zh-CN")
    tab.goto(f"{live_server.url}/admin/news/article/add/")
    toolbar = tab.locator(".field-body_en .prose-menubar")
    expect(toolbar.locator("[title='粗体']")).to_have_count(1)
    expect(toolbar.locator("[title='插入链接']")).to_have_count(1)
    expect(toolbar.locator("[title='插入表格']")).to_have_count(1)
    assert toolbar.locator("[title='bold']").count() == 0
    # A dialog's words, which the editor itself passes through the catalogue.
    toolbar.locator("[title='插入表格']").click()
    expect(tab.get_by_text("包含表头行")).to_be_visible()
    assert blocked == []


def test_the_picker_inserts_an_image_with_the_description_of_the_body_s_language(
    live_server, browser
):
    f.UserFactory(username="chen", password=PASSWORD, is_staff=True, is_superuser=True)
    Image.objects.create(file=jpeg(), alt_text_zh_hans="校门", alt_text_en="The campus gate")
    tab, blocked = signed_in_tab(browser, live_server.url, "chen", PASSWORD)
    tab.goto(f"{live_server.url}/admin/news/article/add/")
    for body, description in [("body_en", "The campus gate"), ("body_zh_hans", "校门")]:
        field = tab.locator(f".field-{body}")
        field.locator(".prose-editor > .ProseMirror").click()
        field.locator(".prose-menubar button[title=figure]").click()
        dialog = tab.locator("dialog[open]")
        with tab.expect_popup() as opened:
            dialog.get_by_role("button", name="Browse...").click()
        picker = opened.value
        # The picker closes its own window as it hands the image over, which could end a
        # click's own waiting with "target closed": the click is sent as an event once the
        # picker's script listens (it is deferred), and the window's closing awaited.
        picker.wait_for_load_state("domcontentloaded")
        with picker.expect_event("close"):
            picker.get_by_role("button", name="Insert").dispatch_event("click")
        # The figure dialog offers the description in the body's language, to keep or edit.
        expect(dialog.locator("input[name=altText]")).to_have_value(description)
        dialog.get_by_role("button", name="Insert").click()
        expect(field.locator(".ProseMirror img")).to_have_attribute("alt", description)
    assert blocked == []
