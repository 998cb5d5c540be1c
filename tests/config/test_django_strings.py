"""Django's own messages that its Chinese catalogue gets wrong read right in ours
(config/django_strings.py), through a form as staff and readers meet them."""

from __future__ import annotations

import html
import re

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, override
from reversion.models import Version

from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import form_data
from tests.staff import client_of


def refusal_of(value: str, language: str) -> list[str]:
    """A text field's messages for ``value``, worded in ``language`` (as a page shows them)."""
    with override(language):
        try:
            forms.CharField().clean(value)
        except ValidationError as refused:
            return [str(message) for message in refused.messages]
    return []


def test_a_nul_character_in_a_text_is_named_so_in_chinese():
    # Django's Chinese read 不允许是用空字符串 ("an empty string is not allowed", misspelt).
    assert refusal_of("title\x00", "zh-hans") == ["不允许包含空字符（NUL）。"]
    assert refusal_of("title\x00", "en") == ["Null characters are not allowed."]


# The back office in Chinese, where Django's and django-reversion's own Chinese read as a
# machine's: 选择 合作项目 来修改, 型号名称, 变化 for the "Change" links, 用户名: with an ASCII
# colon, 单击保存按钮将此对象恢复到此版本 (config/django_strings.py names them; ours are read).


def text_of(page: str) -> str:
    """A page's words as a reader sees them: tags out, entities read, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def messages_of(page: str) -> list[str]:
    """The messages a page shows after a step, as read (the record's name is a link)."""
    items = re.findall(r'<ul class="messagelist">(.*?)</ul>', page, re.S)
    return [text_of(re.sub(r"</?a[^>]*>", "", item)) for item in items]


@pytest.mark.django_db
def test_the_back_office_s_lists_read_as_chinese(publisher):
    f.ArticleFactory(title_zh_hans="基地召开年度会议")
    client = client_of(publisher)
    index_page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").text
    index = text_of(index_page)
    listing = client.get(admin_url(Article, "changelist"), HTTP_ACCEPT_LANGUAGE="zh-hans").text
    words = text_of(listing)

    assert "修改 " in index and "变化" not in index  # the link to each list
    assert "数据类型" in index and "型号名称" not in index
    assert "最近操作" in index
    # Django's template put an ASCII full stop after the name: "欢迎， PUBLISHER."
    assert "欢迎您，<strong>publisher</strong>。" in index_page
    assert "<h1>选择要修改的新闻</h1>" in listing
    assert "恢复已删除的新闻" in words  # django-reversion's link
    assert "按发布状态" in words and "过滤器" not in words
    assert "操作：" in words and "执行" in words
    assert "已选 0 个，共 1 个" in words


@pytest.mark.django_db
def test_a_save_and_a_restore_are_worded_as_chinese(publisher):
    article = f.ArticleFactory(title_zh_hans="联合实验室")
    change = admin_url(Article, "change", article.pk)
    client = client_of(publisher)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"

    saved = client.post(change, {**form_data(client, change), "_continue": "1"}, follow=True)
    assert messages_of(saved.text) == ["已成功修改新闻“联合实验室”。您可以在下方继续编辑。"]
    assert "标题（中文）：" in text_of(saved.text)  # a label's suffix, full-width

    version = Version.objects.get_for_object(article).first()
    revert = text_of(client.get(admin_url(Article, "revision", article.pk, version.pk)).text)
    assert "点击下方的“保存”按钮，即可将这条记录恢复为此版本。" in revert
    assert "单击保存按钮" not in revert


def test_the_dashboard_s_change_column_and_the_admin_s_change_link_are_two_words():
    """One msgid gave the back office's "Change" links the dashboard's 变化 (a difference)."""
    from dashboard.figures import _compare_columns

    with override("zh-hans"):
        assert _compare_columns()[-1] == "变化"
        assert gettext("Change") == "修改"


def test_the_reset_mail_asks_for_a_reset_and_the_audit_log_records_one():
    """The mail's subject said 已重置密码 (a reset done) before the reader had reset it."""
    from accounts.models import AuditEventKind

    with override("zh-hans"):
        assert gettext("Password reset") == "重置密码"
        assert str(AuditEventKind.PASSWORD_RESET.label) == "已重置密码"
