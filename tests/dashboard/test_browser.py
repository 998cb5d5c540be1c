"""A leader's journey in a real Chromium: log in, change the period, check a figure through
its drill-down list, download the workbook."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.shortcuts import resolve_url
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser import submit_login
from tests.dashboard.conftest import BROWSER_LEADER, BROWSER_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def demo(live_server):
    call_command("load_demo", "--no-accounts", stdout=io.StringIO())
    return live_server.url


def test_a_leader_reads_checks_and_downloads_the_summary(demo, page, sign_in_leader):
    # The way in is part of the journey: sent to the login page, and back after it.
    page.goto(f"{demo}/en/dashboard/")
    expect(page).to_have_url(re.compile(re.escape(resolve_url(settings.LOGIN_URL))))
    submit_login(page, BROWSER_LEADER, BROWSER_PASSWORD)
    expect(page).to_have_url(re.compile(r"/en/dashboard/$"))
    expect(page.locator("h1")).to_have_text("Leadership dashboard")

    page.get_by_label("From year").fill("2019")
    page.get_by_label("To year").fill("2020")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"year_from=2019&year_to=2020"))
    expect(page.locator(".lead")).to_have_text("Figures for 2019–2020, compared with 2017–2018.")

    first_country = page.locator("#table-countries tbody tr").first
    figure = int(first_country.locator("td").inner_text())
    country = first_country.locator("th a").inner_text()
    assert figure > 0
    first_country.locator("th a").click()
    expect(page).to_have_url(re.compile(r"/en/projects/\?year_from=2019&year_to=2020&country="))
    expect(page.locator(".results-count")).to_have_text(re.compile(rf"^{figure} project"))
    expect(page.locator(".facet-selected").first).to_contain_text(country)

    page.go_back()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel workbook").click()
    download = download_info.value
    assert download.suggested_filename == "coopbase-summary-2019-2020.xlsx"
    # Playwright saves downloads without an extension: read the bytes.
    workbook = load_workbook(io.BytesIO(download.path().read_bytes()))
    assert "Projects by partner country" in workbook.sheetnames
    rows = {
        row[0].value: row[1].value for row in workbook["Projects by partner country"].iter_rows()
    }
    assert rows[country] == figure


def test_a_leader_logs_out_from_the_dashboard(demo, page, sign_in_leader):
    sign_in_leader(page, demo, "/en/dashboard/")
    bar = page.get_by_role("navigation", name="Your account")
    expect(bar).to_contain_text("Signed in as chief")
    expect(bar.get_by_role("link", name="Back office")).to_have_count(0)  # not staff
    bar.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("navigation", name="Your account")).to_have_count(0)
    page.goto(f"{demo}/en/dashboard/")
    expect(page).to_have_url(re.compile(re.escape(resolve_url(settings.LOGIN_URL))))


# The pages behind the login, the account bar on each (the portal's are checked in
# tests/portal/test_browser.py).
SIGNED_IN_PAGES = [
    "/en/dashboard/",
    "/zh-hans/dashboard/",
    "/en/dashboard/records/awards/",
    "/accounts/settings/",
    "/accounts/password/change/",
]


def test_the_login_dashboard_and_account_pages_have_no_serious_accessibility_violations(
    demo, page, sign_in_leader
):
    axe = Axe()

    def serious(path: str) -> list[str]:
        page.goto(f"{demo}{path}")
        return [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
            for v in axe.run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    problems = {"/accounts/login/": serious("/accounts/login/")}
    sign_in_leader(page, demo, "/en/dashboard/")
    expect(page.get_by_role("navigation", name="Your account")).to_be_visible()
    problems |= {path: serious(path) for path in SIGNED_IN_PAGES}
    assert {path: found for path, found in problems.items() if found} == {}


def test_on_a_phone_a_wide_table_scrolls_on_its_own_and_takes_the_keyboard(
    demo, page, sign_in_leader
):
    page.set_viewport_size({"width": 360, "height": 740})
    # Measured once the stylesheets apply (sign_in waits for them): before, the chart's
    # drawing has its own width (960), which a loaded machine showed as a 961-pixel page.
    sign_in_leader(page, demo, "/en/dashboard/")
    expect(page.locator(".dash-table-wrap").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the page does not
    wide = page.locator(".dash-table-wrap").evaluate_all(
        "wraps => wraps.filter(w => w.scrollWidth > w.clientWidth).length"
    )
    assert wide > 0  # the country-by-field table, at least
    # Each that scrolls can be scrolled from the keyboard: it takes the focus (axe:
    # scrollable-region-focusable), named by its table's caption; one that fits is no stop.
    assert mistaken_boxes(page) == []


# Each table box that is a keyboard stop, a group named by its caption, where it should not
# be (it fits), or is not where it should be (it scrolls), with its section's id.
MISTAKEN_BOXES = """
() => [...document.querySelectorAll('.dash-table-wrap')].filter(box => {
  const scrolls = box.scrollWidth > box.clientWidth;
  const stop = box.getAttribute('tabindex') === '0';
  const caption = box.querySelector('caption');
  const names = (box.getAttribute('aria-labelledby') || '').split(' ');
  const named = box.getAttribute('role') === 'region' && !!caption && names[0] === caption.id;
  return stop !== scrolls || named !== scrolls;
}).map(box => (box.closest('section') || box).id + ': ' + box.scrollWidth + ' / ' + box.clientWidth)
"""

SCROLLING_BOXES = """
() => [...document.querySelectorAll('.dash-table-wrap')]
  .filter(box => box.scrollWidth > box.clientWidth).length
