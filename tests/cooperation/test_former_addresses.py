"""A record whose slug changed is still found at its old address: a permanent redirect."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cooperation import pending
from cooperation.addresses import former_slugs
from cooperation.models import CooperationProject, FormerSlug, Unit
from cooperation.publication import PublicationStatus
from news.models import Article, Category
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import form_data

# Every record with a public page at its slug.
RECORDS = [
    pytest.param(f.CooperationProjectFactory, id="project"),
    pytest.param(f.AwardFactory, id="award"),
    pytest.param(f.ArticleFactory, id="article"),
    pytest.param(f.InstitutionFactory, id="institution"),
    pytest.param(f.ResearchFieldFactory, id="field"),
    pytest.param(f.UnitFactory, id="unit"),
    pytest.param(f.ResearcherFactory, id="researcher"),
    pytest.param(f.PageFactory, id="page"),
]


def address(record, language: str = "en") -> str:
    with translation.override(language):
        return record.get_absolute_url()


def renamed(record, slug: str):
    record.slug = slug
    record.save()
    return record


@pytest.mark.django_db
@pytest.mark.parametrize("factory", RECORDS)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_records_old_address_redirects_for_good_to_its_new_one(factory, language):
    record = factory(slug="old-address")
    old = address(record, language)
    renamed(record, "new-address")

    response = Client().get(old)

    assert response.status_code == 301
    assert response["Location"] == address(record, language)
    assert "/new-address/" in response["Location"]
    assert Client().get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_the_redirect_keeps_the_query_string():
    project = f.CooperationProjectFactory(slug="old-address")
    old = address(project)
    renamed(project, "new-address")

    response = Client().get(old, {"utm_source": "report", "x": "1"})

    assert response.status_code == 301
    assert response["Location"] == f"{address(project)}?utm_source=report&x=1"


@pytest.mark.django_db
def test_every_former_address_leads_to_the_last_one():
    project = f.CooperationProjectFactory(slug="first")
    first = address(project)
    second = address(renamed(project, "second"))
    renamed(project, "third")

    for old in (first, second):
        response = Client().get(old)
        assert response.status_code == 301
        assert response["Location"] == address(project)
    assert list(former_slugs(project).values_list("slug", flat=True)) == ["second", "first"]


@pytest.mark.django_db
def test_a_record_that_is_not_public_is_not_found_at_its_old_address_either():
    project = f.CooperationProjectFactory(slug="old-address")
    old = address(project)
    renamed(project, "new-address")
    project.publication_status = PublicationStatus.DRAFT
    project.save()

    assert Client().get(old).status_code == 404
    assert Client().get(address(project)).status_code == 404


@pytest.mark.django_db
def test_a_live_slug_wins_over_another_records_former_one():
    moved = f.CooperationProjectFactory(slug="shared", title_en="Moved away")
    shared = address(moved)
    renamed(moved, "elsewhere")
    newcomer = f.CooperationProjectFactory(slug="shared", title_en="Lives here now")

    response = Client().get(shared)

    assert response.status_code == 200
    assert response.context["project"] == newcomer

    # When the newcomer moves on too, the address follows the last record that had it.
    renamed(newcomer, "further")
    response = Client().get(shared)
    assert response.status_code == 301
    assert response["Location"] == address(newcomer)


@pytest.mark.django_db
def test_a_save_that_keeps_the_slug_keeps_no_former_one():
    project = f.CooperationProjectFactory(slug="same")
    project.title_en = "A new title"
    project.save()

    assert not FormerSlug.objects.exists()


@pytest.mark.django_db
def test_deleting_a_record_forgets_its_former_slugs():
    unit = f.UnitFactory(slug="old-unit")
    old = address(unit)
    renamed(unit, "new-unit")
    assert former_slugs(unit).exists()

    unit.delete()

    assert not FormerSlug.objects.exists()
    assert Client().get(old).status_code == 404


@pytest.mark.django_db
def test_an_unknown_address_is_still_not_found_and_a_live_page_never_looks_further(
    page_cache_off,
):
    project = f.CooperationProjectFactory(slug="live")
    client = Client()
    client.get(address(project))  # what the page keeps, read once

    with CaptureQueriesContext(connection) as live:
        assert client.get(address(project)).status_code == 200
    with CaptureQueriesContext(connection) as missing:
        assert client.get("/en/projects/no-such-project/").status_code == 404

    assert not any("formerslug" in query["sql"] for query in live.captured_queries)
    assert sum("formerslug" in query["sql"] for query in missing.captured_queries) == 1


@pytest.mark.django_db
def test_a_publisher_renaming_a_record_in_the_admin_keeps_its_old_address(publisher):
    project = f.CooperationProjectFactory(slug="old-address", title_en="Renamed in the admin")
    old = address(project)
    change = admin_url(CooperationProject, "change", project.pk)
    client = Client(headers={"accept-language": "en"})
    client.force_login(publisher)

    response = client.post(change, form_data(client, change, slug="new-address"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.slug == "new-address"
    assert Client().get(old)["Location"] == address(project)
    # The form says so, and names the slug it had.
    form = client.get(change)
    assert "the old address keeps working" in form.text
    assert "Former slugs: old-address" in form.text


@pytest.mark.django_db
def test_a_slug_change_waiting_for_review_moves_the_page_only_once_published(editor, publisher):
    article = f.ArticleFactory(slug="live-address", title_en="Waits for review")
    live = address(article)
    change = admin_url(Article, "change", article.pk)
    writer = Client(headers={"accept-language": "en"})
    writer.force_login(editor)

    assert writer.post(change, form_data(writer, change, slug="waiting-address")).status_code == 302

    article.refresh_from_db()
    assert article.slug == "live-address"
    assert Client().get(live).status_code == 200

    pending.publish(article, publisher)

    article.refresh_from_db()
    assert article.slug == "waiting-address"
    response = Client().get(live)
    assert response.status_code == 301
    assert response["Location"] == address(article)


@pytest.mark.django_db
@pytest.mark.parametrize("feed", ["news:category-feed-rss", "news:category-feed-atom"])
def test_a_renamed_categorys_feeds_send_subscribers_to_their_new_address(feed):
    category = f.CategoryFactory(slug="old-category")
    f.ArticleFactory(category=category)
    with translation.override("en"):
        old = reverse(feed, kwargs={"slug": "old-category"})
        new = reverse(feed, kwargs={"slug": "new-category"})
    renamed(category, "new-category")

    response = Client().get(old)

    assert response.status_code == 301
    assert response["Location"] == new
    assert Client().get(new).status_code == 200
    assert Category.objects.get().slug == "new-category"


@pytest.mark.django_db
def test_the_api_sends_a_record_asked_for_by_its_old_slug_to_its_new_one():
    project = f.CooperationProjectFactory(slug="old-address")
    renamed(project, "new-address")

    response = Client().get("/api/v1/projects/old-address/?format=json")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/projects/new-address/?format=json"
    assert Client().get(response["Location"]).json()["slug"] == "new-address"
    assert Client().get("/api/v1/projects/no-such-project/").status_code == 404


@pytest.mark.django_db
def test_a_preview_of_a_record_that_does_not_exist_is_still_not_found(publisher):
    # Previews find records by id: a miss there has no slug to look up.
    client = Client()
    client.force_login(publisher)

    assert client.get(reverse("cooperation:project-preview", args=[999999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "model"),
    [
        pytest.param(f.InstitutionFactory, "cooperation/institution", id="institution"),
        pytest.param(f.ResearchFieldFactory, "cooperation/researchfield", id="field"),
        pytest.param(f.UnitFactory, "cooperation/unit", id="unit"),
        pytest.param(f.ResearcherFactory, "cooperation/researcher", id="researcher"),
        pytest.param(f.AwardFactory, "cooperation/award", id="award"),
        pytest.param(f.ArticleFactory, "news/article", id="article"),
        pytest.param(f.CategoryFactory, "news/category", id="category"),
        pytest.param(f.PageFactory, "portal/page", id="page"),
    ],
)
def test_every_records_form_says_what_a_new_slug_does(factory, model):
    record = factory(slug="old-address")
    renamed(record, "new-address")
    admin = Client(headers={"accept-language": "en"})
    admin.force_login(f.UserFactory(is_staff=True, is_superuser=True))

    added = admin.get(f"/admin/{model}/add/")
    changed = admin.get(f"/admin/{model}/{record.pk}/change/")

    assert "the old address keeps working" in added.text
    assert "Former slugs: old-address" in changed.text


@pytest.mark.django_db
def test_a_loaded_record_is_saved_without_reading_its_slug_again():
    # A spreadsheet import saves thousands of loaded records: none pays a query for this.
    f.UnitFactory(slug="unit-a")
    unit = Unit.objects.get(slug="unit-a")
    unit.name_en = "Renamed unit"
    with CaptureQueriesContext(connection) as saving:
        unit.save()
    unit.slug = "unit-b"
    with CaptureQueriesContext(connection) as moving:
        unit.save()

    for save in (saving, moving):
        assert not any(
            q["sql"].startswith("SELECT") and 'FROM "cooperation_unit"' in q["sql"]
            for q in save.captured_queries
        )
    assert list(former_slugs(unit).values_list("slug", flat=True)) == ["unit-a"]


@pytest.mark.django_db
def test_a_record_back_at_a_slug_it_had_is_found_there_and_not_told_it_had_it():
    project = f.CooperationProjectFactory(slug="first")
    renamed(project, "second")
    renamed(project, "first")

    assert Client().get(address(project)).status_code == 200
    assert Client().get("/en/projects/second/")["Location"] == address(project)
    assert list(former_slugs(project).values_list("slug", flat=True)) == ["second"]


# --- lists filtered by a record's slug: a link kept from before it was renamed ---


@pytest.mark.django_db
def test_the_directory_filtered_by_a_fields_former_slug_moves_to_its_slug_now():
    field = f.ResearchFieldFactory(slug="old-field")
    project = f.CooperationProjectFactory(fields=[field], title_en="Field project")
    renamed(field, "new-field")

    response = Client().get("/en/projects/", {"field": "old-field", "status": "", "page": "2"})

    assert response.status_code == 301
    assert response["Location"] == "/en/projects/?field=new-field&status="
    listed = Client().get(response["Location"])
    assert list(listed.context["projects"]) == [project]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "parameter", "make_project"),
    [
        pytest.param(
            f.InstitutionFactory,
            "institution",
            lambda record: f.CooperationProjectFactory(partners=[record]),
            id="institution",
        ),
        pytest.param(
            f.UnitFactory,
            "unit",
            lambda record: f.CooperationProjectFactory(lead_unit=record),
            id="unit",
        ),
        pytest.param(
            f.ResearcherFactory,
            "researcher",
            lambda record: f.CooperationProjectFactory(principal_investigator=record),
            id="researcher",
        ),
    ],
)
def test_the_directorys_other_record_filters_follow_a_rename(factory, parameter, make_project):
    record = factory(slug="old-slug")
    project = make_project(record)
    renamed(record, "new-slug")

    response = Client().get("/en/projects/", {parameter: "old-slug"})

    assert response.status_code == 301
    assert response["Location"] == f"/en/projects/?{parameter}=new-slug"
    assert project.title_en in Client().get(response["Location"]).text


@pytest.mark.django_db
def test_the_exchanges_of_a_renamed_institution_follow_it():
    institution = f.InstitutionFactory(slug="old-institution")
    f.ExchangeFactory(institution=institution, country=institution.country)
    renamed(institution, "new-institution")

    response = Client().get("/en/exchanges/", {"institution": "old-institution"})

    assert response.status_code == 301
    assert response["Location"] == "/en/exchanges/?institution=new-institution"
    assert Client().get(response["Location"]).context["exchanges"]


@pytest.mark.django_db
def test_the_news_of_a_renamed_category_follow_it_where_the_old_one_was_refused():
    category = f.CategoryFactory(slug="old-category")
    article = f.ArticleFactory(category=category)
    renamed(category, "new-category")

    response = Client().get("/en/news/", {"category": "old-category"})

    assert response.status_code == 301
    assert response["Location"] == "/en/news/?category=new-category"
    assert article.title_en in Client().get(response["Location"]).text
    assert Client().get("/en/news/", {"category": "never-was"}).status_code == 400


@pytest.mark.django_db
def test_a_slug_a_record_has_now_is_never_sent_elsewhere_even_listing_nothing():
    moved = f.ResearchFieldFactory(slug="shared")
    f.CooperationProjectFactory(fields=[moved])
    renamed(moved, "elsewhere")
    f.ResearchFieldFactory(slug="shared")  # takes the slug, with no project

    response = Client().get("/en/projects/", {"field": "shared"})

    assert response.status_code == 200
    assert response.context["paginator"].count == 0


@pytest.mark.django_db
def test_a_list_that_finds_records_never_looks_for_former_slugs(page_cache_off):
    field = f.ResearchFieldFactory(slug="a-field")
    f.CooperationProjectFactory(fields=[field])

    with CaptureQueriesContext(connection) as queries:
        assert Client().get("/en/projects/", {"field": "a-field"}).status_code == 200

    assert not any("formerslug" in query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db
def test_the_news_of_a_renamed_topic_follow_it():
    topic = f.TopicFactory(slug="old-topic")
    article = f.ArticleFactory()
    article.topics.add(topic)
    renamed(topic, "new-topic")

    response = Client().get("/en/news/", {"topic": "old-topic"})

    assert response.status_code == 301
    assert response["Location"] == "/en/news/?topic=new-topic"
    assert article.title_en in Client().get(response["Location"]).text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "parameter", "model_name"),
    [
        ("/en/projects/", "field", "research field"),
        ("/en/projects/", "institution", "institution"),
        ("/en/projects/", "unit", "unit"),
    ],
)
def test_a_list_filtered_by_a_record_that_does_not_exist_says_so(path, parameter, model_name):
    """A facet's value naming no record. (A noted filter, ``?researcher=nobody``, says
    "nothing is known as" in its note, with the link that removes it.)"""
    f.CooperationProjectFactory()
    f.ExchangeFactory()
    response = Client().get(path, {parameter: "nope"})
    assert response.status_code == 400
    assert f"No {model_name} has the address “nope”." in response.text
    # A record there, even with nothing to list, is no error.
    existing = {"field": f.ResearchFieldFactory, "institution": f.InstitutionFactory}
    existing |= {"researcher": f.ResearcherFactory, "unit": f.UnitFactory}
    record = existing[parameter](slug="empty")
    assert Client().get(path, {parameter: record.slug}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/projects/", "/en/exchanges/"])
def test_a_country_code_in_lower_case_moves_to_the_code_in_capitals(path):
    japan = f.PartnerCountryFactory(country="JP")
    f.ExchangeFactory(country=japan)
    response = Client().get(path, {"country": "jp", "page": "2"})
    assert response.status_code == 301
    assert response["Location"] == f"{path}?country=JP"
    assert Client().get(path, {"country": "zz"}).status_code == 400  # no country at all


# --- a partner country's former code: its address is its ISO code ---


def recoded(country, code: str):
    country.country = code
    country.save()
    return country


@pytest.fixture
def recoded_country(db):
    """A partner entered as Austria (AT) by mistake, then corrected to Australia (AU)."""
    country = f.PartnerCountryFactory(country="AT")
    institution = f.InstitutionFactory(country=country, slug="anu")
    project = f.CooperationProjectFactory(partners=[institution], title_en="Canberra project")
    f.ExchangeFactory(country=country, institution=institution, title_en="Canberra visit")
    return {"country": recoded(country, "AU"), "project": project, "institution": institution}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_countrys_former_code_leads_to_its_page_for_good(recoded_country, language):
    response = Client().get(f"/{language}/countries/at/", {"from": "report"})

    assert response.status_code == 301
    assert response["Location"] == f"/{language}/countries/au/?from=report"
    assert Client().get(response["Location"]).status_code == 200
    # In capitals, as any code: first to the lower case, then on.
    assert Client().get("/en/countries/AT/")["Location"] == "/en/countries/at/"
    assert Client().get("/en/countries/nz/").status_code == 404  # never a partner


def test_a_countrys_form_names_its_former_codes(recoded_country):
    admin = Client(headers={"accept-language": "en"})
    admin.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    country = recoded_country["country"]

    changed = admin.get(f"/admin/cooperation/partnercountry/{country.pk}/change/")

    assert "the old address keeps working" in changed.text
    assert "Former codes: AT" in changed.text


@pytest.mark.parametrize(
    ("path", "listed"),
    [
        ("/en/projects/", "Canberra project"),  # any ISO code: an empty list
        ("/en/exchanges/", "Canberra visit"),  # partner countries only: a refused one
        ("/en/institutions/", "/en/institutions/anu/"),
    ],
)
def test_a_list_filtered_by_a_countrys_former_code_moves_to_its_code_now(
    recoded_country, path, listed
):
    for code in ("AT", "at"):
        response = Client().get(path, {"country": code, "page": "2"})
        assert response.status_code == 301
        assert response["Location"] == f"{path}?country=AU"
    assert listed in Client().get(f"{path}?country=AU").text


def test_a_countrys_code_now_is_never_sent_elsewhere(recoded_country):
    # Austria becomes a partner in its own right: its code is its own again.
    f.PartnerCountryFactory(country="AT")
    assert Client().get("/en/countries/at/").status_code == 200
    response = Client().get("/en/projects/", {"country": "AT"})
    assert response.status_code == 200
    assert response.context["paginator"].count == 0


@pytest.mark.parametrize(
    "path",
    ["/api/v1/projects/", "/api/v1/exchanges/", "/api/v1/institutions/"],
)
def test_the_api_lists_follow_a_countrys_former_code(recoded_country, path):
    response = Client().get(path, {"country": "AT"})
    assert response.status_code == 301
    assert response["Location"] == f"{path}?country=AU"
    assert Client().get(response["Location"]).json()["count"] == 1


def test_the_api_sends_a_country_asked_for_by_its_former_code_to_its_code_now(recoded_country):
    response = Client().get("/api/v1/countries/AT/")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/countries/AU/"
    assert Client().get(response["Location"]).json()["code"] == "AU"
    missing = Client().get("/api/v1/countries/NZ/")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found."}


# --- exports filtered by a former slug or code: sent on, as their lists are ---


@pytest.mark.django_db
@pytest.mark.parametrize("export", ["/en/projects/export.csv", "/en/projects/export.json"])
def test_a_project_export_by_a_former_slug_moves_to_the_slug_now(export):
    field = f.ResearchFieldFactory(slug="old-field")
    f.CooperationProjectFactory(fields=[field], title_en="Field project")
    renamed(field, "new-field")

    response = Client().get(export, {"field": "old-field", "kind": ""})

    assert response.status_code == 301
    assert response["Location"] == f"{export}?field=new-field&kind="
    followed = Client().get(response["Location"])
    assert followed.status_code == 200
    assert "Field project" in followed.getvalue().decode()


@pytest.mark.parametrize(
    ("export", "query", "now"),
    [
        ("/en/projects/export.csv", "country=AT", "country=AU"),
        ("/en/projects/export.json", "country=AT", "country=AU"),
        ("/en/exchanges/export.csv", "country=AT", "country=AU"),  # a refused choice
        ("/en/exchanges/export.csv", "institution=anu", "institution=anu-canberra"),
    ],
)
def test_exports_by_a_countrys_former_code_or_an_institutions_former_slug_move(
    recoded_country, export, query, now
):
    renamed(recoded_country["institution"], "anu-canberra")

    response = Client().get(f"{export}?{query}")

    assert response.status_code == 301
    assert response["Location"] == f"{export}?{now}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "export", ["/en/projects/export.csv", "/en/projects/export.json", "/en/exchanges/export.csv"]
)
def test_an_export_naming_a_record_that_never_existed_says_so(export):
    f.CooperationProjectFactory()
    response = Client().get(export, {"institution": "nope"})
    assert response.status_code == 400
    assert "No institution has the address “nope”." in str(response.json()["errors"])
    # A record there, even with nothing to export, is no error.
    f.InstitutionFactory(slug="empty")
    assert Client().get(export, {"institution": "empty"}).status_code == 200


@pytest.mark.django_db
def test_an_export_that_finds_records_never_looks_for_former_slugs(page_cache_off):
    field = f.ResearchFieldFactory(slug="a-field")
    f.CooperationProjectFactory(fields=[field])

    for export in ("/en/projects/export.csv", "/en/projects/export.json"):
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(export, {"field": "a-field"})
            response.getvalue()  # streamed: its query runs as it is read
        assert response.status_code == 200
        assert not any("formerslug" in query["sql"] for query in queries.captured_queries)
