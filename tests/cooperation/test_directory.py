"""The project directory: filters, facets, sorting, exports, and hostile query strings."""

import csv
import io
import math
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.db.models.expressions import Col
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from config.pagination import RowsByKeys, at_or_after
from cooperation import exports
from cooperation.filters import PROJECT_ORDERS, ProjectFilter, project_facets, sorted_by
from cooperation.models import (
    CooperationProject,
    PartnerRole,
    ProjectPartner,
    ProjectResearchField,
    reading_order,
)
from cooperation.publication import PublicationStatus
from cooperation.views import ProjectExportJSONView, ProjectListView
from tests import factories as f
from tests.plans import plan_with_sorting_forbidden, table_constraints

MAX_QUERIES = 12


def directory(client, /, **params):
    with override("en"):
        return client.get(reverse("cooperation:project-list"), params)


def export(client, fmt: str, /, **params):
    with override("en"):
        return client.get(reverse(f"cooperation:project-export-{fmt}"), params)


@pytest.fixture
def world(db):
    japan = f.PartnerCountryFactory(country="JP")
    germany = f.PartnerCountryFactory(country="DE")
    # The partners of "old_japan" are Kyoto alone: tests take the Japanese partner from it
    # (not as the first of "both", whose order by name follows the factories' sequences).
    kyoto = f.InstitutionFactory(country=japan, slug="kyoto")
    munich = f.InstitutionFactory(country=germany, slug="munich")
    drugs = f.ResearchFieldFactory(slug="microbial-drugs")
    peptides = f.ResearchFieldFactory(slug="peptides", parent=drugs)
    marine = f.ResearchFieldFactory(slug="marine")
    pharmacy = f.UnitFactory(slug="pharmacy")
    institute = f.UnitFactory(slug="institute")
    projects = {
        "old_japan": f.CooperationProjectFactory(
            slug="old-japan", title_en="Alpha", kind="joint_research", status="completed",
            start_date=date(2010, 1, 1), end_date=date(2012, 12, 31), lead_unit=institute,
            partners=[kyoto], fields=[drugs],
        ),
        "both": f.CooperationProjectFactory(
            slug="both", title_en="Beta", kind="joint_lab", status="active",
            start_date=date(2015, 6, 1), end_date=None, lead_unit=institute,
            partners=[kyoto, munich], fields=[peptides],
        ),
        "germany": f.CooperationProjectFactory(
            slug="germany", title_en="Gamma", kind="joint_research", status="active",
            start_date=date(2021, 3, 1), end_date=date(2024, 2, 28), lead_unit=pharmacy,
            partners=[munich], fields=[marine],
        ),
    }  # fmt: skip
    f.CooperationProjectFactory(
        slug="draft-japan", partners=[kyoto], fields=[drugs],
        publication_status=PublicationStatus.DRAFT, published_at=None,
    )  # fmt: skip
    return projects


def slugs(response) -> list[str]:
    return [project.slug for project in response.context["projects"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["germany", "both", "old-japan"]),
        ({"country": "JP"}, ["both", "old-japan"]),
        ({"country": "DE"}, ["germany", "both"]),
        ({"institution": "munich"}, ["germany", "both"]),
        ({"field": "microbial-drugs"}, ["both", "old-japan"]),  # includes its sub-field
        ({"field": "peptides"}, ["both"]),
        ({"unit": "pharmacy"}, ["germany"]),
        ({"kind": "joint_research"}, ["germany", "old-japan"]),
        ({"status": "active"}, ["germany", "both"]),
        ({"year_from": "2013", "year_to": "2014"}, []),
        ({"year_from": "2012", "year_to": "2012"}, ["old-japan"]),  # the last year counts
        ({"year_from": "2024", "year_to": "2024"}, ["germany", "both"]),  # open-ended runs on
        ({"year_to": "2010"}, ["old-japan"]),
        ({"year_from": "2025"}, ["both"]),
        ({"country": "JP", "status": "active"}, ["both"]),
        ({"sort": "oldest"}, ["old-japan", "both", "germany"]),
        ({"sort": "title"}, ["old-japan", "both", "germany"]),
    ],
)
def test_filters_and_sorting_select_the_right_public_projects(client, world, params, expected):
    response = directory(client, **params)
    assert response.status_code == 200
    assert slugs(response) == expected


