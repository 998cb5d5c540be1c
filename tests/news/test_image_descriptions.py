"""Image descriptions and cover sizes (cooperation.described_images): a library image is described in each
language and the picker inserts the description of the body's own language; a cover or
library image's description must say something; a cover must not show blurred on a phone."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation
from django.utils.translation import override

from cooperation.described_images import check_description
from news import image_picker
from news.models import Article, Image
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data
from tests.news.images import jpeg, jpeg_with_gps_and_rotation, upload
from tests.news.test_images import post_cover

PLACEHOLDER = (
    "“x” tells a reader who cannot see the image nothing. Write what the image shows in a "
    "few words, such as “Students at work in the pharmacy laboratory”."
)


def library_image(zh: str = "校门", en: str | None = "The campus gate") -> Image:
    return Image.objects.create(file=jpeg(40, 30), alt_text_zh_hans=zh, alt_text_en=en)


def picker_page(client, **query) -> str:
    response = client.get(
        reverse("admin:news_image_picker"), query, headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    return response.text


def inserted(page: str) -> dict[int, str]:
    """Each Insert button's image id and the description it hands to the editor."""
    buttons = re.findall(r'<button[^>]*class="button image-picker-choose"[^>]*>', page)
    return {
        int(re.search(r'data-id="(\d+)"', button)[1]): html.unescape(
            re.search(r'data-alt="([^"]*)"', button)[1]
        )
        for button in buttons
    }


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (a ValidationError's message is worded when read)."""
    translation.activate("en")
    yield
    translation.deactivate()


# --- the rule for a description ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["x", " x ", "图", "。", "--", "xxx", "Image", "图片", "照片", "封面", "n/a", "无"],
)
def test_a_description_that_says_nothing_is_refused(text):
    with override("en"), pytest.raises(ValidationError) as refused:
        check_description(text)
    assert refused.value.code == "placeholder_description"
    assert "Write what the image shows in a few words" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("text", "file_name"),
    [
        ("campus-gate", "campus-gate.jpg"),
        ("Campus-Gate.JPG", "campus-gate.jpg"),
        ("IMG_2041.jpg", ""),
        ("DSC01234", ""),
        ("mmexport1683880000000", ""),
        ("微信图片_20230512101010", ""),
    ],
)
def test_a_file_s_name_given_as_its_description_is_refused(text, file_name):
    with override("en"), pytest.raises(ValidationError) as refused:
        check_description(text, file_name=file_name)
    assert refused.value.code == "file_name_description"
    assert "is a file’s name" in refused.value.messages[0]


@pytest.mark.parametrize(
    "text", ["校园", "校门", "Logo", "实验室一角", "The campus gate", "IMG building at night"]
)
def test_a_short_real_description_is_kept(text):
    check_description(text, file_name="photo.jpg")


# --- a description per language ------------------------------------------------------------


@pytest.mark.django_db
def test_a_body_gets_the_image_s_description_in_its_own_language_or_the_chinese_one():
    described = library_image()
    assert described.description_in("zh-hans") == ("校门", "zh-hans")
    assert described.description_in("en") == ("The campus gate", "en")
    for missing in ("", None):
        untranslated = library_image(zh="实验楼", en=missing)
        # As every translated field of the portal: the Chinese text, which every image has.
        assert untranslated.description_in("en") == ("实验楼", "zh-hans")
    with override("en"):
        assert str(described) == "The campus gate"
        assert str(untranslated) == "实验楼"
    with override("zh-hans"):
        assert str(described) == "校门"


