"""A server process, once its application is loaded, has its views imported and what it
loaded frozen out of the garbage collector's full collections (config/startup.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, sys
import {module}
print(gc.get_freeze_count(), "cooperation.views" in sys.modules, "news.views" in sys.modules)
"""


@pytest.mark.parametrize("module", ["config.wsgi", "config.asgi"])
def test_a_server_process_freezes_what_it_loaded_with_the_views(module):
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    frozen, views_loaded, news_views_loaded = result.stdout.split()
    # The settings, models, admin, views and their libraries: tens of thousands of objects.
    assert int(frozen) > 50_000
    assert views_loaded == news_views_loaded == "True"
