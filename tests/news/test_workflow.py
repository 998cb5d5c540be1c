"""Preview, history (versions, compare, restore, recover) and concurrent edits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from reversion.models import Version

from accounts import roles
from cooperation.history import comment_text
from cooperation.models import CooperationProject
from cooperation.publication import PublicationStatus as S
from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data
from tests.staff import PUBLISHABLE, staff_in


def preview_url(name: str, record, language: str = "en") -> str:
    from django.utils.translation import override

    with override(language):
        return reverse(name, kwargs={"pk": record.pk})


# --- preview ---


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
@pytest.mark.parametrize("status", [S.DRAFT, S.IN_REVIEW, S.ARCHIVED])
def test_staff_preview_a_hidden_record_with_banner_noindex_and_no_store(
    client, editor, model, factory, name, status
):
    record = factory(title_en="Hidden record", publication_status=status, published_at=None)
    client.force_login(editor)
    response = client.get(preview_url(name, record))
    assert response.status_code == 200
    page = response.text
    assert "Hidden record" in page
    assert 'class="preview-banner"' in page
    assert str(S(status).label) in page
    assert '<meta name="robots" content="noindex">' in page
    assert response["X-Robots-Tag"] == "noindex"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


@pytest.mark.django_db
def test_the_preview_of_a_scheduled_record_says_when_it_goes_public(client, editor):
    article = f.ArticleFactory(published_at=timezone.now() + timedelta(days=3))
    client.force_login(editor)
    page = client.get(preview_url("news:article-preview", article)).text
    assert "Scheduled: readers see it from" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
def test_no_one_but_staff_who_may_view_the_model_gets_a_preview(client, model, factory, name):
    record = factory(publication_status=S.DRAFT, published_at=None)
    target = preview_url(name, record)
    assert client.get(target).status_code == 404

    client.force_login(f.UserFactory(username="reader", is_staff=False))
    assert client.get(target).status_code == 404

    # Staff, but in no role that may see this model.
    client.force_login(staff_in(roles.SITE_ADMIN, "siteadmin"))
    assert client.get(target).status_code == 404

    viewer = f.UserFactory(username="viewer", is_staff=True)
    opts = model._meta
    viewer.user_permissions.add(
        Permission.objects.get(
            content_type__app_label=opts.app_label, codename=f"view_{opts.model_name}"
        )
    )
    client.force_login(viewer)
    assert client.get(target).status_code == 200


@pytest.mark.django_db
def test_a_preview_is_never_stored_in_the_page_cache(client, editor, settings):
    settings.PORTAL_PAGE_CACHE = True
    article = f.ArticleFactory(title_en="Draft news", publication_status=S.DRAFT, published_at=None)
    target = preview_url("news:article-preview", article)
    client.force_login(editor)
    assert client.get(target).status_code == 200
    client.logout()
    for _ in range(2):
        response = client.get(target)
        assert response.status_code == 404
        assert "Draft news" not in response.text
    detail = reverse("news:article-detail", kwargs={"slug": article.slug})
    assert client.get(detail).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
def test_the_change_form_links_to_the_preview(client, editor, model, factory, name):
    record = factory(publication_status=S.DRAFT, published_at=None)
    client.force_login(editor)
    page = client.get(admin_url(model, "change", record.pk)).text
    with_language = preview_url(name, record, "zh-hans")
    assert f'href="{with_language}"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
@pytest.mark.parametrize(
    ("status", "published_at", "on_site"),
    [
        (S.DRAFT, None, False),
        (S.IN_REVIEW, None, False),
        (S.PUBLISHED, timedelta(days=30), False),  # scheduled
        (S.ARCHIVED, timedelta(days=-30), False),
        (S.PUBLISHED, timedelta(days=-1), True),
    ],
)
def test_the_change_form_offers_view_on_site_only_for_a_record_readers_see(
    client, editor, model, factory, name, status, published_at, on_site
):
    """ "View on site" on a draft, a record in review, a scheduled or an archived one led
    staff to the site's 404; its preview is the link for those."""
    moment = timezone.now() + published_at if published_at is not None else None
    record = factory(publication_status=status, published_at=moment)
    client.force_login(editor)
    page = client.get(admin_url(model, "change", record.pk)).text
    assert ('class="viewsitelink">' in page) is on_site
    assert f'href="{preview_url(name, record, "zh-hans")}"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [f.AchievementFactory, f.ExchangeFactory])
def test_no_view_on_site_for_a_public_record_of_a_project_readers_do_not_see(
    client, editor, factory
):
    record = factory(project=f.CooperationProjectFactory(publication_status=S.DRAFT))
    client.force_login(editor)
    page = client.get(admin_url(type(record), "change", record.pk)).text
    assert 'class="viewsitelink">' not in page


@pytest.mark.django_db
def test_an_article_preview_takes_as_many_queries_as_the_article_page(
    client, editor, django_assert_max_num_queries
):
    article = f.ArticleFactory(related_projects=f.CooperationProjectFactory.create_batch(5))
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        assert client.get(preview_url("news:article-preview", article)).status_code == 200


