"""The permission matrix: every URL name of the project × every kind of user → the answer.

The users are an anonymous visitor and the role users of tests/site_urls.py: an editor, a
publisher, a leader (Leadership, not staff), a site admin and a superuser. What each of them
should get is written down below, from the roles as the issue defines them, not read back
from the groups the data migrations made:

- Editor: keeps the content (add, change, view; deletes none of it: a project's partner and
  field rows only), publishes nothing.
- Publisher: everything an editor does, deletes content, publishes, schedules, unpublishes.
- Leadership: the dashboard and its exports; may view the content, but is not staff, so the
  admin and the previews are closed to them.
- Site admin: users and roles, and the logs (audit log, admin log, login lockouts).

Outside the admin, each URL name has a rule in PAGES. In the admin, the site's own pages have
one in ADMIN_SITE_PAGES, and each page of a model is judged from what the user may do with that
model (ROLE_PERMISSIONS, limited by what the model's admin allows at all, ADMIN_ALLOWS) and what
that page needs (ADMIN_MODEL_VIEWS). A URL name without a rule fails the test: add one.

The admin's pages of one record point at real records of the site (MatrixSite), so a 200 means
the page was really shown, not a 404 for a missing record. Publishing, scheduling and
unpublishing are buttons and bulk actions, not pages: tests/accounts/test_roles.py and
tests/cooperation/test_workflow.py cover who may use them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import reversion
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import CHANGE as LOGGED_CHANGE
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import override
from PIL import Image as PILImage
from reversion.models import Version

from accounts import roles
from accounts.models import AuditEvent, AuditEventKind
from cooperation.spreadsheets import csv_template
from news.models import Image
from portal.models import Redirect
from tests import factories as f
from tests.site_urls import Site, build_site, site_url, url_names

THIS_FILE = "tests/accounts/test_permission_matrix.py"
LANGUAGE = "en"
USERS = ["anonymous", "editor", "publisher", "leader", "siteadmin", "superuser"]
STAFF = {"editor", "publisher", "siteadmin", "superuser"}
DASHBOARD_READERS = {"leader", "superuser"}  # accounts.view_dashboard


@dataclass(frozen=True)
class Expect:
    """An answer: a status, and for a redirect the URL name its Location points to (or the
    path, where it names no URL)."""

    status: int
    to: str = ""

    def __str__(self) -> str:
        return f"{self.status} → {self.to}" if self.to else str(self.status)


OK = Expect(200)
FORBIDDEN = Expect(403)
NOT_FOUND = Expect(404)
NOT_ALLOWED = Expect(405)  # GET on a view that only takes POST
TO_LOGIN = Expect(302, "accounts:login")
TO_ADMIN_LOGIN = Expect(302, "admin:login")
TO_ADMIN_INDEX = Expect(302, "admin:index")

Rule = Callable[[str], Expect]  # user → expected answer


def everyone(expect: Expect) -> Rule:
    return lambda user: expect


def signed_in(expect: Expect) -> Rule:
    """Pages for any signed-in user; anonymous visitors are sent to the login page."""
    return lambda user: TO_LOGIN if user == "anonymous" else expect


def dashboard(user: str) -> Expect:
    if user == "anonymous":
        return TO_LOGIN
    return OK if user in DASHBOARD_READERS else FORBIDDEN


def preview(model: str) -> Rule:
    """Staff who may view the model see any record in any state; for everyone else the
    preview does not exist, as for any record that is not public."""
    return lambda user: OK if user in STAFF and VIEW in can(user, model) else NOT_FOUND


def landing(user: str) -> Expect:
    """Where a login without `next` leads."""
    if user == "anonymous":
        return TO_LOGIN
    if user in STAFF:
        return TO_ADMIN_INDEX
    return Expect(302, "dashboard:index")


# --- outside the admin: one rule per URL name ---

PAGES: dict[str, Rule] = {
    # The public portal, its feeds, the open data API and the machine-readable files.
    "portal:home": everyone(OK),
    "portal:page": everyone(OK),
    "portal:open-data": everyone(OK),
    "portal:search": everyone(OK),
    "portal:citation": everyone(OK),
    "portal:qr-code": everyone(OK),
    "cooperation:award-export-csv": everyone(OK),
    "cooperation:achievement-export-csv": everyone(OK),
    "cooperation:exchange-export-csv": everyone(OK),
    "cooperation:project-list": everyone(OK),
    "cooperation:project-detail": everyone(OK),
    "cooperation:project-export-csv": everyone(OK),
    "cooperation:project-export-json": everyone(OK),
    "cooperation:country-list": everyone(OK),
    "cooperation:country-detail": everyone(OK),
    "cooperation:institution-detail": everyone(OK),
    "cooperation:field-list": everyone(OK),
    "cooperation:unit-list": everyone(OK),
    "cooperation:institution-list": everyone(OK),
    "cooperation:field-detail": everyone(OK),
    "cooperation:unit-detail": everyone(OK),
    "cooperation:researcher-list": everyone(OK),
    "cooperation:researcher-detail": everyone(OK),
    "cooperation:award-list": everyone(OK),
    "cooperation:award-detail": everyone(OK),
    "cooperation:exchange-list": everyone(OK),
    "cooperation:exchange-detail": everyone(OK),
    "cooperation:achievement-list": everyone(OK),
    "cooperation:achievement-detail": everyone(OK),
    "news:article-list": everyone(OK),
    "news:article-detail": everyone(OK),
    "news:feed-rss": everyone(OK),
    "news:feed-atom": everyone(OK),
    "news:category-feed-rss": everyone(OK),
    "news:category-feed-atom": everyone(OK),
    "cooperation:project-feed-rss": everyone(OK),
    "cooperation:project-feed-atom": everyone(OK),
    "cooperation:country-feed-rss": everyone(OK),
    "cooperation:country-feed-atom": everyone(OK),
    "cooperation:field-feed-rss": everyone(OK),
    "cooperation:field-feed-atom": everyone(OK),
    "cooperation:award-feed-rss": everyone(OK),
    "cooperation:award-feed-atom": everyone(OK),
    "api:project-list": everyone(OK),
    "api:project-detail": everyone(OK),
    "api:country-list": everyone(OK),
    "api:country-detail": everyone(OK),
    "api:institution-list": everyone(OK),
    "api:institution-detail": everyone(OK),
    "api:field-list": everyone(OK),
    "api:field-detail": everyone(OK),
    "api:unit-list": everyone(OK),
    "api:unit-detail": everyone(OK),
    "api:researcher-list": everyone(OK),
    "api:researcher-detail": everyone(OK),
    "api:award-list": everyone(OK),
    "api:award-detail": everyone(OK),
    "api:achievement-list": everyone(OK),
    "api:achievement-detail": everyone(OK),
    "api:exchange-list": everyone(OK),
    "api:exchange-detail": everyone(OK),
    "api:article-list": everyone(OK),
    "api:article-detail": everyone(OK),
    "api:docs": everyone(OK),
    "api:root": everyone(OK),
    "api:schema": everyone(OK),
    "health-live": everyone(OK),
    "health-ready": everyone(OK),
    "sitemap": everyone(OK),
    "sitemap-section": everyone(OK),
    "robots-txt": everyone(OK),
    "favicon": everyone(Expect(302, "/static/img/favicon.ico")),
    # A GET changes no language: back to the site's root (which sends on to a language).
    "set_language": everyone(Expect(302, "/")),
    # Staff previews of records in any state (drafts here).
    "cooperation:project-preview": preview("cooperation.cooperationproject"),
    "cooperation:award-preview": preview("cooperation.award"),
    "cooperation:exchange-preview": preview("cooperation.exchange"),
    "cooperation:achievement-preview": preview("cooperation.achievement"),
    "news:article-preview": preview("news.article"),
    # The leadership dashboard and its exports.
    "dashboard:index": dashboard,
    "dashboard:print": dashboard,
    "dashboard:records": dashboard,
    "dashboard:export-xlsx": dashboard,
    "dashboard:export-csv": dashboard,
    "dashboard:export-docx": dashboard,
    # Accounts: signing in, out, and passwords.
    "accounts:login": lambda user: OK if user == "anonymous" else Expect(302, "accounts:landing"),
    "accounts:logout": everyone(NOT_ALLOWED),  # POST only: a link cannot log anyone out
    "accounts:landing": landing,
    "accounts:settings": signed_in(OK),
    "accounts:password-change": signed_in(OK),
    "accounts:password-change-done": signed_in(OK),
    "accounts:password-reset": everyone(OK),
    "accounts:password-reset-done": everyone(OK),
    "accounts:password-reset-confirm": everyone(OK),  # "this link is not valid"
    "accounts:password-reset-complete": everyone(OK),
}

# --- the admin: what each role may do with each model ---

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ALL = frozenset({VIEW, ADD, CHANGE, DELETE})
KEEP = frozenset({VIEW, ADD, CHANGE})
READ = frozenset({VIEW})

CONTENT_MODELS = [
    "cooperation.partnercountry",
    "cooperation.institution",
    "cooperation.researchfield",
    "cooperation.unit",
    "cooperation.researcher",
    "cooperation.cooperationproject",
    "cooperation.award",
    "cooperation.achievement",
    "cooperation.exchange",
    "news.category",
    "news.topic",
    "news.article",
    "news.image",
    "portal.page",
]
# Content an editor deletes: none. Exchanges and achievements, which belong to a project,
# were removed by editors until they got the publication workflow (cooperation.0016,
# 0017): a published one is now taken down by publishers, as projects and awards are.
EDITOR_DELETES: list[str] = []

# What each model's admin allows at most, whoever asks (the logs are read-only; a lockout is
# read, and deleted to unlock the account).
ADMIN_ALLOWS: dict[str, frozenset[str]] = {
    **dict.fromkeys(CONTENT_MODELS, ALL),
    "accounts.user": ALL,
    "auth.group": ALL,
    "accounts.auditevent": READ,
    "admin.logentry": READ,
    "axes.accessattempt": frozenset({VIEW, DELETE}),
    "portal.redirect": ALL,
}

ROLE_PERMISSIONS: dict[str, dict[str, frozenset[str]]] = {
    "anonymous": {},
    # Redirects decide where readers land: kept by publishers and site admins, read by editors.
    "editor": {
        **dict.fromkeys(CONTENT_MODELS, KEEP),
        **dict.fromkeys(EDITOR_DELETES, ALL),
        "portal.redirect": READ,
    },
    "publisher": {**dict.fromkeys(CONTENT_MODELS, ALL), "portal.redirect": ALL},
    "leader": dict.fromkeys(CONTENT_MODELS, READ),
    "siteadmin": {
        "accounts.user": ALL,  # the user pages open the editor's account (build_matrix_site)
        # Roles: reads and changes them (their permissions too); creates or removes none.
        "auth.group": frozenset({VIEW, CHANGE}),
        "accounts.auditevent": READ,
        "admin.logentry": READ,
        "axes.accessattempt": frozenset({VIEW, DELETE}),
        "portal.redirect": ALL,
    },
    "superuser": dict.fromkeys(ADMIN_ALLOWS, ALL),
}


def can(user: str, model: str) -> frozenset[str]:
    """What user may do with model in the admin."""
    return ROLE_PERMISSIONS[user].get(model, frozenset()) & ADMIN_ALLOWS.get(model, frozenset())


def view_or_change(actions: frozenset[str]) -> bool:
    return bool(actions & {VIEW, CHANGE})


# The pages of a model's admin (URL name admin:<app>_<model>_<page>) and what each needs.
ADMIN_MODEL_VIEWS: dict[str, Callable[[frozenset[str]], bool]] = {
    "changelist": view_or_change,
    "add": lambda can: ADD in can,
    "change": view_or_change,  # read-only with the view permission alone
    "delete": lambda can: DELETE in can,
    "history": view_or_change,
    # Version history (django-reversion and the workflow's comparison).
    "history_compare": view_or_change,
    # Discarding the changes that wait for a publisher: a POST (probed with a GET: 405).
    "discard_pending": lambda can: CHANGE in can,
    "revision": view_or_change,
    "recoverlist": lambda can: {ADD, CHANGE} <= can,  # the deleted records
    "recover": lambda can: ADD in can and view_or_change(can),  # then the record's form
    # Spreadsheets: export needs view; import both creates and updates records.
    "export": lambda can: VIEW in can,
    "import": lambda can: {ADD, CHANGE} <= can,
    "import_template": lambda can: {ADD, CHANGE} <= can,
    "process_import": lambda can: {ADD, CHANGE} <= can,  # probed with a POST, see confirmed_import
    "import_progress": lambda can: {ADD, CHANGE} <= can,  # how far one's own import has got
    # The rich-text editor's image picker.
    "picker": lambda can: VIEW in can,
}
# Pages of the user admin named after Django's own auth.User.
ADMIN_MODEL_ALIASES = {"admin:auth_user_password_change": ("accounts.user", "change")}


def app_list(user: str) -> Expect:
    """admin:app_list of the cooperation app: shown to whoever may do something with one of
    its models; for anyone else it does not exist."""
    cooperation = [model for model in ADMIN_ALLOWS if model.startswith("cooperation.")]
    return OK if any(can(user, model) for model in cooperation) else NOT_FOUND


# The admin site's own pages, for staff (everyone else goes to the admin's login page).
ADMIN_SITE_PAGES: dict[str, Rule] = {
    "admin:index": everyone(OK),
    "admin:app_list": app_list,
    "admin:login": everyone(TO_ADMIN_INDEX),  # already signed in
    "admin:logout": everyone(NOT_ALLOWED),  # POST only
    "admin:password_change": everyone(OK),
    "admin:password_change_done": everyone(OK),
    "admin:jsi18n": everyone(OK),
    # The search of an autocomplete field (a project's partner institutions, see QUERIES):
    # needs the view permission on what it searches.
    "admin:autocomplete": lambda user: (
        OK if VIEW in can(user, "cooperation.institution") else FORBIDDEN
    ),
    # "View on site" of a public project: a redirect to its page.
    "admin:view_on_site": everyone(Expect(302, "cooperation:project-detail")),
}
# Query strings some pages need to do their real work.
QUERIES = {
    "admin:autocomplete": "app_label=cooperation&model_name=projectpartner"
    "&field_name=institution&term=Partner",
}


def admin_model_page(name: str) -> tuple[str, str] | None:
    """(model label, page) of a URL name of a model's admin, or None."""
    if name in ADMIN_MODEL_ALIASES:
        return ADMIN_MODEL_ALIASES[name]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            return model._meta.label_lower, name.removeprefix(prefix)
    return None


