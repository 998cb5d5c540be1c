"""PostgreSQL unreachable: readers get a 503 page with Retry-After, never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A WSGI request served by a fresh process whose database is a closed port.
CLIENT = """
import django
from django.test import Client
django.setup()
response = Client().get("/en/projects/", HTTP_HOST="localhost")
print(response.status_code)
print(response.get("Retry-After"))
print(response.content.decode())
"""


def test_database_outage_gives_a_503_page_with_retry_after():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL"))},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5999/nowhere",
        "DATABASE_CONNECT_TIMEOUT": "2",
    }
    result = subprocess.run(
        [sys.executable, "-c", CLIENT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    status, retry_after, body = result.stdout.split("\n", 2)
    assert status == "503", result.stderr
    assert retry_after == "30"
    assert "Temporarily unavailable" in body
    assert "Traceback" not in body
    assert "5999" not in body
