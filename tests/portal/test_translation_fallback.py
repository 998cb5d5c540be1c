"""A missing translation falls back to the other language, and the page says so."""

import pytest

from tests import factories as f

NOTICE_EN = "not yet translated into English"
NOTICE_ZH = "尚未译成中文"


@pytest.mark.django_db
def test_untranslated_english_falls_back_to_chinese_with_a_notice(client):
    project = f.CooperationProjectFactory(title_en="", summary_en="", title_zh_hans="仅中文项目")
    english = client.get(f"/en/projects/{project.slug}/").text
    assert "<h1>仅中文项目</h1>" in english
    assert NOTICE_EN in english


@pytest.mark.django_db
def test_fully_translated_pages_carry_no_notice(client):
    project = f.CooperationProjectFactory(title_en="Both languages", summary_en="Summary")
    assert NOTICE_EN not in client.get(f"/en/projects/{project.slug}/").text
    assert NOTICE_ZH not in client.get(f"/zh-hans/projects/{project.slug}/").text