class NoRule(LookupError):
    pass


def expected(name: str, user: str) -> Expect:
    if not name.startswith("admin:"):
        if name not in PAGES:
            raise NoRule(f"{name}: no rule; add one to PAGES in {THIS_FILE}")
        return PAGES[name](user)
    if user not in STAFF:
        # Anonymous visitors and signed-in users who are not staff: the admin's login page.
        if name == "admin:login":
            return OK
        if name == "admin:logout":
            return TO_ADMIN_INDEX
        return TO_ADMIN_LOGIN
    if name in ADMIN_SITE_PAGES:
        return ADMIN_SITE_PAGES[name](user)
    model_page = admin_model_page(name)
    if model_page is None:
        raise NoRule(f"{name}: no rule; add one to ADMIN_SITE_PAGES in {THIS_FILE}")
    model, page = model_page
    if model not in ADMIN_ALLOWS:
        raise NoRule(
            f"{name}: the admin of {model} is new; add it to ADMIN_ALLOWS and say what each "
            f"role may do with it in ROLE_PERMISSIONS ({THIS_FILE})"
        )
    if page not in ADMIN_MODEL_VIEWS:
        raise NoRule(f"{name}: the admin page '{page}' is new; add it to ADMIN_MODEL_VIEWS")
    if not ADMIN_MODEL_VIEWS[page](can(user, model)):
        return FORBIDDEN
    if page == "process_import":
        return Expect(302, f"admin:{model.replace('.', '_')}_changelist")  # imported
    if page == "discard_pending":
        return NOT_ALLOWED
    return OK


