"""Values derived from one app's records stay kept through changes to another app's records:
publishing news does not make the portal count the projects again, nor a project edit the
articles. Pages (which show both) and values over every kind refresh on any change."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from config.content_version import (
    VERSION_KEYS,
    app_version_key,
    apps_version,
    changes_batched,
    content_version,
    versions_read_once,
)
from cooperation.publication import next_scheduled_publication
from tests import factories as f

# The values' own cache, without the page cache in front of it.
pytestmark = pytest.mark.usefixtures("page_cache_off")


def queries(client, name: str) -> int:
    with override("en"):
        path = reverse(name)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def change_a_project(project) -> None:
    project.title_en = f"{project.title_en}, edited"
    project.save()


@pytest.mark.django_db
# Not named "page": that is Playwright's browser page fixture, and would start a browser.
@pytest.mark.parametrize("url_name", ["portal:home", "cooperation:project-list"])
def test_news_leaves_the_project_figures_kept_and_a_project_change_counts_again(client, url_name):
    project = f.CooperationProjectFactory(partners=[f.InstitutionFactory()])
    counting = queries(client, url_name)
    kept = queries(client, url_name)
    assert kept < counting

    f.ArticleFactory()  # a news item published
    assert queries(client, url_name) == kept

    change_a_project(project)
    assert queries(client, url_name) == counting


@pytest.mark.django_db
@pytest.mark.django_db
def test_an_about_page_stays_cached_through_project_and_news_edits(client, page_cache_on):
    project = f.CooperationProjectFactory()
    about = f.PageFactory(title_en="About the base")
    with override("en"):
        url = reverse("portal:page", kwargs={"slug": about.slug})
    assert client.get(url)["X-Page-Cache"] == "miss"

    change_a_project(project)
    f.ArticleFactory()
    assert client.get(url)["X-Page-Cache"] == "hit"

    about.title_en = "About the cooperation base"
    about.save()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "About the cooperation base" in response.text


@pytest.mark.django_db
def test_a_project_change_leaves_the_article_count_kept_and_news_counts_again(client):
    project = f.CooperationProjectFactory()
    f.ArticleFactory.create_batch(3)
    counting = queries(client, "news:article-list")
    kept = queries(client, "news:article-list")
    assert kept < counting  # the count of the list (and of the next scheduled record)

    change_a_project(project)
    assert queries(client, "news:article-list") == kept

    f.ArticleFactory()
    assert queries(client, "news:article-list") == counting


@pytest.mark.django_db
def test_a_scheduled_article_coming_due_leaves_the_project_figures_kept(client):
    """Nothing is saved when a scheduled record comes due; a value kept for one app counts
    only until that app's next scheduled record, not another's."""
    f.CooperationProjectFactory(partners=[f.InstitutionFactory()])
    now = timezone.now()
    article = f.ArticleFactory(published_at=now + timedelta(seconds=5))
    project = f.CooperationProjectFactory(published_at=now + timedelta(seconds=20))
    with time_machine.travel(now, tick=False):
        counting = queries(client, "cooperation:project-list")
        kept = queries(client, "cooperation:project-list")
    with time_machine.travel(now + timedelta(seconds=10), tick=False):
        assert queries(client, "cooperation:project-list") == kept
    with time_machine.travel(now + timedelta(seconds=30), tick=False):
        assert queries(client, "cooperation:project-list") == counting
        assert next_scheduled_publication() is None  # both are public by now
    with time_machine.travel(now, tick=False):
        assert next_scheduled_publication({"news"}) == article.published_at
        assert next_scheduled_publication({"cooperation"}) == project.published_at
        assert next_scheduled_publication() == article.published_at


@pytest.mark.django_db
def test_an_apps_version_changes_with_its_own_records_only():
    project = f.CooperationProjectFactory()
    every, projects, news = (
        content_version(),
        apps_version({"cooperation"}),
        apps_version({"news"}),
    )
    both = apps_version({"news", "cooperation"})

    change_a_project(project)

    assert content_version() == every + 1
    assert apps_version({"cooperation"}) != projects
    assert apps_version({"news"}) == news
    assert apps_version({"cooperation", "news"}) != both

    f.ArticleFactory()
    assert apps_version({"news"}) != news


@pytest.mark.django_db
def test_a_batch_of_changes_gives_each_changed_app_one_new_version():
    project = f.CooperationProjectFactory()
    news = apps_version({"news"})
    every = content_version()
    with changes_batched():
        change_a_project(project)
        change_a_project(project)
        projects = apps_version({"cooperation"})  # not yet: the batch bumps at its end
    assert projects != apps_version({"cooperation"})
    assert content_version() == every + 1
    assert apps_version({"news"}) == news


@pytest.mark.django_db
def test_a_request_reads_the_versions_once_for_all_it_keeps(client, monkeypatch):
    """Home keeps its figures, its partner-country list and its cards, each under a version:
    one read of the versions serves them all (each was a cache round trip of its own)."""
    f.CooperationProjectFactory(featured=True)
    f.ArticleFactory()
    home = path("portal:home")
    client.get(home)  # keeps what it shows
    reads = []
    get_many = cache.get_many

    def counting(keys, *args, **kwargs):
        if any(key in VERSION_KEYS for key in keys):
            reads.append(list(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(home).status_code == 200
    assert reads == [VERSION_KEYS]
    assert len(ctx.captured_queries) == 2  # the featured projects and the latest news


@pytest.mark.django_db
def test_within_a_request_its_own_change_counts_at_once_and_others_from_the_next():
    project = f.CooperationProjectFactory()
    with versions_read_once():
        projects, news = apps_version({"cooperation"}), apps_version({"news"})
        change_a_project(project)
        assert apps_version({"cooperation"}) != projects  # this request's own change
        assert apps_version({"news"}) == news
        changed = apps_version({"cooperation"})
        cache.incr(app_version_key("news"))  # another process's change, meanwhile
        assert apps_version({"news"}) == news
        assert apps_version({"cooperation"}) == changed
    assert apps_version({"news"}) != news  # the next request reads it


def test_only_content_apps_have_a_version():
    with pytest.raises(ValueError, match="accounts"):
        apps_version({"accounts", "news"})
    with pytest.raises(ValueError, match="none given"):
        apps_version(set())


# --- pages that show one app's records ---


def path(name: str) -> str:
    with override("en"):
        return reverse(name)


@pytest.fixture(params=[0, 1], ids=["shared cache", "with local pages"])
def page_cache_on(settings, request):
    settings.PORTAL_PAGE_CACHE = True
    settings.PORTAL_PAGE_CACHE_LOCAL_SECONDS = request.param


@pytest.mark.django_db
def test_a_news_edit_leaves_the_cached_directory_and_a_project_edit_refreshes_it(
    client, page_cache_on
):
    project = f.CooperationProjectFactory(title_en="Kept project")
    assert client.get(path("cooperation:project-list"))["X-Page-Cache"] == "miss"
    assert client.get(path("portal:home"))["X-Page-Cache"] == "miss"

    f.ArticleFactory()
    assert client.get(path("cooperation:project-list"))["X-Page-Cache"] == "hit"
    assert client.get(path("portal:home"))["X-Page-Cache"] == "miss"  # it shows the news

    change_a_project(project)
    response = client.get(path("cooperation:project-list"))
    assert response["X-Page-Cache"] == "miss"
    assert "Kept project, edited" in response.text


@pytest.mark.django_db
def test_a_project_edit_leaves_the_cached_news_list_and_news_refreshes_it(client, page_cache_on):
    project = f.CooperationProjectFactory()
    f.ArticleFactory(title_en="First news")
    assert client.get(path("news:article-list"))["X-Page-Cache"] == "miss"

    change_a_project(project)
    assert client.get(path("news:article-list"))["X-Page-Cache"] == "hit"

    f.ArticleFactory(title_en="Second news")
    response = client.get(path("news:article-list"))
    assert response["X-Page-Cache"] == "miss"
    assert "Second news" in response.text


def scoped_views() -> dict[str, set[str]]:
    """Every portal URL whose view declares the content apps it shows, by name."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = {}

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", pattern.callback)
                if getattr(view, "content_apps", None):
                    found[f"{namespace}:{pattern.name}"] = set(view.content_apps)

    walk(get_resolver().url_patterns, "")
    return found


