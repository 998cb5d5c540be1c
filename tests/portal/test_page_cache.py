"""Anonymous pages are cached and refreshed on change; logged-in users never share them."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests import factories as f


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE = True


def home():
    with override("en"):
        return reverse("portal:home")


@pytest.mark.django_db
def test_anonymous_pages_are_served_from_the_cache(client, django_assert_num_queries):
    f.CooperationProjectFactory(title_en="First project", featured=True)
    first = client.get(home())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(home())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second
    assert second["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_a_content_change_refreshes_cached_pages(client):
    project = f.CooperationProjectFactory(title_en="Old title", featured=True)
    assert "Old title" in client.get(home()).text
    project.title_en = "New title"
    project.save()
    response = client.get(home())
    assert response["X-Page-Cache"] == "miss"
    assert "New title" in response.text


@pytest.mark.django_db
def test_each_language_and_query_has_its_own_entry(client):
    f.CooperationProjectFactory(title_en="Bilingual", title_zh_hans="双语项目")
    assert "Bilingual" in client.get("/en/projects/").text
    assert "双语项目" in client.get("/zh-hans/projects/").text
    assert client.get("/en/projects/?kind=joint_lab")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_logged_in_users_never_get_or_fill_the_shared_cache(client, admin_user):
    f.CooperationProjectFactory()
    client.get(home())  # an anonymous reader fills the cache
    client.force_login(admin_user)
    response = client.get(home())
    assert "X-Page-Cache" not in response
    client.logout()


@pytest.mark.django_db
def test_errors_and_bad_requests_are_not_cached(client):
    assert client.get("/en/projects/?kind=evil").status_code == 400
    assert "X-Page-Cache" not in client.get("/en/projects/?kind=evil")
    assert client.get("/en/projects/no-such-project/").status_code == 404
