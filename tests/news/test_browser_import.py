"""An earlier Chinese site's news brought in through a real Chromium: an editor uploads a
sheet whose items have Chinese titles only, reads the problem, fixes it, confirms; a
publisher publishes them, and each takes its place in the news list under its own day."""

import pytest
import tablib
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts import roles
from news.models import Article
from tests import factories as f
from tests.browser import signed_in_tab

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery-staple"
HEADERS = ["title_zh_hans", "summary_zh_hans", "body_zh_hans", "category", "published_at"]


def sheet(path, category: str) -> None:
    rows = tablib.Dataset(headers=HEADERS)
    rows.append(
        [
            "我校与朱拉隆功大学签署合作协议",
            "旧网站新闻",
            "双方签署协议。\n\n第二段。",
            "基地动态",
            "2016-05-18",
        ]
    )
    rows.append(
        ["我校代表团访问京都大学", "旧网站新闻", "<p>代表团访问。</p>", category, "2017年3月9日"]
    )
    path.write_bytes(rows.export("xlsx"))


def user(username: str, role: str) -> None:
    account = f.UserFactory(username=username, password=PASSWORD, is_staff=True)
    account.groups.add(Group.objects.get(name=role))


def test_an_editor_imports_an_earlier_sites_news_and_a_publisher_publishes_it(
    live_server, browser, tmp_path
):
    f.CategoryFactory(name_zh_hans="基地动态", name_en="Base news")
    f.ArticleFactory(title_zh_hans="最新动态", published_at="2025-10-30T09:00:00+08:00")
    user("wang.editor", roles.EDITOR)
    user("li.publisher", roles.PUBLISHER)
    upload = tmp_path / "news.xlsx"

    tab, blocked = signed_in_tab(browser, live_server.url, "wang.editor", PASSWORD, locale="zh-CN")
    tab.goto(f"{live_server.url}/admin/news/article/import/")
    expect(tab.locator(".import-help")).to_contain_text("栏目和专题按中文或英文名称或网址标识匹配")
    sheet(upload, category="体育")
    tab.locator("input[name=import_file]").set_input_files(upload)
    tab.get_by_role("button", name="检查文件").click()
    expect(tab.locator("ul.import-problems")).to_contain_text(
        "第 3 行，category 列：“体育”不是已知的栏目"
    )
    assert not Article.objects.filter(publication_status="draft").exists()

    sheet(upload, category="基地动态")
    tab.locator("input[name=import_file]").set_input_files(upload)
    tab.get_by_role("button", name="检查文件").click()
    expect(tab.locator(".import-summary")).to_contain_text("新增 2 条")
    tab.get_by_role("button", name="确认导入").click()
    expect(tab.locator("ul.messagelist")).to_be_visible()
    imported = Article.objects.filter(publication_status="draft")
    assert imported.count() == 2
    assert all(
        slug.startswith("news-2016") or slug.startswith("news-2017")
        for slug in imported.values_list("slug", flat=True)
    )

    publisher, blocked_too = signed_in_tab(
        browser, live_server.url, "li.publisher", PASSWORD, locale="zh-CN"
    )
    publisher.goto(f"{live_server.url}/admin/news/article/?publication_status__exact=draft")
    publisher.locator("#action-toggle").check()
    publisher.locator("select[name=action]").select_option("publish_selected")
    publisher.get_by_role("button", name="执行").click()
    expect(publisher.locator("ul.messagelist")).to_contain_text("2")

    publisher.goto(f"{live_server.url}/zh-hans/news/")
    titles = publisher.locator("main .card-title").all_inner_texts()
    assert titles == ["最新动态", "我校代表团访问京都大学", "我校与朱拉隆功大学签署合作协议"]
    # The imported date, as a Chinese page writes it (config/formats).
    expect(publisher.locator("main")).to_contain_text("2016年5月18日")
    assert blocked == [] and blocked_too == []
    tab.context.close()
    publisher.context.close()
