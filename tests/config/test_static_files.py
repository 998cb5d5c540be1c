"""Production's static files storage works out each file's hashed address once a process
(config/static_files.py): the same address as whitenoise's storage gives, read from the
manifest."""

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from config.static_files import StaticFilesStorage

MANIFEST = {"version": "1.1", "hash": "x", "paths": {"css/site.css": "css/site.0123abcd.css"}}


@pytest.fixture
def static_root(tmp_path):
    (tmp_path / "staticfiles.json").write_text(json.dumps(MANIFEST))
    return tmp_path


def test_a_files_address_is_the_hashed_one_whitenoise_gives(static_root):
    ours = StaticFilesStorage(location=static_root, base_url="/static/")
    theirs = CompressedManifestStaticFilesStorage(location=static_root, base_url="/static/")
    assert ours.url("css/site.css") == theirs.url("css/site.css") == "/static/css/site.0123abcd.css"


def test_a_files_address_is_worked_out_once(static_root):
    storage = StaticFilesStorage(location=static_root, base_url="/static/")
    first = storage.url("css/site.css")
    storage.hashed_files.clear()  # were it looked up again, this name would be missing
    assert storage.url("css/site.css") == first


def test_a_file_missing_from_the_manifest_is_still_an_error_each_time(static_root):
    storage = StaticFilesStorage(location=static_root, base_url="/static/")
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
