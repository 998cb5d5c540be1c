"""Never a 500: every public URL, handed hostile parameters, answers with something below 500.

The URLs come from the URL resolver (every name outside the admin; tests/site_urls.py fills in
their arguments from a small demo-like site) and from the sitemap. Each gets a dictionary of
hostile values (non-numeric and huge numbers, impossible dates, NUL bytes, very long strings,
SQL and template syntax, unknown sort keys, repeated keys) for the parameters its own forms
use and for common ones; Hypothesis then fuzzes the query strings of the list and search
pages. CI runs this on SQLite and on PostgreSQL (which refuses NUL bytes in text).
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from urllib.parse import quote, quote_from_bytes, urlencode, urlsplit

import pytest
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.pages import sitemap_locations
from tests.site_urls import build_site, site_url, url_names

HOSTILE_VALUES = [
    "abc",
    "-1",
    "0",
    "99999999999999999999999999",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "1.5",
    "0x1F",
    "１２３",  # full-width digits
    "2024-02-30",
    "0000-00-00",
    "9999-99-99",
    "2024-13-01T25:61:61",
    "\x00",
    "abc\x00def",
    "x" * 10_000,
    "' OR 1=1--",
    '"; DROP TABLE cooperation_cooperationproject; --',
    "1 UNION SELECT password FROM accounts_user",
    "{{7*7}}",
    "{% debug %}",
    "${7*7}",
    "<script>alert(1)</script>",
    "../../../etc/passwd",
    "%",
    "%00",
    "_",
    "\\",
    "-title",
    "__str__",
    "pk__gt",
    "🙂",
    "中文",
    "\u202e",
    " ",
    "",
    "[]",
    "null",
]
# Parameter names used somewhere on the site, and typical names a scanner would try.
COMMON_PARAMS = [
    "q",
    "page",
    "p",  # the sitemap's pages
    "sort",
    "order",
    "ordering",
    "o",
    "country",
    "institution",
    "field",
    "unit",
    "kind",
    "status",
    "level",
    "category",
    "topic",
    "year",
    "year_from",
    "year_to",
    "start_year",
    "date",
    "from",
    "to",
    "period",
    "compare",
    "format",
    "lang",
    "language",
    "next",
    "page_size",
    "limit",
    "offset",
    "search",
    "id",
    "slug",
]
# Values that break the most kinds of field, tried on each parameter on its own.
SHARP_VALUES = ["abc", "99999999999999999999999999", "\x00", "2024-02-30", "x" * 10_000, "-1"]
# The list and search pages whose query strings Hypothesis fuzzes.
FUZZED = [
    "portal:search",
    "cooperation:project-list",
    "cooperation:award-list",
    "cooperation:exchange-list",
    "cooperation:achievement-list",
    "cooperation:country-list",
    "news:article-list",
    "api:project-list",
    "api:article-list",
    "dashboard:index",
]
# Pages only staff or leadership reach: crawled logged in (as a superuser), so their code runs.
LOGGED_IN_PREFIXES = ("dashboard:",)
LOGGED_IN_SUFFIXES = ("-preview",)


class GetFormNames(HTMLParser):
    """The parameter names of a page's GET forms (filters, sorting, search)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self._in_get_form = (attributes.get("method") or "get").lower() == "get"
        elif (
            self._in_get_form
            and tag in {"input", "select", "textarea"}
            and attributes.get("name")
            and attributes.get("type") != "submit"
        ):
            self.names.add(attributes["name"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_get_form = False


class Crawler:
    """Requests pages and keeps every 5xx with the exception behind it."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.failures: list[str] = []
        self._exception: str = ""

    def _record_exception(self, **kwargs) -> None:
        error = sys.exc_info()[1]
        self._exception = f"{type(error).__name__}: {str(error)[:200]}"

    def get(self, path: str, params=None):
        return self._check("GET", path, params)

    def post(self, path: str, data: dict):
        return self._check("POST", path, data)

    def _check(self, method: str, path: str, data):
        self._exception = ""
        got_request_exception.connect(self._record_exception)
        try:
            if method == "GET":
                response = self.client.get(path, data)
            else:
                response = self.client.post(path, data)
        finally:
            got_request_exception.disconnect(self._record_exception)
        if response.status_code >= 500:
            shown = {k: str(v)[:30] for k, v in (data or {}).items()} if data else ""
            self.failures.append(
                f"{method} {path} {shown} → {response.status_code} {self._exception}"
            )
        return response


@pytest.fixture
def site(db):
    return build_site()


def crawler(logged_in_as=None) -> Crawler:
    client = Client(raise_request_exception=False)
    if logged_in_as is not None:
        client.force_login(logged_in_as)
    return Crawler(client)


def crawled_names() -> list[str]:
    return sorted(name for name in url_names() if not name.startswith("admin:"))


def crawl(crawler_: Crawler, path: str) -> None:
    page = crawler_.get(path)
    finder = GetFormNames()
    if "html" in page.get("Content-Type", ""):
        finder.feed(page.content.decode(errors="replace"))
    params = sorted(finder.names | set(COMMON_PARAMS))
    for value in HOSTILE_VALUES:
        crawler_.get(path, dict.fromkeys(params, value))
    # Repeated keys: every parameter three times, with three different values.
    crawler_.get(path, {name: ["1", "abc", "\x00"] for name in params})
    for name in sorted(finder.names):
        for value in SHARP_VALUES:
            crawler_.get(path, {name: value})


def test_every_url_name_can_be_built(site):
    for name in crawled_names():
        site_url(name, site)


@pytest.mark.django_db
def test_no_public_url_answers_500_to_hostile_parameters(site):
    # One language (the default) is enough here: both run the same code, and the sitemap
    # test below visits every page in both.
    language = "zh-hans"
    anonymous = crawler()
    superuser = crawler(site.users["superuser"])
    for name in crawled_names():
        path = site_url(name, site, language)
        crawl(anonymous, path)
        if name.startswith(LOGGED_IN_PREFIXES) or name.endswith(LOGGED_IN_SUFFIXES):
            crawl(superuser, path)
    assert not anonymous.failures + superuser.failures, "\n".join(
        anonymous.failures + superuser.failures
    )


@pytest.mark.django_db
def test_no_page_of_the_sitemap_answers_500_to_hostile_parameters(site):
    anonymous = crawler()

    def listed(path: str) -> list[str]:
        return [
            urlsplit(location)._replace(scheme="", netloc="").geturl()
            for location in sitemap_locations(anonymous, path)
        ]

    # The index lists the sections' pages, which list the pages of the site.
    locations = [page for section in listed(reverse("sitemap")) for page in listed(section)]
    assert len(locations) >= 10
    for path in locations:
        assert anonymous.get(path).status_code == 200, path
        for value in ["' OR 1=1--", "\x00", "99999999999999999999", "{{7*7}}"]:
            anonymous.get(path, dict.fromkeys(COMMON_PARAMS, value))
    assert not anonymous.failures, "\n".join(anonymous.failures)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["//[malformed/x.htm", "//evil.example/x.htm", "///x", "/en//[x", "//"]
)
def test_paths_that_read_as_other_hosts_are_not_found_here(path):
    # As a server passes a request line on: the test client would parse a host off the path.
    response = Client(raise_request_exception=False).get("/", PATH_INFO=path)

    assert response.status_code in (301, 302, 404), response.status_code
    # Its language links and its own address stay on this host.
    assert "://evil.example" not in response.text
    assert '"//evil.example' not in response.text


@pytest.mark.django_db
def test_forms_that_take_posts_never_answer_500(site):
    anonymous = crawler()
    posts = {
        reverse("accounts:login"): ["username", "password", "next"],
        reverse("accounts:password-reset"): ["email"],
        reverse("admin:login"): ["username", "password", "next"],
        reverse("set_language"): ["language", "next"],
    }
    for path, names in posts.items():
        for value in HOSTILE_VALUES:
            anonymous.post(path, dict.fromkeys(names, value))
    assert not anonymous.failures, "\n".join(anonymous.failures)


def raw_query(data: bytes) -> str:
    return quote_from_bytes(data, safe="=&")


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    pairs=st.lists(
        st.tuples(st.sampled_from(COMMON_PARAMS) | st.text(max_size=12), st.text(max_size=40)),
        max_size=8,
    ),
    raw=st.binary(max_size=60),
)
def test_fuzzed_query_strings_never_answer_500(site, pairs, raw):
    anonymous = crawler()
    superuser = crawler(site.users["superuser"])
    for name in FUZZED:
        path = site_url(name, site, "en")
        client = superuser if name.startswith(LOGGED_IN_PREFIXES) else anonymous
        client.get(f"{path}?{urlencode(pairs)}")
        client.get(f"{path}?{raw_query(raw)}")
        client.get(f"{path}?{quote(raw.decode('latin-1'), safe='=&')}")
    assert not anonymous.failures + superuser.failures, "\n".join(
        anonymous.failures + superuser.failures
    )
