"""Redis unreachable: the cache fails open, pages and staff login still work."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.urls import reverse

from accounts import roles
from config.cache import FailOpenRedisCache
from tests import factories as f
from tests.pages import url

ROOT = Path(__file__).resolve().parents[2]
CLOSED_PORT = "redis://127.0.0.1:6399/0"
OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"coopbase-test-{uuid.uuid4().hex}",
            "OPTIONS": OPTIONS,
        }
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(CLOSED_PORT)
    settings.PORTAL_PAGE_CACHE = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_a_redis_url_selects_the_fail_open_cache():
    env = {**os.environ, "DJANGO_DEBUG": "1", "REDIS_URL": CLOSED_PORT}
    code = "import django; from django.conf import settings; django.setup(); "
    code += "print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "config.cache.FailOpenRedisCache", result.stderr


def test_without_redis_the_local_cache_keeps_more_than_a_few_pages_of_cards():
    """Django's local-memory cache holds 300 entries by default, and culls a third when full:
    a few directory pages' cards (one entry each) filled it."""
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"} | {"DJANGO_DEBUG": "1"}
    code = "import django; django.setup(); from django.core.cache import cache; "
    code += "cache.set_many({f'card-{n}': 'x' for n in range(900)}); "
    code += "print(len(cache.get_many([f'card-{n}' for n in range(900)])))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "900", result.stderr


def test_every_cache_operation_fails_open(redis_down):
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert cache.get_or_set("k", "computed") == "computed"
    assert cache.add("k", 1) is False
    cache.set("k", 1)
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("a") is False
    assert cache.incr("n") == 1
    cache.delete("k")
    cache.delete_many(["a"])
    cache.clear()


def test_after_a_failure_the_cache_is_skipped_for_a_few_seconds(redis_down, monkeypatch):
    assert cache.get("k") is None
    attempts = []
    monkeypatch.setattr(
        "django.core.cache.backends.redis.RedisCache.get",
        lambda *args, **kwargs: attempts.append(args),
    )
    assert cache.get("k", "fallback") == "fallback"
    assert attempts == []


@pytest.mark.django_db
def test_portal_pages_answer_while_redis_is_down(client, redis_down):
    project = f.CooperationProjectFactory()
    article = f.ArticleFactory()
    pages = [
        url("portal:home", "en"),
        url("cooperation:project-list", "zh-hans"),
        url("cooperation:project-detail", "en", slug=project.slug),
        url("news:article-detail", "zh-hans", slug=article.slug),
        url("portal:search", "en") + "?q=cooperation",
    ]
    for path in pages:
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
@pytest.mark.parametrize("login_url", ["accounts:login", "admin:login"])
def test_staff_log_in_and_work_while_redis_is_down(client, redis_down, login_url):
    editor = f.UserFactory(username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    response = client.post(
        reverse(login_url), {"username": "editor", "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:cooperation_cooperationproject_changelist")).status_code == 200


@pytest.mark.django_db
def test_with_redis_up_the_cache_works(settings):
    # CI and the development machine run Redis on the default port (see .ci/run).
    settings.CACHES = redis_cache(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14")
    key = uuid.uuid4().hex
    cache.set(key, {"value": 1}, timeout=5)
    assert cache.get(key) == {"value": 1}
    cache.delete(key)
    assert cache.get(key) is None
    assert isinstance(caches["default"], FailOpenRedisCache)


def test_the_redis_client_is_built_once_per_connection_pool():
    # Building one per call (Django's default) cost half of a cached page's time.
    backend = FailOpenRedisCache("redis://127.0.0.1:6379/15", {})
    client = backend._cache.get_client()
    assert backend._cache.get_client() is client
    assert backend._cache.get_client(write=True) is client  # one server: one pool
