"""Security headers everywhere (admin included), no inline code without a nonce, Host checked."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from cooperation.models import CooperationProject
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.pages import url

ROOT = Path(__file__).resolve().parents[2]


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block: inline code without the page's nonce."""

    def __init__(self, nonce: str) -> None:
        super().__init__()
        self.nonce = nonce
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, _value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name == "style":
                self.problems.append(f"<{tag} style=…> attribute")
        if tag in {"script", "style"} and "src" not in attributes:
            # JSON data blocks are not executed, so CSP does not apply to them.
            if attributes.get("type") in {"application/ld+json", "application/json"}:
                return
            if not self.nonce or attributes.get("nonce") != self.nonce:
                self.problems.append(f"inline <{tag}> without the nonce")
        if tag == "a" and (attributes.get("href") or "").lower().startswith("javascript:"):
            self.problems.append("javascript: link")


def csp_nonce(response) -> str:
    policy = response["Content-Security-Policy"]
    for directive in policy.split(";"):
        parts = directive.split()
        if parts and parts[0] == "script-src":
            nonces = [p for p in parts if p.startswith("'nonce-")]
            return nonces[0][len("'nonce-") : -1] if nonces else ""
    return ""


def assert_strict_csp_and_headers(response) -> None:
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.fixture
def demo(db):
    project = f.CooperationProjectFactory(
        partners=[f.InstitutionFactory()], fields=[f.ResearchFieldFactory()]
    )
    article = f.ArticleFactory()
    return {"project": project, "article": article}


def public_pages(demo) -> list[str]:
    project, article = demo["project"], demo["article"]
    pages = []
    for language in ("zh-hans", "en"):
        pages += [
            url("portal:home", language),
            url("cooperation:project-list", language),
            url("cooperation:project-detail", language, slug=project.slug),
            url("cooperation:country-list", language),
            url("cooperation:field-list", language),
            url("cooperation:researcher-list", language),
            url("cooperation:award-list", language),
            url("cooperation:exchange-list", language),
            url("cooperation:achievement-list", language),
            url("news:article-list", language),
            url("news:article-detail", language, slug=article.slug),
            url("portal:search", language) + "?q=cooperation",
        ]
    return [*pages, reverse("accounts:login"), reverse("accounts:password-reset")]


def admin_pages(demo) -> list[str]:
    return [
        reverse("admin:index"),
        admin_url(CooperationProject, "changelist"),
        admin_url(CooperationProject, "add"),
        admin_url(CooperationProject, "change", demo["project"].pk),
        reverse("admin:password_change"),
    ]


def check_page(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, path
    assert_strict_csp_and_headers(response)
    # Django puts a nonce in the policy only when a template used one.
    finder = InlineCodeFinder(csp_nonce(response))
    finder.feed(response.content.decode())
    assert not finder.problems, (path, sorted(set(finder.problems)))


@pytest.mark.django_db
def test_public_pages_carry_a_strict_policy_and_no_inline_code(client, demo):
    for path in public_pages(demo):
        check_page(client, path)


@pytest.mark.django_db
def test_admin_pages_carry_a_strict_policy_and_no_inline_code(admin_client, demo):
    for path in admin_pages(demo):
        check_page(admin_client, path)


@pytest.mark.django_db
def test_the_admin_login_page_is_strict_too(client):
    check_page(client, reverse("admin:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["evil.example.com", "localhost.evil.com", "127.0.0.1:80@evil"])
def test_an_unknown_host_header_is_refused_with_400(client, host):
    response = client.get(url("portal:home", "en"), HTTP_HOST=host)
    assert response.status_code == 400


# Production settings in a fresh process: HSTS, HTTPS redirect, secure cookies, Host checked.
PRODUCTION_CLIENT = """
import django
from django.conf import settings
from django.test import Client
django.setup()
client = Client()
secure = client.get("/healthz", HTTP_HOST="coop.example.org", secure=True)
plain = client.get("/healthz", HTTP_HOST="coop.example.org")
bad_host = client.get("/healthz", HTTP_HOST="evil.example.com", secure=True)
print(secure.status_code, secure.get("Strict-Transport-Security"))
print(plain.status_code, plain.get("Location"))
print(bad_host.status_code)
print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY)
"""


def test_production_sends_hsts_redirects_to_https_and_checks_the_host():
    env = {
        **{
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
        },
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "coop.example.org",
        "DATABASE_URL": "sqlite:////tmp/coopbase-security-check.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_CLIENT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 4, result.stderr
    assert lines[0] == "200 max-age=31536000; includeSubDomains; preload"
    assert lines[1] == "301 https://coop.example.org/healthz"
    assert lines[2] == "400"
    assert lines[3] == "True True True"


@pytest.mark.django_db
def test_a_request_body_over_the_limit_is_refused_before_it_is_read(admin_client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1024 * 1024
    add_article = admin_url(CooperationProject, "add")
    body = b"x" * (settings.MAX_REQUEST_BODY_BYTES + 1)
    response = admin_client.generic(
        "POST", add_article, body, content_type="application/octet-stream"
    )
    assert response.status_code == 413
    assert "1 MB" in response.text
    assert not CooperationProject.objects.exists()
    # At the limit the request goes through to the view (which refuses the bad form itself).
    ok = admin_client.generic(
        "POST", add_article, body[:-1], content_type="application/octet-stream"
    )
    assert ok.status_code != 413


def test_a_malformed_content_length_is_not_an_error(client):
    response = client.get(reverse("health-live"), CONTENT_LENGTH="lots")
    assert response.status_code == 200
