import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that takes Playwright's browser (its ``page`` fixture, or a parameter so named)
    without the ``browser`` mark is refused: pytest groups every test of the one browser
    together, so such a test in the middle of the suite pulled the transactional browser
    tests there, and their flushes took the staff roles from the database tests after them."""
    strays = [
        item.nodeid
        for item in items
        if "browser_name" in getattr(getattr(item, "callspec", None), "params", ())
        and item.get_closest_marker("browser") is None
    ]
    if strays:
        raise pytest.UsageError(
            "Tests using the browser without the browser mark: " + ", ".join(strays)
        )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, never the developer's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Requests activate a language in the test thread; each test starts from the default."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (Redis on CI is shared between runs), and with no
    local copy of what it held."""
    from django.core.cache import cache

    from config.content_version import local_copies

    cache.clear()
    local_copies.clear()
    yield
    cache.clear()
    local_copies.clear()


@pytest.fixture
def editor(db):
    """A member of the Editor role: writes, submits for review, publishes nothing."""
    from accounts import roles
    from tests.staff import staff_in

    return staff_in(roles.EDITOR, "editor")


@pytest.fixture
def publisher(db):
    """A member of the Publisher role."""
    from accounts import roles
    from tests.staff import staff_in

    return staff_in(roles.PUBLISHER, "publisher")


@pytest.fixture
def page_cache_off(settings):
    """Pages rendered afresh, for tests of what is kept beside them."""
    settings.PORTAL_PAGE_CACHE = False


@pytest.fixture(autouse=True)
def _search_statistics_unread():
    """Each test's first short Chinese search reads PostgreSQL's statistics afresh, as a new
    process would (config.search_columns.common_grams): not another test's, and at a known query."""
    from config.search_columns import forget_common_grams

    forget_common_grams()
    yield
    forget_common_grams()


# Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    import os
    import shutil

    executable = (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if not executable:
        pytest.fail("Browser tests need Chromium: apt-get install chromium (or set CHROMIUM_PATH).")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def _role_permissions(django_db_setup, django_db_blocker) -> dict[str, list[tuple[str, str]]]:
    """The staff roles as the data migrations made them: group name → (app, codename)."""
    from django.contrib.auth.models import Group

    with django_db_blocker.unblock():
        return {
            group.name: list(group.permissions.values_list("content_type__app_label", "codename"))
            for group in Group.objects.all()
        }


@pytest.fixture(autouse=True)
def _roles_survive_flushes(request):
    """Transactional tests (live server, browser) start from a flushed database, which has
    lost the roles that data migrations created; put them back. (Django's serialized rollback
    would do it, but the connection that holds the snapshot is not the one Playwright's event
    loop leaves the test thread with.)"""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    roles = request.getfixturevalue("_role_permissions")
    request.getfixturevalue("transactional_db")
    from django.contrib.auth.models import Group, Permission

    for name, natural_keys in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
                for app_label, codename in natural_keys
            ]
        )
