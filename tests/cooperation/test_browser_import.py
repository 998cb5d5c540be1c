"""A spreadsheet import in a real Chromium: while the server checks and then writes a file of
a few thousand rows, the page says how many rows are done; then the summary and the records."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts import roles
from cooperation import models as m
from tests import factories as f
from tests.browser import signed_in_tab
from tests.cooperation.test_import import project_rows

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery-staple"
ROWS = 2500  # a few seconds a step: long enough for the page to poll several times
# The page is replaced by the server's answer at the end of each step, so what it showed while
# waiting is written down as it changes (the tab's sessionStorage outlives the page).
RECORD_COUNTS = """
new MutationObserver(() => {
  const seen = JSON.parse(sessionStorage.getItem("counts") || "[]");
  for (const count of document.querySelectorAll(".import-count")) {
    if (count.textContent && !seen.includes(count.textContent)) seen.push(count.textContent);
  }
  sessionStorage.setItem("counts", JSON.stringify(seen));
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def counts_shown(tab) -> list[str]:
    return tab.evaluate("JSON.parse(sessionStorage.getItem('counts') || '[]')")


def test_an_editor_sees_the_rows_counted_while_a_large_file_is_checked_and_written(
    live_server, browser, tmp_path
):
    japan = f.PartnerCountryFactory(country="JP")
    f.UnitFactory(name_zh_hans="药学院", name_en="College of Pharmacy", slug="pharmacy")
    f.ResearchFieldFactory(name_zh_hans="海洋药物", name_en="Marine drugs")
    f.InstitutionFactory(name_en="Osaka University", country=japan, ror_id="035t8zc32")
    editor = f.UserFactory(username="wang.editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    upload = tmp_path / "projects.csv"
    upload.write_text(project_rows(ROWS).export("csv"), encoding="utf-8")

    tab, blocked = signed_in_tab(
        browser, live_server.url, "wang.editor", PASSWORD, init_script=RECORD_COUNTS
    )
    tab.goto(f"{live_server.url}/admin/cooperation/cooperationproject/import/")
    tab.locator("input[name=import_file]").set_input_files(upload)
    tab.locator("select[name=format]").select_option(label="csv")

    tab.get_by_role("button", name="Check the file").click()
    expect(tab.locator(".import-summary")).to_contain_text(f"{ROWS} new", timeout=60_000)
    assert not m.CooperationProject.objects.exists()
    checked = counts_shown(tab)
    assert len(checked) >= 2, checked  # counted up while waiting, not shown once at the end
    assert all(
        text.startswith("Checked ") and text.endswith(f" of {ROWS:,} rows…") for text in checked
    )
    done = [int(text.split()[1].replace(",", "")) for text in checked]
    # In order, and at least once part-way (a poll may come before the first row is counted).
    assert done == sorted(done) and any(0 < count < ROWS for count in done), done

    # The click waits for the answer to the form, which comes once every row is written:
    # the same minute as the other steps, not Playwright's default 30 s (missed once on
    # PostgreSQL with the whole suite running).
    tab.get_by_role("button", name="Confirm import").click(timeout=60_000)
    expect(tab.locator("ul.messagelist")).to_be_visible(timeout=60_000)
    assert m.CooperationProject.objects.count() == ROWS
    assert blocked == []  # nothing on these pages breaks the Content Security Policy
    written = counts_shown(tab)[len(checked) :]
    assert written and all(text.startswith("Written ") for text in written), written
    tab.context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_a_files_many_columns_scroll_in_their_table_and_a_rows_problems_show_in_it(
    live_server, browser, tmp_path, width
):
    """The tables of a checked file, a column for each of its 20-odd columns, made the whole
    page twice as wide as the screen (its header and messages cut off at the screen's
    edge); scrolling in their own box, a row's problems stay readable in its cell, where
    the library's hover popup was cut off by the box."""
    japan = f.PartnerCountryFactory(country="JP")
    f.UnitFactory(name_zh_hans="药学院", name_en="College of Pharmacy", slug="pharmacy")
    f.ResearchFieldFactory(name_zh_hans="海洋药物", name_en="Marine drugs")
    f.InstitutionFactory(name_en="Osaka University", country=japan, ror_id="035t8zc32")
    f.UserFactory(username="chen", password=PASSWORD, is_staff=True, is_superuser=True)
    upload = tmp_path / "projects.csv"
    rows = project_rows(3, {1: {"start_date": "2024/13/45"}})
    upload.write_text(rows.export("csv"), encoding="utf-8")

    tab, blocked = signed_in_tab(browser, live_server.url, "chen", PASSWORD)
    tab.set_viewport_size({"width": width, "height": 800})
    tab.goto(f"{live_server.url}/admin/cooperation/cooperationproject/import/")
    tab.locator("input[name=import_file]").set_input_files(upload)
    tab.locator("select[name=format]").select_option(label="csv")
    tab.get_by_role("button", name="Check the file").click()

    problems = tab.get_by_role("region", name="Rows with problems")
    expect(problems.locator("td.errors")).to_contain_text("is not a date")
    # Shown without hovering (the popup was transparent until then), inside the box.
    expect(problems.locator("td.errors .validation-error-container")).to_have_css("opacity", "1")
    assert tab.evaluate("document.documentElement.scrollWidth") == width
    assert problems.evaluate("box => box.scrollWidth > box.clientWidth")  # scrolls inside
    assert blocked == []
    tab.context.close()
