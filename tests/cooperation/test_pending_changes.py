"""Changes to a published record by someone who may not publish wait for a publisher."""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.utils.translation import override
from reversion.models import Version

from accounts import roles
from cooperation import workflow
from cooperation.history import comment_text
from cooperation.models import Award, CooperationProject, PendingChange
from cooperation.publication import PublicationStatus as S
from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data
from tests.staff import PUBLISHABLE, client_of, staff_in


def editing_an_article(editor, **saved) -> tuple[Article, str, Client]:
    """A published article titled "Published title", its change form's URL and the editor's
    client; with ``saved``, the editor has saved these changes (which wait)."""
    article = f.ArticleFactory(title_en="Published title")
    change = admin_url(Article, "change", article.pk)
    writer = client_of(editor)
    if saved:
        assert writer.post(change, form_data(writer, change, **saved)).status_code == 302
    return article, change, writer


def waiting(record) -> PendingChange | None:
    return PendingChange.objects.filter(object_id=str(record.pk)).first()


def public_page(record) -> str | None:
    """The record's page as a reader gets it (awards have none of their own)."""
    if isinstance(record, Award):
        return None
    response = Client().get(record.get_absolute_url())
    assert response.status_code == 200
    return response.text


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
def test_an_editors_save_of_a_published_record_waits_and_a_publishers_save_publishes_it(
    editor, publisher, model, factory, name
):
    record = factory(title_en="Published title")
    published_at = record.published_at
    change = admin_url(model, "change", record.pk)
    writer = client_of(editor)
    assert "what you save waits for a publisher before readers see it" in writer.get(change).text

    response = writer.post(change, form_data(writer, change, title_en="Edited title"))
    assert response.status_code == 302
    page = writer.get(response.url).text
    assert "Your changes wait for a publisher" in page
    assert "changed successfully" not in page  # it was not, for readers

    # Readers still see the record as published; its row is untouched.
    record.refresh_from_db()
    assert record.title_en == "Published title"
    assert (record.publication_status, record.published_at) == (S.PUBLISHED, published_at)
    if (page := public_page(record)) is not None:
        assert "Published title" in page
        assert "Edited title" not in page
    assert waiting(record) is not None

    # Whoever opens the record works on the waiting change.
    form = writer.get(change)
    assert form.context["adminform"].form.initial["title_en"] == "Edited title"
    assert "wait for a publisher" in form.text

    reviewer = client_of(publisher)
    form = reviewer.get(change)
    assert form.context["adminform"].form.initial["title_en"] == "Edited title"
    assert "Saving publishes them." in form.text
    assert reviewer.post(change, form_data(reviewer, change)).status_code == 302

    record.refresh_from_db()
    assert record.title_en == "Edited title"
    # The form gives the date to the second.
    assert record.publication_status == S.PUBLISHED
    assert record.published_at == published_at.replace(microsecond=0)
    if (page := public_page(record)) is not None:
        assert "Edited title" in page
    assert waiting(record) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
def test_an_editors_save_of_a_draft_is_saved_at_once(editor, model, factory, name):
    record = factory(title_en="Draft title", publication_status=S.DRAFT, published_at=None)
    change = admin_url(model, "change", record.pk)
    writer = client_of(editor)
    assert "waits for a publisher" not in writer.get(change).text
    assert writer.post(change, form_data(writer, change, title_en="Edited")).status_code == 302
    record.refresh_from_db()
    assert record.title_en == "Edited"
    assert waiting(record) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
def test_the_preview_shows_the_waiting_changes(editor, model, factory, name):
    from django.urls import reverse

    record = factory(title_en="Published title")
    change = admin_url(model, "change", record.pk)
    writer = client_of(editor)
    writer.post(change, form_data(writer, change, title_en="Edited title"))

    preview = writer.get(reverse(name, kwargs={"pk": record.pk})).text
    assert "Edited title" in preview
    assert "It shows the changes waiting for a publisher" in preview
    # Showing them changed nothing.
    record.refresh_from_db()
    assert record.title_en == "Published title"


