"""Shared helpers for the tests that drive a real Chromium through the admin."""

from __future__ import annotations

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
    tab.locator("input[name=username]").fill(username)
    tab.locator("input[name=password]").fill(password)
    tab.locator("input[name=password]").press("Enter")
    return tab, blocked