# --- history: versions with who and when, compare, restore, recover ---


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
def test_every_admin_save_keeps_a_version_with_who_and_when(client, editor, model, factory, name):
    record = factory(publication_status=S.DRAFT, published_at=None)
    client.force_login(editor)
    change = admin_url(model, "change", record.pk)
    before = timezone.now()
    for title in ("First", "Second"):
        assert client.post(change, form_data(client, change, title_en=title)).status_code == 302
    versions = list(Version.objects.get_for_object(record).select_related("revision__user"))
    assert [v.field_dict["title_en"] for v in versions] == ["Second", "First"]
    assert {v.revision.user for v in versions} == {editor}
    assert all(before <= v.revision.date_created <= timezone.now() for v in versions)

    history = client.get(admin_url(model, "history", record.pk))
    assert history.status_code == 200
    assert history.text.count('name="old"') == 2
    assert "editor" in history.text


@pytest.mark.django_db
def test_a_project_version_keeps_its_partners_and_fields(client, publisher):
    kyoto = f.InstitutionFactory(name_en="Kyoto University", name_zh_hans="京都大学")
    field = f.ResearchFieldFactory(name_en="Marine drugs", name_zh_hans="海洋药物")
    project = f.CooperationProjectFactory(partners=[kyoto], fields=[field])
    client.force_login(publisher)
    change = admin_url(CooperationProject, "change", project.pk)
    assert client.post(change, form_data(client, change)).status_code == 302
    revision = Version.objects.get_for_object(project).get().revision
    kept = {v.content_type.model for v in revision.version_set.all()}
    assert {"cooperationproject", "projectpartner", "projectresearchfield"} <= kept