# --- the site: demo-like records, and one real record behind each admin page ---


@dataclass
class MatrixSite:
    site: Site
    records: dict[str, models.Model]  # model label → the record its admin pages open
    versions: dict[str, int] = field(default_factory=dict)  # label → a version of that record
    deleted: dict[str, int] = field(default_factory=dict)  # label → version of a deleted one


def png_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 80, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile("library.png", buffer.getvalue(), content_type="image/png")


def build_matrix_site() -> MatrixSite:
    site = build_site()
    superuser = site.users["superuser"]
    f.TopicFactory()
    Redirect.objects.create(old_path="/info/1021/2023.htm", target="/zh-hans/news/")
    Image.objects.create(file=png_upload(), alt_text="A library image", uploaded_by=superuser)
    AuditEvent.objects.create(kind=AuditEventKind.LOGIN, user=superuser, username="superuser")
    LogEntry.objects.create(
        user=superuser,
        content_type=ContentType.objects.get_for_model(site.project),
        object_id=str(site.project.pk),
        object_repr=str(site.project)[:200],
        action_flag=LOGGED_CHANGE,
        change_message="[]",
    )
    AccessAttempt.objects.create(
        username="intruder",
        ip_address="192.0.2.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="username=intruder",
        failures_since_start=1,
    )
    records: dict[str, models.Model] = {
        # The records the public pages show, the editor's account and role; for the other
        # models, their first record (below).
        "cooperation.cooperationproject": site.project,
        "cooperation.award": site.award,
        "news.article": site.article,
        "portal.page": site.page,
        "accounts.user": site.users["editor"],
        "auth.group": Group.objects.get(name=roles.EDITOR),
    }
    for model in admin.site._registry:
        label = model._meta.label_lower
        if label not in records:
            record = model._default_manager.order_by("pk").first()
            assert record is not None, f"{label}: no record; create one in build_matrix_site"
            records[label] = record
    matrix = MatrixSite(site=site, records=records)
    # Versions: two of each versioned record shown (so that there is something to compare),
    # and one of a record deleted since (for the recover page).
    gone = {
        "cooperation.cooperationproject": f.CooperationProjectFactory,
        "cooperation.award": f.AwardFactory,
        "cooperation.exchange": f.ExchangeFactory,
        "cooperation.achievement": f.AchievementFactory,
        "news.article": f.ArticleFactory,
        "portal.page": lambda: f.PageFactory(slug="gone"),
    }
    for label, factory in gone.items():
        record = records[label]
        assert reversion.is_registered(type(record)), label
        for _ in range(2):
            with reversion.create_revision():
                reversion.set_user(superuser)
                record.save()
        matrix.versions[label] = Version.objects.get_for_object(record)[0].pk
        with reversion.create_revision():
            reversion.set_user(superuser)
            deleted = factory()
        matrix.deleted[label] = Version.objects.get_for_object(deleted)[0].pk
        deleted.delete()
    return matrix


