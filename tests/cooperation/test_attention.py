"""What needs attention in the back office: records not yet in a language, projects whose
status their dates contradict; the lists that find them, the home page that counts them and
the action that sets a project's status from its dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import override
from reversion.models import Version

from accounts import roles
from cooperation.history import comment_text
from cooperation.models import (
    CooperationProject,
    ProjectCheck,
    ProjectStatus,
    projects_failing,
    shown_in_other_language,
    untranslated_in,
)
from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import form_data
from tests.staff import client_of, staff_in

pytestmark = pytest.mark.django_db

# Every kind of record with a page for readers, in both languages.
KINDS = [
    pytest.param(f.InstitutionFactory, id="institution"),
    pytest.param(f.ResearchFieldFactory, id="field"),
    pytest.param(f.UnitFactory, id="unit"),
    pytest.param(f.ResearcherFactory, id="researcher"),
    pytest.param(f.CooperationProjectFactory, id="project"),
    pytest.param(f.AwardFactory, id="award"),
    pytest.param(f.AchievementFactory, id="achievement"),
    pytest.param(f.ExchangeFactory, id="exchange"),
    pytest.param(f.ArticleFactory, id="article"),
    pytest.param(f.PageFactory, id="page"),
]

NOTICE_EN = "not yet translated into English"


def listed(model, language: str) -> set[int]:
    rule = untranslated_in(language, model.reader_fields)
    return set(model.objects.filter(rule).values_list("pk", flat=True))


@pytest.mark.parametrize("factory", KINDS)
def test_a_record_not_yet_in_a_language_is_listed_for_it_as_its_page_falls_back(factory):
    model = factory._meta.model
    first, last = model.reader_fields[0], model.reader_fields[-1]
    whole = factory()
    no_english = factory(**{f"{first}_en": ""})
    null_english = factory(**{f"{first}_en": None})  # the columns allow NULL
    no_chinese = factory(**{f"{last}_zh_hans": "", f"{last}_en": "Only in English"})
    nowhere = factory(**{f"{last}_zh_hans": "", f"{last}_en": ""})

    assert listed(model, "en") == {no_english.pk, null_english.pk}
    assert listed(model, "zh-hans") == {no_chinese.pk}
    # One record asks the same rule: what its page's translation notice shows.
    for record in (whole, no_english, null_english, no_chinese, nowhere):
        record = model.objects.get(pk=record.pk)
        assert shown_in_other_language(record, "en") is (record.pk in listed(model, "en"))
        assert shown_in_other_language(record, "zh-hans") is (record.pk == no_chinese.pk)


@pytest.mark.parametrize(
    "factory",
    [
        pytest.param(f.InstitutionFactory, id="institution"),
        pytest.param(f.ResearchFieldFactory, id="field"),
        pytest.param(f.UnitFactory, id="unit"),
    ],
)
def test_the_directory_records_pages_say_when_they_fall_back(client, factory):
    record = factory(name_en="")
    with translation.override("en"):
        page = client.get(record.get_absolute_url()).text
    assert NOTICE_EN in page
    assert NOTICE_EN not in client.get(factory().get_absolute_url()).text


def linked_project(**fields) -> CooperationProject:
    """A project in a research field, with a partner: in every breakdown."""
    return f.CooperationProjectFactory(
        fields=[f.ResearchFieldFactory()], partners=[f.InstitutionFactory()], **fields
    )


def project_with(status: str, start: date, end: date | None = None) -> CooperationProject:
    return linked_project(status=status, start_date=start, end_date=end)


def failing(check: str, today: date) -> set[int]:
    rule = projects_failing(check, today)
    return set(CooperationProject.objects.filter(rule).values_list("pk", flat=True))


def test_status_checks_find_the_projects_whose_dates_contradict_their_status():
    today = date(2026, 6, 15)
    day = timedelta(days=1)
    long_ago = date(2020, 1, 1)
    P, A, C, S = (
        ProjectStatus.PLANNED,
        ProjectStatus.ACTIVE,
        ProjectStatus.COMPLETED,
        ProjectStatus.SUSPENDED,
    )
    ended_active = project_with(A, long_ago, today - day)
    ended_planned = project_with(P, today - 10 * day, today - day)
    started_today = project_with(P, today)
    started_open_ended = project_with(P, long_ago)
    completed_early = project_with(C, long_ago, today + day)
    # Not contradicted: ends today, starts tomorrow, completed after its end, suspended,
    # active with no end.
    project_with(A, long_ago, today)
    project_with(P, today + day, today + 100 * day)
    project_with(C, long_ago, today - day)
    project_with(S, long_ago, today - day)
    project_with(A, long_ago)

    assert {check: failing(check, today) for check in ProjectCheck.values} == {
        ProjectCheck.ENDED: {ended_active.pk, ended_planned.pk},
        ProjectCheck.STARTED: {started_today.pk, started_open_ended.pk},
        ProjectCheck.COMPLETED_EARLY: {completed_early.pk},
        ProjectCheck.NO_FIELD: set(),
        ProjectCheck.NO_PARTNER: set(),
    }
    with pytest.raises(ValueError):
        projects_failing("nonsense", today)


def test_link_checks_find_the_projects_missing_from_the_breakdowns():
    today = timezone.localdate()
    field, partner = f.ResearchFieldFactory(), f.InstitutionFactory()
    f.CooperationProjectFactory(fields=[field], partners=[partner])
    no_field = f.CooperationProjectFactory(partners=[partner])
    no_partner = f.CooperationProjectFactory(fields=[field])
    neither = f.CooperationProjectFactory()
    assert failing(ProjectCheck.NO_FIELD, today) == {no_field.pk, neither.pk}
    assert failing(ProjectCheck.NO_PARTNER, today) == {no_partner.pk, neither.pk}


def changelist_titles(client: Client, query: str) -> set[str]:
    page = client.get(f"{admin_url(CooperationProject, 'changelist')}?{query}")
    assert page.status_code == 200
    return set(re.findall(r'<th class="field-title"><a href="[^"]+">([^<]+)</a>', page.text))


def test_the_project_list_filters_by_status_check_and_by_missing_language(publisher):
    today = timezone.localdate()
    ended = project_with(ProjectStatus.ACTIVE, date(2020, 1, 1), today - timedelta(days=1))
    ended = ended.title_en
    linked_project(title_en="", title_zh_hans="仅中文")
    client = client_of(publisher)
    assert changelist_titles(client, "check=ended") == {ended}
    assert changelist_titles(client, "check=started") == set()
    assert changelist_titles(client, "untranslated=en") == {"仅中文"}
    assert len(changelist_titles(client, "untranslated=unknown")) == 2  # no such filter
    assert (
        "Ended, still planned or active"
        in client.get(admin_url(CooperationProject, "changelist")).text
    )


def select_action(client: Client, projects, action: str = "set_status_from_dates"):
    return client.post(
        admin_url(CooperationProject, "changelist"),
        {"action": action, "_selected_action": [p.pk for p in projects]},
        follow=True,
    )


def test_a_publisher_sets_the_status_the_dates_call_for(publisher, editor):
    today = timezone.localdate()
    day = timedelta(days=1)
    ended = project_with(ProjectStatus.ACTIVE, date(2020, 1, 1), today - day)
    started = project_with(ProjectStatus.PLANNED, today - day)
    early = project_with(ProjectStatus.COMPLETED, date(2020, 1, 1), today + day)
    fine = project_with(ProjectStatus.ACTIVE, date(2020, 1, 1))
    held = project_with(ProjectStatus.ACTIVE, date(2020, 1, 1), today - day)
    # An editor's change of a published project waits for a publisher.
    change = admin_url(CooperationProject, "change", held.pk)
    writer = client_of(editor)
    assert writer.post(change, form_data(writer, change, summary_en="Edited")).status_code == 302

    # The editor is not offered the action, and a forged one changes nothing.
    assert (
        "set_status_from_dates" not in writer.get(admin_url(CooperationProject, "changelist")).text
    )
    select_action(writer, [ended])
    ended.refresh_from_db()
    assert ended.status == ProjectStatus.ACTIVE

    page = select_action(client_of(publisher), [ended, started, early, fine, held]).text
    statuses = dict(CooperationProject.objects.values_list("pk", "status"))
    assert statuses == {
        ended.pk: ProjectStatus.COMPLETED,
        started.pk: ProjectStatus.ACTIVE,
        early.pk: ProjectStatus.COMPLETED,
        fine.pk: ProjectStatus.ACTIVE,
        held.pk: ProjectStatus.ACTIVE,
    }
    assert "The status of 2 projects was set from their dates." in page
    assert "The dates of 2 projects call for no other status." in page
    assert f"1 record refused: “{held}” (changes wait for review" in page
    version = Version.objects.get_for_object(ended).first()
    with override("en"):
        assert comment_text(version.revision.comment, CooperationProject) == (
            "Status set from its dates"
        )
    assert version.revision.user == publisher


def attention_rows(page: str) -> list[tuple[str, str, str]]:
    """The home page's "Needs attention" table: (record type, what, count link)."""
    table = re.search(r'id="needs-attention">(.*?)</table>', page, re.S)
    if table is None:
        return []
    return re.findall(
        r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>', table[1], re.S
    )