"""


def mistaken_boxes(page) -> list[str]:
    """The boxes that are a stop and named though they fit, or not though they scroll."""
    return page.evaluate(MISTAKEN_BOXES)


def test_a_table_box_is_a_named_keyboard_stop_only_while_it_scrolls(demo, page, sign_in_leader):
    """Every box was a stop, with no name, scrolling or not: 17 extra Tab presses."""
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and blocked.append(message.text),
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_leader(page, demo, "/en/dashboard/")
    boxes = page.locator(".dash-table-wrap")
    assert boxes.count() > 10
    assert mistaken_boxes(page) == []
    wide_on_a_desk = page.evaluate(SCROLLING_BOXES)
    assert page.locator(".dash-table-wrap[tabindex='0']").count() == wide_on_a_desk
    assert wide_on_a_desk < boxes.count() - 10  # most tables fit

    # Narrowed to a phone's width, the boxes that now scroll become stops again, each a
    # region named by its caption and that it scrolls, as Chromium's accessibility tree
    # names it (not by the caption alone: its section is a region of that name).
    page.set_viewport_size({"width": 360, "height": 740})
    expect(page.locator(".dash-table-wrap[tabindex='0']")).not_to_have_count(wide_on_a_desk)
    assert mistaken_boxes(page) == []
    stops = page.locator(".dash-table-wrap[tabindex='0']")
    assert stops.count() > wide_on_a_desk
    for index in range(stops.count()):
        caption = stops.nth(index).locator("caption").inner_text()
        expect(
            page.get_by_role("region", name=f"{caption} (scrolls sideways)", exact=True)
        ).to_have_count(1)
    stops.first.focus()
    caption = stops.first.locator("caption").inner_text()
    expect(
        page.get_by_role("region", name=f"{caption} (scrolls sideways)", exact=True)
    ).to_be_focused()

    # axe, at either width: no scrolling box out of reach of the keyboard, no box in the
    # focus order without a fitting role (a group would be one), no name on a box without a
    # role, no landmark named twice (a box named by its caption alone would repeat its
    # section's name).
    axe = Axe()
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_function(f"() => ({MISTAKEN_BOXES.strip()})().length === 0")
        found = axe.run(
            page,
            options={
                "runOnly": [
                    "scrollable-region-focusable",
                    "focus-order-semantics",
                    "landmark-unique",
                    "aria-prohibited-attr",
                    "aria-valid-attr-value",
                ]
            },
        ).response["violations"]
        assert [(v["id"], len(v["nodes"])) for v in found] == [], width
    assert blocked == []  # the script is a static file the policy allows
