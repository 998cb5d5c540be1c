"""The About page: edited by staff in the admin, sanitised, public only when published."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from cooperation.publication import PublicationStatus
from portal.models import Page


@pytest.fixture
def about(db):
    return Page.objects.create(
        slug="about",
        title_zh_hans="关于基地",
        title_en="About the base",
        body_zh_hans="<p>基地简介</p>",
        body_en='<p onclick="x()">The base.</p><script>alert(1)</script>',
        publication_status=PublicationStatus.PUBLISHED,
        published_at="2023-03-01T09:00:00+08:00",
    )


def test_about_page_is_public_in_both_languages_and_sanitised(client, about):
    with override("en"):
        english = client.get(reverse("portal:page", args=["about"]))
    assert english.status_code == 200
    assert "<p>The base.</p>" in english.text
    assert "alert(1)" not in english.text
    assert "onclick" not in english.text
    assert "基地简介" in client.get("/zh-hans/pages/about/").text


def test_a_draft_page_is_not_public(client, about):
    about.publication_status = PublicationStatus.DRAFT
    about.save()
    assert client.get("/en/pages/about/").status_code == 404


def test_staff_edit_the_page_in_the_admin(admin_client, about):
    url = reverse("admin:portal_page_change", args=[about.pk])
    form = admin_client.get(url)
    assert form.status_code == 200
    response = admin_client.post(
        url,
        {
            "title_zh_hans": "关于我们",
            "title_en": "About us",
            "slug": "about",
            "body_zh_hans": "<p>新的简介</p>",
            "body_en": "<p>New text</p>",
            "publication_status": "published",
            "published_at_0": "2023-03-01",
            "published_at_1": "09:00:00",
            # What the form was opened on: a save without it is refused as possibly stale.
            "edit_token": form.context["adminform"].form.initial["edit_token"],
        },
    )
    assert response.status_code == 302
    assert "New text" in client_text(admin_client)


def client_text(client) -> str:
    with override("en"):
        return client.get(reverse("portal:page", args=["about"])).text
