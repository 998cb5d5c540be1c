"""Uploads: checked by content with clear form errors, re-encoded without EXIF, renditions."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import override
from PIL import Image

from cooperation.images import RENDITION_WIDTHS, ImageUploadField, validate_image_file
from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data
from tests.news.images import (
    SVG,
    image_bytes,
    jpeg,
    jpeg_with_gps_and_rotation,
    noise_png,
    png_header_claiming,
    upload,
)


def post_cover(client, cover, **changes):
    category = f.CategoryFactory()
    url = admin_url(Article, "add")
    data = form_data(
        client,
        url,
        title_zh_hans="新闻",
        slug="news-item",
        body_zh_hans="<p>正文</p>",
        category=str(category.pk),
        **{"cover_image_alt_zh_hans": "药学院实验室", **changes},
    )
    return client.post(url, {**data, "cover_image": cover}, headers={"accept-language": "en"})


HOSTILE_UPLOADS = {
    "svg": (upload(SVG, "logo.svg", "image/svg+xml"), "not a JPEG, PNG or WebP image"),
    "text named .jpg": (
        upload(b"just some text, not an image\n" * 20, "photo.jpg"),
        "not a JPEG, PNG or WebP image",
    ),
    "gif": (upload(image_bytes(20, 20, "GIF"), "anim.gif", "image/gif"), "not GIF"),
    "pixel bomb 50000x50000": (
        upload(png_header_claiming(50_000, 50_000), "bomb.png", "image/png"),
        "too many pixels",
    ),
    "7000x7000 header": (
        upload(png_header_claiming(7000, 7000), "big.png", "image/png"),
        "7000 × 7000 pixels",
    ),
    "truncated jpeg": (upload(image_bytes(200, 200)[:300], "cut.jpg"), "not a JPEG, PNG or WebP"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(HOSTILE_UPLOADS))
def test_hostile_uploads_are_refused_with_a_clear_form_error(admin_client, case):
    cover, expected = HOSTILE_UPLOADS[case]
    cover.seek(0)
    response = post_cover(admin_client, cover)
    (message,) = errors_shown(response)["cover_image"]
    assert expected in message
    assert not Article.objects.exists()
    assert not default_storage.exists("news") or not default_storage.listdir("news")[1]


@pytest.mark.django_db
def test_an_oversize_file_is_refused_before_it_is_read_as_an_image(admin_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 50_000
    big = upload(noise_png(200, 200), "big.png", "image/png")
    assert big.size > 50_000
    (message,) = errors_shown(post_cover(admin_client, big))["cover_image"]
    assert "images may be 48.8\xa0KB at most" in message
    assert not Article.objects.exists()


def test_a_pixel_bomb_is_refused_from_its_header_without_decoding():
    bomb = upload(png_header_claiming(50_000, 50_000), "bomb.png", "image/png")
    tracemalloc.start()
    try:
        with pytest.raises(Exception) as refused:
            validate_image_file(bomb)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "too_many_pixels"
    assert peak < 5 * 1024 * 1024  # decoding it would take 7.5 GB


def test_the_form_field_judges_by_content_not_by_name():
    field = ImageUploadField()
    assert field.clean(jpeg(name="holiday.txt"))  # a real JPEG under any name is fine
    with override("en"), pytest.raises(ValidationError, match="not a JPEG, PNG or WebP"):
        field.clean(upload(b"MZ\x90\x00 not an image", "photo.png", "image/png"))


@pytest.mark.django_db
def test_a_valid_upload_is_stored_re_encoded_under_a_random_name_without_exif(admin_client):
    original = jpeg_with_gps_and_rotation(800, 600)
    assert b"CAMERA-SERIAL-1234" in original
    response = post_cover(admin_client, upload(original, "IMG_0001 home.jpg"))
    assert response.status_code == 302
    cover = Article.objects.get().cover_image
    # Turned upright by its EXIF orientation (800×600 shot, displayed 600×800), then stored.
    assert cover.name.startswith("news/") and cover.name.endswith("_600x800.jpg")
    assert "IMG_0001" not in cover.name
    stored = default_storage.open(cover.name).read()
    assert b"CAMERA-SERIAL-1234" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (600, 800)
        assert not image.getexif()
        assert "exif" not in image.info


@pytest.mark.django_db
def test_renditions_are_webp_never_upscaled_and_made_once(settings):
    article = f.ArticleFactory(cover_image=jpeg(2000, 1000), cover_image_alt_zh_hans="封面")
    cover = article.cover_image
    assert [(r.width, r.height) for r in cover.renditions] == [(400, 200), (800, 400), (1600, 800)]
    for rendition in cover.renditions:
        with default_storage.open(rendition.name) as file, Image.open(file) as image:
            assert image.format == "WEBP"
            assert image.size == (rendition.width, rendition.height)
    stamps = {r.name: default_storage.get_modified_time(r.name) for r in cover.renditions}
    files_before = sorted(default_storage.listdir("news")[1])

    article.title_en = "Saved again"
    article.save()
    Article.objects.get(pk=article.pk).save()

    assert sorted(default_storage.listdir("news")[1]) == files_before
    assert stamps == {r.name: default_storage.get_modified_time(r.name) for r in cover.renditions}

    small = f.ArticleFactory(cover_image=jpeg(500, 250), cover_image_alt_zh_hans="小图").cover_image
    assert [r.width for r in small.renditions] == [400]
    tiny = f.ArticleFactory(cover_image=jpeg(300, 200), cover_image_alt_zh_hans="图").cover_image
    assert tiny.renditions == []
    assert max(RENDITION_WIDTHS) == 1600


@pytest.mark.django_db
def test_removing_an_image_removes_its_renditions():
    article = f.ArticleFactory(cover_image=jpeg(900, 300), cover_image_alt_zh_hans="封面")
    names = [article.cover_image.name] + [r.name for r in article.cover_image.renditions]
    assert all(default_storage.exists(name) for name in names)
    article.cover_image.delete()
    assert not any(default_storage.exists(name) for name in names)
