"""The open data API: lists, details, filters, pagination, both languages, only public
records, caching headers, rate limits and bounded queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date

from config.pagination import RowsByKeys
from cooperation import models as m
from cooperation.publication import PublicationStatus
from news.models import Article
from tests import factories as f
from tests.news.images import jpeg

pytestmark = pytest.mark.django_db


def api(name: str, *args) -> str:
    return reverse(f"api:{name}", args=args)


@pytest.fixture
def world(db):
    japan = f.PartnerCountryFactory(country="JP")
    germany = f.PartnerCountryFactory(country="DE")
    osaka = f.InstitutionFactory(name_en="Osaka University", country=japan, slug="osaka")
    munich = f.InstitutionFactory(name_en="LMU Munich", country=germany, slug="lmu")
    marine = f.ResearchFieldFactory(slug="marine-drugs", name_en="Marine drugs")
    public = f.CooperationProjectFactory(
        slug="public-lab",
        title_zh_hans="公开项目",
        title_en="Public lab",
        kind=m.ProjectKind.JOINT_LAB,
        partners=[osaka],
        fields=[marine],
    )
    other = f.CooperationProjectFactory(slug="other", partners=[munich])
    draft = f.CooperationProjectFactory(
        slug="draft", publication_status=PublicationStatus.DRAFT, partners=[osaka]
    )
    scheduled = f.CooperationProjectFactory(
        slug="scheduled",
        published_at=timezone.now() + timedelta(days=30),
        partners=[osaka],
    )
    return {
        "public": public,
        "other": other,
        "draft": draft,
        "scheduled": scheduled,
        "osaka": osaka,
    }


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def test_a_projects_partners_come_with_their_roles_lead_first_then_by_name(client, world):
    """As the project's page lists them, whatever order they were stored in and whatever
    the request's language (a binary collation put "Zeta" before "beta")."""
    project, japan = world["public"], world["osaka"].country
    both_names = ("name_zh_hans", "name_en")
    for name, role in [
        ("Zeta Institute", m.PartnerRole.FUNDER),
        ("beta Centre", m.PartnerRole.PARTNER),
        ("Yokohama City University", m.PartnerRole.LEAD_PARTNER),
    ]:
        institution = f.InstitutionFactory(name_en=name, name_zh_hans=name, country=japan)
        m.ProjectPartner.objects.create(project=project, institution=institution, role=role)

    for language in ("en", "zh-hans"):
        response = client.get(api("project-detail", "public-lab"), HTTP_ACCEPT_LANGUAGE=language)
        partners = [(p["name_en"], p["role"]) for p in response.json()["partners"]]
        assert partners == [
            ("Yokohama City University", "lead_partner"),
            ("beta Centre", "partner"),
            ("Zeta Institute", "funder"),
            ("Osaka University", "partner"),  # by its Chinese name, 合作机构…
        ]
    rows = client.get(api("project-list")).json()["results"]
    [row] = [row for row in rows if row["slug"] == "public-lab"]
    assert row["partners"][0]["role"] == "lead_partner"
    assert set(row["partners"][0]) == {"id", "slug", *both_names, "country", "ror_id", "role"}


def test_project_list_shows_only_public_projects_with_both_languages(client, world):
    response = client.get(api("project-list"))

    assert sorted(slugs(response)) == ["other", "public-lab"]
    row = next(r for r in response.json()["results"] if r["slug"] == "public-lab")
    assert (row["title_zh_hans"], row["title_en"]) == ("公开项目", "Public lab")
    assert row["id"] == world["public"].pk
    assert [p["slug"] for p in row["partners"]] == ["osaka"]
    assert row["partners"][0]["country"] == "JP"
    assert row["research_fields"][0]["name_en"] == "Marine drugs"
    assert row["links"]["en"].endswith("/en/projects/public-lab/")
    assert row["links"]["zh-hans"].endswith("/zh-hans/projects/public-lab/")


@pytest.mark.parametrize("slug", ["draft", "scheduled"])
def test_draft_and_scheduled_projects_never_appear(client, world, slug):
    assert client.get(api("project-detail", slug)).status_code == 404
    assert slug not in slugs(client.get(api("project-list"), {"country": "JP"}))
    assert slug not in slugs(client.get(api("project-list"), {"institution": "osaka"}))