def test_the_back_offices_home_page_counts_what_needs_attention(publisher):
    today = timezone.localdate()
    project_with(ProjectStatus.ACTIVE, date(2020, 1, 1), today - timedelta(days=1))
    project_with(ProjectStatus.PLANNED, date(2020, 1, 1), today - timedelta(days=1))
    f.ArticleFactory(summary_en="", body_en="")
    client = client_of(publisher)
    projects, articles = (admin_url(model, "changelist") for model in (CooperationProject, Article))

    with CaptureQueriesContext(connection) as first:
        rows = attention_rows(client.get("/admin/").text)
    assert rows == [
        ("Articles", "Not yet in English", f'<a href="{articles}?untranslated=en">1</a>'),
        (
            "Cooperation projects",
            "Ended, still planned or active",
            f'<a href="{projects}?check=ended">2</a>',
        ),
    ]
    counted = [query for query in first.captured_queries if "untranslated_en" in query["sql"]]
    assert len(counted) == 11  # one a kind of record (library images since their descriptions)

    # Kept: the next visit counts nothing; a change counts again.
    with CaptureQueriesContext(connection) as again:
        assert attention_rows(client.get("/admin/").text) == rows
    assert not [query for query in again.captured_queries if "untranslated_en" in query["sql"]]
    f.ArticleFactory(title_en="")
    assert attention_rows(client.get("/admin/").text)[0][2].endswith(">2</a>")


