"""Liveness is cheap; readiness checks the database, storage and cache; its detail is not public."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "monitoring-token-0123456789"
CLOSED_REDIS = {
    "default": {
        "BACKEND": "config.cache.FailOpenRedisCache",
        "LOCATION": "redis://127.0.0.1:6399/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def test_liveness_answers_without_touching_the_database(client):
    # No django_db mark: any database access in the view would raise here.
    response = client.get(reverse("health-live"))
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_readiness_tells_the_public_only_ok(client):
    response = client.get(reverse("health-ready"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("is_staff", [True, False])
def test_readiness_detail_is_for_staff_only(client, is_staff):
    client.force_login(f.UserFactory(is_staff=is_staff))
    response = client.get(reverse("health-ready"))
    assert response.status_code == 200
    if is_staff:
        assert response.json() == {
            "status": "ok",
            "checks": {"database": "ok", "storage": "ok", "cache": "ok"},
        }
    else:
        assert response.content == b"ok"


@pytest.mark.django_db
def test_readiness_detail_for_monitoring_with_the_token(client, settings):
    settings.HEALTH_CHECK_TOKEN = TOKEN
    assert client.get(reverse("health-ready"), HTTP_X_HEALTH_TOKEN=TOKEN).json()["status"] == "ok"
    assert client.get(reverse("health-ready"), HTTP_X_HEALTH_TOKEN="guess").content == b"ok"
    settings.HEALTH_CHECK_TOKEN = ""  # no token configured: no header opens the detail
    assert client.get(reverse("health-ready"), HTTP_X_HEALTH_TOKEN="").content == b"ok"


@pytest.mark.django_db
def test_unwritable_storage_makes_the_instance_unready(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = blocker / "media"
    settings.HEALTH_CHECK_TOKEN = TOKEN
    public = client.get(reverse("health-ready"))
    assert (public.status_code, public.content) == (503, b"unavailable")
    detail = client.get(reverse("health-ready"), HTTP_X_HEALTH_TOKEN=TOKEN)
    assert detail.status_code == 503
    checks = detail.json()["checks"]
    assert checks["storage"] != "ok"
    assert checks["database"] == checks["cache"] == "ok"


@pytest.mark.django_db
def test_a_cache_outage_degrades_but_keeps_the_instance_ready(client, settings):
    settings.CACHES = CLOSED_REDIS
    settings.HEALTH_CHECK_TOKEN = TOKEN
    assert client.get(reverse("health-ready")).status_code == 200
    detail = client.get(reverse("health-ready"), HTTP_X_HEALTH_TOKEN=TOKEN).json()
    assert detail["status"] == "degraded"
    assert detail["checks"]["cache"] != "ok"


# A fresh process whose database is a closed port.
CLIENT = f"""
import django
from django.test import Client
django.setup()
client = Client()
for headers in ({{}}, {{"HTTP_X_HEALTH_TOKEN": "{TOKEN}"}}):
    response = client.get("/readyz", HTTP_HOST="localhost", **headers)
    print(response.status_code, response.content.decode().replace("\\n", " "))
"""


def test_a_database_outage_makes_the_instance_unready():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL"))},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5999/nowhere",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "DJANGO_HEALTH_TOKEN": TOKEN,
    }
    result = subprocess.run(
        [sys.executable, "-c", CLIENT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    public, detail = result.stdout.strip().split("\n")
    assert public == "503 unavailable", result.stderr
    status, body = detail.split(" ", 1)
    assert status == "503"
    checks = json.loads(body)["checks"]
    assert checks["database"].startswith("OperationalError")
    assert checks["storage"] == "ok"
