"""Where uploads are kept: the media storage and MEDIA_URL that the environment asks for
(config.settings reads them once)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def media_storage(environ: Mapping[str, str]) -> tuple[dict, str]:
    """The media storage (STORAGES["default"]) and MEDIA_URL the environment asks for.

    Files on disk (MEDIA_ROOT) by default. Beyond one machine, with DJANGO_MEDIA_S3_BUCKET
    set: an S3-compatible bucket through django-storages (Amazon S3, MinIO, Ceph, Aliyun OSS,
    Tencent COS...; DJANGO_MEDIA_S3_ENDPOINT_URL for any but Amazon's). The credentials are
    boto3's own environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), read by
    boto3, never copied here.

    Media is public and portal pages are cached: plain addresses, no signed ones that would
    expire inside a cached page. Objects get no ACL of their own (the bucket's policy makes
    them readable, as most services now require); uploads are never overwritten (names are
    random and renditions are made once), so browsers and a CDN may keep them a year.

    The public address is built here once, not by boto3 for each file: the same base is
    MEDIA_URL (the rich-text filter's and the CSP's media origin), and a page of 20 cards,
    four addresses each, costs 80 string joins rather than 80 presigning calls (85 µs each).
    """
    bucket = environ.get("DJANGO_MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}, "media/"
    endpoint = environ.get("DJANGO_MEDIA_S3_ENDPOINT_URL", "").strip().rstrip("/")
    region = environ.get("DJANGO_MEDIA_S3_REGION", "").strip()
    prefix = environ.get("DJANGO_MEDIA_S3_PREFIX", "").strip().strip("/")
    # "virtual" (bucket.host) for services that refuse path-style requests (Aliyun OSS,
    # Tencent COS); botocore's own choice otherwise (path-style with an endpoint).
    style = environ.get("DJANGO_MEDIA_S3_ADDRESSING_STYLE", "").strip().lower()
    if style not in {"", "auto", "path", "virtual"}:
        raise ImproperlyConfigured(
            f"DJANGO_MEDIA_S3_ADDRESSING_STYLE must be auto, path or virtual, not {style!r}."
        )
    # Readers' address of the bucket: a CDN or the bucket's own domain, else the endpoint's.
    public = environ.get("DJANGO_MEDIA_S3_CUSTOM_DOMAIN", "").strip().rstrip("/")
    if public and "//" not in public:
        public = f"https://{public}"
    elif not public and endpoint:
        parts = urlsplit(endpoint)
        public = (
            f"{parts.scheme}://{bucket}.{parts.netloc}{parts.path}"
            if style == "virtual"
            else f"{endpoint}/{bucket}"
        )
    elif not public:
        host = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
        public = f"https://{host}/{bucket}" if style == "path" else f"https://{bucket}.{host}"
    scheme, domain = public.split("://", 1)
    if scheme not in {"http", "https"} or not domain:
        raise ImproperlyConfigured(f"The media address {public!r} is not an http(s) address.")
    from botocore.config import Config  # installed with django-storages[s3]

    options = {
        "bucket_name": bucket,
        "location": prefix,
        "custom_domain": domain,
        "url_protocol": f"{scheme}:",
        "querystring_auth": False,
        "default_acl": None,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000"},
        # An unreachable bucket fails an upload or /readyz in seconds, as the database does,
        # not after botocore's default minute for each of its attempts.
        "client_config": Config(
            connect_timeout=5,
            read_timeout=30,
            retries={"mode": "standard", "max_attempts": 3},
            s3={"addressing_style": style or "auto"},
        ),
    }
    if endpoint:
        options["endpoint_url"] = endpoint
    if region:
        options["region_name"] = region
    media_url = f"{public}/{prefix}/" if prefix else f"{public}/"
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, media_url
