"""An image chosen on a form that fails validation is kept for the next submission
(cooperation.kept_uploads): the form says so, and a resubmission without a file uses it."""

from __future__ import annotations

import html
import io
import os
import re
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from cooperation import kept_uploads
from cooperation.images import reencode
from news.models import Article, Image
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data, png_upload
from tests.news.images import upload

TOKEN = re.compile(r'name="cover_image-kept" value="([^"]+)"')
EN = {"accept-language": "en"}


def article_data(client, **changes) -> dict:
    category = f.CategoryFactory()
    return form_data(
        client,
        admin_url(Article, "add"),
        title_zh_hans="新闻",
        slug="news-item",
        body_zh_hans="<p>正文</p>",
        category=str(category.pk),
        cover_image_alt_zh_hans="实验室里的两位研究人员",
        **changes,
    )


def fail_with_cover(client, data: dict, cover=None) -> tuple[str, object]:
    """Posts the article without its title and with a cover: the form comes back."""
    response = client.post(
        admin_url(Article, "add"),
        {**data, "title_zh_hans": "", "cover_image": cover or png_upload()},
        headers=EN,
    )
    assert "title_zh_hans" in errors_shown(response)
    match = TOKEN.search(response.text)
    return (html.unescape(match[1]) if match else ""), response


def kept_files() -> list[str]:
    try:
        return default_storage.listdir(kept_uploads.PREFIX)[1]
    except FileNotFoundError:
        return []


@pytest.mark.django_db
def test_a_cover_kept_from_a_failed_form_is_saved_when_resubmitted_without_a_file(admin_client):
    data = article_data(admin_client)
    token, response = fail_with_cover(admin_client, data, png_upload("lab visit.png"))
    assert token
    assert "Kept: lab visit.png (choose another to replace it)" in response.text
    assert "cover_image" not in response.context["adminform"].form.errors

    response = admin_client.post(
        admin_url(Article, "add"), {**data, "cover_image-kept": token}, headers=EN
    )
    assert response.status_code == 302, errors_shown(response)
    article = Article.objects.get()
    with article.cover_image.open("rb") as saved:
        assert saved.read() == reencode(png_upload()).data
    assert kept_files() == []  # saved with the record: the kept copy is gone


@pytest.mark.django_db
def test_a_cover_kept_twice_still_counts_once_the_form_is_right(admin_client):
    data = article_data(admin_client)
    token, _response = fail_with_cover(admin_client, data)
    response = admin_client.post(
        admin_url(Article, "add"), {**data, "title_zh_hans": "", "cover_image-kept": token}
    )
    assert "title_zh_hans" in errors_shown(response)
    assert TOKEN.search(response.text)[1] == token  # the same file, not stored again
    assert len(kept_files()) == 1
    admin_client.post(admin_url(Article, "add"), {**data, "cover_image-kept": token})
    assert Article.objects.get().cover_image


@pytest.mark.django_db
def test_a_new_file_replaces_the_kept_one(admin_client):
    data = article_data(admin_client)
    token, _response = fail_with_cover(admin_client, data)
    assert token
    replacement = png_upload("other.png")
    admin_client.post(
        admin_url(Article, "add"),
        {**data, "cover_image-kept": token, "cover_image": replacement},
    )
    replacement.seek(0)
    with Article.objects.get().cover_image.open("rb") as saved:
        assert saved.read() == reencode(replacement).data


@pytest.mark.django_db
@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "not-a-token",
        lambda token: signing.dumps({"path": "news/secret.jpg", "name": "x.jpg"}),
    ],
    ids=["altered", "made-up", "other-salt"],
)
def test_a_forged_token_is_a_form_error(admin_client, forge):
    data = article_data(admin_client)
    token, _response = fail_with_cover(admin_client, data)
    response = admin_client.post(
        admin_url(Article, "add"), {**data, "cover_image-kept": forge(token)}, headers=EN
    )
    assert errors_shown(response)["cover_image"] == [
        "The kept file cannot be used: choose the file again."
    ]
    assert "cover_image-kept" not in response.text
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_another_users_token_is_refused(admin_client, client, editor):
    client.force_login(editor)
    token, _response = fail_with_cover(client, article_data(client))
    data = article_data(admin_client)
    response = admin_client.post(
        admin_url(Article, "add"), {**data, "cover_image-kept": token}, headers=EN
    )
    assert errors_shown(response)["cover_image"] == [
        "The kept file cannot be used: choose the file again."
    ]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_token_from_an_earlier_login_of_the_same_user_is_refused(admin_client, admin_user):
    data = article_data(admin_client)
    token, _response = fail_with_cover(admin_client, data)
    admin_client.logout()
    admin_client.force_login(admin_user)
    response = admin_client.post(
        admin_url(Article, "add"), {**data, "cover_image-kept": token}, headers=EN
    )
    assert "cover_image" in errors_shown(response)


