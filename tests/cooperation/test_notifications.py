"""The workflow's e-mails: publishers hear of what waits for them, authors of what became
of their work; nothing is sent for a save that is not kept, and a mail that cannot be sent
does not undo the step."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import override

from accounts import roles
from cooperation.history import comment_text
from cooperation.models import CooperationProject
from cooperation.publication import PublicationStatus as S
from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import form_data
from tests.staff import PUBLISHABLE, client_of, staff_in

TITLES = {"title_en": "A record", "title_zh_hans": "一条记录"}


def an_article(editor, publisher, *, draft: bool) -> tuple[Article, str, Client, Client]:
    """An article titled TITLES (a draft, or published), its change form's URL, and the
    editor's and the publisher's clients."""
    state = {"publication_status": S.DRAFT, "published_at": None} if draft else {}
    article = f.ArticleFactory(**TITLES, **state)
    change = admin_url(Article, "change", article.pk)
    return article, change, client_of(editor), client_of(publisher)


def names(record) -> tuple[str, str]:
    """How the record is named in Chinese and in English (an award adds its year)."""
    with translation.override("zh-hans"):
        chinese = str(record)
    with translation.override("en"):
        return chinese, str(record)


def sent() -> dict[str, list[str]]:
    """Each recipient and the subjects of the mails they got (one address per mail)."""
    got: dict[str, list[str]] = {}
    for message in mail.outbox:
        [address] = message.to
        got.setdefault(address, []).append(message.subject)
    return got


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Runs what waits for the test's transaction to commit (the mails), as it would run."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
def test_a_submission_is_mailed_to_the_publishers_and_its_outcome_to_the_author(
    editor, publisher, commits, model, factory, name
):
    second_publisher = staff_in(roles.PUBLISHER, "second-publisher")
    staff_in(roles.EDITOR, "other-editor")  # may not publish: not told
    away = staff_in(roles.PUBLISHER, "away")  # inactive: not told
    away.is_active = False
    away.save()
    record = factory(**TITLES, publication_status=S.DRAFT, published_at=None)
    change = admin_url(model, "change", record.pk)
    writer, reviewer = client_of(editor), client_of(publisher)

    with commits():
        assert writer.post(change, form_data(writer, change, _workflow="submit")).status_code == 302
    zh, en = names(record)
    waits = f"[Coopbase] “{zh}”待您审核 · “{en}” waits for your review"
    assert sent() == {publisher.email: [waits], second_publisher.email: [waits]}
    message = mail.outbox[0]
    kind = str(model._meta.verbose_name)
    chinese, english = message.body.split("\n\n----\n\n")
    assert chinese.startswith("editor 提交了")
    assert f"“{zh}”待审核" in chinese
    assert english.startswith(f"editor submitted the {kind} “{en}” for review.")
    # Each part links to the record's change form.
    assert f"http://testserver{change}" in chinese.splitlines()
    assert f"http://testserver{change}" in english.splitlines()

    mail.outbox.clear()
    with commits():
        reviewer.post(change, form_data(reviewer, change, _workflow="request_changes"))
    assert sent() == {
        editor.email: [f"[Coopbase] “{zh}”已退回草稿 · “{en}” was sent back to draft"]
    }

    with commits():
        writer.post(change, form_data(writer, change, _workflow="submit"))
        # The publisher's own save while it waits does not make them its submitter.
        reviewer.post(change, form_data(reviewer, change))
    mail.outbox.clear()
    with commits():
        reviewer.post(change, form_data(reviewer, change, _workflow="publish"))
    assert sent() == {editor.email: [f"[Coopbase] “{zh}”已发布 · “{en}” was published"]}


@pytest.mark.django_db
def test_waiting_changes_are_mailed_once_and_what_became_of_them_to_their_author(
    editor, publisher, commits
):
    article, change, writer, reviewer = an_article(editor, publisher, draft=False)

    with commits():
        writer.post(change, form_data(writer, change, summary_en="Edited"))
    assert sent() == {
        publisher.email: [
            "[Coopbase] “一条记录”的修改待您审核 · Changes to “A record” wait for your review"
        ]
    }
    # A second save builds on the same waiting changes: no new mail.
    with commits():
        writer.post(change, form_data(writer, change, summary_en="Edited again"))
    assert len(mail.outbox) == 1

    mail.outbox.clear()
    with commits():
        assert reviewer.post(change, form_data(reviewer, change)).status_code == 302
    assert sent() == {
        editor.email: [
            "[Coopbase] 您对“一条记录”的修改已发布 · Your changes to “A record” were published"
        ]
    }

    with commits():
        writer.post(change, form_data(writer, change, summary_en="Once more"))
    mail.outbox.clear()
    with commits():
        reviewer.post(admin_url(Article, "discard_pending", article.pk))
    assert sent() == {
        editor.email: [
            "[Coopbase] 您对“一条记录”的修改已被放弃 · Your changes to “A record” were discarded"
        ]
    }


@pytest.mark.django_db
def test_waiting_changes_saved_into_a_record_unpublished_since_are_not_said_published(
    editor, publisher, commits
):
    from cooperation import workflow

    article, change, writer, reviewer = an_article(editor, publisher, draft=False)
    writer.post(change, form_data(writer, change, summary_en="Edited"))
    workflow.transition(record=article, name="unpublish", user=publisher)
    mail.outbox.clear()

    with commits():
        assert reviewer.post(change, form_data(reviewer, change)).status_code == 302
    article.refresh_from_db()
    assert (article.publication_status, article.summary_en) == (S.DRAFT, "Edited")
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_lists_actions_mail_the_authors(editor, publisher, commits):
    in_review = f.CooperationProjectFactory(
        **TITLES, publication_status=S.IN_REVIEW, published_at=None
    )
    published = f.CooperationProjectFactory(title_en="Published", title_zh_hans="已发布的")
    writer, reviewer = client_of(editor), client_of(publisher)
    for project in (in_review, published):
        change = admin_url(CooperationProject, "change", project.pk)
        writer.post(change, form_data(writer, change, summary_en="Edited"))
    mail.outbox.clear()

    changelist = admin_url(CooperationProject, "changelist")
    with commits():
        reviewer.post(
            changelist, {"action": "publish_selected", "_selected_action": [str(in_review.pk)]}
        )
        reviewer.post(
            changelist,
            {"action": "publish_waiting_changes", "_selected_action": [str(published.pk)]},
        )
    assert sent() == {
        editor.email: [
            "[Coopbase] “一条记录”已发布 · “A record” was published",
            "[Coopbase] 您对“已发布的”的修改已发布 · Your changes to “Published” were published",
        ]
    }


@pytest.mark.django_db
def test_no_mail_for_a_save_not_kept_nor_to_whoever_took_the_step(editor, publisher, commits):
    draft, change, writer, reviewer = an_article(editor, publisher, draft=True)

    # A submission with errors is not saved: no one is told.
    with commits():
        response = writer.post(
            change, form_data(writer, change, _workflow="submit", title_zh_hans="")
        )
    assert response.status_code == 200
    assert mail.outbox == []

    # Mail waits for the save to commit (here the test's transaction never does).
    writer.post(change, form_data(writer, change, _workflow="submit"))
    draft.refresh_from_db()
    assert draft.publication_status == S.IN_REVIEW
    assert mail.outbox == []
    writer.post(change, form_data(writer, change, _workflow="request_changes"))

    # A publisher who submits and publishes their own record tells no one.
    with commits():
        reviewer.post(change, form_data(reviewer, change, _workflow="submit"))
        reviewer.post(change, form_data(reviewer, change, _workflow="publish"))
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_mail_that_cannot_be_sent_does_not_undo_the_step(editor, publisher, commits, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.cooperation.test_notifications.Unreachable"}}
    draft, change, writer, _reviewer = an_article(editor, publisher, draft=True)
    with commits():
        response = writer.post(change, form_data(writer, change, _workflow="submit"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.publication_status == S.IN_REVIEW
    assert Unreachable.tried == 1


class Unreachable:
    """A mail server that does not answer."""

    tried = 0

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages) -> int:
        type(self).tried += 1
        raise ConnectionRefusedError("no mail server")


@pytest.mark.django_db
def test_a_steps_comment_goes_with_its_mail_and_into_the_history(editor, publisher, commits):
    from reversion.models import Version

    draft, change, writer, reviewer = an_article(editor, publisher, draft=True)
    form = writer.get(change).text
    assert '<label for="id_workflow_comment">Comment:</label>' in form
    assert 'aria-describedby="id_workflow_comment_helptext"' in form

    # Too long: the form says so, nothing is saved or sent.
    with commits():
        response = writer.post(
            change, form_data(writer, change, _workflow="submit", workflow_comment="x" * 1001)
        )
    assert "at most 1000 characters" in response.text
    draft.refresh_from_db()
    assert draft.publication_status == S.DRAFT
    assert mail.outbox == []

    with commits():
        writer.post(
            change,
            form_data(writer, change, _workflow="submit", workflow_comment="Check the dates."),
        )
    [message] = mail.outbox
    chinese, english = message.body.split("\n\n----\n\n")
    assert "editor 的备注：Check the dates." in chinese.splitlines()
    assert "editor’s comment: Check the dates." in english.splitlines()
    newest = Version.objects.get_for_object(draft).select_related("revision")[0]
    with override("en"):
        assert comment_text(newest.revision.comment, type(draft)).endswith(
            "Submit for review “Check the dates.”"
        )

    mail.outbox.clear()
    with commits():
        reviewer.post(
            change,
            form_data(
                reviewer, change, _workflow="request_changes", workflow_comment="Name the partner."
            ),
        )
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert "publisher’s comment: Name the partner." in message.body

    # A plain save's comment is kept in the history too.
    writer.post(change, form_data(writer, change, workflow_comment="Dates checked."))
    newest = Version.objects.get_for_object(draft).select_related("revision")[0]
    assert comment_text(newest.revision.comment, type(draft)).endswith("“Dates checked.”")


@pytest.mark.django_db
def test_each_user_turns_off_the_mails_they_do_not_want(editor, publisher, commits):
    second_publisher = staff_in(roles.PUBLISHER, "second-publisher")
    publisher.review_mail = False  # no more "waits for your review"
    publisher.save()
    draft, change, writer, reviewer = an_article(editor, publisher, draft=True)

    with commits():
        writer.post(change, form_data(writer, change, _workflow="submit"))
    assert list(sent()) == [second_publisher.email]
    # The mail says where to change that.
    assert "Your language and e-mail settings: http://testserver/accounts/settings/" in (
        mail.outbox[0].body
    )

    editor.outcome_mail = False  # no more "was published"
    editor.save()
    mail.outbox.clear()
    with commits():
        reviewer.post(change, form_data(reviewer, change, _workflow="publish"))
    draft.refresh_from_db()
    assert draft.publication_status == S.PUBLISHED
    assert mail.outbox == []


@pytest.mark.django_db
def test_each_mail_is_in_the_language_its_recipient_chose(editor, publisher, commits):
    in_english = staff_in(roles.PUBLISHER, "english-publisher")
    in_english.language = "en"
    in_english.save()
    publisher.language = "zh-hans"
    publisher.save()
    both = staff_in(roles.PUBLISHER, "both-publisher")  # none chosen: both languages
    draft, change, writer, _reviewer = an_article(editor, publisher, draft=True)

    with commits():
        writer.post(change, form_data(writer, change, _workflow="submit"))
    zh, en = names(draft)
    assert sent() == {
        in_english.email: [f"[Coopbase] “{en}” waits for your review"],
        publisher.email: [f"[Coopbase] “{zh}”待您审核"],
        both.email: [f"[Coopbase] “{zh}”待您审核 · “{en}” waits for your review"],
    }
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert bodies[in_english.email].startswith("editor submitted the article")
    assert "----" not in bodies[in_english.email] and "提交" not in bodies[in_english.email]
    assert bodies[publisher.email].startswith("editor 提交了")
    assert "----" not in bodies[publisher.email] and "submitted" not in bodies[publisher.email]
    assert bodies[both.email].count("\n\n----\n\n") == 1


@pytest.mark.django_db
def test_a_mail_queued_without_languages_is_sent_in_both(publisher):
    """A task queued by the code before languages (no ``languages``) still sends, in both."""
    from cooperation.notifications import send_workflow_mail

    article = f.ArticleFactory(**TITLES)
    sent_count = send_workflow_mail.call(
        event="published",
        model="news.article",
        pk=article.pk,
        actor="editor",
        link="http://testserver/admin/",
        addresses=[publisher.email],
    )
    assert sent_count == 1
    zh, en = names(article)
    assert sent() == {publisher.email: [f"[Coopbase] “{zh}”已发布 · “{en}” was published"]}


@pytest.mark.django_db
def test_the_settings_page(client, publisher):
    from django.urls import reverse

    page = reverse("accounts:settings")
    assert client.get(page)["Location"].startswith(reverse("accounts:login"))
    # The e-mail settings' first address, in mails sent before, leads there.
    old = client.get("/accounts/mail/")
    assert (old.status_code, old["Location"]) == (301, page)

    client.force_login(publisher)
    admin_home = client.get("/admin/", headers={"accept-language": "en"}).text
    assert f'<a href="{page}">Language and e-mails</a>' in admin_home
    form = client.get(page, headers={"accept-language": "en"}).text
    assert 'name="review_mail"' in form and 'name="outcome_mail"' in form
    assert '<select name="language"' in form
    assert "e-mail me what waits for my review" in form.lower()
    assert "publisher@example.org" in form

    response = client.post(page, {"outcome_mail": "on"}, headers={"accept-language": "en"})
    assert response.status_code == 302
    publisher.refresh_from_db()
    assert (publisher.review_mail, publisher.outcome_mail) == (False, True)
    assert "Your settings were saved." in client.get(response["Location"]).text

    # Choosing Chinese in an English browser: the message and the page are in Chinese.
    response = client.post(
        page, {"language": "zh-hans", "outcome_mail": "on"}, headers={"accept-language": "en"}
    )
    publisher.refresh_from_db()
    assert publisher.language == "zh-hans"
    assert "您的设置已保存。" in client.get(response["Location"]).text
    # A language the site does not have: a form error, nothing saved.
    response = client.post(page, {"language": "fr"}, headers={"accept-language": "en"})
    assert response.status_code == 200 and response.context["form"].errors["language"]
    publisher.refresh_from_db()
    assert (publisher.language, publisher.outcome_mail) == ("zh-hans", True)


# Transactional: the worker, as in production, closes a connection left inside a transaction.
@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_the_mail_waits_for_the_worker(editor, publisher, settings):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _draft, change, writer, _reviewer = an_article(editor, publisher, draft=True)
    assert writer.post(change, form_data(writer, change, _workflow="submit")).status_code == 302
    assert mail.outbox == []  # queued, not sent in the request
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert list(sent()) == [publisher.email]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
