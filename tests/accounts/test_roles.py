"""Roles are groups with explicit permissions; only publishers publish."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from accounts import roles
from cooperation.models import Award, CooperationProject
from cooperation.publication import PublicationStatus
from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import form_data
from tests.cooperation.test_admin import project_form_data
from tests.staff import staff_in

# The records staff keep (not the workflow's own bookkeeping, which has no permissions).
CONTENT_MODELS = [
    model
    for model in apps.get_models()
    if model._meta.app_label in {"cooperation", "news"} and model._meta.default_permissions
]
PUBLISH = {
    "cooperation.publish_cooperationproject",
    "cooperation.publish_award",
    "cooperation.publish_exchange",
    "cooperation.publish_achievement",
    "news.publish_article",
}


def perms(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def content_perms(*actions: str) -> set[str]:
    return {
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in CONTENT_MODELS
        for action in actions
    }


@pytest.mark.django_db
def test_the_four_roles_exist_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        roles.EDITOR,
        roles.PUBLISHER,
        roles.LEADERSHIP,
        roles.SITE_ADMIN,
    }


@pytest.mark.django_db
def test_editors_keep_all_content_but_publish_nothing():
    editor = perms(roles.EDITOR)
    assert content_perms("add", "change", "view") <= editor
    assert not {p for p in editor if ".publish_" in p}
    assert "cooperation.delete_partnercountry" not in editor
    assert "cooperation.delete_cooperationproject" not in editor
    # Exchanges and achievements have the workflow (cooperation.0016, 0017): a published one
    # stays until a publisher takes it down.
    assert "cooperation.delete_exchange" not in editor
    assert "cooperation.delete_achievement" not in editor
    assert not {p for p in editor if p.startswith(("accounts.", "auth."))}


@pytest.mark.django_db
def test_publishers_publish_projects_awards_exchanges_achievements_and_articles():
    publisher = perms(roles.PUBLISHER)
    assert publisher >= PUBLISH
    assert content_perms("add", "change", "view", "delete") <= publisher
    assert perms(roles.EDITOR) < publisher
    assert "accounts.view_dashboard" not in publisher


@pytest.mark.django_db
def test_leadership_views_the_dashboard_and_only_views():
    leadership = perms(roles.LEADERSHIP)
    assert "accounts.view_dashboard" in leadership
    assert content_perms("view") <= leadership
    assert all(p.split(".")[1].startswith("view_") for p in leadership)


@pytest.mark.django_db
def test_site_admins_manage_users_and_nothing_else():
    site_admin = perms(roles.SITE_ADMIN)
    assert {f"accounts.{a}_user" for a in ("add", "change", "delete", "view")} <= site_admin
    assert {"auth.view_group", "auth.change_group"} <= site_admin
    assert not site_admin & (content_perms("add", "change", "delete") | PUBLISH)
    assert "accounts.view_dashboard" not in site_admin


FORGED = {
    "publication_status": "published",
    "published_at_0": "2020-01-01",
    "published_at_1": "09:00",
}


@pytest.mark.django_db
def test_an_editor_who_forges_the_project_form_publishes_nothing(client):
    client.force_login(staff_in(roles.EDITOR, "editor"))
    unit = f.UnitFactory()
    data = project_form_data(unit, **FORGED)
    response = client.post(admin_url(CooperationProject, "add"), data)
    assert response.status_code == 302
    project = CooperationProject.objects.get()
    assert project.publication_status == PublicationStatus.DRAFT
    assert project.published_at is None
    assert not CooperationProject.objects.public().exists()

    change = admin_url(CooperationProject, "change", project.pk)
    form = client.get(change).context["adminform"].form
    data.update(title_en="Edited", edit_token=form.initial["edit_token"])
    response = client.post(change, data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_en == "Edited"
    assert project.publication_status == PublicationStatus.DRAFT
    assert project.published_at is None


@pytest.mark.django_db
def test_an_editor_sees_the_publication_fields_read_only(client):
    client.force_login(staff_in(roles.EDITOR, "editor"))
    project = f.CooperationProjectFactory(publication_status=PublicationStatus.DRAFT)
    page = client.get(admin_url(CooperationProject, "change", project.pk))
    assert page.status_code == 200
    assert 'name="publication_status"' not in page.text
    assert 'name="published_at_0"' not in page.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "factory"), [(Article, f.ArticleFactory), (Award, f.AwardFactory)]
)
def test_an_editor_who_forges_an_article_or_award_form_publishes_nothing(client, model, factory):
    client.force_login(staff_in(roles.EDITOR, "editor"))
    record = factory(publication_status=PublicationStatus.IN_REVIEW, published_at=None)
    url = admin_url(model, "change", record.pk)
    data = form_data(client, url, title_en="Edited", **FORGED)
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert record.title_en == "Edited"
    assert record.publication_status == PublicationStatus.IN_REVIEW
    assert not model.objects.public().exists()

    add_url = admin_url(model, "add")
    data = form_data(client, url, **FORGED)
    data.update(slug="forged-new", title_zh_hans="新")
    assert client.post(add_url, data).status_code == 302
    created = model.objects.get(slug="forged-new")
    assert created.publication_status == PublicationStatus.DRAFT
    assert created.published_at is None


@pytest.mark.django_db
def test_a_publisher_publishes_a_new_project(client):
    client.force_login(staff_in(roles.PUBLISHER, "publisher"))
    unit = f.UnitFactory()
    data = project_form_data(unit, **FORGED)
    assert client.post(admin_url(CooperationProject, "add"), data).status_code == 302
    assert CooperationProject.objects.public().count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (Article, f.ArticleFactory),
        (Award, f.AwardFactory),
        (CooperationProject, f.CooperationProjectFactory),
    ],
)
def test_a_publisher_publishes_what_an_editor_wrote(client, model, factory):
    record = factory(publication_status=PublicationStatus.IN_REVIEW, published_at=None)
    client.force_login(staff_in(roles.PUBLISHER, "publisher"))
    url = admin_url(model, "change", record.pk)
    assert client.post(url, form_data(client, url, **FORGED)).status_code == 302
    assert list(model.objects.public()) == [record]