def test_facets_count_the_filtered_public_projects(client, world):
    facets = {facet.name: facet for facet in directory(client, status="active").context["facets"]}
    counts = {
        name: {v["value"]: v["count"] for v in facet.values} for name, facet in facets.items()
    }
    assert counts["country"] == {"DE": 2, "JP": 1}
    assert counts["status"] == {"active": 2}
    assert counts["kind"] == {"joint_research": 1, "joint_lab": 1}
    assert counts["unit"] == {"institute": 1, "pharmacy": 1}
    assert counts["institution"] == {"munich": 2, "kyoto": 1}
    # A top-level field counts its sub-fields' projects, as its filter selects them.
    assert counts["field"] == {"microbial-drugs": 1, "peptides": 1, "marine": 1}
    japan = next(v for v in facets["country"].values if v["value"] == "JP")
    assert japan["label"] == "Japan"
    assert japan["url"] == "?status=active&country=JP"


def test_each_field_counts_what_its_filter_lists_sub_fields_under_their_parent(client, world):
    # A project in a field and in its sub-field counts once for the field.
    f.CooperationProjectFactory(
        slug="in-both",
        fields=[world["old_japan"].research_fields.get(), *world["both"].research_fields.all()],
    )
    fields = next(facet for facet in directory(client).context["facets"] if facet.name == "field")
    for option in fields.values:
        listed = directory(client, field=option["value"]).context["paginator"].count
        assert option["count"] == listed, option["value"]
    # Staff's order (all 0 here), then the slug; a sub-field after its parent.
    assert [(option["value"], option["sub"]) for option in fields.values] == [
        ("marine", False),
        ("microbial-drugs", False),
        ("peptides", True),
    ]
    page = directory(client).text
    assert '<li class="facet-sub"><a href="?field=peptides">' in page


def test_a_project_with_two_partners_in_one_country_counts_once_for_it(client, world):
    japan = world["old_japan"].partners.get().country
    osaka = f.InstitutionFactory(country=japan, slug="osaka")
    f.CooperationProjectFactory(
        slug="two-in-japan", status="completed", partners=[world["old_japan"].partners.get(), osaka]
    )
    facets = {
        facet.name: {v["value"]: v["count"] for v in facet.values}
        for facet in directory(client, status="completed").context["facets"]
    }
    assert facets["country"] == {"JP": 2}
    assert facets["institution"] == {"kyoto": 2, "osaka": 1}


def test_the_link_tables_are_indexed_once_each_way(db):
    """From a project to its partners or fields (the project page, the cards) and from an
    institution or a field to its projects (the directory's filters and the pages of each):
    each way has one index holding both columns, read alone on PostgreSQL, and no index of
    one column duplicates either (cooperation.0006)."""
    for model, other in [(ProjectPartner, "institution_id"), (ProjectResearchField, "field_id")]:
        indexed = sorted(
            tuple(c["columns"])
            for c in table_constraints(model).values()
            if (c["index"] or c["unique"]) and not c["primary_key"]
        )
        assert indexed == sorted([("project_id", other), (other, "project_id")]), indexed


def test_facet_links_keep_the_other_filters_in_place_and_go_back_to_page_one(client, world):
    f.CooperationProjectFactory.create_batch(
        25, partners=[world["old_japan"].partners.get()], start_date=date(2016, 1, 1)
    )
    response = directory(client, year_from="2000", country="JP", sort="oldest", page="2")
    facets = {facet.name: facet.values for facet in response.context["facets"]}

    japan = next(v for v in facets["country"] if v["value"] == "JP")
    # The chosen value is marked and its link removes it; another kind is added at the end.
    assert japan["selected"]
    assert japan["url"] == "?year_from=2000&sort=oldest"
    assert not any(v["selected"] for v in facets["kind"])
    assert facets["kind"][0]["url"] == (
        f"?year_from=2000&country=JP&sort=oldest&kind={facets['kind'][0]['value']}"
    )
    page = response.content.decode()
    assert page.count('class="facet-selected" aria-current="true"') == 1
    assert page.count("(remove filter)") == 1


def test_filters_stay_in_the_url_for_sharing_and_paging(client, world):
    f.CooperationProjectFactory.create_batch(
        25, partners=[world["old_japan"].partners.get()], start_date=date(2016, 1, 1)
    )
    response = directory(client, country="JP", sort="oldest")
    assert 'href="?country=JP&amp;sort=oldest&amp;page=2"' in response.text
    page_two = directory(client, country="JP", sort="oldest", page="2")
    assert page_two.status_code == 200
    assert len(page_two.context["projects"]) == 7


