"""A record's history is worded in the reader's language, whoever saved and in whichever
language (cooperation.history): django-reversion kept each version's comment as text in the
saver's language, with fields named by their labels in the site's default language."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import override
from reversion.models import Revision, Version

from cooperation.history import comment_text, version_comment
from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import form_data
from tests.staff import client_of

pytestmark = pytest.mark.django_db


def history_comments(client, record, language: str) -> list[str]:
    """The history page's comments, newest first, as the reader reads them."""
    page = client.get(
        admin_url(type(record), "history", record.pk), HTTP_ACCEPT_LANGUAGE=language
    ).text
    table = page.split('id="change-history"')[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows]
    return [" ".join(html.unescape(re.sub("<[^>]+>", " ", row[-2])).split()) for row in cells]


def test_a_save_is_worded_in_the_readers_language_with_the_fields_by_their_labels(publisher):
    article = f.ArticleFactory(title_en="Published title")
    change = admin_url(Article, "change", article.pk)
    writer = client_of(publisher)  # asks for English
    writer.post(
        change,
        form_data(writer, change, title_en="New title", workflow_comment="Typo in the title."),
    )

    english = history_comments(writer, article, "en")[0]
    chinese = history_comments(writer, article, "zh-hans")[0]
    assert english == "Changed Title (English). “Typo in the title.”"
    assert chinese.startswith("已修改标题（英文）")
    assert "“Typo in the title.”" in chinese
    # The workflow's comment box is no field of the record.
    assert "Comment" not in english and "备注" not in chinese


def test_publishing_waiting_changes_says_so_not_that_no_field_changed(editor, publisher):
    article = f.ArticleFactory(title_en="Published title")
    change = admin_url(Article, "change", article.pk)
    client_of(editor).post(change, form_data(client_of(editor), change, title_en="Edited"))
    reviewer = client_of(publisher)
    assert reviewer.post(change, form_data(reviewer, change)).status_code == 302

    newest = history_comments(reviewer, article, "en")[0]
    assert newest == "Published the changes waiting for review"
    assert history_comments(reviewer, article, "zh-hans")[0] == "已发布待审核的修改"


def test_a_workflow_step_and_an_inline_row_are_named_in_the_readers_language(publisher):
    project = f.CooperationProjectFactory()
    with override("en"):
        text = comment_text(
            version_comment(
                [{"row": "cooperation.achievement", "added": "A paper"}],
                action="publish",
                comment="Ready.",
            ),
            type(project),
        )
    assert text == "Added achievement “A paper”. Publish “Ready.”"
    with override("zh-hans"):
        text = comment_text(version_comment(action="unpublish"), type(project))
    assert text == "撤销发布"


def test_a_comment_kept_as_text_before_is_shown_as_it_was(publisher):
    article = f.ArticleFactory()
    revision = Revision.objects.create(
        comment="Changed Title [en]. Publish", user=publisher, date_created=timezone.now()
    )
    Version.objects.create(
        revision=revision,
        object_id=str(article.pk),
        content_type=ContentType.objects.get_for_model(Article),
        db=Version.objects.db,
        format="json",
        serialized_data="[]",
        object_repr=str(article),
    )
    assert "Changed Title [en]. Publish" in history_comments(
        client_of(publisher), article, "zh-hans"
    )


def test_a_restore_says_which_version_it_brought_back_in_the_readers_language(publisher):
    """django-reversion kept its own comment, "Reverted to previous version, saved on …",
    worded in the saver's language."""
    article = f.ArticleFactory(title_en="First title")
    change = admin_url(Article, "change", article.pk)
    writer = client_of(publisher)  # asks for English
    writer.post(change, form_data(writer, change, title_en="Second title"))
    writer.post(change, form_data(writer, change, title_en="Third title"))
    first = Version.objects.get_for_object(article).select_related("revision").last()
    revision = admin_url(Article, "revision", article.pk, first.pk)

    assert writer.post(revision, form_data(writer, revision)).status_code == 302

    article.refresh_from_db()
    assert article.title_en == "Second title"
    saved_on = timezone.localtime(first.revision.date_created)
    with override("en"):
        english_date = localize(saved_on)
    with override("zh-hans"):
        chinese_date = localize(saved_on)
    assert history_comments(writer, article, "en")[0] == (
        f"Restored the version saved on {english_date}."
    )
    assert (
        history_comments(writer, article, "zh-hans")[0] == f"已恢复保存于 {chinese_date} 的版本。"
    )


def test_a_recovery_says_so_in_the_readers_language(publisher):
    article = f.ArticleFactory(title_en="Deleted by mistake")
    pk = article.pk
    writer = client_of(publisher)
    assert writer.post(admin_url(Article, "delete", pk), {"post": "yes"}).status_code == 302
    deleted = Version.objects.get_deleted(Article).select_related("revision").get()
    recover = admin_url(Article, "recover", deleted.pk)

    assert writer.post(recover, form_data(writer, recover)).status_code == 302

    article = Article.objects.get(pk=pk)
    newest = history_comments(writer, article, "zh-hans")[0]
    with override("zh-hans"):
        saved_on = localize(timezone.localtime(deleted.revision.date_created))
    assert newest == f"已恢复删除的记录（保存于 {saved_on}）。"


def page_title(client, url: str, language: str) -> str:
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).text
    return html.unescape(re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)).strip()


def test_the_restore_and_recover_pages_name_the_record_in_the_readers_language(publisher):
    """django-reversion titled them with the name it kept as text, in the saver's language:
    "恢复 Joint laboratory" on a Chinese page whose history calls it 联合实验室."""
    article = f.ArticleFactory(title_zh_hans="联合实验室", title_en="Joint laboratory")
    change = admin_url(Article, "change", article.pk)
    writer = client_of(publisher)  # asks for English
    writer.post(change, form_data(writer, change, title_en="Joint laboratory opens"))
    saved = Version.objects.get_for_object(article).first()
    revision = admin_url(Article, "revision", article.pk, saved.pk)

    assert page_title(writer, revision, "zh-hans") == "恢复“联合实验室”的旧版本"
    assert page_title(writer, revision, "en") == "Revert Joint laboratory opens"

    assert writer.post(admin_url(Article, "delete", article.pk), {"post": "yes"}).status_code == 302
    deleted = Version.objects.get_deleted(Article).get()
    recover = admin_url(Article, "recover", deleted.pk)

    assert page_title(writer, recover, "zh-hans") == "恢复已删除的“联合实验室”"


def test_the_saver_s_full_name_is_bracketed_as_the_page_s_language_writes_it(publisher):
    publisher.first_name, publisher.last_name = "Fabu", "Wang"
    publisher.save()
    article = f.ArticleFactory()
    change = admin_url(Article, "change", article.pk)
    writer = client_of(publisher)
    writer.post(change, form_data(writer, change, title_en="A new title"))
    history = admin_url(Article, "history", article.pk)
    name = publisher.get_full_name()

    chinese = writer.get(history, HTTP_ACCEPT_LANGUAGE="zh-hans").text
    english = writer.get(history, HTTP_ACCEPT_LANGUAGE="en").text
    assert f"<td>publisher（{name}）</td>" in chinese
    assert f"<td>publisher ({name})</td>" in english