def test_project_detail_by_slug_has_body_and_outcomes(client, world):
    response = client.get(api("project-detail", "public-lab"))

    data = response.json()
    assert data["id"] == world["public"].pk
    assert {"body_zh_hans", "body_en", "outcomes_zh_hans", "outcomes_en"} <= set(data)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "JP"}, ["public-lab"]),
        ({"country": "DE"}, ["other"]),
        ({"institution": "lmu"}, ["other"]),
        ({"field": "marine-drugs"}, ["public-lab"]),
        ({"kind": "joint_lab"}, ["public-lab"]),
        ({"year_from": 2019, "year_to": 2021}, ["public-lab", "other"]),
        ({"year_to": 2010}, []),
    ],
)
def test_project_filters_are_the_portals(client, world, params, expected):
    assert sorted(slugs(client.get(api("project-list"), params))) == sorted(expected)


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"kind": "picnic"},
        {"year_from": "abc"},
        {"year_from": 2022, "year_to": 2020},
        {"sort": "price"},
        {"institution": "not a slug!"},
    ],
)
def test_bad_filter_values_get_a_400_with_the_reason(client, world, params):
    response = client.get(api("project-list"), params)

    assert response.status_code == 400
    assert response.json()


def test_pagination_with_page_size_and_count(client, db):
    f.CooperationProjectFactory.create_batch(5)

    first = client.get(api("project-list"), {"page_size": 2}).json()
    last = client.get(api("project-list"), {"page_size": 2, "page": 3}).json()

    assert first["count"] == 5 and len(first["results"]) == 2 and first["next"]
    assert len(last["results"]) == 1 and last["next"] is None
    assert client.get(api("project-list"), {"page": 4, "page_size": 2}).status_code == 404


def test_page_links_leave_out_a_campaign_s_parameters(client, db):
    """A harvester that follows a campaign's link walks the list as the portal's page links
    walk it: ``next`` and ``previous`` keep the filters and page size, not the tracking
    parameters (config.tracking), whatever their place in the query."""
    f.CooperationProjectFactory.create_batch(5)
    campaign = "utm_source=news&utm_source_platform=x&gclid=a&msclkid=b&_hsenc=c&mc_eid=d"
    asked = f"{api('project-list')}?{campaign}&page_size=2&sort=title"

    first = client.get(asked).json()
    middle = client.get(f"{asked}&page=2").json()
    last = client.get(f"{asked}&page=3").json()

    lists = f"http://testserver{api('project-list')}"
    assert first["previous"] is None
    assert first["next"] == f"{lists}?page=2&page_size=2&sort=title"
    assert middle["previous"] == f"{lists}?page_size=2&sort=title"
    assert middle["next"] == f"{lists}?page=3&page_size=2&sort=title"
    assert last["previous"] == f"{lists}?page=2&page_size=2&sort=title"
    assert last["next"] is None
    # Following them reads the same pages as the campaign's link.
    assert client.get(first["next"]).json()["results"] == middle["results"]
    # Without tracking parameters, the links are as before.
    plain = client.get(f"{api('project-list')}?page_size=2&country=&page=2").json()
    assert plain["next"] == f"{lists}?country=&page=3&page_size=2"
    assert plain["previous"] == f"{lists}?country=&page_size=2"


def test_countries_institutions_and_fields(client, world):
    countries = client.get(api("country-list")).json()["results"]
    japan = next(c for c in countries if c["code"] == "JP")
    assert (japan["name_en"], japan["name_zh_hans"]) == ("Japan", "日本")
    assert japan["public_project_count"] == 1  # the draft and the scheduled are not counted

    assert client.get(api("country-detail", "JP")).json()["code"] == "JP"
    assert client.get(api("country-detail", "BR")).status_code == 404

    institutions = client.get(api("institution-list"), {"country": "DE"}).json()["results"]
    assert [i["slug"] for i in institutions] == ["lmu"]
    assert client.get(api("institution-detail", "osaka")).json()["country"] == "JP"

    field = client.get(api("field-detail", "marine-drugs")).json()
    assert field["name_en"] == "Marine drugs" and field["parent"] is None