def test_links_keep_the_filters_but_not_a_campaign_s_parameters(client, world, monkeypatch):
    """A campaign's link (utm_*, fbclid, gclid: config.tracking) lists what the same link
    without them lists, and no link of its page carries them on, nor the export's: the
    pages', the facets', the downloads' (a cached page is served to every campaign)."""
    monkeypatch.setattr(ProjectListView, "paginate_by", 1)
    monkeypatch.setattr(ProjectExportJSONView, "page_size", 1)
    campaign = {"utm_source": "news", "gclid": "x"}
    response = directory(
        client, utm_medium="mail", country="JP", sort="oldest", page="2", **campaign
    )
    assert slugs(response) == slugs(directory(client, country="JP", sort="oldest", page="2"))
    text = response.text
    assert "utm_" not in text and "gclid" not in text
    assert 'rel="prev" href="?country=JP&amp;sort=oldest&amp;page=1"' in text
    facets = {facet.name: facet.values for facet in response.context["facets"]}
    japan = next(v for v in facets["country"] if v["value"] == "JP")
    assert japan["url"] == "?sort=oldest"
    assert facets["kind"][0]["url"] == f"?country=JP&sort=oldest&kind={facets['kind'][0]['value']}"
    with override("en"):
        csv_url = reverse("cooperation:project-export-csv")
    assert f'href="{csv_url}?country=JP&amp;sort=oldest"' in text
    exported = export(client, "json", utm_medium="mail", country="JP", sort="oldest", **campaign)
    assert exported.json()["next"].endswith("?country=JP&sort=oldest&page=2")


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"country": "jq"},  # no country in capitals either ("jp" is sent on to "JP")
        {"country": "JPN"},
        {"country": "<script>"},
        {"institution": "\x00"},
        {"field": "a" * 10_000},
        {"unit": "../etc/passwd"},
        {"kind": "evil"},
        {"status": "1; DROP TABLE"},
        {"year_from": "abc"},
        {"year_from": "99999999999999999999"},
        {"year_to": "-5"},
        {"year_from": "2020", "year_to": "2010"},
        {"year_from": "2020.5"},
        {"year_from": "2023-02-30"},
        {"year_to": "0"},
        {"sort": "password"},
        {"sort": "-id"},
    ],
)
def test_hostile_filters_get_a_clear_400_not_a_500(client, world, params):
    response = directory(client, **params)
    assert response.status_code == 400
    assert 'class="form-errors" role="alert"' in response.text
    assert list(response.context["projects"]) == []
    assert b"\x00" not in response.content
    assert export(client, "csv", **params).status_code == 400
    assert export(client, "json", **params).status_code == 400


def test_repeated_parameters_use_the_last_value(client, world):
    response = client.get("/en/projects/?country=JP&country=DE")
    assert response.status_code == 200
    assert slugs(response) == ["germany", "both"]


def test_csv_export_has_the_same_filters_and_inert_cells(client, world):
    world["germany"].title_en = '=HYPERLINK("http://evil.example")'
    world["germany"].save()
    response = export(client, "csv", country="DE")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert [row["slug"] for row in rows] == ["germany", "both"]
    assert rows[0]["title_en"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[1]["partner_countries"] == "DE; JP"
    assert [row["url"] for row in rows] == [
        "http://testserver/en/projects/germany/",
        "http://testserver/en/projects/both/",
    ]


def test_csv_export_links_each_project_page_in_the_reader_s_language(client, world):
    response = client.get("/zh-hans/projects/export.csv", {"country": "DE"})
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert [row["url"] for row in rows] == [
        "http://testserver/zh-hans/projects/germany/",
        "http://testserver/zh-hans/projects/both/",
    ]


def test_csv_export_is_sent_in_pieces_of_many_rows(client, world, monkeypatch):
    """A streamed export is written a piece at a time: pieces of many rows, not one a row
    (a system call each: 2,866 for 2,840 projects), and together the whole of it."""
    monkeypatch.setattr(exports, "CSV_ROWS_PER_PIECE", 2)
    f.CooperationProjectFactory.create_batch(3)
    response = export(client, "csv")
    pieces = list(response.streaming_content)
    rows = list(csv.reader(io.StringIO(b"".join(pieces).decode("utf-8-sig"))))
    expected = CooperationProject.objects.public().count()
    assert len(rows) == expected + 1 >= 6  # the header, then each public project
    assert rows[0] == exports.PROJECT_COLUMNS
    assert len(pieces) == math.ceil(len(rows) / 2)
    assert all(len(list(csv.reader(io.StringIO(piece.decode())))) == 2 for piece in pieces[:-1])


def test_json_export_pages_public_records_in_both_languages(client, world):
    response = export(client, "json", country="JP")
    data = response.json()
    assert data["count"] == 2
    assert [r["slug"] for r in data["results"]] == ["both", "old-japan"]
    record = data["results"][0]
    assert record["title_en"] == "Beta"
    assert record["title_zh_hans"]
    assert record["partner_countries"] == ["DE", "JP"]
    assert record["url"] == "http://testserver/en/projects/both/"
    assert export(client, "json", page="9").status_code == 404


def csv_records(response) -> list[dict[str, str]]:
    return list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )


