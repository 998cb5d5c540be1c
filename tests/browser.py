"""Shared helpers for the tests that drive a real Chromium: signed in to the admin, or
through the site's login page."""

from __future__ import annotations

from urllib.parse import urlencode

from playwright.sync_api import Browser, Page


def signed_in_tab(
    browser: Browser,
    server_url: str,
    username: str,
    password: str,
    init_script: str = "",
    locale: str = "en-GB",
) -> tuple[Page, list[str]]:
    """A new tab signed in to the admin, in a browser asking for ``locale``, and the list
    into which it writes the message of anything the Content Security Policy blocks on its
    pages (to be asserted empty)."""
    context = browser.new_context(locale=locale)
    if init_script:
        context.add_init_script(init_script)
    tab = context.new_page()
    blocked: list[str] = []
    tab.on(
        "console",
        lambda message: "Content Security Policy" in message.text and blocked.append(message.text),
    )
    tab.goto(f"{server_url}/admin/login/")
    submit_login(tab, username, password)
    return tab, blocked


def submit_login(page: Page, username: str, password: str) -> None:
    """Fills the login form on ``page`` (the admin's or the site's) and sends it by Enter,
    as a keyboard user does."""
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("input[name=password]").press("Enter")


def sign_in(page: Page, server_url: str, next_path: str, username: str, password: str) -> None:
    """Signs ``page`` in through the site's login page, asking to be sent on to
    ``next_path`` (its query too), and waits there until the page has loaded: a measurement
    made before its stylesheets apply reads an unstyled page."""
    page.goto(f"{server_url}/accounts/login/?{urlencode({'next': next_path})}")
    submit_login(page, username, password)
    page.wait_for_url(f"**{next_path}")
    page.wait_for_load_state("load")
