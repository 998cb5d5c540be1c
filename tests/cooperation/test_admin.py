"""The back office: every model's pages load in a fixed number of queries, and they work."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_countries import countries

from config.admin_search import BoundedSearchMixin
from cooperation import models as m
from cooperation.publication import PublicationStatus
from news.models import Article
from portal.models import Page, Redirect
from tests import factories as f
from tests.admin_helpers import addable_in_admin, admin_url, registered_models
from tests.plans import plan_with_scans_forbidden, table_constraints

# The same ceilings at every data size: pages may not grow their queries with the data.
CHANGELIST_MAX_QUERIES = 12
ADD_FORM_MAX_QUERIES = 8
CHANGE_FORM_MAX_QUERIES = 14
SMALL, LARGE = 3, 30

Builder = Callable[[int], models.Model]


# --- data builders: n records of the model, and one record whose related rows grow with n ---


def build_countries(n: int) -> models.Model:
    codes = [c.code for c in countries if not m.PartnerCountry.objects.filter(country=c.code)]
    created = [f.PartnerCountryFactory(country=code) for code in codes[:n]]
    f.InstitutionFactory.create_batch(n, country=created[0])
    return created[0]


def build_institutions(n: int) -> models.Model:
    institutions = f.InstitutionFactory.create_batch(n, country=f.PartnerCountryFactory())
    f.CooperationProjectFactory.create_batch(n, partners=[institutions[0]])
    return institutions[0]


def build_fields(n: int) -> models.Model:
    top = f.ResearchFieldFactory()
    return f.ResearchFieldFactory.create_batch(n, parent=top)[0]


def build_units(n: int) -> models.Model:
    units = f.UnitFactory.create_batch(n)
    f.ResearcherFactory.create_batch(n, unit=units[0])
    return units[0]


def build_researchers(n: int) -> models.Model:
    return f.ResearcherFactory.create_batch(n)[0]


def build_projects(n: int) -> models.Model:
    institutions = f.InstitutionFactory.create_batch(n)
    fields = f.ResearchFieldFactory.create_batch(n)
    f.CooperationProjectFactory.create_batch(n, partners=institutions[:2], fields=fields[:2])
    project = f.CooperationProjectFactory(
        partners=institutions, fields=fields, principal_investigator=f.ResearcherFactory()
    )
    f.AchievementFactory.create_batch(n, project=project)
    return project


def build_awards(n: int) -> models.Model:
    recipients = [
        {"recipient_unit": f.UnitFactory()},
        {"recipient_researcher": f.ResearcherFactory()},
        {"recipient_project": f.CooperationProjectFactory()},
    ]
    awards = [f.AwardFactory(**recipients[i % 3]) for i in range(n)]
    return awards[-1]


def build_achievements(n: int) -> models.Model:
    return f.AchievementFactory.create_batch(n, project=f.CooperationProjectFactory())[0]


def build_exchanges(n: int) -> models.Model:
    institution = f.InstitutionFactory()
    return f.ExchangeFactory.create_batch(
        n,
        country=institution.country,
        institution=institution,
        unit=f.UnitFactory(),
        project=f.CooperationProjectFactory(),
    )[0]


BUILDERS: dict[type[models.Model], Builder] = {
    m.PartnerCountry: build_countries,
    m.Institution: build_institutions,
    m.ResearchField: build_fields,
    m.Unit: build_units,
    m.Researcher: build_researchers,
    m.CooperationProject: build_projects,
    m.Award: build_awards,
    m.Achievement: build_achievements,
    m.Exchange: build_exchanges,
}


def build_pages(n: int) -> models.Model:
    return f.PageFactory.create_batch(n)[0]


def build_redirects(n: int) -> models.Model:
    start = Redirect.objects.count()
    return Redirect.objects.bulk_create(
        Redirect(old_path=f"/info/{number}.htm", target="/zh-hans/news/")
        for number in range(start, start + n)
    )[0]


# Registered models of apps without an admin test module of their own.
OTHER_BUILDERS: dict[type[models.Model], Builder] = {Page: build_pages, Redirect: build_redirects}


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries)


def assert_admin_pages_load_in_fixed_queries(client, model, build: Builder) -> None:
    """Changelist, add form and change form: 200 at both sizes, under the same ceilings,
    and the changelist and change form in exactly as many queries with 10 times the data."""
    counts = []
    for size in (SMALL, LARGE):
        obj = build(size)
        changelist = count_queries(client, admin_url(model, "changelist"))
        # The logs (audit, admin log, lockouts) have no add form: nobody writes them by hand.
        add_form = 0
        if addable_in_admin(model):
            add_form = count_queries(client, admin_url(model, "add"))
        else:  # the content type the add form would have put in Django's cache
            ContentType.objects.get_for_model(model)
        change_form = count_queries(client, admin_url(model, "change", obj.pk))
        assert changelist <= CHANGELIST_MAX_QUERIES, (size, changelist)
        assert add_form <= ADD_FORM_MAX_QUERIES, (size, add_form)
        assert change_form <= CHANGE_FORM_MAX_QUERIES, (size, change_form)
        counts.append((changelist, change_form))
    assert counts[0] == counts[1], f"queries grew with the data: {counts}"
    assert model.objects.count() >= SMALL + LARGE


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda model: model._meta.label)
def test_cooperation_admin_pages_load_in_queries_that_do_not_grow(admin_client, model):
    assert_admin_pages_load_in_fixed_queries(admin_client, model, BUILDERS[model])


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(OTHER_BUILDERS), ids=lambda model: model._meta.label)
def test_other_admin_pages_load_in_queries_that_do_not_grow(admin_client, model):
    assert_admin_pages_load_in_fixed_queries(admin_client, model, OTHER_BUILDERS[model])


def test_every_registered_model_has_its_admin_pages_tested():
    from tests.accounts.test_admin import BUILDERS as ACCOUNTS_BUILDERS
    from tests.news.test_admin import BUILDERS as NEWS_BUILDERS

    tested = {*BUILDERS, *OTHER_BUILDERS, *NEWS_BUILDERS, *ACCOUNTS_BUILDERS}
    assert set(registered_models()) == tested
    assert Group in tested


@pytest.mark.django_db
def test_project_change_form_shows_every_partner_and_field_chosen(admin_client):
    institutions = f.InstitutionFactory.create_batch(4)
    fields = f.ResearchFieldFactory.create_batch(3)
    project = f.CooperationProjectFactory(partners=institutions, fields=fields)
    page = admin_client.get(admin_url(m.CooperationProject, "change", project.pk)).text
    for obj in [*institutions, *fields]:
        assert f'<option value="{obj.pk}" selected>{obj}</option>' in page


# --- with the demo data ---


@pytest.fixture
def demo_data(db):
    call_command("load_demo", "--no-accounts", stdout=io.StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("model", registered_models(), ids=lambda model: model._meta.label)
def test_every_changelist_and_form_loads_with_demo_data_in_bounded_queries(
    admin_client, demo_data, django_assert_max_num_queries, model
):
    with django_assert_max_num_queries(CHANGELIST_MAX_QUERIES):
        response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200

    with django_assert_max_num_queries(ADD_FORM_MAX_QUERIES):
        response = admin_client.get(admin_url(model, "add"))
    assert response.status_code == (200 if addable_in_admin(model) else 403)

    obj = model.objects.order_by("pk").last()
    if model._meta.app_label in {"cooperation", "news"}:
        assert obj is not None, f"the demo data has no {model._meta.verbose_name}"
    if obj is not None:
        with django_assert_max_num_queries(CHANGE_FORM_MAX_QUERIES):
            response = admin_client.get(admin_url(model, "change", obj.pk))
        assert response.status_code == 200


# --- search and filters ---


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda model: model._meta.label)
def test_every_filter_choice_and_a_search_answer_on_the_changelist(admin_client, model):
    BUILDERS[model](SMALL)
    url = admin_url(model, "changelist")
    changelist = admin_client.get(url).context["cl"]
    query_strings = [
        choice["query_string"]
        for spec in changelist.filter_specs
        for choice in spec.choices(changelist)
    ]
    assert query_strings or not changelist.model_admin.list_filter
    for query_string in query_strings:
        response = admin_client.get(url + query_string)
        # An invalid lookup would redirect to ?e=1; every offered choice must simply work.
        assert response.status_code == 200, query_string
    response = admin_client.get(url, {"q": "no-such-record-anywhere"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


@pytest.mark.django_db
def test_project_search_covers_both_languages_and_filters_narrow_the_list(admin_client):
    # The changelist shows titles in the active language (Chinese by default).
    sponge = f.CooperationProjectFactory(
        title_en="Marine sponge alkaloids", title_zh_hans="海绵生物碱"
    )
    f.CooperationProjectFactory(
        title_en="Enzyme cascades",
        title_zh_hans="酶级联",
        publication_status=PublicationStatus.DRAFT,
        fields=[f.ResearchFieldFactory(slug="biocatalysis")],
    )
    url = admin_url(m.CooperationProject, "changelist")

    found = admin_client.get(url, {"q": "sponge"}).text
    assert "海绵生物碱" in found
    assert "酶级联" not in found
    found = admin_client.get(url, {"q": "级联"}).text
    assert "酶级联" in found
    assert "海绵生物碱" not in found
    drafts = admin_client.get(url, {"publication_status__exact": "draft"}).text
    assert "酶级联" in drafts
    assert "海绵生物碱" not in drafts
    field = m.ResearchField.objects.get(slug="biocatalysis")
    in_field = admin_client.get(url, {"research_field": field.pk}).text
    assert "酶级联" in in_field
    assert "海绵生物碱" not in in_field
    by_unit = admin_client.get(url, {"lead_unit__id__exact": sponge.lead_unit_id}).text
    assert "海绵生物碱" in by_unit
    assert "酶级联" not in by_unit


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "make", "term"),
    [
        (m.Institution, lambda: f.InstitutionFactory(ror_id="03vek6s52"), "03vek6s52"),
        (m.Institution, lambda: f.InstitutionFactory(city_en="Chengdu"), "chengdu"),
        (m.Researcher, lambda: f.ResearcherFactory(orcid="0000-0002-1825-0097"), "1825-0097"),
        (m.Award, lambda: f.AwardFactory(granting_body_en="Ministry of Science"), "ministry"),
        (m.Exchange, lambda: f.ExchangeFactory(title_en="Summer school in Kyoto"), "kyoto"),
        (m.Unit, lambda: f.UnitFactory(short_name_en="SIIA"), "siia"),
        (m.Achievement, lambda: f.AchievementFactory(identifier="10.1000/xyz"), "10.1000/xyz"),
    ],
)
def test_changelist_search_finds_a_record_by_its_searchable_fields(admin_client, model, make, term):
    wanted = make()
    f.UnitFactory()
    f.ResearcherFactory()
    f.AwardFactory()
    f.ExchangeFactory()
    f.AchievementFactory()
    f.InstitutionFactory()
    response = admin_client.get(admin_url(model, "changelist"), {"q": term})
    assert list(response.context["cl"].result_list) == [wanted]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [m.CooperationProject, Article])
@pytest.mark.parametrize(
    "term", ["海绵生物", "SPONGE", "alkaloids of", "sea SPONGES", "sponge-lab-2"]
)
def test_projects_and_news_are_searched_by_every_field_in_either_case(admin_client, model, term):
    factory = f.CooperationProjectFactory if model is m.CooperationProject else f.ArticleFactory
    wanted = factory(
        title_zh_hans="海绵生物碱研究",
        title_en="Marine sponge alkaloids",
        summary_zh_hans="海洋海绵",
        summary_en="New alkaloids of sea sponges.",
        slug="sponge-lab-2024",
    )
    factory(title_en="Enzyme cascades", summary_en="Cascades.", slug="enzymes")
    response = admin_client.get(admin_url(model, "changelist"), {"q": term})
    assert list(response.context["cl"].result_list) == [wanted]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [m.CooperationProject, Article])
@pytest.mark.parametrize("term", ["海绵生物", "alkaloids"])
def test_project_and_news_searches_read_indexes_not_the_table(rf, admin_user, model, term):
    """Each searched column's lookup has an index (trigram indexes, and the slug's for a
    prefix): a search of the back office, or the autocomplete linking projects to an
    article, reads the matching rows (at 100,000 projects: 0.45 -> 0.17 s a search, 0.17 s
    -> 12-46 ms a keystroke). Two-character Chinese words are too short for trigrams."""
    if connection.vendor != "postgresql":
        # The trigram indexes are PostgreSQL's; SQLite searches without them.
        assert not [name for name in table_constraints(model) if name.endswith("_trgm")]
        return
    model_admin = admin.site._registry[model]
    request = rf.get("/", {"q": term})
    request.user = admin_user
    queryset, _duplicates = model_admin.get_search_results(
        request, model_admin.get_queryset(request), term
    )
    plan = plan_with_scans_forbidden(queryset)
    # With scans off, only a bitmap of every condition's index avoids reading the table.
    assert f"Seq Scan on {model._meta.db_table}" not in plan, plan
    assert "_trgm" in plan


# --- autocomplete ---


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model_name", "field_name", "factory"),
    [
        ("projectpartner", "institution", f.InstitutionFactory),
        ("exchange", "institution", f.InstitutionFactory),
        ("cooperationproject", "lead_unit", f.UnitFactory),
        ("exchange", "unit", f.UnitFactory),
        ("projectresearchfield", "field", f.ResearchFieldFactory),
        ("researchfield", "parent", f.ResearchFieldFactory),
    ],
)
def test_autocomplete_finds_institutions_units_and_fields_by_name(
    admin_client, model_name, field_name, factory
):
    wanted = factory(name_en="Kyoto Pharmaceutical")
    other = factory()

    def ids(term: str) -> set[str]:
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "cooperation",
                "model_name": model_name,
                "field_name": field_name,
                "term": term,
            },
        )
        assert response.status_code == 200
        return {item["id"] for item in response.json()["results"]}

    assert {str(wanted.pk), str(other.pk)} <= ids("")
    assert ids("kyoto") == {str(wanted.pk)}


@pytest.mark.django_db
def test_autocomplete_is_for_staff_only(client):
    client.force_login(f.UserFactory(is_staff=False))
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "cooperation", "model_name": "exchange", "field_name": "unit"},
    )
    assert response.status_code == 302
    assert "results" not in response.text


def project_form_data(unit, **overrides) -> dict[str, str]:
    """A complete, valid add form for a project (used by the role tests)."""
    data = {
        "title_zh_hans": "新项目",
        "title_en": "New project",
        "slug": "new-project",
        "summary_zh_hans": "摘要",
        "summary_en": "Summary",
        "kind": "joint_research",
        "status": "active",
        "start_date": "2024-01-01",
        "end_date": "",
        "lead_unit": str(unit.pk),
        "currency": "CNY",
        "publication_status": "draft",
        "projectpartner_set-TOTAL_FORMS": "0",
        "projectpartner_set-INITIAL_FORMS": "0",
        "projectresearchfield_set-TOTAL_FORMS": "0",
        "projectresearchfield_set-INITIAL_FORMS": "0",
        "achievements-TOTAL_FORMS": "0",
        "achievements-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


SEARCHED_MODELS = [
    model for model in registered_models() if admin.site._registry[model].search_fields
]


@pytest.mark.django_db
@pytest.mark.parametrize("model", SEARCHED_MODELS, ids=lambda model: model._meta.label)
def test_a_pasted_page_of_text_searches_its_first_200_characters(admin_client, model):
    """Each word of a query is a condition on every searched column: thousands of words
    made SQLite refuse the query ("Expression tree is too large"), answered as a 503."""
    from config.search_columns import MAX_QUERY_LENGTH

    assert isinstance(admin.site._registry[model], BoundedSearchMixin)
    pasted = "酶 a " * 2000
    url = admin_url(model, "changelist")
    response = admin_client.get(url, {"q": pasted})
    assert response.status_code == 200
    first = admin_client.get(url, {"q": pasted[:MAX_QUERY_LENGTH]})
    assert str(response.context["cl"].queryset.query) == str(first.context["cl"].queryset.query)


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/admin/cooperation/researchfield/", lambda: f.ResearchFieldFactory(name_en="Enzymes")),
        ("/admin/news/category/", lambda: f.CategoryFactory(name_en="Enzymes", slug="enzymes")),
    ],
)
def test_a_lists_editable_cells_are_named_by_their_column_and_record(admin_client, url, make):
    """The sort order typed in the list had no label (its column's heading names no field):
    axe's "Form elements must have labels", critical, on the research fields and the news
    categories."""
    record = make()

    response = admin_client.get(url, headers={"accept-language": "en"})

    assert response.status_code == 200
    field = 'name="form-0-sort_order"'
    [tag] = [t for t in response.text.split("<input") if field in t]
    assert f'aria-label="Order, {record}"' in tag
