"""The editorial workflow in a real Chromium: an editor writes an article and submits it, a
publisher publishes it, a reader finds it on the news page and in the feed."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from accounts import roles
from news.models import Article
from tests import factories as f
from tests.browser import submit_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery-staple"
TITLE_EN = "Joint laboratory opens in Kyoto"


def staff(username: str, role: str) -> None:
    user = f.UserFactory(username=username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))


def log_in(browser, base_url: str, username: str):
    context = browser.new_context(locale="en-GB")
    tab = context.new_page()
    tab.goto(f"{base_url}/admin/")
    submit_login(tab, username, PASSWORD)
    expect(tab.locator("#user-tools")).to_contain_text(username)
    return context, tab


def write_body(tab, field: str, text: str) -> None:
    """Types into the rich-text editor of ``field`` (or its plain textarea without one)."""
    editor = tab.locator(f".field-{field} [contenteditable=true]")
    if editor.count():
        editor.click()
        tab.keyboard.type(text)
    else:
        tab.locator(f"#id_{field}").fill(text)


def choose_autocomplete(tab, field: str, text: str) -> None:
    tab.locator(f".field-{field} .select2-selection").click()
    tab.locator(f".select2-search__field[aria-controls=select2-id_{field}-results]").fill(text)
    tab.locator(".select2-results__option", has_text=text).click()


def test_an_article_goes_from_editor_to_publisher_to_reader(live_server, browser):
    staff("wang.editor", roles.EDITOR)
    staff("li.publisher", roles.PUBLISHER)
    f.CategoryFactory(name_en="Base news", name_zh_hans="基地动态")
    base = live_server.url

    # The editor writes the article and submits it for review.
    context, tab = log_in(browser, base, "wang.editor")
    tab.goto(f"{base}/admin/news/article/add/")
    tab.locator("#id_title_zh_hans").fill("京都联合实验室揭牌")
    tab.locator("#id_title_en").fill(TITLE_EN)
    tab.locator("#id_summary_en").fill("A new joint laboratory with Kyoto University.")
    # The admin fills the slug in from the English title.
    expect(tab.locator("#id_slug")).to_have_value("joint-laboratory-opens-in-kyoto")
    write_body(tab, "body_zh_hans", "联合实验室今天揭牌。")
    write_body(tab, "body_en", "The joint laboratory opened today.")
    choose_autocomplete(tab, "category", "Base news")
    # Editors cannot publish: the button is not there, only submitting for review.
    expect(tab.locator("button[name=_workflow][value=publish]")).to_have_count(0)
    tab.get_by_role("button", name="Submit for review").click()
    # The status is the form's own field, read-only for an editor.
    expect(tab.locator(".field-publication_status .readonly")).to_have_text("In review")
    expect(tab.locator("ul.messagelist")).to_contain_text("Submit for review")
    article = Article.objects.get(slug="joint-laboratory-opens-in-kyoto")
    assert article.publication_status == "in_review"
    assert not Article.objects.public().exists()

    # Staff preview it as readers will see it; readers cannot see it yet.
    with tab.expect_popup() as popup:
        tab.locator(".workflow-preview-link").click()
    preview = popup.value
    expect(preview.locator(".preview-banner")).to_contain_text("In review")
    context.close()

    reader = browser.new_context(locale="en-GB").new_page()
    assert reader.goto(f"{base}/en/news/{article.slug}/").status == 404

    # The publisher finds it in the list and publishes it.
    context, tab = log_in(browser, base, "li.publisher")
    tab.goto(f"{base}/admin/news/article/?publication_status__exact=in_review")
    tab.get_by_role("link", name=re.compile("京都联合实验室揭牌|" + TITLE_EN)).click()
    tab.get_by_role("button", name="Publish", exact=True).click()
    expect(tab.locator("#id_publication_status")).to_have_value("published")
    context.close()

    # A reader sees it on the news page, on its own page and in the feed.
    reader.goto(f"{base}/en/news/")
    reader.get_by_role("link", name=TITLE_EN).click()
    expect(reader.locator("h1")).to_have_text(TITLE_EN)
    expect(reader.locator(".prose")).to_contain_text("The joint laboratory opened today.")
    feed = reader.request.get(f"{base}/en/news/feed/rss/")
    assert feed.ok
    assert TITLE_EN in feed.text()


def test_an_editors_change_to_a_published_article_waits_for_a_publisher(live_server, browser):
    staff("wang.editor", roles.EDITOR)
    staff("li.publisher", roles.PUBLISHER)
    article = f.ArticleFactory(title_en=TITLE_EN)
    base = live_server.url
    change = f"{base}/admin/news/article/{article.pk}/change/"
    reader = browser.new_context(locale="en-GB").new_page()

    # The editor changes the published article's title: it waits for a publisher.
    context, tab = log_in(browser, base, "wang.editor")
    tab.goto(change)
    expect(tab.locator(".workflow-waits")).to_contain_text("waits for a publisher")
    tab.locator("#id_title_en").fill("Joint laboratory opens in Kyoto and Osaka")
    tab.get_by_label("Comment").fill("Osaka joined the laboratory.")
    tab.get_by_role("button", name="Save and continue editing").click()
    expect(tab.locator("ul.messagelist")).to_contain_text("Your changes wait for a publisher")
    # The publisher is told, with the editor's comment.
    [told] = mail.outbox
    assert told.to == ["li.publisher@example.org"]
    assert "wang.editor’s comment: Osaka joined the laboratory." in told.body
    expect(tab.locator(".workflow-pending")).to_contain_text("wait for a publisher")
    expect(tab.locator("#id_title_en")).to_have_value("Joint laboratory opens in Kyoto and Osaka")
    context.close()
    reader.goto(f"{base}/en/news/{article.slug}/")
    expect(reader.locator("h1")).to_have_text(TITLE_EN)

    # The publisher compares the change with the published version, then publishes it.
    context, tab = log_in(browser, base, "li.publisher")
    tab.goto(f"{base}/admin/news/article/?waiting=yes")
    tab.get_by_role("link", name=TITLE_EN).click()
    expect(tab.locator(".workflow-pending")).to_contain_text("Saving publishes them.")
    tab.get_by_role("link", name="Compare with the published version").click()
    expect(tab.locator("main, #content").first).to_contain_text("Kyoto and Osaka")
    tab.go_back()
    tab.get_by_role("button", name="Save and continue editing").click()
    expect(tab.locator(".workflow-pending")).to_have_count(0)
    assert mail.outbox[-1].to == ["wang.editor@example.org"]
    assert mail.outbox[-1].subject.endswith("were published")
    reader.goto(f"{base}/en/news/{article.slug}/")
    expect(reader.locator("h1")).to_have_text("Joint laboratory opens in Kyoto and Osaka")

    # A later change the publisher discards: readers keep the published version.
    context.close()
    context, tab = log_in(browser, base, "wang.editor")
    tab.goto(change)
    tab.locator("#id_title_en").fill("A title nobody approved")
    tab.get_by_role("button", name="Save and continue editing").click()
    context.close()
    context, tab = log_in(browser, base, "li.publisher")
    tab.goto(change)
    tab.get_by_role("button", name="Discard these changes").click()
    expect(tab.locator("ul.messagelist")).to_contain_text("were discarded")
    assert mail.outbox[-1].subject.endswith(
        "Your changes to “Joint laboratory opens in Kyoto and Osaka” were discarded"
    )
    expect(tab.locator("#id_title_en")).to_have_value("Joint laboratory opens in Kyoto and Osaka")
    context.close()
    reader.goto(f"{base}/en/news/{article.slug}/")
    expect(reader.locator("h1")).to_have_text("Joint laboratory opens in Kyoto and Osaka")


def test_a_records_history_keeps_to_a_phones_screen(live_server, browser):
    """On a phone (375 px) the history's six columns, a version's English comment among
    them, made the page 110 px wider than the screen: they scroll in their own box."""
    staff("li.publisher", roles.PUBLISHER)
    article = f.ArticleFactory(title_en=TITLE_EN)
    context, tab = log_in(browser, live_server.url, "li.publisher")
    tab.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")
    tab.get_by_label("Comment").fill("Checked the partner's name and the spelling of Kyoto")
    tab.get_by_role("button", name="Save and continue editing").click()
    expect(tab.locator(".messagelist")).to_be_visible()

    tab.set_viewport_size({"width": 375, "height": 812})
    tab.goto(f"{live_server.url}/admin/news/article/{article.pk}/history/")
    expect(tab.get_by_role("link", name="Restore this version").first).to_be_visible()
    assert tab.evaluate("document.documentElement.scrollWidth") == 375
    context.close()