def test_csv_export_reads_its_projects_and_their_links_in_one_query(client, world, monkeypatch):
    """Whatever the selection's size, one query: the projects, their partners and fields
    beside them (it was one more query for each kind of link per 500 projects)."""
    monkeypatch.setattr(exports, "ROWS_PER_FETCH", 2)
    # SQLite's connection checks once for JSON support, by a query of its own.
    assert len(csv_records(export(client, "csv", country="JP"))) == 2
    f.CooperationProjectFactory.create_batch(5, partners=[world["both"].partners.get(slug="kyoto")])
    # The partner countries' codes (is JP one now, or a code one had before?), read again
    # once the records changed, then kept.
    export(client, "csv", country="DE")
    with CaptureQueriesContext(connection) as ctx:
        rows = csv_records(export(client, "csv", country="JP"))

    assert len(rows) == 7
    assert len(ctx.captured_queries) == 1


@pytest.mark.parametrize("sort", list(PROJECT_ORDERS))
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_each_exported_project_lists_its_own_partners_and_fields_in_order(
    client, db, sort, language
):
    """In every order of the directory, each row carries its own links: partners by name in
    the reader's language (whatever the case), fields by their sort order, then name."""
    country = f.PartnerCountryFactory(country="JP")
    names = [("zeta Institute", "丙大学"), ("Alpha College", "乙研究所"), ("beta Lab", "甲中心")]
    partners = [
        f.InstitutionFactory(country=country, name_en=en, name_zh_hans=zh) for en, zh in names
    ]
    late = f.ResearchFieldFactory(name_en="Apple", name_zh_hans="苹果", sort_order=2)
    early_b = f.ResearchFieldFactory(name_en="Bay", name_zh_hans="湾", sort_order=1)
    early_a = f.ResearchFieldFactory(name_en="ant", name_zh_hans="蚁", sort_order=1)

    def field_order(field) -> tuple:
        return (
            field.sort_order,
            field.name_en.casefold() if language == "en" else field.name_zh_hans,
        )

    expected = {}
    for number in range(6):
        own_partners = partners[number % 3 :] or partners
        own_fields = [late, early_b, early_a][: number % 3 + 1]
        project = f.CooperationProjectFactory(
            slug=f"linked-{number}",
            title_en=f"Title {5 - number}",
            start_date=date(2015 + number % 2, 1, 1),
            partners=own_partners,
            fields=own_fields,
        )
        expected[project.slug] = (
            sorted(
                (partner.name_en for partner in own_partners),
                key=(lambda name: name.casefold())
                if language == "en"
                # In pinyin order: 丙 bǐng, 甲 jiǎ, 乙 yǐ (by code point 丙 乙 甲).
                else (lambda name: ["zeta Institute", "beta Lab", "Alpha College"].index(name)),
            ),
            [field.name_en for field in sorted(own_fields, key=field_order)],
        )
    f.CooperationProjectFactory(slug="no-links")

    response = client.get(f"/{language}/projects/export.csv", {"sort": sort})

    rows = {row["slug"]: row for row in csv_records(response)}
    assert rows["no-links"]["partner_institutions_en"] == ""
    assert rows["no-links"]["research_fields_en"] == ""
    for slug, (own_partners, own_fields) in expected.items():
        assert rows[slug]["partner_institutions_en"] == "; ".join(own_partners)
        assert rows[slug]["research_fields_en"] == "; ".join(own_fields)
        assert rows[slug]["partner_countries"] == "JP"


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_exported_projects_name_their_lead_partner_first(client, db, kind):
    """As the project's page and the API list them: the lead partner first, in a column of
    its own too; a project without one leaves that column empty."""
    country = f.PartnerCountryFactory(country="JP")
    alpha, zeta = (
        f.InstitutionFactory(country=country, name_en=name) for name in ("Alpha", "Zeta")
    )
    led = f.CooperationProjectFactory(slug="led", partners=[alpha])
    ProjectPartner.objects.create(project=led, institution=zeta, role=PartnerRole.LEAD_PARTNER)
    f.CooperationProjectFactory(slug="unled", partners=[zeta, alpha])

    response = export(client, kind)
    if kind == "csv":
        rows = {row["slug"]: row for row in csv_records(response)}
        assert (rows["led"]["lead_partner_en"], rows["unled"]["lead_partner_en"]) == ("Zeta", "")
        assert rows["led"]["partner_institutions_en"] == "Zeta; Alpha"
        assert rows["unled"]["partner_institutions_en"] == "Alpha; Zeta"
    else:
        rows = {row["slug"]: row for row in response.json()["results"]}
        assert (rows["led"]["lead_partner_en"], rows["unled"]["lead_partner_en"]) == ("Zeta", None)
        assert rows["led"]["partner_institutions_en"] == ["Zeta", "Alpha"]


