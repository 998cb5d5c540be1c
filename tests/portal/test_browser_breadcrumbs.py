"""The breadcrumb trail in a real Chromium: reached by keyboard in order, followed with
Enter, whole on a phone, and left out of a printed page."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SUB_FIELD = "/en/fields/recombinant-proteins/"  # a sub-field of Gene and protein (demo data)


@pytest.fixture
def demo(live_server):
    call_command("load_demo", "--no-accounts", stdout=io.StringIO())
    return live_server.url


def focused(page) -> dict:
    return page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(),"
        " inTrail: !!document.activeElement.closest('nav.breadcrumbs')})"
    )


def test_a_keyboard_user_tabs_through_the_trail_in_order_and_follows_it(demo, page):
    page.goto(f"{demo}{SUB_FIELD}")
    trail = page.get_by_role("navigation", name="Breadcrumb")
    expect(trail.get_by_role("listitem")).to_have_count(4)
    expect(trail.locator('[aria-current="page"]')).to_have_text("Recombinant protein drugs")

    reached = []
    for _press in range(40):  # past the skip link, the header and the menu
        page.keyboard.press("Tab")
        now = focused(page)
        if now["inTrail"]:
            reached.append(now["text"])
        elif reached:
            break
    # Each link once, in order; the page itself is no stop.
    assert reached == ["Home", "Research fields", "Gene and protein"]

    page.keyboard.press("Shift+Tab")
    expect(page.locator(":focus")).to_have_text("Gene and protein")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{demo}/en/fields/gene-and-protein/")
    expect(
        page.get_by_role("navigation", name="Breadcrumb").locator('[aria-current="page"]')
    ).to_have_text("Gene and protein")


def test_the_trail_fits_a_phone_and_stays_off_paper(demo, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{demo}/zh-hans/fields/recombinant-proteins/")
    trail = page.locator("nav.breadcrumbs")
    expect(trail).to_be_visible()
    expect(trail.get_by_role("link", name="首页")).to_be_visible()
    # Nothing runs past the screen's edge: the page does not scroll sideways.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    box = trail.get_by_role("link", name="首页").bounding_box()
    assert box["height"] >= 24  # a target a finger can hit (WCAG 2.5.8)
    page.emulate_media(media="print")
    expect(trail).to_be_hidden()
    context.close()
