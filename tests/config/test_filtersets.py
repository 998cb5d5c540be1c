"""FilterSets made cheaply on every request (config.filtersets): each still has filters of its
own, calling its own methods, and a form of its own, while the form class is made once."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.utils.translation import override

from cooperation.filters import AwardFilter, ProjectFilter
from cooperation.models import Award, CooperationProject
from news.filters import ArticleFilter
from news.models import Article
from tests import factories as f


def projects(data: QueryDict) -> ProjectFilter:
    return ProjectFilter(data, queryset=CooperationProject.objects.none())


@pytest.mark.django_db
def test_each_filterset_filters_through_its_own_methods():
    in_japan = f.InstitutionFactory(country=f.PartnerCountryFactory(country="JP"))
    in_germany = f.InstitutionFactory(country=f.PartnerCountryFactory(country="DE"))
    f.CooperationProjectFactory(title_en="With Japan", partners=[in_japan])
    f.CooperationProjectFactory(title_en="With Germany", partners=[in_germany])
    first = ProjectFilter(QueryDict("country=JP"), queryset=CooperationProject.objects.all())
    second = ProjectFilter(QueryDict("country=DE"), queryset=CooperationProject.objects.all())

    # A filter's method is looked up on its own parent: a copy that still called the class's
    # filter had no parent, and one sharing another's would filter by that one's selection.
    assert [p.title_en for p in first.qs] == ["With Japan"]
    assert [p.title_en for p in second.qs] == ["With Germany"]
    for filterset in (first, second):
        for filter_ in filterset.filters.values():
            assert filter_.parent is filterset
            assert filter_ is not ProjectFilter.base_filters[filter_.field_name]
            if filter_.method is not None:
                assert filter_.filter.f is filter_


def test_a_filterset_changes_only_its_own_filters_and_form():
    first, second = projects(QueryDict("")), projects(QueryDict(""))
    first.filters["kind"].extra["choices"] = [("x", "X")]
    first.form.fields["status"].choices = [("y", "Y")]

    assert "choices" in ProjectFilter.base_filters["kind"].extra
    assert second.filters["kind"].extra["choices"] != [("x", "X")]
    assert ("y", "Y") not in list(second.form.fields["status"].choices)
    assert second.form.fields is not first.form.fields


def test_the_form_class_is_made_once_for_each_filterset_class():
    assert type(projects(QueryDict("")).form) is type(projects(QueryDict("")).form)
    assert set(
        type(AwardFilter(QueryDict(""), queryset=Award.objects.none()).form).base_fields
    ) == {"level", "year", "sort"}
    assert "country" in type(projects(QueryDict("")).form).base_fields


@pytest.mark.django_db
def test_the_news_filters_offer_categories_in_the_language_of_each_form():
    f.CategoryFactory(slug="events", name_en="Events", name_zh_hans="活动")
    f.TopicFactory(slug="talent", name_en="Talent training", name_zh_hans="人才培养")
    with override("en"):
        english = ArticleFilter(QueryDict("category=events"), queryset=Article.objects.none())
        assert english.is_valid()
    with override("zh-hans"):
        chinese = ArticleFilter(QueryDict("category=events"), queryset=Article.objects.none())
        assert chinese.is_valid()

    # The form class is shared by both languages; the choices are each form's own.
    assert type(english.form) is type(chinese.form)
    assert ("events", "Events") in list(english.form.fields["category"].choices)
    assert ("events", "活动") in list(chinese.form.fields["category"].choices)
    assert ("talent", "Talent training") in list(english.form.fields["topic"].choices)
    assert ("talent", "人才培养") in list(chinese.form.fields["topic"].choices)
    with override("en"):
        assert not ArticleFilter(
            QueryDict("category=nothing"), queryset=Article.objects.none()
        ).is_valid()