def statements(client, **params) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert directory(client, **params).status_code == 200
    return [query["sql"] for query in ctx.captured_queries]


def queries(client, **params) -> int:
    return len(statements(client, **params))


@pytest.mark.parametrize(
    "params", [{}, {"country": "JP", "field": "microbial-drugs", "year_from": "2000"}]
)
def test_directory_queries_are_fixed_at_5_and_200_projects(client, world, params):
    kyoto = world["both"].partners.get(slug="kyoto")
    field = world["old_japan"].research_fields.get()
    f.CooperationProjectFactory.create_batch(2, partners=[kyoto], fields=[field])
    small = queries(client, **params)
    f.CooperationProjectFactory.create_batch(195, partners=[kyoto], fields=[field])
    assert queries(client, **params) == small
    assert small <= MAX_QUERIES


def test_the_page_count_comes_from_the_facets_not_a_second_count(client, world):
    f.CooperationProjectFactory.create_batch(
        23, partners=[world["old_japan"].partners.get()], start_date=date(2016, 1, 1)
    )
    expected = (
        CooperationProject.objects.public()
        .filter(
            pk__in=ProjectPartner.objects.filter(institution__country__country="JP").values(
                "project_id"
            )
        )
        .count()
    )
    with CaptureQueriesContext(connection) as ctx:
        response = directory(client, country="JP")

    page = response.context["page_obj"]
    assert page.paginator.count == expected > 20
    assert page.paginator.num_pages == 2
    # No paginator COUNT (Django names its result __count): the facet statement's total.
    assert not [q["sql"] for q in ctx.captured_queries if "__count" in q["sql"]]
    assert directory(client, country="JP", page="2").status_code == 200
    assert directory(client, country="JP", page="3").status_code == 404


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_exports_read_no_column_row_by_row(client, world, file_format):
    """The exports load only the columns they write; reading any other would cost a query
    per row, which this catches."""

    def export_queries() -> tuple[int, bytes]:
        with CaptureQueriesContext(connection) as ctx:
            response = export(client, file_format, country="JP")
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
        return len(ctx.captured_queries), content

    few, _content = export_queries()
    kyoto = world["both"].partners.get(slug="kyoto")
    field = world["old_japan"].research_fields.get()
    f.CooperationProjectFactory.create_batch(
        30, partners=[kyoto], fields=[field], funding_amount=Decimal("1200.50")
    )
    many, content = export_queries()

    assert many == few
    assert content.count(b"1200.50") == 30


def facet_counts(response) -> dict[str, dict[str, int]]:
    return {
        facet.name: {value["value"]: value["count"] for value in facet.values}
        for facet in response.context["facets"]
    }


def test_paging_or_resorting_a_selection_counts_its_facets_once(client, world):
    f.CooperationProjectFactory.create_batch(
        25, partners=[world["old_japan"].partners.get()], start_date=date(2016, 1, 1)
    )
    first = statements(client, country="JP")

    again = [
        statements(client, country="JP", page="2"),
        statements(client, country="JP", sort="oldest"),
        statements(client, sort="title", country="JP"),
    ]

    # The facet statement (its groups and the total), and the question of when the next
    # scheduled project comes due, run for the first request only.
    facets, scheduled = "WITH selection", "MIN(published_at)"
    assert [any(facets in sql for sql in run) for run in [first, *again]] == [1, 0, 0, 0]
    assert [any(scheduled in sql for sql in run) for run in [first, *again]] == [1, 0, 0, 0]
    assert facet_counts(directory(client, country="JP", page="2")) == facet_counts(
        directory(client, country="JP")
    )


def test_a_record_change_counts_the_facets_afresh(client, world):
    before = facet_counts(directory(client, status="active"))
    world["old_japan"].status = "active"
    world["old_japan"].save()

    after = facet_counts(directory(client, status="active"))

    assert after["status"]["active"] == before["status"]["active"] + 1


def test_each_language_has_its_own_facet_labels(client, world):
    english = directory(client, status="active")
    with override("zh-hans"):
        chinese = client.get(reverse("cooperation:project-list"), {"status": "active"})
    labels = {v["label"] for facet in english.context["facets"] for v in facet.values}
    chinese_labels = {v["label"] for facet in chinese.context["facets"] for v in facet.values}
    assert "Japan" in labels and "日本" in chinese_labels


