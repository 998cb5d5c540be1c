"""The refusal, not-found and method-not-allowed pages in a real Chromium: axe-core finds no serious or critical
violation on them, in either language."""

import pytest

from tests.browser import signed_in_tab
from tests.portal.test_phone_layout import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"


def test_the_error_pages_have_no_serious_accessibility_violations(live_server, browser, editor):
    """The big "403" and "404" were the borders' light grey on white (1.4:1), which axe
    checks although screen readers skip them."""
    tab, blocked = signed_in_tab(browser, live_server.url, editor.username, PASSWORD)
    problems = {}
    for path, status in [
        ("/en/dashboard/", 403),  # for the leadership, which an editor is not
        ("/zh-hans/dashboard/", 403),
        ("/en/no-such-page/", 404),
        ("/zh-hans/no-such-page/", 404),
    ]:
        assert tab.goto(f"{live_server.url}{path}").status == status, path
        if serious := serious_violations(tab):
            problems[path] = serious
    # A form posted to a page that only reads (config.methods): the request is made a POST.
    for path in ["/en/projects/", "/zh-hans/projects/"]:
        address = f"{live_server.url}{path}"
        tab.route(address, lambda route: route.continue_(method="POST"))
        assert tab.goto(address).status == 405, path
        tab.unroute(address)
        if serious := serious_violations(tab):
            problems[f"POST {path}"] = serious
    assert problems == {}
    assert blocked == []
