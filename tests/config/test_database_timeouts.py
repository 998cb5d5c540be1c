"""PostgreSQL time limits: a connect timeout and a statement timeout, both ending in a 503."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("COOPBASE_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")

# A fresh process on PostgreSQL (CI and development run it on 127.0.0.1): a query that runs
# past the statement timeout goes through the outage middleware.
SLOW_QUERY = """
import django
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
django.setup()
from config.middleware import DatabaseUnavailableMiddleware

def slow_view(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(3)")

options = settings.DATABASES["default"]["OPTIONS"]
print(options["connect_timeout"], options["options"])
response = DatabaseUnavailableMiddleware(slow_view)(RequestFactory().get("/en/projects/"))
print(response.status_code, response["Retry-After"])
print(response.content.decode())
"""


def run(code: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_URL"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_query_past_the_statement_timeout_gives_a_503_page():
    result = run(
        SLOW_QUERY,
        DATABASE_URL=POSTGRES,
        DATABASE_CONNECT_TIMEOUT="3",
        DATABASE_STATEMENT_TIMEOUT_MS="200",
    )
    options, status, body = result.stdout.split("\n", 2)
    assert options == "3 -c statement_timeout=200 -c random_page_cost=1.1", result.stderr
    assert status == "503 30", result.stderr
    assert "Traceback" not in body
    assert "pg_sleep" not in body
    assert "statement timeout" not in body


PLANNER_SETTING = """
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SHOW random_page_cost")
    print(cursor.fetchone()[0])
"""


def test_the_planner_takes_random_reads_as_cheap_unless_told_otherwise():
    """Data on SSD or in memory (PostgreSQL's default, 4, is for spinning disks): a bad
    value is refused when the settings load, not at the first query."""
    assert run(PLANNER_SETTING, DATABASE_URL=POSTGRES).stdout.strip() == "1.1"
    told = run(PLANNER_SETTING, DATABASE_URL=POSTGRES, DATABASE_RANDOM_PAGE_COST="4")
    assert told.stdout.strip() == "4", told.stderr
    bad = run(PLANNER_SETTING, DATABASE_URL=POSTGRES, DATABASE_RANDOM_PAGE_COST="fast")
    assert bad.returncode != 0 and "could not convert string to float" in bad.stderr
