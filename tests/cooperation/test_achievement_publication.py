"""Achievements have the publication workflow (cooperation.0017): a draft, a record in review
or an archived one is on no public surface, a scheduled one comes out when due, and one of a
project readers cannot see stays hidden however it is published. A row entered on its
project's form follows the project's review instead (Achievement.enter_with_project)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import tablib
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from accounts import roles
from cooperation import workflow
from cooperation.models import Achievement, CooperationProject, PendingChange
from cooperation.publication import PublicationStatus as S
from cooperation.resources import AchievementResource
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import form_data
from tests.pages import hidden_states, url
from tests.staff import client_of, staff_in

pytestmark = pytest.mark.django_db

TITLE = "Ribosome of a marine actinomycete"
DOI = "10.1234/coop.4321"


def surfaces(achievement: Achievement) -> dict[str, tuple[str, str | re.Pattern]]:
    """Every page that shows the achievement, and what it shows of it (the dashboard's, to
    the leadership; the others, to readers)."""
    page = f'href="{url("cooperation:achievement-detail", "en", pk=achievement.pk)}"'
    return {
        "achievements list": (url("cooperation:achievement-list", "en"), TITLE),
        "achievement page": (url("cooperation:achievement-detail", "en", pk=achievement.pk), TITLE),
        "project page": (
            url("cooperation:project-detail", "en", slug=achievement.project.slug),
            TITLE,
        ),
        "CSV export": (url("cooperation:achievement-export-csv", "en"), TITLE),
        "API list": ("/api/v1/achievements/", TITLE),
        "sitemap": ("/sitemap-achievements.xml", f"/achievements/{achievement.pk}/"),
        # A hit's title marks the words searched: found by its link.
        "search by title": (url("portal:search", "en") + "?q=actinomycete", page),
        "search by DOI": (url("portal:search", "en") + f"?q=https://doi.org/{DOI}", page),
        "home's count": (
            url("portal:home", "en"),
            '<span class="figure-number">1</span> <span class="figure-label">papers, patents',
        ),
        "open data's count": (
            url("portal:open-data", "en"),
            re.compile(r'id="achievements">.*?<p class="dataset-meta">1 record ·', re.DOTALL),
        ),
        "dashboard's records": (
            url("dashboard:records", "en", kind="achievements") + "?year_from=2021",
            TITLE,
        ),
    }


def an_achievement(**state) -> Achievement:
    return f.AchievementFactory(title_en=TITLE, identifier=DOI, year=2021, **state)


def leadership() -> Client:
    """The dashboard's reader (Leadership is not staff)."""
    leader = f.UserFactory(username="leader")
    leader.groups.add(Group.objects.get(name=roles.LEADERSHIP))
    return client_of(leader)