@pytest.mark.django_db
def test_waiting_changes_are_discarded_and_the_record_stays_as_published(editor):
    article, change, writer = editing_an_article(editor, title_en="Edited title")
    assert 'formaction="' in writer.get(change).text  # the discard button

    discard = admin_url(Article, "discard_pending", article.pk)
    assert writer.get(discard).status_code == 405  # only a POST discards
    assert waiting(article) is not None
    response = writer.post(discard)
    assert response.status_code == 302
    assert waiting(article) is None
    article.refresh_from_db()
    assert article.title_en == "Published title"
    form = writer.get(change)
    assert form.context["adminform"].form.initial["title_en"] == "Published title"
    assert LogEntry.objects.filter(
        object_id=str(article.pk), change_message__contains="Discarded the changes"
    ).exists()


@pytest.mark.django_db
def test_a_projects_partners_fields_and_achievements_wait_with_it(editor, publisher):
    project = f.CooperationProjectFactory(
        title_en="Published project",
        partners=[f.InstitutionFactory(name_en="Kept"), f.InstitutionFactory(name_en="Dropped")],
    )
    kept, dropped = project.projectpartner_set.order_by("institution__name_en")
    change = admin_url(CooperationProject, "change", project.pk)
    writer = client_of(editor)
    data = form_data(writer, change)
    prefix = next(
        key.removesuffix("-TOTAL_FORMS")
        for key in data
        if key.endswith("-TOTAL_FORMS") and "partner" in key.lower()
    )
    row = next(
        index
        for index in range(int(data[f"{prefix}-TOTAL_FORMS"]))
        if data.get(f"{prefix}-{index}-id") == str(dropped.pk)
    )
    data[f"{prefix}-{row}-DELETE"] = "on"
    assert writer.post(change, data).status_code == 302

    # Readers still see both partners; the form shows the one kept.
    partners = set(project.projectpartner_set.values_list("pk", flat=True))
    assert partners == {kept.pk, dropped.pk}
    assert dropped.institution.name in public_page(project)
    form = writer.get(change)
    shown = {
        form_.instance.pk
        for inline in form.context["inline_admin_formsets"]
        for form_ in inline.formset.forms
        if form_.instance.pk and "partner" in inline.formset.prefix.lower()
    }
    assert shown == {kept.pk}

    reviewer = client_of(publisher)
    assert reviewer.post(change, form_data(reviewer, change)).status_code == 302
    assert set(project.projectpartner_set.values_list("pk", flat=True)) == {kept.pk}
    assert dropped.institution.name not in public_page(project)


@pytest.mark.django_db
def test_an_editor_goes_on_from_the_waiting_changes(editor):
    article = f.ArticleFactory(title_en="Published title", summary_en="Published summary")
    change = admin_url(Article, "change", article.pk)
    writer = client_of(editor)
    writer.post(change, form_data(writer, change, title_en="Edited title"))
    writer.post(change, form_data(writer, change, summary_en="Edited summary"))

    pending = waiting(article)
    assert PendingChange.objects.count() == 1
    saved = pending.revision.version_set.get(object_id=str(article.pk)).field_dict
    assert (saved["title_en"], saved["summary_en"]) == ("Edited title", "Edited summary")
    article.refresh_from_db()
    assert (article.title_en, article.summary_en) == ("Published title", "Published summary")
    # One published version kept beside the waiting changes, not one per save.
    with override("en"):
        kept = [
            version.revision_id
            for version in Version.objects.get_for_object(article).select_related("revision")
            if comment_text(version.revision.comment, Article).startswith("Published version")
        ]
    assert kept == [pending.live_revision_id]
    compare = writer.get(change).context["pending_compare_url"]
    changes = writer.get(compare).context["changes"]
    assert {change.new for change in changes} >= {"Edited title", "Edited summary"}


