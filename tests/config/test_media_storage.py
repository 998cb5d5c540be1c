"""Media in an S3-compatible bucket (config.media_storage.media_storage, DJANGO_MEDIA_S3_*).

The bucket is moto's S3 server, run in this process and spoken to over real HTTP on
127.0.0.1, as boto3 speaks to MinIO or Aliyun OSS: every upload, rendition, deletion and
readiness check below is an HTTP request to it, and what it holds is read back with boto3.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.request import urlopen

import boto3
import botocore
import pytest
from botocore.config import Config
from django.core.files.storage import default_storage
from django.urls import reverse
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from config.media_storage import media_storage
from cooperation.richtext import sanitize_html
from news.models import Article, Image
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import form_data
from tests.news.images import jpeg
from tests.news.test_images import post_cover

ROOT = Path(__file__).resolve().parents[2]
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing-key", "AWS_SECRET_ACCESS_KEY": "testing-secret"}
# boto3 reads nothing of this machine's: no profile, no config file, no instance metadata.
NO_REAL_AWS = {
    "AWS_CONFIG_FILE": "/nonexistent/aws-config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_DEFAULT_REGION": "us-east-1",
}
TOKEN = "monitoring-token-0123456789"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free port of 127.0.0.1, for this module's tests."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )


def public_read_policy(bucket: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


class Bucket:
    def __init__(self, endpoint: str, name: str, prefix: str) -> None:
        self.endpoint, self.name, self.prefix = endpoint, name, prefix
        self.client = s3_client(endpoint)

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def key(self, name: str) -> str:
        return f"{self.prefix}/{name}"

    def url(self, name: str) -> str:
        """The public address of a stored file: path-style on the endpoint."""
        return f"{self.endpoint}/{self.name}/{self.key(name)}"


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch, tmp_path):
    """A new, empty bucket, made the media storage the way the settings module makes it from
    the environment (STORAGES through the `settings` fixture: Django's setting_changed resets
    default_storage)."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {**CREDENTIALS, **NO_REAL_AWS}.items():
        monkeypatch.setenv(name, value)
    name = f"media-{uuid.uuid4().hex[:12]}"
    client = s3_client(s3_endpoint)
    client.create_bucket(Bucket=name)
    # Readers may read every object, as the README asks of the bucket (objects get no ACL).
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))
    storage, media_url = media_storage(
        {
            "DJANGO_MEDIA_S3_BUCKET": name,
            "DJANGO_MEDIA_S3_ENDPOINT_URL": s3_endpoint,
            "DJANGO_MEDIA_S3_PREFIX": "coop",
        }
    )
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_URL = media_url
    settings.MEDIA_ROOT = tmp_path / "local-media"  # must stay empty
    assert default_storage.bucket_name == name  # the S3 storage now, not the cached one
    yield Bucket(s3_endpoint, name, "coop")
    assert not (tmp_path / "local-media").exists(), "a file was written to disk, not the bucket"


def fetch(url: str):
    """GET a public address without any credentials, as a reader's browser does."""
    assert url.startswith("http://127.0.0.1:"), url  # nothing here leaves this machine
    with urlopen(url, timeout=10) as response:  # noqa: S310 (our own moto server)
        return response.status, response.headers, response.read()


# --- The settings ---------------------------------------------------------------------