@pytest.mark.django_db
def test_a_page_declared_to_show_some_apps_reads_no_other_content_apps_table(client):
    """What a view declares (``content_apps``) is what its page reads: a page that read
    another content app's records would stay cached through their changes."""
    from django.apps import apps

    from config.content_version import CONTENT_APPS

    project = f.CooperationProjectFactory(partners=[f.InstitutionFactory()])
    f.AwardFactory()
    f.ArticleFactory()
    about = f.PageFactory()
    arguments = {  # URLs that take an argument
        "portal:page": {"slug": about.slug},
        "cooperation:achievement-detail": {"pk": f.AchievementFactory(project=project).pk},
        "cooperation:exchange-detail": {"pk": f.ExchangeFactory(project=project).pk},
        "cooperation:country-feed-rss": {"code": project.partners.get().country.code.lower()},
        "cooperation:country-feed-atom": {"code": project.partners.get().country.code.lower()},
        "cooperation:field-feed-rss": {"slug": f.ResearchFieldFactory().slug},
        "cooperation:field-feed-atom": {"slug": f.ResearchFieldFactory().slug},
    }
    declared = scoped_views()
    assert set(declared) == {
        "cooperation:project-list",
        "cooperation:project-export-csv",
        "cooperation:project-export-json",
        "cooperation:award-export-csv",
        "cooperation:achievement-export-csv",
        "cooperation:exchange-export-csv",
        "cooperation:country-list",
        "cooperation:field-list",
        "cooperation:researcher-list",
        "cooperation:unit-list",
        "cooperation:institution-list",
        "cooperation:award-list",
        "cooperation:exchange-list",
        "cooperation:exchange-detail",
        "cooperation:achievement-list",
        "cooperation:achievement-detail",
        "cooperation:project-feed-rss",
        "cooperation:project-feed-atom",
        "cooperation:country-feed-rss",
        "cooperation:country-feed-atom",
        "cooperation:field-feed-rss",
        "cooperation:field-feed-atom",
        "cooperation:award-feed-rss",
        "cooperation:award-feed-atom",
        "news:article-list",
        "portal:page",
        "portal:open-data",
    }
    for name, shown in declared.items():
        others = {
            model._meta.db_table
            for app in CONTENT_APPS - shown
            for model in apps.get_app_config(app).get_models(include_auto_created=True)
        }
        with override("en"):
            url = reverse(name, kwargs=arguments.get(name))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            assert response.status_code == 200
            b"".join(response.streaming_content) if response.streaming else response.content
        read = {table for table in others for q in ctx.captured_queries if f'"{table}"' in q["sql"]}
        assert read == set(), name
        assert ctx.captured_queries  # the page did read its own records


def test_a_worker_drops_only_the_pages_a_change_made_stale(settings):
    from config.content_version import VERSION_KEY, app_version_key, changes_here
    from portal.cache import LocalPages

    settings.PORTAL_PAGE_CACHE_LOCAL_SECONDS = 1
    versions = {VERSION_KEY: 1} | {app_version_key(app): 1 for app in ("cooperation", "news")}
    local = LocalPages()
    local.confirm(versions, changes_seen=changes_here())
    local.keep("directory", (frozenset({"cooperation"}), "cooperation-1", 200, [], b"d", None))
    local.keep("home", (None, 1, 200, [], b"home", None))
    assert set(local.pages) == {"directory", "home"} and local.size == 5

    # A news item was published by another worker.
    local.confirm({**versions, VERSION_KEY: 2, app_version_key("news"): 2}, changes_here())

    assert set(local.pages) == {"directory"} and local.size == 1
    assert local.fresh("directory") is not None