def test_awards_only_public_with_level_and_year_filters(client, db):
    draft_project = f.CooperationProjectFactory(publication_status=PublicationStatus.DRAFT)
    f.AwardFactory(slug="national", level=m.AwardLevel.NATIONAL, year=2009)
    f.AwardFactory(slug="to-draft", level=m.AwardLevel.PROVINCIAL, recipient_project=draft_project)
    f.AwardFactory(slug="hidden", publication_status=PublicationStatus.DRAFT)
    f.AwardFactory(slug="later", published_at=timezone.now() + timedelta(days=2))

    assert sorted(slugs(client.get(api("award-list")))) == ["national", "to-draft"]
    assert slugs(client.get(api("award-list"), {"level": "national"})) == ["national"]
    assert slugs(client.get(api("award-list"), {"year": 2009})) == ["national"]
    # A recipient project that is not public is not named.
    recipient = client.get(api("award-detail", "to-draft")).json()["recipient"]
    assert recipient == {"type": "project", "slug": None, "name_zh_hans": None, "name_en": None}
    assert client.get(api("award-detail", "hidden")).status_code == 404


def test_news_only_public_and_related_projects_only_public(client, world):
    f.ArticleFactory(slug="news", related_projects=[world["public"], world["draft"]])
    f.ArticleFactory(slug="draft-news", publication_status=PublicationStatus.DRAFT)
    f.ArticleFactory(slug="soon", published_at=timezone.now() + timedelta(hours=1))

    assert slugs(client.get(api("article-list"))) == ["news"]
    article = client.get(api("article-detail", "news")).json()
    assert [p["slug"] for p in article["related_projects"]] == ["public-lab"]
    assert {"body_zh_hans", "body_en"} <= set(article)
    assert client.get(api("article-detail", "draft-news")).status_code == 404
    assert slugs(client.get(api("article-list"), {"category": "base-news"})) == ["news"]


