"""The editorial workflow: states, who may move a record, buttons, bulk actions, scheduling."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import override
from reversion.models import Version

from cooperation import workflow
from cooperation.history import comment_text
from cooperation.models import CooperationProject
from cooperation.publication import PublicationStatus as S
from cooperation.workflow import State
from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data
from tests.pages import url
from tests.staff import PUBLISHABLE_RECORDS

PUBLISHABLE = PUBLISHABLE_RECORDS


def record_in(factory, status: str):
    published_at = (
        timezone.now() - timedelta(days=1) if status in (S.PUBLISHED, S.ARCHIVED) else None
    )
    return factory(publication_status=status, published_at=published_at)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- the rule itself: every transition × role ---

# (transition, source state, target state, may an editor take it?)
TRANSITION_TABLE = [
    ("submit", S.DRAFT, S.IN_REVIEW, True),
    ("request_changes", S.IN_REVIEW, S.DRAFT, True),
    ("publish", S.DRAFT, S.PUBLISHED, False),
    ("publish", S.IN_REVIEW, S.PUBLISHED, False),
    ("unpublish", S.PUBLISHED, S.DRAFT, False),
    ("archive", S.PUBLISHED, S.ARCHIVED, False),
    ("unarchive", S.ARCHIVED, S.DRAFT, False),
]


def test_the_table_covers_every_transition_the_workflow_knows():
    assert {(name, source) for name, source, _t, _e in TRANSITION_TABLE} == {
        (t.name, source) for t in workflow.TRANSITIONS.values() for source in t.sources
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
@pytest.mark.parametrize(("name", "source", "target", "editor_may"), TRANSITION_TABLE)
@pytest.mark.parametrize("role", ["editor", "publisher", "anonymous"])
def test_each_transition_is_taken_by_the_right_roles_only(
    request, model, factory, name, source, target, editor_may, role
):
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    record = record_in(factory, source)
    allowed = role == "publisher" or (role == "editor" and editor_may)

    if allowed:
        workflow.transition(record=record, name=name, user=user)
        record.refresh_from_db()
        assert record.publication_status == target
        assert record.is_public is (target == S.PUBLISHED)
    else:
        with pytest.raises(PermissionDenied):
            workflow.transition(record=record, name=name, user=user)
        record.refresh_from_db()
        assert record.publication_status == source
    offered = {t.name for t in workflow.allowed_transitions(State.of(record), user, model)}
    if role == "anonymous":
        assert not offered & {"publish", "unpublish", "archive", "unarchive"}


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("submit", S.IN_REVIEW),
        ("submit", S.PUBLISHED),
        ("publish", S.ARCHIVED),
        ("publish", S.PUBLISHED),
        ("unpublish", S.DRAFT),
        ("archive", S.DRAFT),
        ("unarchive", S.PUBLISHED),
        ("no-such-step", S.DRAFT),
    ],
)
def test_a_transition_from_the_wrong_state_is_refused_even_for_publishers(
    publisher, model, factory, name, source
):
    record = record_in(factory, source)
    with pytest.raises(ValidationError):
        workflow.transition(record=record, name=name, user=publisher)
    record.refresh_from_db()
    assert record.publication_status == source


@pytest.mark.django_db
def test_status_changes_outside_the_workflow_are_refused(publisher, editor):
    now = timezone.now()
    for before, after in [
        (State(S.DRAFT), State(S.ARCHIVED, now)),
        (State(S.ARCHIVED, now), State(S.PUBLISHED, now)),
        (State(S.IN_REVIEW), State(S.ARCHIVED, now)),
    ]:
        with pytest.raises(ValidationError):
            workflow.check_change(model=Article, before=before, after=after, user=publisher)
    # Editors may not schedule, not even by moving a date on a draft.
    with pytest.raises(ValidationError):
        workflow.check_change(
            model=Article, before=State(S.DRAFT), after=State(S.DRAFT, now), user=editor
        )
    # A new record by an editor is a draft or in review, nothing else.
    workflow.check_change(model=Article, before=None, after=State(S.IN_REVIEW), user=editor)
    with pytest.raises(ValidationError):
        workflow.check_change(
            model=Article, before=None, after=State(S.PUBLISHED, now), user=editor
        )


@pytest.mark.django_db
def test_publishing_publishes_now_keeps_a_date_given_and_unpublishing_keeps_a_past_one(
    publisher,
):
    tomorrow = timezone.now() + timedelta(days=1)
    scheduled = f.ArticleFactory(publication_status=S.IN_REVIEW, published_at=tomorrow)
    workflow.transition(record=scheduled, name="publish", user=publisher)
    scheduled.refresh_from_db()
    assert scheduled.published_at == tomorrow
    assert not scheduled.is_public

    draft = f.ArticleFactory(publication_status=S.DRAFT, published_at=None)
    before = timezone.now()
    workflow.transition(record=draft, name="publish", user=publisher)
    draft.refresh_from_db()
    assert before <= draft.published_at <= timezone.now()
    assert draft.is_public

    # Unpublished for a correction and published again, it keeps the day it first
    # appeared, and its place among the news and in the feeds.
    first_published_at = draft.published_at
    workflow.transition(record=draft, name="unpublish", user=publisher)
    draft.refresh_from_db()
    assert (draft.publication_status, draft.published_at) == (S.DRAFT, first_published_at)
    assert not draft.is_public
    workflow.transition(record=draft, name="publish", user=publisher)
    draft.refresh_from_db()
    assert (draft.published_at, draft.is_public) == (first_published_at, True)

    # A schedule withdrawn is forgotten: publishing then means now.
    scheduled.refresh_from_db()
    workflow.transition(record=scheduled, name="unpublish", user=publisher)
    scheduled.refresh_from_db()
    assert (scheduled.publication_status, scheduled.published_at) == (S.DRAFT, None)

    # A draft given a past day (by a publisher, or an import of an earlier site's news)
    # keeps it: the day it first appeared.
    first_appeared = timezone.now() - timedelta(days=2000)
    back_dated = f.ArticleFactory(publication_status=S.DRAFT, published_at=first_appeared)
    workflow.transition(record=back_dated, name="publish", user=publisher)
    back_dated.refresh_from_db()
    assert back_dated.published_at == first_appeared
    assert back_dated.is_public


@pytest.mark.django_db
def test_a_transition_keeps_a_version_with_who_and_what(publisher):
    article = f.ArticleFactory(publication_status=S.IN_REVIEW, published_at=None)
    with override("zh-hans"):
        workflow.transition(record=article, name="publish", user=publisher)
    version = Version.objects.get_for_object(article).get()
    assert version.revision.user == publisher
    # Worded in the reader's language, whatever the publisher's was.
    with override("en"):
        assert comment_text(version.revision.comment, Article) == "Publish"
    with override("zh-hans"):
        assert comment_text(version.revision.comment, Article) == "发布"
    assert version.field_dict["publication_status"] == S.PUBLISHED


# --- the admin change form: buttons ---


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_an_editor_sees_submit_on_a_draft_and_no_publishing_buttons(client, editor, model, factory):
    record = record_in(factory, S.DRAFT)
    client.force_login(editor)
    page = client.get(admin_url(model, "change", record.pk)).text
    assert 'name="_workflow" value="submit"' in page
    for name in ("publish", "unpublish", "archive"):
        assert f'name="_workflow" value="{name}"' not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_a_publisher_sees_the_buttons_of_the_records_state(client, publisher, model, factory):
    client.force_login(publisher)
    expected = {
        S.DRAFT: {"submit", "publish"},
        S.IN_REVIEW: {"request_changes", "publish"},
        S.PUBLISHED: {"unpublish", "archive"},
        S.ARCHIVED: {"unarchive"},
    }
    for status, names in expected.items():
        record = record_in(factory, status)
        page = client.get(admin_url(model, "change", record.pk)).text
        shown = {n for n in workflow.TRANSITIONS if f'name="_workflow" value="{n}"' in page}
        assert shown == names, status


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_an_editor_saves_and_submits_with_one_button(client, editor, model, factory):
    record = record_in(factory, S.DRAFT)
    client.force_login(editor)
    change = admin_url(model, "change", record.pk)
    data = form_data(client, change, title_en="Edited", _workflow="submit")
    response = client.post(change, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == change
    record.refresh_from_db()
    assert record.title_en == "Edited"
    assert record.publication_status == S.IN_REVIEW
    assert any("Submit for review" in m for m in messages_of(response))


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
@pytest.mark.parametrize("action", ["publish", "archive", "unpublish", "unarchive"])
def test_an_editor_who_forges_a_publishing_button_changes_nothing(
    client, editor, model, factory, action
):
    source = S.PUBLISHED if action in ("archive", "unpublish") else S.IN_REVIEW
    source = S.ARCHIVED if action == "unarchive" else source
    record = record_in(factory, source)
    before = State.of(record)
    client.force_login(editor)
    change = admin_url(model, "change", record.pk)
    data = form_data(
        client,
        change,
        title_en="Forged",
        _workflow=action,
        publication_status="published",
        published_at_0="2020-01-01",
        published_at_1="09:00",
    )
    response = client.post(change, data, headers={"accept-language": "en"})
    assert errors_shown(response)["__all__"] == [
        "Only publishers may publish, schedule, unpublish or archive a record."
    ]
    record.refresh_from_db()
    assert State.of(record) == before
    assert record.title_en != "Forged"


@pytest.mark.django_db
def test_an_editor_adds_a_record_and_submits_it_but_cannot_publish_it(client, editor):
    category = f.CategoryFactory()
    client.force_login(editor)
    add = admin_url(Article, "add")
    base = form_data(client, add, title_zh_hans="新闻", body_zh_hans="<p>正文</p>")
    base["category"] = str(category.pk)
    response = client.post(add, {**base, "slug": "submitted", "_workflow": "submit"})
    assert response.status_code == 302
    assert Article.objects.get(slug="submitted").publication_status == S.IN_REVIEW

    response = client.post(add, {**base, "slug": "forged", "_workflow": "publish"})
    assert response.status_code == 200
    assert not Article.objects.filter(slug="forged").exists()
    assert not Article.objects.public().exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_a_publisher_publishes_unpublishes_archives_and_restores_with_buttons(
    client, publisher, model, factory
):
    record = record_in(factory, S.IN_REVIEW)
    client.force_login(publisher)
    change = admin_url(model, "change", record.pk)
    for action, status, public in [
        ("publish", S.PUBLISHED, True),
        ("unpublish", S.DRAFT, False),
        ("publish", S.PUBLISHED, True),
        ("archive", S.ARCHIVED, False),
        ("unarchive", S.DRAFT, False),
        ("submit", S.IN_REVIEW, False),
        ("request_changes", S.DRAFT, False),
    ]:
        response = client.post(change, form_data(client, change, _workflow=action))
        assert response.status_code == 302, (action, errors_shown(response))
        record.refresh_from_db()
        assert record.publication_status == status, action
        assert record.is_public is public, action


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("picked", "action", "status"),
    [
        (S.PUBLISHED, "publish", S.PUBLISHED),  # was refused: "Published" cannot be published
        (S.ARCHIVED, "publish", S.PUBLISHED),
        (S.PUBLISHED, "submit", S.IN_REVIEW),
    ],
)
def test_a_button_takes_its_step_whatever_status_is_picked_beside_it(
    client, publisher, picked, action, status
):
    """The status list beside the buttons is the button's to set: the step starts from the
    stored status."""
    article = f.ArticleFactory(publication_status=S.DRAFT, published_at=None)
    client.force_login(publisher)
    change = admin_url(Article, "change", article.pk)
    data = form_data(client, change, _workflow=action, publication_status=picked)
    response = client.post(change, data, headers={"accept-language": "en"})
    assert response.status_code == 302, errors_shown(response)
    article.refresh_from_db()
    assert article.publication_status == status


@pytest.mark.django_db
def test_a_publisher_schedules_with_a_future_date_and_the_publish_button(client, publisher):
    article = f.ArticleFactory(publication_status=S.IN_REVIEW, published_at=None)
    client.force_login(publisher)
    change = admin_url(Article, "change", article.pk)
    later = timezone.localtime() + timedelta(days=2)
    data = form_data(
        client,
        change,
        _workflow="publish",
        published_at_0=later.date().isoformat(),
        published_at_1=later.strftime("%H:%M:%S"),
    )
    response = client.post(change, data, headers={"accept-language": "en"})
    assert response.status_code == 302
    moment = later.strftime("%Y-%m-%d %H:%M")
    assert f"“{article}” is scheduled to be published on {moment}." in messages_of(response)
    assert list(Article.objects.scheduled()) == [article]
    assert not Article.objects.public().exists()


@pytest.mark.django_db
def test_a_publisher_cannot_skip_the_workflow_with_the_status_field(client, publisher):
    project = f.CooperationProjectFactory(publication_status=S.DRAFT, published_at=None)
    client.force_login(publisher)
    change = admin_url(CooperationProject, "change", project.pk)
    data = form_data(client, change, publication_status="archived")
    response = client.post(change, data, headers={"accept-language": "en"})
    assert errors_shown(response)["__all__"] == ["A record cannot go from “Draft” to “Archived”."]
    project.refresh_from_db()
    assert project.publication_status == S.DRAFT


# --- bulk actions ---


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_bulk_publish_and_unpublish_say_what_changed_and_what_was_refused(
    client, publisher, model, factory
):
    draft = record_in(factory, S.DRAFT)
    in_review = record_in(factory, S.IN_REVIEW)
    archived = record_in(factory, S.ARCHIVED)
    client.force_login(publisher)
    changelist = admin_url(model, "changelist")
    selected = [str(r.pk) for r in (draft, in_review, archived)]

    response = client.post(
        changelist,
        {"action": "publish_selected", "_selected_action": selected},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 302
    shown = messages_of(response)
    assert "Publish: 2 records changed." in shown
    assert any(m.startswith("1 record refused:") and str(archived) in m for m in shown)
    assert set(model.objects.public()) == {draft, in_review}
    assert Version.objects.get_for_object(draft).get().revision.user == publisher

    response = client.post(
        changelist,
        {"action": "unpublish_selected", "_selected_action": selected},
        headers={"accept-language": "en"},
    )
    shown = messages_of(response)
    assert "Unpublish: 2 records changed." in shown
    assert not model.objects.public().exists()
    archived.refresh_from_db()
    assert archived.publication_status == S.ARCHIVED


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_a_bulk_action_that_changes_nothing_claims_no_success(client, publisher, model, factory):
    archived = record_in(factory, S.ARCHIVED)
    client.force_login(publisher)
    response = client.post(
        admin_url(model, "changelist"),
        {"action": "publish_selected", "_selected_action": [str(archived.pk)]},
        headers={"accept-language": "en"},
    )
    shown = messages_of(response)
    assert not any("records changed" in m for m in shown), shown
    assert any(m.startswith("1 record refused:") for m in shown)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_editors_have_no_bulk_publishing_and_a_forged_one_does_nothing(
    client, editor, model, factory
):
    draft = record_in(factory, S.DRAFT)
    client.force_login(editor)
    changelist = admin_url(model, "changelist")
    page = client.get(changelist).text
    assert "publish_selected" not in page
    client.post(changelist, {"action": "publish_selected", "_selected_action": [str(draft.pk)]})
    draft.refresh_from_db()
    assert draft.publication_status == S.DRAFT
    assert not model.objects.public().exists()


@pytest.mark.django_db
def test_bulk_publish_costs_a_fixed_number_of_queries_per_record(client, publisher):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(publisher)

    def queries_to_publish(n: int) -> int:
        drafts = f.ArticleFactory.create_batch(n, publication_status=S.DRAFT, published_at=None)
        with CaptureQueriesContext(connection) as context:
            client.post(
                admin_url(Article, "changelist"),
                {"action": "publish_selected", "_selected_action": [str(d.pk) for d in drafts]},
            )
        assert Article.objects.public().filter(pk__in=[d.pk for d in drafts]).count() == n
        return len(context.captured_queries)

    small, large = queries_to_publish(2), queries_to_publish(6)
    per_record = (large - small) / 4
    # Per record: lock, save, its version; the page's own queries do not grow.
    assert per_record <= 10
    assert small - 2 * per_record <= 25


# --- scheduling with a frozen clock, on every public surface ---


@pytest.mark.django_db
def test_a_record_scheduled_for_tomorrow_is_nowhere_today_and_everywhere_tomorrow(client):
    now = timezone.now()
    tomorrow = now + timedelta(days=1)
    article = f.ArticleFactory(title_en="Scheduled news", published_at=tomorrow)
    project = f.CooperationProjectFactory(title_en="Scheduled project", published_at=tomorrow)
    award = f.AwardFactory(title_en="Scheduled award", published_at=tomorrow)
    surfaces = {
        "news list": (url("news:article-list", "en"), "Scheduled news"),
        "article": (url("news:article-detail", "en", slug=article.slug), "Scheduled news"),
        "rss": (url("news:feed-rss", "en"), "Scheduled news"),
        "atom": (url("news:feed-atom", "en"), "Scheduled news"),
        "projects": (url("cooperation:project-list", "en"), "Scheduled project"),
        "project": (url("cooperation:project-detail", "en", slug=project.slug), "Scheduled"),
        "awards": (url("cooperation:award-list", "en"), "Scheduled award"),
        "sitemap (article)": ("/sitemap-news.xml", article.slug),
        "sitemap (project)": ("/sitemap-projects.xml", project.slug),
    }
    with time_machine.travel(now, tick=False):
        for name, (path, marker) in surfaces.items():
            response = client.get(path)
            assert response.status_code in (200, 404), name
            assert marker not in response.content.decode(), name
        assert client.get(surfaces["article"][0]).status_code == 404
        assert client.get(surfaces["project"][0]).status_code == 404
    with time_machine.travel(tomorrow + timedelta(seconds=1), tick=False):
        for name, (path, marker) in surfaces.items():
            response = client.get(path)
            assert response.status_code == 200, name
            assert marker in response.content.decode(), name
    assert award.pk


# --- anonymous readers: nothing that is not public has a page ---


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.DRAFT, S.IN_REVIEW, S.ARCHIVED])
def test_detail_pages_of_records_that_are_not_public_are_404(client, status):
    article = record_in(f.ArticleFactory, status)
    project = record_in(f.CooperationProjectFactory, status)
    assert client.get(url("news:article-detail", "en", slug=article.slug)).status_code == 404
    assert client.get(url("cooperation:project-detail", "en", slug=project.slug)).status_code == 404