def matrix_url(name: str, matrix: MatrixSite) -> str:
    """The URL of name, its arguments pointing at real records of the site."""
    model_page = admin_model_page(name)
    if model_page is None or name in {"admin:app_list", "admin:view_on_site"}:
        url = site_url(name, matrix.site, LANGUAGE)
    else:
        model, page = model_page
        record = matrix.records[model]
        with override(LANGUAGE):
            if name == "admin:auth_user_password_change":
                url = reverse(name, kwargs={"id": record.pk})
            elif page in {"change", "delete", "history", "history_compare", "discard_pending"}:
                url = reverse(name, kwargs={"object_id": quote(record.pk)})
            elif page == "revision":
                url = reverse(name, args=[quote(record.pk), matrix.versions[model]])
            elif page == "recover":
                url = reverse(name, args=[matrix.deleted[model]])
            elif page == "import_template":
                url = reverse(name, kwargs={"file_format": "xlsx"})
            elif page == "import_progress":
                url = reverse(name, kwargs={"token": "0123456789abcdef"})
            else:
                url = site_url(name, matrix.site, LANGUAGE)
    return f"{url}?{QUERIES[name]}" if name in QUERIES else url


def confirmed_import(name: str) -> tuple[dict, str]:
    """The confirm step of an import (admin:<app>_<model>_process_import) of a file with the
    import's columns and no rows, as the dry run leaves it: the form's data, and the file."""
    model_admin = admin.site.get_model_admin(apps.get_model(admin_model_page(name)[0]))
    resource = model_admin.get_import_resource_classes(RequestFactory().get("/"))[0]()
    formats = model_admin.get_import_formats()
    csv_format = next(i for i, format_ in enumerate(formats) if not format_().is_binary())
    storage = model_admin.get_tmp_storage_class()(
        encoding=model_admin.from_encoding,
        read_mode="r",
        **model_admin.get_tmp_storage_class_kwargs(),
    )
    storage.save(csv_template(resource).encode())  # a new file is opened in binary mode
    data = {
        "import_file_name": storage.name,
        "original_file_name": "empty.csv",
        "format": str(csv_format),
        "resource": "0",
    }
    return data, storage.get_full_path()