def test_without_a_bucket_media_stays_on_disk():
    assert media_storage({}) == (
        {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "media/",
    )
    # Set to nothing (an empty line in an env file) is unset too.
    assert media_storage({"DJANGO_MEDIA_S3_BUCKET": " "})[1] == "media/"


def test_the_bucket_variables_make_the_s3_storage():
    storage, media_url = media_storage(
        {
            "DJANGO_MEDIA_S3_BUCKET": "coop-media",
            "DJANGO_MEDIA_S3_ENDPOINT_URL": "http://minio.campus:9000/",
            "DJANGO_MEDIA_S3_REGION": "cn-north-1",
            "DJANGO_MEDIA_S3_PREFIX": "/portal/",
            "AWS_SECRET_ACCESS_KEY": "never-copied",
        }
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = dict(storage["OPTIONS"])
    config = options.pop("client_config")
    assert options == {
        "bucket_name": "coop-media",
        "endpoint_url": "http://minio.campus:9000",
        "region_name": "cn-north-1",
        "location": "portal",
        "custom_domain": "minio.campus:9000/coop-media",
        "url_protocol": "http:",
        "querystring_auth": False,  # plain addresses: pages with them are cached
        "default_acl": None,  # the bucket's policy makes media public
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000"},
    }
    assert "never-copied" not in repr(storage)  # boto3 reads the credentials itself
    assert (config.connect_timeout, config.s3) == (5, {"addressing_style": "auto"})
    assert media_url == "http://minio.campus:9000/coop-media/portal/"


UNSIGNED_BOTO3_CASES = {
    "minio, path-style": {
        "DJANGO_MEDIA_S3_BUCKET": "coop",
        "DJANGO_MEDIA_S3_ENDPOINT_URL": "http://minio.campus:9000",
    },
    "aliyun oss, virtual-hosted": {
        "DJANGO_MEDIA_S3_BUCKET": "coop",
        "DJANGO_MEDIA_S3_ENDPOINT_URL": "https://oss-cn-hangzhou.aliyuncs.com",
        "DJANGO_MEDIA_S3_REGION": "oss-cn-hangzhou",
        "DJANGO_MEDIA_S3_ADDRESSING_STYLE": "virtual",
        "DJANGO_MEDIA_S3_PREFIX": "media",
    },
    "tencent cos, virtual-hosted": {
        "DJANGO_MEDIA_S3_BUCKET": "coop-1250000000",
        "DJANGO_MEDIA_S3_ENDPOINT_URL": "https://cos.ap-guangzhou.myqcloud.com",
        "DJANGO_MEDIA_S3_REGION": "ap-guangzhou",
        "DJANGO_MEDIA_S3_ADDRESSING_STYLE": "virtual",
    },
    "amazon s3, path-style": {
        "DJANGO_MEDIA_S3_BUCKET": "coop",
        "DJANGO_MEDIA_S3_REGION": "eu-central-1",
        "DJANGO_MEDIA_S3_ADDRESSING_STYLE": "path",
    },
}


@pytest.mark.parametrize("case", list(UNSIGNED_BOTO3_CASES))
def test_the_public_addresses_are_the_ones_boto3_would_give(case, monkeypatch):
    """Addresses are joined from MEDIA_URL, not asked of boto3 file by file: they must be
    the same as boto3's own unsigned ones for the same object (no request is sent)."""
    for name, value in {**CREDENTIALS, **NO_REAL_AWS}.items():
        monkeypatch.setenv(name, value)
    env = UNSIGNED_BOTO3_CASES[case]
    storage, media_url = media_storage(env)
    s3 = S3Storage(**storage["OPTIONS"])
    name = "news/0123abcd_1600x900.w800.webp"
    key = f"{env['DJANGO_MEDIA_S3_PREFIX']}/{name}" if "DJANGO_MEDIA_S3_PREFIX" in env else name
    boto3_own = boto3.client(
        "s3",
        endpoint_url=env.get("DJANGO_MEDIA_S3_ENDPOINT_URL"),
        region_name=env.get("DJANGO_MEDIA_S3_REGION", "us-east-1"),
        config=Config(
            signature_version=botocore.UNSIGNED,
            s3={"addressing_style": env.get("DJANGO_MEDIA_S3_ADDRESSING_STYLE", "auto")},
        ),
    ).generate_presigned_url(
        "get_object", Params={"Bucket": env["DJANGO_MEDIA_S3_BUCKET"], "Key": key}
    )
    assert s3.url(name) == media_url + name == boto3_own


def test_a_cdn_domain_is_the_public_address():
    storage, media_url = media_storage(
        {
            "DJANGO_MEDIA_S3_BUCKET": "coop",
            "DJANGO_MEDIA_S3_ENDPOINT_URL": "https://oss-cn-hangzhou.aliyuncs.com",
            "DJANGO_MEDIA_S3_CUSTOM_DOMAIN": "media.coop.example.cn",
            "DJANGO_MEDIA_S3_PREFIX": "uploads",
        }
    )
    assert media_url == "https://media.coop.example.cn/uploads/"
    assert storage["OPTIONS"]["custom_domain"] == "media.coop.example.cn"
    assert storage["OPTIONS"]["url_protocol"] == "https:"
    assert S3Storage(**storage["OPTIONS"]).url("news/a.jpg") == f"{media_url}news/a.jpg"


def test_on_amazon_s3_the_address_is_the_buckets_regional_domain():
    _storage, media_url = media_storage(
        {"DJANGO_MEDIA_S3_BUCKET": "coop", "DJANGO_MEDIA_S3_REGION": "eu-central-1"}
    )
    assert media_url == "https://coop.s3.eu-central-1.amazonaws.com/"


def test_an_unknown_addressing_style_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="DJANGO_MEDIA_S3_ADDRESSING_STYLE"):
        media_storage({"DJANGO_MEDIA_S3_BUCKET": "coop", "DJANGO_MEDIA_S3_ADDRESSING_STYLE": "x"})


SETTINGS_PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
import config.urls
print(json.dumps({
    "backend": settings.STORAGES["default"]["BACKEND"],
    "bucket": settings.STORAGES["default"].get("OPTIONS", {}).get("bucket_name"),
    "url": default_storage.url("news/a.jpg"),
    "media_url": settings.MEDIA_URL,
    "img_src": [str(source) for source in settings.SECURE_CSP["img-src"]],
    "media_routes": [str(p.pattern) for p in config.urls.urlpatterns if "media" in str(p.pattern)],
}))
"""


def settings_in_a_new_process(**env: str) -> dict:
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "AWS_"))
    }
    result = subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        cwd=ROOT,
        env={**base, **NO_REAL_AWS, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_settings_module_reads_the_bucket_from_the_environment():
    on_disk = settings_in_a_new_process(DJANGO_DEBUG="1")
    assert on_disk["backend"] == "django.core.files.storage.FileSystemStorage"
    assert on_disk["url"] == "/media/news/a.jpg"
    assert on_disk["img_src"] == ["'self'", "data:"]
    assert on_disk["media_routes"] == ["^media/(?P<path>.*)$"]  # served while developing

    in_bucket = settings_in_a_new_process(
        DJANGO_DEBUG="1",
        DJANGO_MEDIA_S3_BUCKET="coop-media",
        DJANGO_MEDIA_S3_ENDPOINT_URL="https://oss-cn-beijing.aliyuncs.com",
        DJANGO_MEDIA_S3_ADDRESSING_STYLE="virtual",
        DJANGO_MEDIA_S3_CUSTOM_DOMAIN="img.coop.example.cn",
        DJANGO_MEDIA_S3_PREFIX="media",
        **CREDENTIALS,
    )
    assert in_bucket["backend"] == "storages.backends.s3.S3Storage"
    assert in_bucket["bucket"] == "coop-media"
    assert in_bucket["url"] == "https://img.coop.example.cn/media/news/a.jpg"
    assert in_bucket["media_url"] == "https://img.coop.example.cn/media/"
    # Pages may show the bucket's images (the CSP), and no app server route claims /media/.
    assert in_bucket["img_src"] == ["'self'", "data:", "https://img.coop.example.cn"]
    assert in_bucket["media_routes"] == []


# --- Uploads, pages, deletion and readiness against the bucket --------------------------


def stored_names(image) -> list[str]:
    return sorted([image.name, *(rendition.name for rendition in image.renditions)])


@pytest.mark.django_db
def test_an_articles_cover_uploaded_in_the_admin_is_stored_in_the_bucket(admin_client, bucket):
    assert bucket.keys() == []
    response = post_cover(admin_client, jpeg(2000, 1000, name="IMG_0001.jpg"))
    assert response.status_code == 302, response.content[:2000]
    cover = Article.objects.get().cover_image
    assert re.fullmatch(r"news/[0-9a-f]{32}_2000x1000\.jpg", cover.name)
    # The original and its three renditions, under the prefix, and nothing else.
    assert bucket.keys() == [bucket.key(name) for name in stored_names(cover)]
    assert len(bucket.keys()) == 4
    head = bucket.client.head_object(Bucket=bucket.name, Key=bucket.key(cover.name))
    assert head["CacheControl"] == "public, max-age=31536000"
    assert head["ContentType"] == "image/jpeg"

    # Readers get the bucket's addresses, and the bucket serves them without credentials.
    assert cover.url == bucket.url(cover.name)
    for rendition in cover.renditions:
        status, headers, body = fetch(cover.rendition_url(rendition))
        assert status == 200
        assert headers["Cache-Control"] == "public, max-age=31536000"
        assert body[:4] == b"RIFF" and body[8:12] == b"WEBP"


@pytest.mark.django_db
def test_the_article_page_and_the_api_show_the_buckets_addresses(client, bucket):
    article = f.ArticleFactory(
        cover_image=jpeg(1200, 600), cover_image_alt_zh_hans="颁奖仪式", slug="with-cover"
    )
    cover = article.cover_image
    page = client.get(f"/zh-hans/news/{article.slug}/").text
    figure = re.search(r'<figure class="cover"><img [^>]+>', page)[0]
    src = re.search(r'src="([^"]+)"', figure)[1]
    assert src == bucket.url(cover.renditions[1].name)  # the 800-wide rendition
    srcset = re.search(r'srcset="([^"]+)"', figure)[1]
    assert srcset == ", ".join(
        [f"{bucket.url(r.name)} {r.width}w" for r in cover.renditions]
        + [f"{bucket.url(cover.name)} 1200w"]
    )
    assert f'<meta property="og:image" content="{bucket.url(cover.name)}">' in page
    assert "/media/" not in page
    assert fetch(src)[0] == 200

    api = client.get(reverse("api:article-detail", args=["with-cover"])).json()
    assert api["cover_image"] == bucket.url(cover.name)
    assert fetch(api["cover_image"])[2][:2] == b"\xff\xd8"  # the JPEG itself


@pytest.mark.django_db
def test_a_projects_cover_is_stored_in_the_bucket_and_shown_from_it(client, bucket):
    project = f.CooperationProjectFactory(
        cover_image=jpeg(1200, 600), cover_image_alt_zh_hans="实验室", cover_image_alt_en="Lab"
    )
    cover = project.cover_image
    assert bucket.keys() == [bucket.key(name) for name in stored_names(cover)]
    page = client.get(f"/en/projects/{project.slug}/").text
    figure = re.search(r'<figure class="cover"><img [^>]+>', page)[0]
    assert bucket.url(cover.renditions[1].name) in figure
    assert f'content="{bucket.url(cover.name)}"' in page


@pytest.mark.django_db
def test_deleting_an_image_deletes_its_renditions_from_the_bucket(bucket):
    article = f.ArticleFactory(cover_image=jpeg(900, 300), cover_image_alt_zh_hans="封面")
    kept = f.ArticleFactory(cover_image=jpeg(500, 250), cover_image_alt_zh_hans="另一张")
    assert len(bucket.keys()) == 3 + 2
    article.cover_image.delete()
    assert bucket.keys() == [bucket.key(name) for name in stored_names(kept.cover_image)]
    assert not Article.objects.get(pk=article.pk).cover_image


@pytest.mark.django_db
def test_replacing_a_cover_keeps_the_earlier_files_as_on_disk(admin_client, bucket):
    """A replaced cover's files stay (as in MEDIA_ROOT): an earlier version of the article,
    restored from its history, still shows its image."""
    assert post_cover(admin_client, jpeg(800, 400)).status_code == 302
    article = Article.objects.get()
    first = stored_names(article.cover_image)
    url = admin_url(Article, "change", article.pk)
    data = form_data(admin_client, url, cover_image_alt_zh_hans="新的实验室照片")
    response = admin_client.post(url, {**data, "cover_image": jpeg(1000, 500)})
    assert response.status_code == 302
    second = stored_names(Article.objects.get().cover_image)
    assert set(first).isdisjoint(second)
    assert bucket.keys() == sorted(bucket.key(name) for name in [*first, *second])


@pytest.mark.django_db
def test_a_library_image_goes_into_a_body_from_the_bucket(admin_client, bucket):
    """The picker inserts the bucket's address of the image (here an http one, as a MinIO on
    a campus network); the body keeps it when saved, and keeps this site's /media/
    addresses that bodies written before the move hold."""
    picker = reverse("admin:news_image_picker") + "?language=en&CKEditorFuncNum=1"
    response = admin_client.post(
        picker, {"file": jpeg(2000, 1000), "alt_text_zh_hans": "实验室", "alt_text_en": "Lab"}
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert bucket.keys() == [bucket.key(name) for name in stored_names(image.file)]
    assert image.body_url == bucket.url(image.file.renditions[-1].name)
    assert f'data-url="{image.body_url}"' in admin_client.get(picker).text

    body = (
        f'<figure><img src="{image.body_url}" alt="Lab"></figure><p><img src="/media/old.jpg"></p>'
    )
    assert sanitize_html(body) == (
        f'<figure><img src="{image.body_url}" alt="Lab"></figure>'
        '<p><img src="/media/old.jpg" alt=""></p>'
    )
    article = f.ArticleFactory(body_en=body, slug="with-figure")
    assert image.body_url in Article.objects.get(pk=article.pk).body_en
    # Another http host is still refused, bucket or not.
    assert "<img" not in sanitize_html('<p><img src="http://tracker.example/x.gif"></p>')


@pytest.mark.django_db
def test_readiness_writes_and_deletes_a_file_in_the_bucket(client, bucket, settings):
    settings.HEALTH_CHECK_TOKEN = TOKEN
    response = client.get(reverse("health-ready"), HTTP_X_HEALTH_TOKEN=TOKEN)
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "ok"
    assert bucket.keys() == []  # written, then deleted

    # A bucket that is not there (deleted, or a wrong name) makes the instance unready.
    bucket.client.delete_bucket(Bucket=bucket.name)
    response = client.get(reverse("health-ready"), HTTP_X_HEALTH_TOKEN=TOKEN)
    assert response.status_code == 503
    assert "NoSuchBucket" in response.json()["checks"]["storage"]
    bucket.client.create_bucket(Bucket=bucket.name)  # for the fixture's own checks