def test_a_scheduled_project_coming_due_is_counted_at_once(client, world):
    """Nothing is saved when it comes due, and the counts kept per content version have not
    expired ten seconds later: they count only until the next scheduled publication."""
    now = timezone.now()
    due = now + timedelta(seconds=5)
    f.CooperationProjectFactory(
        slug="scheduled", published_at=due, partners=[world["old_japan"].partners.get()]
    )
    with time_machine.travel(now, tick=False):
        before = directory(client, country="JP")
        assert "scheduled" not in slugs(before)
    with time_machine.travel(now + timedelta(seconds=10), tick=False):
        after = directory(client, country="JP")

    assert "scheduled" in slugs(after)
    assert after.context["page_obj"].paginator.count == (
        before.context["page_obj"].paginator.count + 1
    )


@pytest.mark.parametrize(("language", "index"), [("en", "title_en"), ("zh-hans", "title_zh")])
def test_the_title_sort_reads_an_index_of_the_language(world, language, index):
    """The directory sorted by title walks the index of the titles shown in that language,
    in its reading order (cooperation.0023), so its first page needs no sort of the whole table.
    SQLite, a development stand-in, has no such index: it sorts them as read."""
    with override(language):
        page = sorted_by(CooperationProject.objects.public(), PROJECT_ORDERS["title"])[:20]
        if connection.vendor != "postgresql":
            titles = [project.title for project in page]
            assert titles == sorted(titles, key=reading_order)
            return
        plan = plan_with_sorting_forbidden(page)
    assert f"coop_project_{index}_read" in plan
    assert "Sort" not in plan


def columns_read(expression, table: str) -> set[str]:
    """The columns of ``table`` that a WHERE clause (or any expression in it) reads."""
    if isinstance(expression, Col):
        return {expression.target.column} if expression.alias == table else set()
    children = getattr(expression, "children", None)
    parts = children if children is not None else expression.get_source_expressions()
    found = set()
    for part in parts:
        if hasattr(part, "get_source_expressions") or hasattr(part, "children"):
            found |= columns_read(part, table)
    return found


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("coop_project_selection_idx", {"id"}),
        ("coop_project_start_idx", {"start_date", "id"}),
        ("coop_project_status_idx", {"status", "id"}),
    ],
)
def test_the_covering_indexes_hold_every_column_a_selection_keeps_its_projects_by(world, name, key):
    """A directory selection by country reaches thousands of projects through their partners
    and keeps those public and in its years, status and kind; its page, newest first, walks
    the start-date index until it has 20; with a status, its facets hash those projects
    against the status's. PostgreSQL reads all that from the index alone (cooperation.0005,
    0011 and 0021, index-only scans; `make explain` shows them at 100,000 projects), but
    only while the index holds every column those filters read."""
    table = CooperationProject._meta.db_table
    filterset = ProjectFilter(
        QueryDict(
            "country=JP&year_from=2020&year_to=2024&started_from=2019&started_to=2024"
            "&status=active&kind=joint_research"
        ),
        queryset=CooperationProject.objects.public(),
    )
    assert filterset.is_valid(), filterset.errors
    read = columns_read(filterset.qs.query.where, table)
    assert {"publication_status", "published_at", "status", "kind", "end_date"} <= read
    index = table_constraints(CooperationProject)[name]
    held = set(index["columns"])
    if connection.vendor == "postgresql":
        # Django's introspection lists the key columns; the catalogue has the included ones.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname FROM pg_index JOIN pg_attribute"
                " ON attrelid = indrelid AND attnum = ANY(indkey)"
                " WHERE indexrelid = %s::regclass",
                [name],
            )
            held = {row[0] for row in cursor.fetchall()}
        assert read <= held, read - held
    else:
        # SQLite has no covering indexes: Django makes the index on its key alone.
        assert held == key


