"""Anonymous pages are cached and refreshed on change; logged-in users never share them."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from config.content_version import VERSION_KEY, changes_here, content_version
from cooperation.publication import PublicationStatus, next_scheduled_publication
from cooperation.views import ProjectListView
from portal import cache as page_cache
from tests import factories as f


@pytest.fixture(autouse=True, params=[0, 1], ids=["shared cache", "with local pages"])
def _page_cache_on(settings, request):
    """Every test here runs with the shared cache alone, and with each worker's local pages
    on top (portal.cache.LocalPages), as in production."""
    settings.PORTAL_PAGE_CACHE = True
    settings.PORTAL_PAGE_CACHE_LOCAL_SECONDS = request.param


def home():
    with override("en"):
        return reverse("portal:home")


@pytest.mark.django_db
def test_anonymous_pages_are_served_from_the_cache(client, django_assert_num_queries):
    f.CooperationProjectFactory(title_en="First project", featured=True)
    first = client.get(home())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(home())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second
    assert second["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_a_content_change_refreshes_cached_pages(client):
    project = f.CooperationProjectFactory(title_en="Old title", featured=True)
    assert "Old title" in client.get(home()).text
    project.title_en = "New title"
    project.save()
    response = client.get(home())
    assert response["X-Page-Cache"] == "miss"
    assert "New title" in response.text


@pytest.mark.django_db
def test_each_language_and_query_has_its_own_entry(client):
    f.CooperationProjectFactory(title_en="Bilingual", title_zh_hans="双语项目")
    assert "Bilingual" in client.get("/en/projects/").text
    assert "双语项目" in client.get("/zh-hans/projects/").text
    assert client.get("/en/projects/?kind=joint_lab")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_every_campaign_s_readers_share_one_entry_which_carries_none_s_parameters(
    client, monkeypatch, django_assert_num_queries
):
    """The tracking parameters (config.tracking) select nothing and no link carries them on:
    a page asked for with one campaign's is served from the cache to the next campaign's
    readers, and to readers of the address without them, with every filter kept."""
    monkeypatch.setattr(ProjectListView, "paginate_by", 1)
    f.CooperationProjectFactory.create_batch(2, kind="joint_lab")
    first = client.get("/en/projects/?kind=joint_lab&utm_source=a&sort=title")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get("/en/projects/?kind=joint_lab&utm_source=b&sort=title&gclid=x")
        plain = client.get("/en/projects/?kind=joint_lab&sort=title")
    assert again["X-Page-Cache"] == plain["X-Page-Cache"] == "hit"
    assert again.content == plain.content == first.content
    assert "utm_" not in first.text and "gclid" not in first.text
    assert 'rel="next" href="?kind=joint_lab&amp;sort=title&amp;page=2"' in first.text
    # Another filter is another page, whatever the campaign.
    assert client.get("/en/projects/?kind=joint_lab&utm_source=a")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_logged_in_users_never_get_or_fill_the_shared_cache(client, admin_user):
    f.CooperationProjectFactory()
    client.get(home())  # an anonymous reader fills the cache
    client.force_login(admin_user)
    response = client.get(home())
    assert "X-Page-Cache" not in response
    client.logout()


@pytest.mark.django_db
def test_errors_and_bad_requests_are_not_cached(client):
    assert client.get("/en/projects/?kind=evil").status_code == 400
    assert "X-Page-Cache" not in client.get("/en/projects/?kind=evil")
    assert client.get("/en/projects/no-such-project/").status_code == 404


@pytest.mark.django_db
def test_a_hit_skips_the_middleware_below_the_cache_but_keeps_the_security_headers(client):
    f.CooperationProjectFactory(featured=True)
    miss = client.get(home())
    hit = client.get(home())
    assert hit["X-Page-Cache"] == "hit"
    # The request went no further than the cache: no session, no user, no resolver match.
    assert not hasattr(hit.wsgi_request, "user")
    assert hit.wsgi_request.resolver_match is None
    for header in ("Content-Security-Policy", "Content-Language", "X-Frame-Options"):
        assert hit[header] == miss[header], header
    assert hit["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_each_host_has_its_own_entry_and_unknown_hosts_are_refused(client, settings):
    settings.ALLOWED_HOSTS = ["coop.example.org", "www.coop.example.org"]
    f.CooperationProjectFactory(featured=True)
    first = client.get(home(), HTTP_HOST="coop.example.org")
    assert first["X-Page-Cache"] == "miss"
    other = client.get(home(), HTTP_HOST="www.coop.example.org")
    assert other["X-Page-Cache"] == "miss"
    assert "//www.coop.example.org/" in other.text  # canonical and OpenGraph URLs
    assert "//www.coop.example.org/" not in first.text
    assert client.get(home(), HTTP_HOST="evil.example.com").status_code == 400


@pytest.mark.django_db
def test_an_edited_about_page_is_served_fresh(client):
    page = f.PageFactory(slug="about", title_en="About the base")
    with override("en"):
        url = reverse("portal:page", kwargs={"slug": "about"})
    assert "About the base" in client.get(url).text
    page.title_en = "About our base"
    page.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "About our base" in response.text


@pytest.mark.django_db
def test_a_page_with_a_csp_nonce_is_not_shared(client, rf):
    from django.http import HttpResponse
    from django.middleware.csp import ContentSecurityPolicyMiddleware

    from portal.cache import is_cacheable_response

    request = rf.get("/en/")
    ContentSecurityPolicyMiddleware(lambda r: HttpResponse()).process_request(request)
    request.resolver_match = type("Match", (), {"app_name": "portal"})()
    assert is_cacheable_response(request, HttpResponse("page"))
    str(request._csp_nonce)  # a template used the nonce
    assert not is_cacheable_response(request, HttpResponse("page"))


@pytest.mark.django_db
def test_home_figures_are_computed_once_per_content_version(client, settings):
    settings.PORTAL_PAGE_CACHE = False  # the figures' own cache, without the page cache
    f.CooperationProjectFactory(partners=[f.InstitutionFactory()])
    with CaptureQueriesContext(connection) as first:
        assert client.get(home()).context["figures"]["projects"] == 1
    with CaptureQueriesContext(connection) as second:
        client.get(home())
    # The countries, the project counts, the awards, the achievements, the exchanges' people,
    # and the next scheduled publication.
    assert len(second) == len(first) - 6
    f.CooperationProjectFactory(partners=[f.InstitutionFactory()])
    with CaptureQueriesContext(connection) as third:
        response = client.get(home())
    assert len(third) == len(first)
    assert response.context["figures"]["projects"] == 2
    assert response.context["figures"]["countries"] == 2


# --- a worker's local pages ---


@pytest.fixture
def local_pages(settings, monkeypatch):
    """Local pages on, a clock the test moves, and a count of shared-cache round trips."""
    settings.PORTAL_PAGE_CACHE_LOCAL_SECONDS = 1
    now = [1000.0]
    monkeypatch.setattr(page_cache, "clock", lambda: now[0])
    trips = []
    get_many = page_cache.cache.get_many
    monkeypatch.setattr(
        page_cache.cache, "get_many", lambda keys: trips.append(keys) or get_many(keys)
    )
    return {"now": now, "trips": trips}


@pytest.mark.django_db
def test_a_worker_serves_a_page_it_holds_without_a_round_trip(client, local_pages):
    f.CooperationProjectFactory(title_en="Held project", featured=True)
    assert client.get(home())["X-Page-Cache"] == "miss"
    assert client.get(home())["X-Page-Cache"] == "hit"  # from the shared cache, kept here
    trips = len(local_pages["trips"])

    local_pages["now"][0] += 0.5
    third = client.get(home())

    assert third["X-Page-Cache"] == "hit" and "Held project" in third.text
    assert len(local_pages["trips"]) == trips


@pytest.mark.django_db
def test_a_change_here_is_seen_at_once_one_elsewhere_within_the_window(client, local_pages):
    project = f.CooperationProjectFactory(title_en="Old title", featured=True)
    client.get(home())
    client.get(home())

    # Another worker records a change: this one notices when its window ends.
    page_cache.cache.incr(VERSION_KEY)
    assert "Old title" in client.get(home()).text
    local_pages["now"][0] += 1.5
    assert client.get(home())["X-Page-Cache"] == "miss"

    # A change made by this process is seen at once.
    client.get(home())
    project.title_en = "New title"
    project.save()
    response = client.get(home())
    assert response["X-Page-Cache"] == "miss" and "New title" in response.text


def test_local_pages_stay_within_their_byte_limit(settings):
    settings.PORTAL_PAGE_CACHE_LOCAL_SECONDS = 1
    settings.PORTAL_PAGE_CACHE_LOCAL_BYTES = 2500
    local = page_cache.LocalPages()
    local.confirm({VERSION_KEY: 7}, changes_seen=changes_here())
    for n in range(5):
        local.keep(f"page-{n}", (None, 7, 200, [], b"x" * 1000, None))
    assert local.fresh("page-2") is None  # already out
    assert local.fresh("page-3") is not None  # used: now kept ahead of page-4

    local.keep("page-5", (None, 7, 200, [], b"x" * 1000, None))

    assert local.size <= 2500
    assert set(local.pages) == {"page-3", "page-5"}
    local.keep("too-big", (None, 7, 200, [], b"x" * 3000, None))
    assert "too-big" not in local.pages


@pytest.mark.django_db
def test_a_version_is_never_reused_after_the_cache_is_emptied():
    """A worker still holding pages of an old version must not take them for current."""
    before = content_version()
    page_cache.cache.clear()
    assert content_version() != before


@pytest.mark.django_db
def test_a_scheduled_record_coming_due_refreshes_cached_pages(client):
    """No row changes when a scheduled article comes due, so the content version stays; a
    page rendered before that moment stops counting at it."""
    now = timezone.now()
    f.ArticleFactory(title_en="Scheduled news", published_at=now + timedelta(seconds=5))
    with override("en"):
        news = reverse("news:article-list")
    with time_machine.travel(now, tick=False):
        assert "Scheduled news" not in client.get(news).text
        assert client.get(news)["X-Page-Cache"] == "hit"
    with time_machine.travel(now + timedelta(seconds=10), tick=False):
        response = client.get(news)
        assert response["X-Page-Cache"] == "miss" and "Scheduled news" in response.text
        # Nothing else is scheduled: the page is current again until a record changes.
        assert client.get(news)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_the_next_scheduled_publication_of_any_kind_is_found():
    now = timezone.now()
    assert next_scheduled_publication() is None
    f.CooperationProjectFactory(published_at=now - timedelta(days=1))  # public already
    f.ArticleFactory(publication_status=PublicationStatus.DRAFT, published_at=now)  # a draft
    f.AwardFactory(published_at=now + timedelta(days=3))
    f.ArticleFactory(published_at=now + timedelta(hours=2))
    assert next_scheduled_publication() == now + timedelta(hours=2)
    soonest = now + timedelta(hours=1)
    f.PageFactory(published_at=soonest)  # an about page counts too
    assert next_scheduled_publication() == soonest


def export_csv(client, **params):
    with override("en"):
        return client.get(reverse("cooperation:project-export-csv"), params)


def streamed(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_a_streamed_export_is_stored_once_sent_whole(client, django_assert_num_queries):
    f.CooperationProjectFactory(title_en="Exported project")
    first = export_csv(client)
    assert first.streaming and first["X-Page-Cache"] == "miss"
    body = streamed(first)
    assert b"Exported project" in body
    with django_assert_num_queries(0):
        second = export_csv(client)
    assert second["X-Page-Cache"] == "hit"
    assert streamed(second) == body
    for header in ["Content-Type", "Content-Disposition", "Link"]:
        assert second[header] == first[header]
    # A news edit leaves it (it shows projects alone); a project edit refreshes it.
    f.ArticleFactory()
    assert export_csv(client)["X-Page-Cache"] == "hit"
    f.CooperationProjectFactory(title_en="Second project")
    third = export_csv(client)
    assert third["X-Page-Cache"] == "miss" and b"Second project" in streamed(third)


@pytest.mark.django_db
def test_a_streamed_export_is_not_stored_unsent_or_past_its_size(client, settings, monkeypatch):
    f.CooperationProjectFactory.create_batch(3)
    # The reader went away after the first piece: the server closes the response. (The
    # database connection stays open, as the test client leaves it: this test's transaction
    # holds the records.)
    first = export_csv(client, kind="joint_research")
    next(iter(first.streaming_content))
    monkeypatch.setattr(connection, "close_if_unusable_or_obsolete", lambda: None)
    first.close()
    monkeypatch.undo()
    assert export_csv(client, kind="joint_research")["X-Page-Cache"] == "miss"
    # Larger than the limit: streamed every time, and whole.
    whole = streamed(export_csv(client))
    settings.PORTAL_PAGE_CACHE_STREAMED_BYTES = len(whole) - 1
    page_cache.cache.clear()  # the copy stored while the limit was higher
    for _ in range(2):
        response = export_csv(client)
        assert response["X-Page-Cache"] == "miss" and response.streaming
        assert streamed(response) == whole