@pytest.mark.django_db
def test_a_save_based_on_the_published_version_after_anothers_waiting_change_is_refused(
    editor,
):
    article = f.ArticleFactory(title_en="Published title")
    change = admin_url(Article, "change", article.pk)
    first = client_of(staff_in(roles.EDITOR, "other-editor"))
    second = client_of(editor)
    stale = form_data(second, change, title_en="Second writer")

    assert first.post(change, form_data(first, change, title_en="First writer")).status_code == 302
    response = second.post(change, stale)
    [message] = errors_shown(response)["__all__"]
    # The one who saved the waiting change, not the published version this save kept.
    assert message.startswith("This record was changed by other-editor at ")
    saved = waiting(article).revision.version_set.get(object_id=str(article.pk)).field_dict
    assert saved["title_en"] == "First writer"
    article.refresh_from_db()
    assert article.title_en == "Published title"


@pytest.mark.django_db
def test_a_save_with_errors_keeps_nothing(editor):
    article, change, writer = editing_an_article(editor)
    versions = Version.objects.count()
    response = writer.post(change, form_data(writer, change, title_zh_hans=""))
    assert "title_zh_hans" in errors_shown(response)
    assert Version.objects.count() == versions
    assert waiting(article) is None


@pytest.mark.django_db
def test_waiting_changes_keep_the_state_the_record_has_now(editor, publisher):
    article, change, writer = editing_an_article(editor, title_en="Edited title")
    workflow.transition(record=article, name="unpublish", user=publisher)

    # A draft now: the editor's next save goes into it, the waiting change with it, and
    # the record stays a draft (the waiting change was saved while it was published).
    form = writer.get(change)
    assert form.context["workflow_state"].status == S.DRAFT
    assert writer.post(change, form_data(writer, change, summary_en="More")).status_code == 302
    article.refresh_from_db()
    assert (article.title_en, article.summary_en) == ("Edited title", "More")
    # Unpublished, it keeps the day it first appeared (cooperation.workflow).
    assert article.publication_status == S.DRAFT
    assert not article.is_public
    assert waiting(article) is None


@pytest.mark.django_db
def test_a_version_an_editor_restores_waits_too(editor, publisher):
    article = f.ArticleFactory(title_en="First title")
    change = admin_url(Article, "change", article.pk)
    reviewer = client_of(publisher)
    reviewer.post(change, form_data(reviewer, change, title_en="Old title"))
    reviewer.post(change, form_data(reviewer, change, title_en="Published title"))
    old = Version.objects.get_for_object(article).order_by("pk")[0]
    assert old.field_dict["title_en"] == "Old title"

    writer = client_of(editor)
    restore = admin_url(Article, "revision", article.pk, old.pk)
    response = writer.post(restore, form_data(writer, restore), follow=True)
    assert "Your changes wait for a publisher" in response.text
    article.refresh_from_db()
    assert article.title_en == "Published title"
    assert writer.get(change).context["adminform"].form.initial["title_en"] == "Old title"


@pytest.mark.django_db
def test_publishers_find_the_records_with_waiting_changes(editor, publisher):
    edited, untouched = f.ArticleFactory(title_en="Edited one"), f.ArticleFactory()
    change = admin_url(Article, "change", edited.pk)
    writer = client_of(editor)
    writer.post(change, form_data(writer, change, summary_en="New summary"))

    listed = client_of(publisher).get(admin_url(Article, "changelist") + "?waiting=yes")
    assert [row.pk for row in listed.context["cl"].result_list] == [edited.pk]
    listed = client_of(publisher).get(admin_url(Article, "changelist") + "?waiting=no")
    assert [row.pk for row in listed.context["cl"].result_list] == [untouched.pk]


