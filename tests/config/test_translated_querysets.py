"""modeltranslation's multilingual queryset class is made once per queryset class, not on
every query (config/translated_querysets.py), and the querysets stay multilingual."""

import pytest
from django.utils import translation
from modeltranslation.manager import MultilingualQuerySet

from cooperation.models import CooperationProject, ResearchField
from news.models import Article
from tests.factories import CooperationProjectFactory


def test_each_query_of_a_model_uses_one_queryset_class():
    first, second = CooperationProject.objects.all(), CooperationProject.objects.public()
    assert type(first) is type(second)
    assert type(Article.objects.public()) is type(Article.objects.all())
    assert type(first) is not type(Article.objects.all())


def test_the_reused_class_is_still_multilingual_and_the_models_own():
    queryset = CooperationProject.objects.public()
    assert isinstance(queryset, MultilingualQuerySet)
    assert isinstance(queryset, CooperationProject.objects.none().__class__)
    assert hasattr(queryset, "with_detail_data")  # the model's own queryset methods
    assert isinstance(ResearchField.objects.all(), MultilingualQuerySet)


@pytest.mark.django_db
def test_lookups_still_read_the_active_language():
    CooperationProjectFactory(title_en="Enzyme work", title_zh_hans="酶工程")
    with translation.override("en"):
        assert CooperationProject.objects.filter(title="Enzyme work").count() == 1
    with translation.override("zh-hans"):
        assert CooperationProject.objects.filter(title="酶工程").count() == 1