def shown_on(client, achievement: Achievement) -> set[str]:
    leader = leadership()
    shown = set()
    for name, (path, marker) in surfaces(achievement).items():
        response = (leader if name.startswith("dashboard") else client).get(path)
        assert response.status_code in (200, 404), (name, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        found = marker.search(text) if isinstance(marker, re.Pattern) else marker in text
        if response.status_code == 200 and found:
            shown.add(name)
    return shown


def test_a_published_achievement_is_on_every_surface(client):
    achievement = an_achievement()
    assert shown_on(client, achievement) == set(surfaces(achievement))


@pytest.mark.parametrize("state", hidden_states())
def test_an_achievement_that_is_not_public_is_on_no_surface(client, state):
    achievement = an_achievement(**state)
    assert shown_on(client, achievement) == set()
    detail = url("cooperation:achievement-detail", "en", pk=achievement.pk)
    assert client.get(detail).status_code == 404
    assert client.get(f"/api/v1/achievements/{achievement.pk}/").status_code == 404


@pytest.mark.parametrize("state", hidden_states())
def test_an_achievement_of_no_project_that_is_not_public_stays_hidden(client, state):
    an_achievement(project=None, **state)
    assert not Achievement.objects.public().exists()
    response = client.get(url("cooperation:achievement-list", "en"))
    assert TITLE not in response.text


def test_a_published_achievement_of_a_draft_project_stays_hidden(client):
    achievement = an_achievement()
    achievement.project.publication_status = S.DRAFT
    achievement.project.save()
    assert not Achievement.objects.public().exists()
    detail = url("cooperation:achievement-detail", "en", pk=achievement.pk)
    assert client.get(detail).status_code == 404


def test_a_scheduled_achievement_comes_out_when_due(client):
    now = timezone.now()
    tomorrow = now + timedelta(days=1)
    achievement = an_achievement(published_at=tomorrow)
    with time_machine.travel(now, tick=False):
        assert shown_on(client, achievement) == set()
    with time_machine.travel(tomorrow + timedelta(seconds=1), tick=False):
        assert shown_on(client, achievement) == set(surfaces(achievement))


def test_staff_preview_a_draft_achievement_and_readers_do_not(client, editor):
    achievement = an_achievement(publication_status=S.DRAFT, published_at=None)
    preview = url("cooperation:achievement-preview", "en", pk=achievement.pk)
    assert client.get(preview).status_code == 404
    client.force_login(editor)
    response = client.get(preview)
    assert response.status_code == 200
    assert TITLE in response.text
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_a_draft_projects_preview_lists_the_achievements_it_will_show(client, editor):
    project = f.CooperationProjectFactory(publication_status=S.DRAFT, published_at=None)
    f.AchievementFactory(project=project, title_en="Shown with the project")
    f.AchievementFactory(project=project, title_en="A draft of its own", publication_status=S.DRAFT)
    client.force_login(editor)
    page = client.get(url("cooperation:project-preview", "en", pk=project.pk)).text
    assert "Shown with the project" in page
    assert "A draft of its own" not in page


def test_an_achievement_an_editor_adds_is_a_draft_even_with_a_forged_status(editor, client):
    client.force_login(editor)
    add = admin_url(Achievement, "add")
    data = form_data(
        client,
        add,
        kind="paper",
        title_zh_hans="一篇论文",
        title_en=TITLE,
        year="2021",
        project=str(f.CooperationProjectFactory().pk),
        publication_status=S.PUBLISHED,
        published_at_0="2021-03-01",
        published_at_1="09:00:00",
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Achievement.objects.get().publication_status == S.DRAFT
    assert not Achievement.objects.public().exists()


def test_imported_achievements_are_drafts(db):
    project = f.CooperationProjectFactory(title_en="Marine project")
    rows = tablib.Dataset(headers=["kind", "title_zh_hans", "title_en", "year", "project"])
    rows.append(["论文", "一篇论文", TITLE, 2021, "Marine project"])
    result = AchievementResource().import_data(rows, dry_run=False)
    assert result.totals["new"] == 1
    achievement = Achievement.objects.get()
    assert (achievement.project, achievement.publication_status) == (project, S.DRAFT)
    assert not Achievement.objects.public().exists()


# --- the project form's rows follow the project's review ---


def with_new_row(data: dict, **row: str) -> dict:
    """The project form's data with one more achievement row."""
    index = int(data["achievements-TOTAL_FORMS"])
    data["achievements-TOTAL_FORMS"] = str(index + 1)
    data.update({f"achievements-{index}-{name}": value for name, value in row.items()})
    return data


NEW_ROW = {"kind": "paper", "title_zh_hans": "一篇论文", "title_en": TITLE, "year": "2021"}


def test_a_row_a_publisher_adds_on_the_project_form_is_published_with_the_project(publisher):
    project = f.CooperationProjectFactory()
    change = admin_url(CooperationProject, "change", project.pk)
    reviewer = client_of(publisher)
    before = timezone.now()
    response = reviewer.post(change, with_new_row(form_data(reviewer, change), **NEW_ROW))
    assert response.status_code == 302
    achievement = Achievement.objects.get()
    assert achievement.publication_status == S.PUBLISHED
    assert before <= achievement.published_at <= timezone.now()
    assert TITLE in Client().get(project.get_absolute_url()).text


def test_a_row_added_to_a_draft_project_is_shown_once_the_project_is_published(editor):
    project = f.CooperationProjectFactory(publication_status=S.DRAFT, published_at=None)
    change = admin_url(CooperationProject, "change", project.pk)
    writer = client_of(editor)
    assert (
        writer.post(change, with_new_row(form_data(writer, change), **NEW_ROW)).status_code == 302
    )
    assert Achievement.objects.get().publication_status == S.PUBLISHED
    assert not Achievement.objects.public().exists()  # its project is a draft

    workflow.transition(record=project, name="publish", user=staff_in(roles.PUBLISHER, "p"))
    assert list(Achievement.objects.public().values_list("title_en", flat=True)) == [TITLE]


def test_an_editors_new_row_on_a_published_project_waits_for_a_publisher(editor, publisher):
    project = f.CooperationProjectFactory()
    change = admin_url(CooperationProject, "change", project.pk)
    writer = client_of(editor)
    response = writer.post(change, with_new_row(form_data(writer, change), **NEW_ROW))
    assert response.status_code == 302

    # Nothing reaches readers: no row at all, only the project's changes waiting.
    assert not Achievement.objects.exists()
    assert PendingChange.objects.filter(object_id=str(project.pk)).exists()
    assert TITLE not in Client().get(project.get_absolute_url()).text
    assert TITLE not in Client().get("/api/v1/achievements/").content.decode()
    # The editor's form, and the project's preview, show the row waiting.
    assert TITLE in writer.get(change).text
    assert TITLE in writer.get(url("cooperation:project-preview", "en", pk=project.pk)).text

    reviewer = client_of(publisher)
    assert reviewer.post(change, form_data(reviewer, change)).status_code == 302
    assert not PendingChange.objects.exists()
    assert Achievement.objects.public().get().title_en == TITLE
    assert TITLE in Client().get(project.get_absolute_url()).text


def test_the_project_form_shows_each_rows_status_read_only(editor):
    project = f.CooperationProjectFactory()
    f.AchievementFactory(project=project, title_en="Archived one", publication_status=S.ARCHIVED)
    f.AchievementFactory(project=project, published_at=timezone.now() + timedelta(days=3))
    change = admin_url(CooperationProject, "change", project.pk)
    page = client_of(editor).get(change)
    rows = next(
        inline
        for inline in page.context["inline_admin_formsets"]
        if inline.opts.model is Achievement
    )
    assert "publication" in rows.readonly_fields
    assert "Archived" in page.text
    assert "Scheduled for" in page.text
    assert 'name="achievements-0-publication_status"' not in page.text


def test_an_archived_row_stays_archived_when_the_project_is_saved(publisher):
    project = f.CooperationProjectFactory()
    archived = f.AchievementFactory(project=project, publication_status=S.ARCHIVED)
    change = admin_url(CooperationProject, "change", project.pk)
    reviewer = client_of(publisher)
    data = form_data(reviewer, change, title_en="Retitled")
    assert reviewer.post(change, data).status_code == 302
    archived.refresh_from_db()
    assert archived.publication_status == S.ARCHIVED


def test_a_row_archived_while_the_projects_changes_wait_stays_archived(editor, publisher):
    project = f.CooperationProjectFactory()
    paper = f.AchievementFactory(project=project, title_en=TITLE)
    change = admin_url(CooperationProject, "change", project.pk)
    writer = client_of(editor)
    assert writer.post(change, form_data(writer, change, title_en="Retitled")).status_code == 302
    assert PendingChange.objects.exists()  # kept with the paper as it was: published

    workflow.transition(record=paper, name="archive", user=publisher)
    # The project's preview and form, with the changes in place, show it archived.
    preview = writer.get(url("cooperation:project-preview", "en", pk=project.pk)).text
    assert "Retitled" in preview
    assert TITLE not in preview
    assert "Archived" in writer.get(change).text

    reviewer = client_of(publisher)
    assert reviewer.post(change, form_data(reviewer, change)).status_code == 302
    project.refresh_from_db()
    paper.refresh_from_db()
    assert (project.title_en, paper.publication_status) == ("Retitled", S.ARCHIVED)
    assert TITLE not in Client().get(project.get_absolute_url()).text


def test_restoring_a_projects_version_leaves_its_rows_states_as_they_are(publisher):
    project = f.CooperationProjectFactory(title_en="Old title")
    paper = f.AchievementFactory(project=project, title_en=TITLE)
    change = admin_url(CooperationProject, "change", project.pk)
    reviewer = client_of(publisher)
    assert reviewer.post(change, form_data(reviewer, change)).status_code == 302
    assert reviewer.post(change, form_data(reviewer, change, title_en="New")).status_code == 302
    old = Version.objects.get_for_object(project).order_by("pk")[0]

    workflow.transition(record=paper, name="archive", user=publisher)
    restore = admin_url(CooperationProject, "revision", project.pk, old.pk)
    assert reviewer.post(restore, form_data(reviewer, restore)).status_code == 302
    project.refresh_from_db()
    paper.refresh_from_db()
    assert (project.title_en, paper.publication_status) == ("Old title", S.ARCHIVED)
