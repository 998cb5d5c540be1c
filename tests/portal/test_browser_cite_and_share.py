"""A reader copies a record's link and citation in a real Chromium; without JavaScript the
address is still there to select; on paper the citation shows and the buttons do not."""

import pytest
from playwright.sync_api import expect

from tests import factories as f

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def project_page(live_server):
    f.CooperationProjectFactory(slug="marine-drugs", title_en="Joint research on marine drugs")
    return f"{live_server.url}/en/projects/marine-drugs/"


def new_tab(browser, **options):
    """A tab whose console messages about the Content Security Policy are collected."""
    context = browser.new_context(locale="en-GB", **options)
    tab = context.new_page()
    blocked: list[str] = []
    tab.on(
        "console",
        lambda message: "Content Security Policy" in message.text and blocked.append(message.text),
    )
    return tab, blocked


def test_a_reader_copies_the_pages_link_and_hears_it_was_copied(browser, project_page):
    tab, blocked = new_tab(browser, permissions=["clipboard-read", "clipboard-write"])
    tab.goto(project_page)
    status = tab.locator(".cite-share [role=status]")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("")

    button = tab.get_by_role("button", name="Copy link")
    expect(button).to_be_visible()
    button.click()
    expect(status).to_have_text("Copied")
    assert tab.evaluate("navigator.clipboard.readText()") == project_page

    # By keyboard, the citation: the announcement changes with what was copied.
    tab.get_by_role("button", name="Copy citation").focus()
    tab.keyboard.press("Enter")
    expect(status).to_have_text("Citation copied")
    copied = tab.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Unit ") and copied.endswith(f"from {project_page}")
    assert copied == tab.locator("#citation-text").inner_text()
    assert blocked == []
    tab.context.close()


def test_without_javascript_the_address_is_in_a_field_to_select(browser, project_page):
    tab, _blocked = new_tab(browser, java_script_enabled=False)
    tab.goto(project_page)
    field = tab.get_by_label("Address of this page")
    expect(field).to_have_value(project_page)
    expect(field).not_to_be_editable()
    expect(tab.get_by_role("button", name="Copy link")).to_be_hidden()
    expect(tab.get_by_role("link", name="Download RIS")).to_be_visible()
    tab.context.close()


def test_the_qr_code_loads_and_print_keeps_the_citation_without_the_buttons(browser, project_page):
    tab, blocked = new_tab(browser)
    tab.set_viewport_size({"width": 360, "height": 740})
    tab.goto(project_page)
    image = tab.get_by_role("img", name="QR code of the address of this page")
    image.scroll_into_view_if_needed()  # loaded lazily
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("image => image.naturalWidth") > 0
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360

    tab.emulate_media(media="print")
    expect(tab.locator("#citation-text")).to_be_visible()
    expect(tab.get_by_role("button", name="Copy citation")).to_be_hidden()
    expect(tab.get_by_role("link", name="Download BibTeX")).to_be_hidden()
    expect(image).to_be_hidden()
    assert blocked == []
    tab.context.close()