@pytest.mark.django_db
def test_a_library_image_needs_its_chinese_description_not_its_english_one(admin_client):
    picker = reverse("admin:news_image_picker")
    response = admin_client.post(
        picker, {"file": jpeg(), "alt_text_en": "The campus gate"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"alt_text_zh_hans": ["This field is required."]}
    response = admin_client.post(picker, {"file": jpeg(), "alt_text_zh_hans": "校门"})
    assert response.status_code == 302
    assert Image.objects.get().alt_text_en in ("", None)


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_the_one_description_into_both_languages_and_back():
    before, after = (
        [("news", "0007_admin_search_index")],
        [("news", "0008_image_description_per_language")],
    )
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(before)
        executor.loader.build_graph()
        old = executor.loader.project_state(before).apps.get_model("news", "Image")
        old.objects.create(file="library/a_40x30.jpg", alt_text="校门 The campus gate")

        executor.migrate(after)
        executor.loader.build_graph()
        new = executor.loader.project_state(after).apps.get_model("news", "Image")
        image = new.objects.get()
        assert (image.alt_text_zh_hans, image.alt_text_en) == (
            "校门 The campus gate",
            "校门 The campus gate",
        )

        # Back: the one description is the Chinese one, as edited since.
        new.objects.update(alt_text_zh_hans="校门", alt_text_en="The campus gate")
        executor.migrate(before)
        executor.loader.build_graph()
        assert old.objects.get().alt_text == "校门"
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


# --- the picker inserts the body's own -----------------------------------------------------


@pytest.mark.django_db
def test_each_body_s_editor_opens_the_picker_for_its_own_language(admin_client):
    """Each language's editor (cooperation.editor.rich_text_widget)."""
    page = admin_client.get(admin_url(Article, "add")).text
    pickers = {}
    for textarea in re.findall(r"<textarea[^>]*data-django-prose-editor-configurable[^>]*>", page):
        name = re.search(r'name="([^"]+)"', textarea)[1]
        config = re.search(r'data-django-prose-editor-configurable="([^"]+)"', textarea)[1]
        pickers[name] = json.loads(html.unescape(config))["extensions"]["Figure"]["pickerUrl"]
    picker = reverse("admin:news_image_picker")
    assert pickers["body_zh_hans"] == f"{picker}?language=zh-hans"
    assert pickers["body_en"] == f"{picker}?language=en"
    assert all(url.endswith(("?language=zh-hans", "?language=en")) for url in pickers.values())


@pytest.mark.django_db
def test_the_picker_inserts_the_description_in_the_body_s_language(admin_client):
    gate = library_image()
    lab = library_image(zh="实验楼", en="")

    english = picker_page(admin_client, language="en", CKEditorFuncNum="-1")
    assert inserted(english) == {gate.pk: "The campus gate", lab.pk: "实验楼"}
    # The Chinese text stands in, said in its language, and the editor is told to translate it.
    assert f'id="image-{lab.pk}-description" lang="zh-hans"' in english
    assert f'id="image-{gate.pk}-description" lang="en"' in english
    assert english.count("No English description yet") == 1

    chinese = picker_page(admin_client, language="zh-hans", CKEditorFuncNum="-1")
    assert inserted(chinese) == {gate.pk: "校门", lab.pk: "实验楼"}
    assert "description yet" not in chinese
    for query in ({}, {"language": "fr"}, {"language": '"><script>'}):
        page = picker_page(admin_client, CKEditorFuncNum="-1", **query)
        assert inserted(page) == {gate.pk: "校门", lab.pk: "实验楼"}
        assert '"><script>' not in page


@pytest.mark.django_db
def test_the_picker_keeps_the_body_s_language_across_pages_and_uploads(admin_client, monkeypatch):
    monkeypatch.setattr(image_picker, "PICKER_PAGE_SIZE", 1)
    library_image()
    library_image(zh="实验楼", en="The laboratory building")
    page = picker_page(admin_client, language="en", CKEditorFuncNum="-4")
    assert 'href="?language=en&amp;CKEditorFuncNum=-4&amp;p=2"' in page

    picker = reverse("admin:news_image_picker") + "?language=en&CKEditorFuncNum=-4"
    response = admin_client.post(
        picker, {"file": jpeg(), "alt_text_zh_hans": "图书馆", "alt_text_en": "The library"}
    )
    assert response.url == picker


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"alt_text_zh_hans": "x"}, "alt_text_zh_hans", PLACEHOLDER),
        ({"alt_text_en": "IMG_2041.jpg"}, "alt_text_en", "“IMG_2041.jpg” is a file’s name"),
        ({"alt_text_zh_hans": "campus-gate"}, "alt_text_zh_hans", "is a file’s name"),
    ],
)
def test_the_picker_refuses_an_upload_described_by_a_placeholder(
    admin_client, changes, column, message
):
    data = {"file": jpeg(name="campus-gate.jpg"), "alt_text_zh_hans": "校门", **changes}
    response = admin_client.post(
        reverse("admin:news_image_picker"), data, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    (error,) = response.context["form"].errors[column]
    assert message in error
    assert html.escape(error) in response.text
    assert not Image.objects.exists()


# --- the image library in the back office --------------------------------------------------


@pytest.mark.django_db
def test_the_image_library_lists_searches_and_filters_both_descriptions(admin_client):
    gate = library_image()
    lab = library_image(zh="实验楼", en="")
    changelist = admin_url(Image, "changelist")

    def listed(**query) -> set[int]:
        response = admin_client.get(changelist, query)
        assert response.status_code == 200
        return {image.pk for image in response.context["cl"].result_list}

    assert listed() == {gate.pk, lab.pk}
    assert listed(q="campus gate") == {gate.pk}
    assert listed(q="实验") == {lab.pk}
    assert listed(untranslated="en") == {lab.pk}  # "Not yet in English": what to translate


@pytest.mark.django_db
def test_the_image_library_form_refuses_a_placeholder_description(admin_client):
    image = library_image()
    url = admin_url(Image, "change", image.pk)
    response = admin_client.post(
        url, form_data(admin_client, url, alt_text_zh_hans="x"), headers={"accept-language": "en"}
    )
    assert errors_shown(response) == {"alt_text_zh_hans": [PLACEHOLDER]}
    image.refresh_from_db()
    assert image.alt_text_zh_hans == "校门"

    response = admin_client.post(url, form_data(admin_client, url, alt_text_en="The east gate"))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.alt_text_en == "The east gate"


# --- the cover image ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cover", "size"),
    [
        (jpeg(1, 1), "1 × 1"),
        (jpeg(399, 300), "399 × 300"),
        (jpeg(1600, 150), "1600 × 150"),
        # Judged upright, as it is shown: a 450×300 shot turned a quarter is 300 wide.
        (upload(jpeg_with_gps_and_rotation(450, 300)), "300 × 450"),
    ],
)
def test_a_cover_image_too_small_for_a_phone_is_refused_on_the_form(admin_client, cover, size):
    response = post_cover(admin_client, cover)
    assert errors_shown(response) == {
        "cover_image": [
            f"The image is {size} pixels; a cover image must be at least 400 × 200 pixels, "
            "or it shows blurred on a phone. Choose a larger picture."
        ]
    }
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_cover_image_of_the_minimum_size_with_a_short_real_description_is_kept(admin_client):
    response = post_cover(admin_client, jpeg(400, 200), cover_image_alt_zh_hans="校园")
    assert response.status_code == 302
    assert Article.objects.get().cover_image.name.endswith("_400x200.jpg")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"cover_image_alt_zh_hans": "x"}, "cover_image_alt_zh_hans", PLACEHOLDER),
        (
            {"cover_image_alt_en": "IMG_0001"},
            "cover_image_alt_en",
            "“IMG_0001” is a file’s name, which tells a reader who cannot see the image "
            "nothing. Write what the image shows in a few words, such as “Students at work "
            "in the pharmacy laboratory”.",
        ),
        (
            {"cover_image_alt_zh_hans": "", "cover_image_alt_en": "The campus gate"},
            "cover_image_alt_zh_hans",
            "Describe the cover image in Chinese as well, for readers of the Chinese page who "
            "cannot see it.",
        ),
    ],
)
def test_a_placeholder_cover_description_is_refused_on_the_form(
    admin_client, changes, column, message
):
    response = post_cover(admin_client, jpeg(800, 450, name="IMG_0001.jpg"), **changes)
    assert errors_shown(response) == {column: [message]}
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_description_stored_before_the_rule_stays_until_it_is_edited_or_its_image_changes():
    f.ArticleFactory(cover_image=jpeg(800, 450), cover_image_alt_en="The campus gate")
    f.ArticleFactory(cover_image=jpeg(800, 450), cover_image_alt_zh_hans="x")
    for article in Article.objects.all():
        article.full_clean()  # an import of its other columns, or an edit of them, goes through

    article = Article.objects.get(cover_image_alt_zh_hans="x")

    article.cover_image_alt_zh_hans = "y"
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert set(refused.value.error_dict) == {"cover_image_alt_zh_hans"}

    article = Article.objects.get(cover_image_alt_zh_hans="x")
    article.cover_image = jpeg(800, 450)  # a new picture needs its own description
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert set(refused.value.error_dict) == {"cover_image_alt_zh_hans"}