@pytest.mark.django_db
def test_deleting_a_record_drops_its_waiting_changes(editor, publisher):
    article = f.ArticleFactory()
    change = admin_url(Article, "change", article.pk)
    writer = client_of(editor)
    writer.post(change, form_data(writer, change, summary_en="New summary"))
    assert waiting(article) is not None
    response = client_of(publisher).post(admin_url(Article, "delete", article.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not PendingChange.objects.exists()
    # The deletion kept a version (recover still works), described in the reader's language.
    with override("en"):
        assert comment_text(
            Version.objects.get_deleted(Article).get().revision.comment, Article
        ) == ("Deleted")


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
def test_a_save_that_changes_nothing_leaves_nothing_waiting(editor, model, factory, name):
    extra = {"partners": [f.InstitutionFactory()]} if model is CooperationProject else {}
    record = factory(**extra)
    change = admin_url(model, "change", record.pk)
    writer = client_of(editor)
    response = writer.post(change, form_data(writer, change), follow=True)
    assert "Your changes wait for a publisher" not in response.text
    assert "Nothing was changed" in response.text
    assert waiting(record) is None


@pytest.mark.django_db
def test_changes_changed_back_leave_nothing_waiting(editor):
    article, change, writer = editing_an_article(editor)

    # Changed, then changed back: nothing waits any more, and no published version is kept.
    writer.post(change, form_data(writer, change, title_en="Edited title"))
    assert waiting(article) is not None
    writer.post(change, form_data(writer, change, title_en="Published title"))
    assert waiting(article) is None
    assert not Version.objects.get_for_object(article).filter(
        revision__comment__startswith="Published version"
    )


def review_rows(page: str) -> dict[str, tuple[str, str]]:
    """The home page's "Waiting for review" table: label -> (in review, changes waiting)."""
    table = re.search(r'id="review-queue">(.*?)</table>', page, re.S)
    if table is None:
        return {}
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>', table[1])
    return {label: (in_review, waiting) for label, in_review, waiting in rows}


@pytest.mark.django_db
def test_the_back_offices_home_page_shows_what_waits_for_review(editor, publisher):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    f.ArticleFactory(publication_status=S.IN_REVIEW, published_at=None)
    edited = f.ArticleFactory()
    change = admin_url(Article, "change", edited.pk)
    writer = client_of(editor)
    writer.post(change, form_data(writer, change, summary_en="New summary"))

    reviewer = client_of(publisher)
    rows = review_rows(reviewer.get("/admin/").text)
    changelist = admin_url(Article, "changelist")
    assert rows["Articles"] == (
        f'<a href="{changelist}?publication_status__exact=in_review">1</a>',
        f'<a href="{changelist}?waiting=yes">1</a>',
    )
    assert rows["Cooperation projects"] == ("0", "0")
    assert set(rows) >= {"Awards", "Pages"}

    # Leadership only views: nothing is theirs to review.
    leader = client_of(staff_in(roles.LEADERSHIP, "leader"))
    assert review_rows(leader.get("/admin/").text) == {}

    # The same queries however many records wait (each time after a change, which the
    # "Needs attention" counts follow).
    counts = []
    for _ in range(2):
        f.ArticleFactory.create_batch(3, publication_status=S.IN_REVIEW, published_at=None)
        with CaptureQueriesContext(connection) as queries:
            assert reviewer.get("/admin/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def messages_of(response) -> list[str]:
    from django.contrib.messages import get_messages

    return [str(message) for message in get_messages(response.wsgi_request)]


def publish_waiting(client: Client, model, records) -> list[str]:
    response = client.post(
        admin_url(model, "changelist"),
        {"action": "publish_waiting_changes", "_selected_action": [str(r.pk) for r in records]},
    )
    return messages_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
def test_a_publisher_publishes_the_waiting_changes_of_the_selected_records(
    editor, publisher, model, factory, name
):
    edited, untouched = factory(title_en="Published title"), factory(title_en="Untouched")
    published_at = edited.published_at
    change = admin_url(model, "change", edited.pk)
    writer = client_of(editor)
    assert (
        writer.post(change, form_data(writer, change, title_en="Edited title")).status_code == 302
    )

    shown = publish_waiting(client_of(publisher), model, [edited, untouched])
    assert "The changes waiting for review of 1 record were published." in shown
    assert "1 record had no changes waiting." in shown

    edited.refresh_from_db()
    assert edited.title_en == "Edited title"
    assert (edited.publication_status, edited.published_at) == (S.PUBLISHED, published_at)
    assert waiting(edited) is None
    if (page := public_page(edited)) is not None:
        assert "Edited title" in page
    newest = Version.objects.get_for_object(edited).select_related("revision")[0]
    assert newest.revision.user == publisher
    with override("en"):
        assert comment_text(newest.revision.comment, type(edited)) == (
            "Published the changes waiting for review"
        )
    assert newest.field_dict["title_en"] == "Edited title"
    untouched.refresh_from_db()
    assert untouched.title_en == "Untouched"


@pytest.mark.django_db
def test_a_projects_waiting_partners_are_published_by_the_action(editor, publisher):
    project = f.CooperationProjectFactory(partners=[f.InstitutionFactory(name_en="Dropped")])
    change = admin_url(CooperationProject, "change", project.pk)
    writer = client_of(editor)
    data = form_data(writer, change)
    [delete] = [
        key.replace("-id", "-DELETE") for key in data if re.match(r".*partner.*-0-id$", key)
    ]
    data[delete] = "on"
    assert writer.post(change, data).status_code == 302
    assert project.projectpartner_set.exists()  # readers still see the partner

    publish_waiting(client_of(publisher), CooperationProject, [project])
    assert not project.projectpartner_set.exists()
    assert "Dropped" not in public_page(project)


@pytest.mark.django_db
def test_editors_may_not_publish_waiting_changes(editor):
    article, _change, writer = editing_an_article(editor, title_en="Edited title")
    changelist = writer.get(admin_url(Article, "changelist")).text
    assert "publish_waiting_changes" not in changelist
    publish_waiting(writer, Article, [article])  # forged: the admin ignores it
    article.refresh_from_db()
    assert article.title_en == "Published title"
    assert waiting(article) is not None


@pytest.mark.django_db
def test_waiting_changes_that_no_longer_fit_are_refused_with_a_reason(editor, publisher):
    article, change, _writer = editing_an_article(editor, slug="edited-slug")
    f.ArticleFactory(slug="edited-slug")  # the slug is taken since
    reviewer = client_of(publisher)

    shown = publish_waiting(reviewer, Article, [article])
    assert "The changes waiting for review of 0 records were published." in shown
    [refused] = [message for message in shown if message.startswith("1 record refused:")]
    assert "(its slug “edited-slug” is now another record’s)" in refused
    article.refresh_from_db()
    assert article.title_en == "Published title"
    assert waiting(article) is not None

    # The form and the preview show the published version and say why, not an error page.
    form = reviewer.get(change)
    assert form.status_code == 200
    assert form.context["adminform"].form.initial["title_en"] == "Published title"
    assert any("can no longer be applied" in message for message in messages_of(form))
    from django.urls import reverse

    preview = reviewer.get(reverse("news:article-preview", kwargs={"pk": article.pk}))
    assert preview.status_code == 200
    assert "can no longer be shown (its slug “edited-slug” is now another record’s)" in (
        preview.text
    )
    assert "Published title" in preview.text

    # Discarding them goes on from the published version.
    discard = admin_url(Article, "discard_pending", article.pk)
    assert reviewer.post(discard).status_code == 302
    assert waiting(article) is None


@pytest.mark.django_db
def test_the_action_refuses_the_waiting_changes_of_a_record_unpublished_since(editor, publisher):
    article, _change, _writer = editing_an_article(editor, title_en="Edited title")
    workflow.transition(record=article, name="unpublish", user=publisher)

    shown = publish_waiting(client_of(publisher), Article, [article])
    [refused] = [message for message in shown if message.startswith("1 record refused:")]
    assert "it is not published now: its next save takes the waiting changes in" in refused
    article.refresh_from_db()
    assert (article.publication_status, article.title_en) == (S.DRAFT, "Published title")
    assert waiting(article) is not None
