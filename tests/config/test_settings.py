"""Production settings: refuse to start without secrets, pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**overrides: str) -> dict[str, str]:
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "coop.example.org",
        "DATABASE_URL": "sqlite:////tmp/coopbase-deploy-check.sqlite3",
        **overrides,
    }


def test_production_settings_pass_the_deployment_checks():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_real_secrets(overrides, message):
    result = run_manage("check", **production_env(**overrides))
    assert result.returncode != 0
    assert message in result.stderr


def test_development_mode_starts_with_local_defaults():
    result = run_manage(
        "check", DJANGO_DEBUG="1", DATABASE_URL="sqlite:////tmp/coopbase-dev-check.sqlite3"
    )
    assert result.returncode == 0, result.stderr


def test_without_redis_the_worker_processes_share_the_content_version(tmp_path):
    """In production without REDIS_URL the cache is a directory every process of the machine
    shares: a change one worker (or a command) records makes the others' pages stale. In
    each process's own memory, a change bumped the saving worker's version alone, and the
    others served their pages, an unpublished record's too, for five minutes more."""
    env = production_env(DJANGO_CACHE_DIR=str(tmp_path / "cache"))

    def version() -> str:
        result = run_manage(
            "shell",
            "-c",
            "from config.content_version import content_version; print(content_version())",
            **env,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.split()[-1]

    before = version()
    assert version() == before  # another process reads the same version
    changed = run_manage(
        "shell",
        "-c",
        "from config.content_version import record_content_change; record_content_change()",
        **env,
    )
    assert changed.returncode == 0, changed.stderr
    assert version() != before