def test_a_selection_with_a_status_is_counted_from_the_status_index_alone(world):
    """The facets of a country's projects with a status (four in five of bench/varied.py's
    selections) can find them by hashing the country's projects against the projects of that
    status, read in coop_project_status_idx alone (cooperation.0021), instead of looking
    each of the country's projects up by id (those selections at 100,000 projects: 40 % less
    SQL time). Tiny test tables are read whole and looked up by id anyway, so the plan
    is asked for without those. SQLite: the index must at least exist, on those columns."""
    name = "coop_project_status_idx"
    if connection.vendor != "postgresql":
        assert table_constraints(CooperationProject)[name]["columns"] == ["status", "id"]
        return
    filterset = ProjectFilter(
        QueryDict("country=JP&status=active&year_from=2020"),
        queryset=CooperationProject.objects.public(),
    )
    assert filterset.is_valid(), filterset.errors
    with CaptureQueriesContext(connection) as captured:
        filterset.qs.facet_counts()
    [statement] = [q["sql"] for q in captured if "WITH selection" in q["sql"]]
    with connection.cursor() as cursor:
        for method in ("enable_seqscan", "enable_nestloop"):
            cursor.execute(f"SET LOCAL {method} = off")
        cursor.execute("EXPLAIN " + statement)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Index Only Scan using {name}" in plan


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_facet_labels_are_plain_text_in_the_reader_s_language(world, language):
    """The facets are kept in the cache per language: labels are stored as text (a lazy
    translation read back from the cache costs a class of its own), already translated."""
    with override(language):
        facets, _total = project_facets(CooperationProject.objects.public())
        expected_status = str(CooperationProject.objects.first().get_status_display())
    labels = [option["label"] for options in facets.values() for option in options]
    assert labels and all(type(label) is str for label in labels)
    assert expected_status in [option["label"] for option in facets["status"]]


def test_the_sidebar_is_rendered_once_per_language_and_query(client, world):
    """The form's fields and the facets' links are rendered once per language and query
    (whatever its page) and kept while the public projects are unchanged, as their counts
    are; a form with errors is rendered every time."""

    def rendered(**params) -> tuple[list[str], object]:
        response = directory(client, **params)
        names = [
            t.name
            for t in response.templates
            if t.name.startswith("django/forms/") or t.name == "cooperation/facets.html"
        ]
        return names, response

    names, first = rendered(country="JP", sort="oldest")
    assert "cooperation/facets.html" in names
    assert any(name.startswith("django/forms/") for name in names)
    names, again = rendered(country="JP", sort="oldest", page="1")
    assert names == []
    assert again.context["sidebar"] == first.context["sidebar"]
    # Nor are the facets' links worked out for it (a tenth of the page).
    assert not any("values" in vars(facet) for facet in again.context["facets"])
    assert 'href="?country=JP&amp;sort=oldest&amp;kind=' in again.text  # links keep the query
    names, _other = rendered(country="JP", sort="newest")  # another query
    assert "cooperation/facets.html" in names
    f.CooperationProjectFactory(partners=[world["old_japan"].partners.get()])
    names, changed = rendered(country="JP", sort="oldest")
    assert "cooperation/facets.html" in names
    japan = next(v for v in changed.context["facets"][0].values if v["value"] == "JP")
    assert f'{japan["label"]} <span class="count">{japan["count"]}</span>' in changed.text
    for _ in range(2):
        names, wrong = rendered(country="JP", year_from="soon")
        assert wrong.status_code == 400
        assert "cooperation/facets.html" in names
        assert 'class="field-error"' in wrong.text


def walk(client, fmt: str, **params) -> list[str]:
    """Every page of the directory (html) or its JSON export, in order: their slugs."""
    shown, page = [], 1
    while True:
        if fmt == "html":
            response = directory(client, page=page, **params)
            assert response.status_code == 200
            shown += slugs(response)
            if not response.context["page_obj"].has_next():
                return shown
        else:
            response = export(client, "json", page=page, **params)
            assert response.status_code == 200
            shown += [record["slug"] for record in response.json()["results"]]
            if not response.json()["next"]:
                return shown
        page += 1


