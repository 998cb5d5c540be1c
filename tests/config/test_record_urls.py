"""Records' addresses without a whole reverse() each (config/record_urls.py): the address
reverse() gives, in every language, under a script prefix and after the URL conf changes."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, include, path, reverse, set_script_prefix
from django.utils.translation import override

from config.record_urls import record_url
from tests import factories as f

# The URL conf of the test that changes it: the records' routes under another prefix.
urlpatterns = [path("elsewhere/", include("cooperation.urls"))]

ROUTES = [
    ("cooperation:project-detail", "slug", ["enzyme-2024", "en", "projects", "a_b-9"]),
    ("cooperation:country-detail", "code", ["jp", "en", "zh"]),
    ("cooperation:achievement-detail", "pk", [7, 1, 123456]),
    ("news:article-detail", "slug", ["news", "a-launch"]),
    ("portal:page", "slug", ["about"]),
]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(("viewname", "name", "keys"), ROUTES)
def test_an_address_is_the_one_reverse_gives(viewname, name, keys, language):
    # Keys found elsewhere in the address too ("en" in /en/countries/en/) come first: the
    # address around the key is kept only from one that is not.
    with override(language):
        for key in [*keys, *keys]:
            assert record_url(viewname, **{name: key}) == reverse(viewname, kwargs={name: key})


def test_each_language_has_its_own_prefix():
    with override("en"):
        english = record_url("cooperation:project-detail", slug="enzyme")
    with override("zh-hans"):
        chinese = record_url("cooperation:project-detail", slug="enzyme")
    assert (english, chinese) == ("/en/projects/enzyme/", "/zh-hans/projects/enzyme/")


def test_an_address_carries_the_script_prefix():
    try:
        with override("en"):
            record_url("cooperation:project-detail", slug="kept-before")
            set_script_prefix("/coop/")
            assert record_url("cooperation:project-detail", slug="x") == "/coop/en/projects/x/"
    finally:
        set_script_prefix("/")


def test_an_address_follows_a_change_of_url_conf():
    with override("en"):
        assert record_url("cooperation:unit-detail", slug="pharmacy") == "/en/units/pharmacy/"
        with override_settings(ROOT_URLCONF=__name__):
            assert record_url("cooperation:unit-detail", slug="pharmacy") == (
                "/elsewhere/units/pharmacy/"
            )
        assert record_url("cooperation:unit-detail", slug="pharmacy") == "/en/units/pharmacy/"


@pytest.mark.parametrize("key", ["café", "a b", "a/b", ""])
def test_a_key_its_route_refuses_is_refused_as_reverse_refuses_it(key):
    with override("en"):
        record_url("cooperation:project-detail", slug="kept-before")
        with pytest.raises(NoReverseMatch):
            record_url("cooperation:project-detail", slug=key)


@pytest.mark.django_db
def test_records_link_to_their_pages(client):
    project = f.CooperationProjectFactory(slug="enzyme-2024")
    with override("en"):
        address = project.get_absolute_url()
    assert address == "/en/projects/enzyme-2024/"
    assert client.get(address).status_code == 200