@pytest.mark.django_db
def test_compare_shows_the_fields_that_differ_between_two_versions(client, publisher):
    kyoto = f.InstitutionFactory(name_en="Kyoto University", name_zh_hans="京都大学")
    oxford = f.InstitutionFactory(name_en="University of Oxford", name_zh_hans="牛津大学")
    project = f.CooperationProjectFactory(title_en="Old title", partners=[kyoto])
    client.force_login(publisher)
    change = admin_url(CooperationProject, "change", project.pk)
    assert client.post(change, form_data(client, change)).status_code == 302
    data = form_data(client, change, title_en="New title")
    data.update(
        {
            "projectpartner_set-TOTAL_FORMS": "2",
            "projectpartner_set-1-institution": str(oxford.pk),
            "projectpartner_set-1-role": "partner",
        }
    )
    response = client.post(change, data)
    assert response.status_code == 302, errors_shown(response)
    new, old = Version.objects.get_for_object(project)

    compare = admin_url(CooperationProject, "history_compare", project.pk)
    response = client.get(
        compare, {"old": old.pk, "new": new.pk}, headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    labels = [change.label for change in response.context["changes"]]
    assert "title (English)" in labels
    title = next(c for c in response.context["changes"] if c.label == "title (English)")
    assert (title.old, title.new) == ("Old title", "New title")
    # Related rows are named in the viewer's language (English here), whoever saved them.
    partners = next(c for c in response.context["changes"] if c.label == "project partners")
    assert "University of Oxford" in partners.new
    assert "University of Oxford" not in partners.old
    assert "Kyoto University" in partners.old
    assert "<del>Old title</del>" in response.text
    assert "<ins>New title</ins>" in response.text
    # Without a choice, the two latest versions; a version of another record is a 404.
    default = client.get(compare, headers={"accept-language": "en"})
    assert default.context["changes"] == response.context["changes"]
    other = f.CooperationProjectFactory()
    other_url = admin_url(CooperationProject, "history_compare", other.pk)
    assert client.get(other_url, {"old": old.pk, "new": new.pk}).status_code == 404
    assert client.get(compare, {"old": "x", "new": new.pk}).status_code == 404


@pytest.mark.django_db
def test_compare_and_history_are_for_staff_who_may_view_the_model(client, publisher):
    article = f.ArticleFactory()
    compare = admin_url(Article, "history_compare", article.pk)
    history = admin_url(Article, "history", article.pk)
    assert client.get(compare).status_code == 302  # to the login page
    client.force_login(staff_in(roles.SITE_ADMIN, "siteadmin"))
    assert client.get(compare).status_code == 403
    assert client.get(history).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_restoring_a_version_brings_back_its_content_but_not_its_publication_state(
    request, client, role
):
    user = request.getfixturevalue(role)
    article = f.ArticleFactory(title_en="Original", publication_status=S.DRAFT, published_at=None)
    client.force_login(request.getfixturevalue("publisher"))
    change = admin_url(Article, "change", article.pk)
    client.post(change, form_data(client, change, _workflow="publish"))
    client.post(change, form_data(client, change, _workflow="unpublish"))
    client.post(change, form_data(client, change, title_en="Rewritten"))
    published_version = next(
        v
        for v in Version.objects.get_for_object(article)
        if v.field_dict["publication_status"] == S.PUBLISHED
    )
    client.force_login(user)
    revision = admin_url(Article, "revision", article.pk, published_version.pk)
    response = client.post(revision, form_data(client, revision), headers={"accept-language": "en"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_en == "Original"
    assert article.publication_status == S.DRAFT
    assert not Article.objects.public().exists()
    latest = Version.objects.get_for_object(article).select_related("revision__user").first()
    assert latest.revision.user == user
    with override("en"):
        worded = comment_text(latest.revision.comment, Article)
    assert worded.startswith("Restored the version saved on ")


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
def test_a_deleted_record_is_recovered_as_a_draft(client, publisher, model, factory, name):
    # Public, and never saved in the admin before.
    record = factory(title_zh_hans="误删的记录", title_en="Deleted by mistake")
    pk = record.pk
    client.force_login(publisher)
    delete = admin_url(model, "delete", pk)
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not model.objects.filter(pk=pk).exists()

    recover_list = client.get(admin_url(model, "recoverlist"))
    assert recover_list.status_code == 200
    assert "误删的记录" in recover_list.text
    version = Version.objects.get_deleted(model).get()
    recover = admin_url(model, "recover", version.pk)
    response = client.post(recover, form_data(client, recover))
    assert response.status_code == 302
    recovered = model.objects.get(pk=pk)
    assert recovered.title_en == "Deleted by mistake"
    assert recovered.publication_status == S.DRAFT
    assert not model.objects.public().exists()


@pytest.mark.django_db
def test_a_recovered_project_gets_its_partners_back(client, publisher):
    kyoto = f.InstitutionFactory()
    project = f.CooperationProjectFactory(partners=[kyoto])
    client.force_login(publisher)
    client.post(admin_url(CooperationProject, "delete", project.pk), {"post": "yes"})
    version = Version.objects.get_deleted(CooperationProject).get()
    recover = admin_url(CooperationProject, "recover", version.pk)
    assert client.post(recover, form_data(client, recover)).status_code == 302
    assert list(CooperationProject.objects.get(pk=project.pk).partners.all()) == [kyoto]


@pytest.mark.django_db
def test_bulk_deletion_keeps_versions_to_recover_from(client, publisher):
    articles = f.ArticleFactory.create_batch(3)
    client.force_login(publisher)
    client.post(
        admin_url(Article, "changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk for a in articles], "post": "yes"},
    )
    assert not Article.objects.exists()
    assert Version.objects.get_deleted(Article).count() == 3


@pytest.mark.django_db
def test_history_pages_take_the_same_queries_for_2_and_20_versions(
    client, publisher, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = f.ArticleFactory()
    client.force_login(publisher)
    change = admin_url(Article, "change", article.pk)
    counts = []
    for saves in (2, 18):
        for i in range(saves):
            client.post(change, form_data(client, change, title_en=f"Version {i}"))
        with CaptureQueriesContext(connection) as context:
            assert client.get(admin_url(Article, "history", article.pk)).status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 12


# --- two staff editing the same record ---


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory", "name"), PUBLISHABLE)
def test_the_second_of_two_concurrent_saves_is_refused(
    client, editor, publisher, model, factory, name
):
    from django.test import Client

    # A draft: an editor's save of a published record waits for a publisher
    # (tests/cooperation/test_pending_changes.py).
    record = factory(title_en="Original", publication_status=S.DRAFT, published_at=None)
    change = admin_url(model, "change", record.pk)
    first, second = Client(), client
    first.force_login(publisher)
    second.force_login(editor)
    first_form = form_data(first, change, title_en="First writer")
    second_form = form_data(second, change, title_en="Second writer")

    assert first.post(change, first_form).status_code == 302
    response = second.post(change, second_form, headers={"accept-language": "en"})
    record.refresh_from_db()
    when = timezone.localtime(record.updated_at).strftime("%H:%M")
    assert errors_shown(response)["__all__"] == [
        f"This record was changed by publisher at {when} after you opened it; "
        "reload to see their changes."
    ]
    assert record.title_en == "First writer"

    # After a reload, the second writer saves.
    assert (
        second.post(change, form_data(second, change, title_en="Second writer")).status_code == 302
    )
    record.refresh_from_db()
    assert record.title_en == "Second writer"


@pytest.mark.django_db
def test_a_save_changed_by_a_script_is_refused_too(client, publisher):
    article = f.ArticleFactory()
    client.force_login(publisher)
    change = admin_url(Article, "change", article.pk)
    data = form_data(client, change, title_en="Mine")
    Article.objects.get(pk=article.pk).save()
    response = client.post(change, data, headers={"accept-language": "en"})
    assert "changed by someone else" in errors_shown(response)["__all__"][0]


@pytest.mark.django_db
def test_a_save_without_the_edit_token_is_refused(client, publisher):
    article = f.ArticleFactory(title_en="Original")
    client.force_login(publisher)
    change = admin_url(Article, "change", article.pk)
    data = form_data(client, change, title_en="Scripted")
    del data["edit_token"]
    response = client.post(change, data, headers={"accept-language": "en"})
    assert "reload to see their changes" in errors_shown(response)["__all__"][0]
    article.refresh_from_db()
    assert article.title_en == "Original"
