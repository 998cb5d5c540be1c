"""What is kept under the content version is never computed from rows that are not the
stored ones: a change bumps the version again when its transaction commits, and a staff
preview of a change waiting for review keeps nothing (config.content_version)."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from config.content_version import cached_under_content_version, nothing_kept
from cooperation.models import CooperationProject
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import form_data
from tests.staff import client_of


def kept(value: str) -> str:
    return cached_under_content_version("commit-test", lambda: value, apps={"cooperation"})


@pytest.mark.django_db
def test_a_value_kept_before_a_change_commits_is_stale_once_it_has(
    django_capture_on_commit_callbacks,
):
    """Another process may read the version bumped by a change before the change commits,
    render from the rows still stored and keep the result under the new version: the
    bump at the commit makes it stale."""
    # The test's own transaction is the one that commits (pytest-django never commits it).
    with django_capture_on_commit_callbacks(execute=True):
        project = f.CooperationProjectFactory(title_en="Before")
        project.title_en = "After"
        project.save()
        # A reader elsewhere, meanwhile, from the rows still stored.
        assert kept("from the rows before the change") == "from the rows before the change"
    assert kept("from the committed rows") == "from the committed rows"


@pytest.mark.django_db
def test_a_transaction_owes_one_bump_whatever_it_changes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        f.CooperationProjectFactory(partners=[f.InstitutionFactory()])
        f.ArticleFactory()
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_a_change_after_a_rolled_back_one_still_bumps_at_the_commit(
    django_capture_on_commit_callbacks,
):
    """The callback of a savepoint rolled back is dropped: the next change owes its own."""
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                f.CooperationProjectFactory()
                raise RuntimeError
        except RuntimeError:
            pass
        assert not connection.run_on_commit
        f.CooperationProjectFactory()
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_nothing_is_kept_or_read_while_nothing_kept():
    assert kept("stored") == "stored"
    with nothing_kept():
        assert kept("previewed") == "previewed"
    assert kept("stored again") == "stored"


@pytest.mark.django_db
def test_a_preview_of_a_waiting_change_leaves_the_public_page_as_published(editor):
    """Previewing a change of a project's fields (waiting for review) showed, on the public
    page, the projects related through the unreviewed field, kept under the public version."""
    published_field, waiting_field = f.ResearchFieldFactory(), f.ResearchFieldFactory()
    project = f.CooperationProjectFactory(title_en="Reviewed", fields=[published_field])
    related_now = f.CooperationProjectFactory(title_en="Related now", fields=[published_field])
    related_if_approved = f.CooperationProjectFactory(
        title_en="Related if approved", fields=[waiting_field]
    )
    change = admin_url(CooperationProject, "change", project.pk)
    writer = client_of(editor)
    data = form_data(writer, change, **{"projectresearchfield_set-0-field": waiting_field.pk})
    assert writer.post(change, data).status_code == 302

    preview = writer.get(reverse("cooperation:project-preview", kwargs={"pk": project.pk}))
    assert related_if_approved.title_en in preview.text

    page = Client().get(f"/en/projects/{project.slug}/").text
    assert related_now.title_en in page
    assert related_if_approved.title_en not in page