def answer(client: Client, name: str, url: str) -> Expect:
    if name.endswith("_process_import"):
        # Its GET only ever answers 405: probe it as the import's confirm button does.
        data, path = confirmed_import(name)
        response = client.post(url, data)
        Path(path).unlink(missing_ok=True)  # left behind where the import was refused
    else:
        response = client.get(url)
    if response.status_code not in (301, 302, 303, 307, 308):
        return Expect(response.status_code)
    location = urlsplit(response["Location"]).path
    try:
        return Expect(response.status_code, resolve(location).view_name)
    except Resolver404:
        return Expect(response.status_code, location)


@pytest.fixture
def matrix(db, settings) -> MatrixSite:
    # The role users' passwords are never typed here (force_login): a fast hash will do.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_matrix_site()


def test_every_url_name_has_a_rule():
    missing = []
    for name in sorted(url_names()):
        for user in USERS:
            try:
                expected(name, user)
            except NoRule as error:
                missing.append(str(error))
                break
    assert not missing, "\n".join(missing)


def test_every_rule_names_a_url_that_exists():
    names = url_names()
    stale = (set(PAGES) | set(ADMIN_SITE_PAGES) | set(ADMIN_MODEL_ALIASES)) - names
    assert not stale, f"rules for URL names that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("user", USERS)
def test_permission_matrix(matrix, user):
    client = Client(raise_request_exception=False)
    if user != "anonymous":
        client.force_login(matrix.site.users[user])
    mismatches = []
    for name in sorted(url_names()):
        try:
            want = expected(name, user)
        except NoRule as error:
            mismatches.append(str(error))
            continue
        url = matrix_url(name, matrix)
        got = answer(client, name, url)
        if got != want:
            mismatches.append(f"{name:55} {url}\n{'':55} expected {want}, got {got}")
    assert not mismatches, f"{user}: {len(mismatches)} URL(s) answer otherwise:\n" + "\n".join(
        mismatches
    )
