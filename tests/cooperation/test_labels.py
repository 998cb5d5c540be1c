"""Labels shown on every project card: the kind and status of a project and the names of
partner countries, in the active language, from the shortcuts the cards use."""

import pytest
from django.utils.translation import override

from cooperation.models import CooperationProject, ProjectKind, ProjectStatus
from tests import factories as f
from tests.pages import LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_kind_and_status_labels_are_those_django_gives(db, language):
    project = f.CooperationProjectFactory.build()
    fields = {name: CooperationProject._meta.get_field(name) for name in ("kind", "status")}
    with override(language):
        for choices, name, display in [
            (ProjectKind, "kind", project.get_kind_display),
            (ProjectStatus, "status", project.get_status_display),
        ]:
            for value in choices.values:
                setattr(project, name, value)
                # Django's generic get_FOO_display(), which the model's own replace.
                expected = project._get_FIELD_display(fields[name])
                assert display() == expected, (language, value)
                assert isinstance(display(), str)


def test_project_labels_follow_the_active_language(db):
    project = f.CooperationProjectFactory.build(status=ProjectStatus.COMPLETED)
    with override("en"):
        assert project.get_status_display() == "Completed"
    with override("zh-hans"):
        assert project.get_status_display() == "已完成"
    with override("en"):
        assert project.get_status_display() == "Completed"


def test_a_value_that_is_no_longer_a_choice_shows_as_it_is(db):
    project = f.CooperationProjectFactory.build(kind="retired-kind")
    assert project.get_kind_display() == "retired-kind"


def test_country_names_are_kept_per_language(db):
    japan = f.PartnerCountryFactory(country="JP")
    for _round in range(2):
        with override("en"):
            assert str(japan) == "Japan"
        with override("zh-hans"):
            assert str(japan) == "日本"