@pytest.mark.django_db
def test_an_expired_token_asks_to_choose_the_file_again(admin_client, monkeypatch, settings):
    settings.KEPT_UPLOAD_MAX_AGE = 600
    data = article_data(admin_client)
    token, _response = fail_with_cover(admin_client, data)
    later = time.time() + 601
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))
    response = admin_client.post(
        admin_url(Article, "add"), {**data, "cover_image-kept": token}, headers=EN
    )
    assert errors_shown(response)["cover_image"] == [
        "The file kept from your last try has expired: choose it again."
    ]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_kept_file_is_checked_again(admin_client, settings):
    data = article_data(admin_client)
    token, _response = fail_with_cover(admin_client, data)
    settings.IMAGE_UPLOAD_MAX_BYTES = 100  # the limit changed meanwhile
    response = admin_client.post(
        admin_url(Article, "add"), {**data, "cover_image-kept": token}, headers=EN
    )
    assert errors_shown(response)["cover_image"][0].startswith("The file is")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_only_a_file_accepted_as_an_image_is_kept(admin_client):
    data = article_data(admin_client)
    response = admin_client.post(
        admin_url(Article, "add"),
        {**data, "title_zh_hans": "", "cover_image": upload(b"not an image", "notes.png")},
    )
    assert "cover_image" in errors_shown(response)
    assert not TOKEN.search(response.text)
    assert kept_files() == []
    token, _response = fail_with_cover(admin_client, data)
    assert token
    assert len(kept_files()) == 1


@pytest.mark.django_db
def test_the_image_library_keeps_its_upload_too(admin_client):
    response = admin_client.post(
        admin_url(Image, "add"), {"file": png_upload("library.png"), "alt_text_zh_hans": ""}
    )
    assert "alt_text_zh_hans" in errors_shown(response)
    token = html.unescape(re.search(r'name="file-kept" value="([^"]+)"', response.text)[1])
    response = admin_client.post(
        admin_url(Image, "add"),
        {"file-kept": token, "alt_text_zh_hans": "实验室里的两位研究人员"},
    )
    assert response.status_code == 302, errors_shown(response)
    assert Image.objects.get().file


@pytest.mark.django_db
def test_only_the_signed_path_is_read(settings):
    owner = "1:session"
    default_storage.save("news/secret.jpg", ContentFile(b"secret"))
    forged = signing.dumps(
        {"path": "news/secret.jpg", "name": "x.jpg"}, salt=f"coopbase.kept-upload:{owner}"
    )
    with pytest.raises(ValidationError):
        kept_uploads.load_kept_upload(forged, owner=owner)
    with pytest.raises(ValidationError):
        kept_uploads.load_kept_upload(forged, owner=None)


def test_abandoned_kept_files_are_purged(settings):
    settings.KEPT_UPLOAD_MAX_AGE = 600
    kept_uploads.keep_upload(ContentFile(b"old", name="old.png"), owner="1:a")
    (old,) = kept_files()
    path = default_storage.path(kept_uploads.PREFIX + old)
    an_hour_ago = (timezone.now() - timedelta(hours=1)).timestamp()
    os.utime(path, (an_hour_ago, an_hour_ago))
    kept_uploads.keep_upload(ContentFile(b"new", name="new.png"), owner="1:a")
    assert old not in kept_files()
    assert len(kept_files()) == 1


@pytest.mark.django_db
def test_the_editor_s_image_picker_keeps_its_upload_too(admin_client):
    picker = reverse("admin:news_image_picker")
    response = admin_client.post(
        picker, {"file": png_upload("figure.png"), "alt_text_zh_hans": ""}, headers=EN
    )
    assert response.status_code == 400
    assert "Kept: figure.png (choose another to replace it)" in response.text
    token = html.unescape(re.search(r'name="file-kept" value="([^"]+)"', response.text)[1])
    response = admin_client.post(picker, {"file-kept": token, "alt_text_zh_hans": "校门"})
    assert response.status_code == 302
    assert Image.objects.get().file
    assert kept_files() == []


def test_an_image_refused_after_its_fields_check_is_not_kept(admin_client):
    """A cover smaller than a cover may be is refused by a check after the field's own: the
    form says so, and offers no "Kept" of the refused file (nor stores it)."""
    data = article_data(admin_client)
    buffer = io.BytesIO()
    PILImage.new("RGB", (100, 50), (200, 80, 40)).save(buffer, format="PNG")
    small = SimpleUploadedFile("small.png", buffer.getvalue(), content_type="image/png")
    response = admin_client.post(
        admin_url(Article, "add"), {**data, "cover_image": small}, headers=EN
    )
    assert response.status_code == 200
    assert "cover_image" in errors_shown(response)
    assert "Kept: small.png" not in response.text
    assert not TOKEN.search(response.text)
    assert kept_files() == []