@pytest.mark.parametrize("fmt", ["html", "json"])
@pytest.mark.parametrize("sort", ["newest", "oldest", "title"])
def test_deep_directory_and_export_pages_start_at_kept_anchors_in_each_order(
    client, world, monkeypatch, fmt, sort
):
    """A deep page's keys are walked from the anchor kept for its selection and order
    (config.pagination.RowsByKeys), not from the start: walking every page gives each public
    project once, in the order asked for, among equal dates and titles too; the anchors and
    the count are read once, and again after a change."""
    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    monkeypatch.setattr(RowsByKeys, "anchor_every", 3)
    monkeypatch.setattr(ProjectListView, "paginate_by", 2)
    monkeypatch.setattr(ProjectExportJSONView, "page_size", 2)
    for n in range(9):
        f.CooperationProjectFactory(
            title_en="Same title" if n % 2 else f"Title {n}",
            start_date=date(2020, 1, 1) if n % 3 else date(2000 + n, 1, 1),
        )

    def expected() -> list[str]:
        with override("en"):
            records = sorted_by(CooperationProject.objects.public(), PROJECT_ORDERS[sort])
            return [project.slug for project in records]

    with CaptureQueriesContext(connection) as first:
        assert walk(client, fmt, sort=sort) == expected()
    assert sum("ROW_NUMBER" in q["sql"] for q in first) == 1  # the anchors, worked out once
    with CaptureQueriesContext(connection) as again:
        assert walk(client, fmt, sort=sort) == expected()
    assert not any("ROW_NUMBER" in q["sql"] or "COUNT(" in q["sql"] for q in again)
    f.CooperationProjectFactory(title_en="Same title", start_date=date(2020, 1, 1))
    assert walk(client, fmt, sort=sort) == expected()


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_deep_pages_by_title_list_a_project_with_no_title_in_the_readers_language(
    client, world, monkeypatch, fmt
):
    """A project written in Chinese alone has no English title (NULL, or "" written by
    other means): by title in English it is sorted by the Chinese title its card shows,
    which is never missing (cooperation.models.shown_name_order), so the deep pages keep
    their anchors, worked out once, with each project once, in the order of the titles
    shown. Its missing title compared with no anchor: such a list paged by keys alone."""
    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    monkeypatch.setattr(RowsByKeys, "anchor_every", 3)
    monkeypatch.setattr(ProjectListView, "paginate_by", 2)
    monkeypatch.setattr(ProjectExportJSONView, "page_size", 2)
    for n in range(7):
        english = {1: None, 3: "", 5: None}.get(n, f"Title {n}")  # NULL or "": none
        f.CooperationProjectFactory(title_en=english, title_zh_hans=f"项目{n}")

    with override("en"):
        projects = CooperationProject.objects.public()
        as_shown = sorted(projects, key=lambda project: (reading_order(project.title), project.pk))
        expected = [project.slug for project in as_shown]
        by_title = sorted_by(projects, PROJECT_ORDERS["title"])
    assert len(expected) == len(set(expected)) == projects.count()
    # Declared never NULL: no query asks whether a project lacks a title.
    assert not RowsByKeys(by_title).may_be_null("title_order")
    with CaptureQueriesContext(connection) as captured:
        assert walk(client, fmt, sort="title") == expected
    assert sum("ROW_NUMBER" in q["sql"] for q in captured) == 1  # the anchors, worked out once


def test_by_title_a_project_written_in_chinese_alone_sorts_by_the_title_its_card_shows(
    client, world
):
    """In English its card shows its Chinese title (modeltranslation's fallback), and the
    list sorts it by that title among the English ones, not by its missing English title
    (last on PostgreSQL, first on SQLite)."""
    f.CooperationProjectFactory(slug="chinese-only", title_en=None, title_zh_hans="Delta 合作")

    response = directory(client, sort="title")
    assert slugs(response) == ["old-japan", "both", "chinese-only", "germany"]
    with override("en"):
        titles = [project.title for project in response.context["projects"]]
    assert titles == ["Alpha", "Beta", "Delta 合作", "Gamma"]
    assert ">Delta 合作</a>" in response.text


def test_a_deep_page_by_date_reads_its_keys_from_the_start_date_index(world):
    """From its anchor, a deep page's keys are the next entries of the start-date index,
    which holds the publication columns too (cooperation.0009): no sort of the public
    projects. SQLite's planner prefers another plan on tiny tables: there the index must at
    least exist, on those columns."""
    name = "coop_project_start_idx"
    if connection.vendor != "postgresql":
        assert table_constraints(CooperationProject)[name]["columns"] == ["start_date", "id"]
        return
    anchor = (date(2015, 6, 1), world["both"].pk)
    keys = (
        CooperationProject.objects.public()
        .filter(at_or_after(PROJECT_ORDERS["newest"].fields, anchor))
        .order_by(*PROJECT_ORDERS["newest"].fields)
        .values_list("pk", flat=True)[20:40]
    )
    plan = plan_with_sorting_forbidden(keys)
    assert name in plan
    assert "Sort" not in plan


def test_countries_with_as_many_projects_are_listed_by_name_in_the_page_s_language(client, db):
    for code in ["JP", "GB", "FR", "CA", "DE", "DE"]:  # Germany twice: the most projects
        country = f.PartnerCountryFactory(country=code)
        f.CooperationProjectFactory(partners=[f.InstitutionFactory(country=country)])

    def countries(language: str) -> list[str]:
        with override(language):
            response = client.get(reverse("cooperation:project-list"))
        [facet] = [facet for facet in response.context["facets"] if facet.name == "country"]
        return [value["label"] for value in facet.values]

    # Not by ISO code (Canada, France, the United Kingdom, Japan).
    assert countries("en") == ["Germany", "Canada", "France", "Japan", "United Kingdom"]
    # In pinyin order (dé, fǎ, jiā, rì, yīng), not by code point (德 加 日 法 英).
    assert countries("zh-hans") == ["德国", "法国", "加拿大", "日本", "英国"]