def test_etag_gives_304_and_cache_control_is_public_and_short(client, world):
    first = client.get(api("project-list"))
    assert first["ETag"]
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]

    again = client.get(api("project-list"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""

    world["public"].title_en = "Renamed"
    world["public"].save()
    changed = client.get(api("project-list"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_last_modified_gives_304_until_a_record_changes(client, world):
    start = timezone.now() + timedelta(seconds=2)  # the second of world's changes is over
    with time_machine.travel(start, tick=False):
        first = client.get(api("project-list"))
    stamp = first["Last-Modified"]
    assert parse_http_date(stamp) <= int(start.timestamp())

    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        again = client.get(api("project-list"), HTTP_IF_MODIFIED_SINCE=stamp)
        assert again.status_code == 304
        world["public"].title_en = "Renamed"
        world["public"].save()
    with time_machine.travel(start + timedelta(seconds=6), tick=False):
        changed = client.get(api("project-list"), HTTP_IF_MODIFIED_SINCE=stamp)
    assert changed.status_code == 200
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(stamp)


def test_an_answer_within_the_second_of_a_change_is_not_dated(client, world):
    """HTTP dates count whole seconds: an answer dated in the second of the last change
    might miss a second change within it, and a client asking If-Modified-Since that date
    would then be told nothing changed (two saves within a second: an admin's form saves
    the record, then its inlines)."""
    second = timezone.now().replace(microsecond=0) + timedelta(seconds=10)
    with time_machine.travel(second + timedelta(milliseconds=200), tick=False):
        world["public"].title_en = "First change"
        world["public"].save()
    with time_machine.travel(second + timedelta(milliseconds=500), tick=False):
        within = client.get(api("project-list"))
        assert "First change" in within.content.decode()
        assert "Last-Modified" not in within
    with time_machine.travel(second + timedelta(milliseconds=800), tick=False):
        world["public"].title_en = "Second change"
        world["public"].save()
    with time_machine.travel(second + timedelta(seconds=1, milliseconds=100), tick=False):
        after = client.get(api("project-list"))
    # Dated once its second is over, by the end of that second, rounded up.
    assert parse_http_date(after["Last-Modified"]) == int(second.timestamp()) + 1
    assert "Second change" in after.content.decode()


def test_last_modified_moves_when_a_scheduled_record_comes_due(client, world):
    """Nothing is saved when a scheduled article becomes public; the list changes all the same."""
    start = timezone.now()
    f.ArticleFactory(slug="scheduled", published_at=start + timedelta(hours=1))
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        before = client.get(api("article-list"))
        assert "scheduled" not in slugs(before)
    stamp = before["Last-Modified"]

    with time_machine.travel(start + timedelta(hours=2), tick=False):
        after = client.get(api("article-list"), HTTP_IF_MODIFIED_SINCE=stamp)

    assert after.status_code == 200
    assert "scheduled" in slugs(after)
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(stamp)


def test_the_exchanges_last_modified_moves_when_a_scheduled_exchange_comes_due(client, world):
    """Exchanges have their own publication state (cooperation.0016): one coming due
    changes the list as a project coming due does."""
    start = timezone.now()
    f.ExchangeFactory(title_en="A scheduled visit", published_at=start + timedelta(hours=1))
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        before = client.get(api("exchange-list"))
        assert "A scheduled visit" not in before.content.decode()
    stamp = before["Last-Modified"]

    with time_machine.travel(start + timedelta(hours=2), tick=False):
        after = client.get(api("exchange-list"), HTTP_IF_MODIFIED_SINCE=stamp)

    assert after.status_code == 200
    assert "A scheduled visit" in after.content.decode()
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(stamp)


def test_the_country_list_gives_the_partner_countries_the_portal_lists(client, world):
    """A country entered with no public project (its one project a draft, or none at all)
    is no partner the portal shows: the API's list leaves it out too, unless asked for
    every country entered (``all=true``), and its own address still answers, as its page."""
    canada = f.PartnerCountryFactory(country="CA", region=m.Region.NORTH_AMERICA)
    f.CooperationProjectFactory(
        partners=[f.InstitutionFactory(country=canada)], publication_status="draft"
    )
    f.PartnerCountryFactory(country="BR")

    def codes(query: dict) -> list[str]:
        response = client.get(api("country-list"), query)
        assert response.status_code == 200, response.content
        assert response.json()["count"] == len(response.json()["results"])
        return [country["code"] for country in response.json()["results"]]

    portal = client.get("/en/countries/").context["countries"]
    assert codes({}) == codes({"all": "false"}) == sorted(c.code for c in portal) == ["DE", "JP"]
    assert codes({"all": "true"}) == ["BR", "CA", "DE", "JP"]
    assert codes({"all": "true", "region": "north_america"}) == ["CA"]
    assert codes({"region": "north_america"}) == []
    assert client.get(api("country-detail", "CA")).json()["public_project_count"] == 0

    refused = client.get(api("country-list"), {"all": "yes"})
    assert refused.status_code == 400
    assert list(refused.json()) == ["all"]


def test_country_counts_are_kept_until_the_projects_change(client, world):
    def japan_count() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as captured:
            countries = client.get(api("country-list")).json()["results"]
        partnership_reads = [
            q["sql"] for q in captured.captured_queries if "projectpartner" in q["sql"]
        ]
        return next(c for c in countries if c["code"] == "JP")["public_project_count"], (
            partnership_reads
        )

    assert japan_count()[0] == 1
    assert japan_count() == (1, [])  # kept: no partnership read again
    f.CooperationProjectFactory(partners=[world["osaka"]])
    assert japan_count()[0] == 2
    # A scheduled project coming due counts without any record saved.
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert japan_count()[0] == 3
        assert client.get(api("country-detail", "JP")).json()["public_project_count"] == 3


def test_achievements_and_exchanges_only_public_with_the_portal_filters(client, world):
    public, draft = world["public"], world["draft"]
    paper = f.AchievementFactory(
        project=public, year=2022, identifier="10.1038/s41586-020-2649-2", title_en="Paper"
    )
    patent = f.AchievementFactory(project=None, kind=m.AchievementKind.PATENT, year=2019)
    hidden = f.AchievementFactory(project=draft)
    ids = lambda response: [record["id"] for record in response.json()["results"]]  # noqa: E731

    assert ids(client.get(api("achievement-list"))) == [paper.pk, patent.pk]
    assert ids(client.get(api("achievement-list"), {"kind": "patent"})) == [patent.pk]
    assert ids(client.get(api("achievement-list"), {"year": 2022})) == [paper.pk]
    record = client.get(api("achievement-detail", paper.pk)).json()
    assert record["link"] == "https://doi.org/10.1038/s41586-020-2649-2"
    assert record["title_en"] == "Paper"
    assert record["project"]["slug"] == "public-lab"
    assert client.get(api("achievement-detail", patent.pk)).json()["project"] is None
    assert client.get(api("achievement-detail", hidden.pk)).status_code == 404

    osaka = world["osaka"]
    visit = f.ExchangeFactory(country=osaka.country, institution=osaka, project=public)
    germany = m.PartnerCountry.objects.get(country="DE")
    scholar = f.ExchangeFactory(country=germany, kind=m.ExchangeKind.VISITING_SCHOLAR)
    secret = f.ExchangeFactory(country=osaka.country, project=world["scheduled"])
    assert sorted(ids(client.get(api("exchange-list")))) == sorted([visit.pk, scholar.pk])
    assert ids(client.get(api("exchange-list"), {"country": "DE"})) == [scholar.pk]
    assert ids(client.get(api("exchange-list"), {"kind": "incoming_visit"})) == [visit.pk]
    record = client.get(api("exchange-detail", visit.pk)).json()
    assert record["country"] == "JP"
    assert record["institution"]["slug"] == "osaka" and record["institution"]["country"] == "JP"
    assert record["project"]["slug"] == "public-lab"
    assert record["people_count"] == visit.people_count
    assert client.get(api("exchange-detail", secret.pk)).status_code == 404

    for name, bad in [
        ("achievement-list", {"kind": "novel"}),
        ("achievement-list", {"year": "abc"}),
        ("exchange-list", {"country": "FR"}),  # not a partner country
        ("exchange-list", {"year": "9" * 30}),
    ]:
        assert client.get(api(name), bad).status_code == 400, (name, bad)
    for huge in ["9" * 18, "9" * 30]:  # an id past any integer column; no such address
        assert client.get(f"/api/v1/achievements/{huge}/").status_code == 404
        assert client.get(f"/api/v1/exchanges/{huge}/").status_code == 404


def test_anonymous_clients_are_throttled_with_429(client, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }
    statuses = [client.get(api("field-list")).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert "Retry-After" in client.get(api("field-list"))


@pytest.mark.parametrize(
    "name",
    [
        "project-list",
        "country-list",
        "institution-list",
        "unit-list",
        "researcher-list",
        "award-list",
        "achievement-list",
        "exchange-list",
        "article-list",
    ],
)
def test_list_pages_make_a_fixed_number_of_queries(client, db, django_assert_max_num_queries, name):
    country = f.PartnerCountryFactory(country="JP")
    for n in range(15):
        institutions = f.InstitutionFactory.create_batch(2, country=country)
        project = f.CooperationProjectFactory(
            partners=institutions,
            fields=[f.ResearchFieldFactory()],
            principal_investigator=f.ResearcherFactory(),
        )
        f.AwardFactory(recipient_project=project if n % 2 else None)
        f.ArticleFactory(related_projects=[project])
        f.AchievementFactory(project=project if n % 2 else None)
        f.ExchangeFactory(country=country, institution=institutions[0], project=project)

    # A fresh cache: the list's count and when the next scheduled record comes due are read
    # and kept (api/pagination.py); the requests after it read neither.
    with django_assert_max_num_queries(7) as fresh:
        response = client.get(api(name), {"page_size": 100})
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(api(name), {"page_size": 100, "page": 1}).status_code == 200
    assert not any("COUNT(" in query["sql"] for query in warm.captured_queries)
    assert len(warm) <= min(len(fresh), 5)


def test_a_list_s_count_is_kept_once_for_every_campaign_linking_to_it(client, db):
    """The tracking parameters select nothing: a list's count and anchors are kept by the
    query without them (api/pagination.py), not once per campaign's link."""
    f.CooperationProjectFactory.create_batch(3)
    assert client.get(api("project-list"), {"utm_source": "a"}).status_code == 200

    for query in ({"utm_source": "b", "gclid": "x"}, {"fbclid": "y", "page": "1"}, {}):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(api("project-list"), query)
        assert response.json()["count"] == 3
        assert not any("COUNT(" in sql["sql"] for sql in captured.captured_queries), query
    # Another selection is counted for itself.
    with CaptureQueriesContext(connection) as captured:
        client.get(api("project-list"), {"utm_source": "a", "country": "JP"})
    assert any("COUNT(" in sql["sql"] for sql in captured.captured_queries)


@pytest.mark.parametrize(
    ("name", "model"), [("article-list", "article"), ("project-list", "project")]
)
def test_a_harvester_walking_every_page_gets_each_record_once_in_order(
    client, db, monkeypatch, name, model
):
    """Deep pages are read keys first, from kept anchors (config.pagination.RowsByKeys),
    and the count is kept: walking every page gives the whole list in its order, once,
    among records of the same date too, and after a change."""
    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    monkeypatch.setattr(RowsByKeys, "anchor_every", 3)
    same_time = timezone.now() - timedelta(days=1)
    for n in range(11):
        if model == "article":
            f.ArticleFactory(published_at=same_time if n % 2 else timezone.now() - timedelta(n))
        else:
            start = same_time.date() if n % 2 else (same_time - timedelta(n * 30)).date()
            f.CooperationProjectFactory(start_date=start)

    def walk() -> list[str]:
        slugs, page = [], 1
        while True:
            response = client.get(api(name), {"page_size": 2, "page": page})
            assert response.status_code == 200
            slugs += [record["slug"] for record in response.json()["results"]]
            if not response.json()["next"]:
                return slugs
            page += 1

    def expected() -> list[str]:
        if model == "article":
            records = Article.objects.public().order_by("-published_at", "-id")
        else:
            records = m.CooperationProject.objects.public().order_by("-start_date", "-id")
        return [record.slug for record in records]

    assert walk() == expected()
    with CaptureQueriesContext(connection) as again:
        assert walk() == expected()
    assert not any("COUNT(" in query["sql"] or "ROW_NUMBER" in query["sql"] for query in again)
    if model == "article":
        f.ArticleFactory(published_at=same_time)
    else:
        f.CooperationProjectFactory(start_date=same_time.date())
    assert walk() == expected()


def test_the_apis_address_lists_its_datasets_schema_and_docs(client, db):
    """/api/v1/, the address the open data page gives, answers (it was a 404)."""
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert 'rel="license"' in response["Link"]
    body = response.json()
    assert set(body["datasets"]) == {
        "projects", "countries", "institutions", "fields", "units",
        "researchers", "awards", "achievements", "exchanges", "news",
    }  # fmt: skip
    assert body["datasets"]["projects"] == "http://testserver/api/v1/projects/"
    assert body["schema"] == "http://testserver/api/v1/schema/"
    for address in [*body["datasets"].values(), body["docs"]]:
        assert client.get(address).status_code == 200, address
    etag = response["ETag"]
    assert client.get("/api/v1/", headers={"if-none-match": etag}).status_code == 304


def test_an_empty_text_is_an_empty_string_in_either_language_and_news_has_its_cover(
    client, db, settings, tmp_path
):
    """An article's unwritten source read null in one language and "" in the other, and the
    API gave no cover image, which its page shows."""
    settings.MEDIA_ROOT = tmp_path
    f.ArticleFactory(
        slug="with-cover",
        source_zh_hans=None,
        source_en="",
        cover_image=jpeg(1200, 600),
        cover_image_alt_zh_hans="颁奖仪式",
        cover_image_alt_en="The award ceremony",
    )
    f.ArticleFactory(slug="no-cover")
    japan = f.PartnerCountryFactory(country="JP")
    institution = f.InstitutionFactory(name_en=None, country=japan)
    f.CooperationProjectFactory(slug="p", partners=[institution])

    article = client.get(api("article-detail", "with-cover")).json()
    assert (article["source_zh_hans"], article["source_en"]) == ("", "")
    assert article["cover_image"].startswith("http://testserver/media/")
    assert (article["cover_image_alt_zh_hans"], article["cover_image_alt_en"]) == (
        "颁奖仪式",
        "The award ceremony",
    )
    bare = client.get(api("article-detail", "no-cover")).json()
    assert bare["cover_image"] is None and bare["cover_image_alt_en"] == ""
    [partner] = client.get(api("project-detail", "p")).json()["partners"]
    assert partner["name_en"] == ""
    # The schema says so too: a text is a string, not "string or null".
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    article_schema = schema["components"]["schemas"]["ArticleDetail"]["properties"]
    assert "nullable" not in article_schema["source_en"]


def test_a_country_in_lower_case_moves_to_its_code_in_capitals(client, world):
    """As its record gives its code (``"JP"``) and as the list's filter takes it
    (``?country=jp`` is sent on to ``JP``): one address per country."""
    moved = client.get("/api/v1/countries/jp/", {"format": "json"})

    assert moved.status_code == 301
    assert moved["Location"] == "/api/v1/countries/JP/?format=json"
    assert client.get("/api/v1/countries/jP/")["Location"] == "/api/v1/countries/JP/"
    record = client.get(moved["Location"])  # no loop: the code in capitals is the record
    assert record.status_code == 200
    assert record.json()["code"] == "JP"