def test_nothing_needs_attention_and_no_table_shows(publisher):
    linked_project()
    assert 'id="needs-attention"' not in client_of(publisher).get("/admin/").text


def test_staff_see_only_the_kinds_of_record_they_may_view(db):
    from django.contrib.auth.models import Permission

    f.ArticleFactory(summary_en="", body_en="")
    linked_project(title_en="")
    reader = f.UserFactory(username="reader", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    rows = attention_rows(client_of(reader).get("/admin/").text)
    assert [row[0] for row in rows] == ["Articles"]
    leader = staff_in(roles.LEADERSHIP, "leader")  # views every kind
    rows = attention_rows(client_of(leader).get("/admin/").text)
    assert [row[0] for row in rows] == ["Articles", "Cooperation projects"]


def test_a_run_sets_at_most_so_many_and_says_how_many_remain(publisher, monkeypatch):
    from cooperation import upkeep

    monkeypatch.setattr(upkeep, "MOST_AT_ONCE", 2)
    last_year = timezone.localdate() - timedelta(days=365)
    projects = [project_with(ProjectStatus.ACTIVE, date(2020, 1, 1), last_year) for _ in range(3)]
    page = select_action(client_of(publisher), projects).text
    assert "The status of 2 projects was set from their dates." in page
    assert "1 more project is due another status: run the action again." in page
    statuses = list(CooperationProject.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [ProjectStatus.COMPLETED, ProjectStatus.COMPLETED, ProjectStatus.ACTIVE]
    page = select_action(client_of(publisher), projects).text
    assert "The status of 1 project was set from its dates." in page
    assert "The dates of 2 projects call for no other status." in page
    assert "due another status" not in page
