"""Comparing two versions of a record: only what changed, in the viewer's language."""

from __future__ import annotations

import pytest
from django.utils.translation import override
from reversion.models import Version

from accounts import roles
from cooperation.models import CooperationProject, PartnerRole, ProjectPartner, ProjectResearchField
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data
from tests.staff import staff_in

CHINESE, ENGLISH = {"accept-language": "zh-hans"}, {"accept-language": "en"}


def save(client, project, headers, **changes) -> None:
    change = admin_url(CooperationProject, "change", project.pk)
    data = form_data(client, change)
    data.update(changes)
    response = client.post(change, data, headers=headers)
    assert response.status_code == 302, errors_shown(response)


def compare(client, project, old: Version, new: Version, headers) -> dict[str, tuple[str, str]]:
    """{label: (old, new)} of the changes the compare page lists."""
    url = admin_url(CooperationProject, "history_compare", project.pk)
    response = client.get(url, {"old": old.pk, "new": new.pk}, headers=headers)
    assert response.status_code == 200
    return {change.label: (change.old, change.new) for change in response.context["changes"]}


def related_labels(language: str) -> tuple[str, str]:
    with override(language):
        return (
            str(ProjectPartner._meta.verbose_name_plural),
            str(ProjectResearchField._meta.verbose_name_plural),
        )


@pytest.fixture
def saved_in_two_languages(client, publisher):
    """A project saved with its partner and field by a publisher whose admin is in Chinese,
    then, its English title only, by another whose admin is in English."""
    kyoto = f.InstitutionFactory(name_en="Kyoto University", name_zh_hans="京都大学")
    peptides = f.ResearchFieldFactory(name_en="Antimicrobial peptides", name_zh_hans="抗菌肽")
    project = f.CooperationProjectFactory(title_en="Old title", fields=[peptides])
    ProjectPartner.objects.create(project=project, institution=kyoto, role=PartnerRole.LEAD_PARTNER)
    client.force_login(publisher)
    save(client, project, CHINESE)
    client.force_login(staff_in(roles.PUBLISHER, "english_publisher"))
    save(client, project, ENGLISH, title_en="New title")
    new, old = Version.objects.get_for_object(project)
    return project, old, new


@pytest.mark.django_db
@pytest.mark.parametrize("headers", [CHINESE, ENGLISH], ids=["chinese", "english"])
def test_rows_nobody_changed_are_not_listed_whoever_saved_and_views(
    client, saved_in_two_languages, headers
):
    project, old, new = saved_in_two_languages
    # The two versions' rows were named in their savers' languages.
    assert {v.object_repr for v in old.revision.version_set.all()} >= {
        "京都大学 (牵头合作方)",
        "抗菌肽",
    }
    assert {v.object_repr for v in new.revision.version_set.all()} >= {
        "Kyoto University (Lead partner)",
        "Antimicrobial peptides",
    }

    changes = compare(client, project, old, new, headers)

    with override(headers["accept-language"]):
        title = str(CooperationProject._meta.get_field("title_en").verbose_name)
    assert changes[title] == ("Old title", "New title")
    for language in ("zh-hans", "en"):
        for label in related_labels(language):
            assert label not in changes, changes


@pytest.mark.django_db
def test_a_changed_row_is_listed_in_the_viewers_language_on_both_sides(
    client, saved_in_two_languages
):
    project, first, second = saved_in_two_languages
    oxford = f.InstitutionFactory(name_en="University of Oxford", name_zh_hans="牛津大学")
    save(
        client,
        project,
        ENGLISH,
        **{
            "projectpartner_set-TOTAL_FORMS": "2",
            "projectpartner_set-1-institution": str(oxford.pk),
            "projectpartner_set-1-role": PartnerRole.PARTNER,
        },
    )
    third = Version.objects.get_for_object(project).first()

    partners, fields = related_labels("en")
    for old in (first, second):  # saved in Chinese, and in English
        changes = compare(client, project, old, third, ENGLISH)
        assert changes[partners] == (
            "Kyoto University (Lead partner)",
            "Kyoto University (Lead partner); University of Oxford (Partner)",
        )
        assert fields not in changes

    partners, fields = related_labels("zh-hans")
    for old in (first, second):
        changes = compare(client, project, old, third, CHINESE)
        old_rows, new_rows = changes[partners]
        assert old_rows == "京都大学 (牵头合作方)"
        assert set(new_rows.split("; ")) == {"京都大学 (牵头合作方)", "牛津大学 (合作方)"}
        assert fields not in changes


@pytest.mark.django_db
def test_a_row_whose_related_record_is_gone_keeps_its_saved_name(client, publisher):
    kyoto = f.InstitutionFactory(name_en="Kyoto University", name_zh_hans="京都大学")
    oxford = f.InstitutionFactory(name_en="University of Oxford", name_zh_hans="牛津大学")
    project = f.CooperationProjectFactory(partners=[kyoto])
    client.force_login(publisher)
    save(client, project, ENGLISH)
    ProjectPartner.objects.filter(institution=kyoto).update(institution=oxford)
    kyoto.delete()
    save(client, project, ENGLISH)
    new, old = Version.objects.get_for_object(project)

    changes = compare(client, project, old, new, ENGLISH)

    partners, _fields = related_labels("en")
    assert changes[partners] == ("Kyoto University (Partner)", "University of Oxford (Partner)")
