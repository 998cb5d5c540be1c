"""A project's cover image and an institution's logo show on their pages, and the cover
images of projects and articles are the pages' share images (og:image)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import override

from tests import factories as f
from tests.news.images import image_bytes

pytestmark = pytest.mark.django_db


def jpeg(width: int, height: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.jpg", image_bytes(width, height), content_type="image/jpeg")


def test_a_projects_cover_shows_on_its_page_first_and_as_its_share_image(client):
    project = f.CooperationProjectFactory(
        cover_image=jpeg(1200, 600),
        cover_image_alt_zh_hans="实验室",
        cover_image_alt_en="The laboratory",
    )
    page = client.get(f"/en/projects/{project.slug}/").text
    image = re.search(r'<figure class="cover"><img [^>]+>\s*</figure>', page)
    assert image is not None
    assert 'alt="The laboratory"' in image[0]
    assert 'fetchpriority="high"' in image[0]  # the first image: not lazy
    assert "loading=" not in image[0]
    assert project.cover_image.rendition_url(project.cover_image.renditions[1]) in image[0]
    share = f'<meta property="og:image" content="http://testserver{project.cover_image.url}">'
    assert share in page


def test_a_project_without_a_cover_has_no_image(client):
    project = f.CooperationProjectFactory()
    page = client.get(f"/en/projects/{project.slug}/").text
    assert '<figure class="cover">' not in page
    assert "og:image" not in page


def test_an_articles_cover_is_not_lazy_and_is_its_share_image(client):
    article = f.ArticleFactory(cover_image=jpeg(1200, 600), cover_image_alt_zh_hans="封面")
    page = client.get(f"/zh-hans/news/{article.slug}/").text
    image = re.search(r'<figure class="cover"><img [^>]+>\s*</figure>', page)
    assert 'fetchpriority="high"' in image[0]
    assert f'content="http://testserver{article.cover_image.url}"' in page


def test_an_institutions_logo_shows_beside_its_name(client):
    institution = f.InstitutionFactory(logo=jpeg(300, 300), name_en="Kyoto University")
    page = client.get(f"/en/institutions/{institution.slug}/").text
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S)[1]
    assert institution.logo.url in heading
    assert 'alt=""' in heading  # the name beside it says what it is
    assert heading.endswith("Kyoto University")


def test_a_projects_cover_has_the_articles_rules_of_size_and_description():
    """One rule for every cover (cooperation.described_images): a project's took a 1 × 1
    image described as "x"."""
    project = f.CooperationProjectFactory()
    project.cover_image = jpeg(1, 1)
    project.cover_image_alt_zh_hans = "x"
    with pytest.raises(ValidationError) as refused:
        project.clean()
    assert set(refused.value.message_dict) == {"cover_image", "cover_image_alt_zh_hans"}
    with override("en"):
        assert "at least 400 × 200 pixels" in refused.value.message_dict["cover_image"][0]

    project.cover_image = jpeg(1200, 600)
    project.cover_image_alt_zh_hans = "药学院实验室"
    project.clean()  # a real picture, described
