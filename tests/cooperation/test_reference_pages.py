"""Country, institution, field, unit, researcher, award, exchange and achievement pages:
public records only, fixed queries."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from cooperation.publication import PublicationStatus
from tests import factories as f

MAX_QUERIES = 12


@pytest.fixture
def base(db):
    japan = f.PartnerCountryFactory(country="JP")
    kyoto = f.InstitutionFactory(country=japan, slug="kyoto")
    field = f.ResearchFieldFactory(slug="drugs")
    sub = f.ResearchFieldFactory(slug="peptides", parent=field)
    unit = f.UnitFactory(slug="pharmacy")
    researcher = f.ResearcherFactory(unit=unit, slug="wang-li")
    public = f.CooperationProjectFactory(
        title_en="Public one", lead_unit=unit, partners=[kyoto], fields=[sub],
        principal_investigator=researcher,
    )  # fmt: skip
    draft = f.CooperationProjectFactory(
        title_en="Secret draft", lead_unit=unit, partners=[kyoto], fields=[field],
        principal_investigator=researcher,
        publication_status=PublicationStatus.DRAFT, published_at=None,
    )  # fmt: skip
    f.ExchangeFactory(country=japan, institution=kyoto, title_en="Open visit", project=public)
    f.ExchangeFactory(country=japan, title_en="Visit of a draft project", project=draft)
    f.AwardFactory(recipient_unit=unit)
    return {
        "japan": japan, "kyoto": kyoto, "field": field, "unit": unit, "researcher": researcher,
        "public": public,
    }  # fmt: skip


def pages(base) -> list[str]:
    with override("en"):
        return [
            reverse("cooperation:country-list"),
            base["japan"].get_absolute_url(),
            base["kyoto"].get_absolute_url(),
            base["field"].get_absolute_url(),
            base["unit"].get_absolute_url(),
            base["researcher"].get_absolute_url(),
            reverse("cooperation:award-list"),
            reverse("cooperation:exchange-list"),
            reverse("cooperation:achievement-list"),
            reverse("cooperation:field-list"),
            reverse("cooperation:researcher-list"),
            reverse("cooperation:unit-list"),
            reverse("cooperation:institution-list"),
        ]


def test_reference_pages_show_public_projects_only(client, base):
    for path in pages(base)[1:6]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert list(response.context["projects"]) == [base["public"]], path
        assert response.context["project_count"] == 1
        assert "Secret draft" not in response.text


def test_country_page_lists_institutions_and_public_exchanges(client, base):
    response = client.get(base["japan"].get_absolute_url())
    assert list(response.context["institutions"]) == [base["kyoto"]]
    assert [e.title_en for e in response.context["exchanges"]] == ["Open visit"]


def test_country_list_counts_public_projects(client, base):
    response = client.get(pages(base)[0])
    [country] = response.context["countries"]
    assert country.public_project_count == 1
    assert country.institution_count == 1


def test_country_list_counts_once_until_the_projects_change(client, base):
    """The counts are kept while the public projects are unchanged; a new project, or a
    scheduled one coming due (no row changes then), counts at once."""

    def japan_count() -> int:
        [country] = client.get(pages(base)[0]).context["countries"]
        return country.public_project_count

    with CaptureQueriesContext(connection) as first:
        assert japan_count() == 1
    with CaptureQueriesContext(connection) as again:
        assert japan_count() == 1
    assert len(again) < len(first)

    f.CooperationProjectFactory(partners=[base["kyoto"]])
    assert japan_count() == 2

    now = timezone.now()
    f.CooperationProjectFactory(partners=[base["kyoto"]], published_at=now + timedelta(seconds=5))
    with time_machine.travel(now, tick=False):
        assert japan_count() == 2
    with time_machine.travel(now + timedelta(seconds=10), tick=False):
        assert japan_count() == 3


def test_reference_pages_count_once_until_the_projects_change(client, base):
    """Each page's project count is kept while the public projects are unchanged; a new
    project, or a scheduled one coming due, counts at once."""
    paths = pages(base)[1:6]

    def counts() -> list[int]:
        return [client.get(path).context["project_count"] for path in paths]

    assert counts() == [1, 1, 1, 1, 1]
    with CaptureQueriesContext(connection) as again:
        assert counts() == [1, 1, 1, 1, 1]
    assert not any("COUNT(*)" in query["sql"] for query in again.captured_queries)

    sub = base["field"].children.get()
    linked = {
        "lead_unit": base["unit"], "partners": [base["kyoto"]], "fields": [sub],
        "principal_investigator": base["researcher"],
    }  # fmt: skip
    f.CooperationProjectFactory(**linked)
    assert counts() == [2, 2, 2, 2, 2]

    now = timezone.now()
    f.CooperationProjectFactory(**linked, published_at=now + timedelta(seconds=5))
    with time_machine.travel(now, tick=False):
        assert counts() == [2, 2, 2, 2, 2]
    with time_machine.travel(now + timedelta(seconds=10), tick=False):
        assert counts() == [3, 3, 3, 3, 3]


@pytest.mark.parametrize("code", ["xx", "japan", "j", "%00", "j%00"])
def test_unknown_or_malformed_country_codes_are_404(client, base, code):
    assert client.get(f"/en/countries/{code}/").status_code == 404


def test_pages_answer_in_both_languages(client, base):
    for path in pages(base):
        assert client.get(path).status_code == 200
        assert client.get(path.replace("/en/", "/zh-hans/", 1)).status_code == 200


def test_awards_timeline_filters_by_level_and_year(client, db):
    f.AwardFactory(title_en="National 2009", level="national", year=2009)
    f.AwardFactory(title_en="Provincial 2022", level="provincial", year=2022)
    f.AwardFactory(
        title_en="Future", level="national", year=2026,
        published_at=timezone.now() + timedelta(days=3),
    )  # fmt: skip
    url = reverse("cooperation:award-list")
    titles = lambda response: [a.title_en for a in response.context["awards"]]  # noqa: E731
    assert titles(client.get(url)) == ["Provincial 2022", "National 2009"]
    assert titles(client.get(url, {"level": "national"})) == ["National 2009"]
    assert titles(client.get(url, {"year": "2022"})) == ["Provincial 2022"]
    with override("en"):
        page = client.get(reverse("cooperation:award-list")).text
    assert '<p class="muted">2 awards</p>' in page  # as the other lists count theirs
    assert '<option value="" selected>All levels</option>' in page  # not "---------"
    for hostile in [{"year": "abc"}, {"year": "1" * 50}, {"level": "galactic"}]:
        response = client.get(url, hostile)
        assert response.status_code == 400
        assert list(response.context["awards"]) == []


def test_reference_page_queries_do_not_grow_with_the_data(client, base):
    def counts() -> list[int]:
        result = []
        for path in pages(base):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(path).status_code == 200
            result.append(len(ctx.captured_queries))
        return result

    f.AchievementFactory(project=base["public"])  # an empty list is one query fewer
    small = counts()
    for _ in range(195):  # about 200 records of each kind
        f.CooperationProjectFactory(
            lead_unit=base["unit"], partners=[base["kyoto"]], fields=[base["field"]],
            principal_investigator=base["researcher"], start_date=date(2020, 1, 1),
        )  # fmt: skip
        f.InstitutionFactory(country=base["japan"])
        f.ExchangeFactory(country=base["japan"], institution=base["kyoto"], unit=base["unit"])
        f.AwardFactory(recipient_researcher=base["researcher"])
        f.AwardFactory(recipient_unit=base["unit"])
        f.ResearcherFactory(unit=base["unit"])
        f.AchievementFactory(project=base["public"])
    assert counts() == small
    assert max(small) <= MAX_QUERIES


def test_achievements_list_public_results_by_year_with_their_links(client, base):
    f.AchievementFactory(
        title_en="A paper",
        year=2022,
        identifier="10.1038/s41586-020-2649-2",
        project=base["public"],
    )
    f.AchievementFactory(
        title_en="A patent", kind="patent", year=2019, identifier="CN1234567A",
        url="https://patents.example.org/CN1234567A", project=None,
    )  # fmt: skip
    draft = base["public"].__class__.objects.get(title_en="Secret draft")
    f.AchievementFactory(title_en="A draft's paper", year=2023, project=draft)
    url = reverse("cooperation:achievement-list")
    titles = lambda response: [a.title_en for a in response.context["achievements"]]  # noqa: E731

    response = client.get(url)
    assert titles(response) == ["A paper", "A patent"]
    assert "A draft's paper" not in response.text
    # A paper is found by its DOI; anything else by its own link.
    assert 'href="https://doi.org/10.1038/s41586-020-2649-2"' in response.text
    assert 'href="https://patents.example.org/CN1234567A"' in response.text
    assert f'href="{base["public"].get_absolute_url()}"' in response.text

    assert titles(client.get(url, {"kind": "patent"})) == ["A patent"]
    assert titles(client.get(url, {"year": "2022"})) == ["A paper"]
    for hostile in [{"year": "abc"}, {"year": "9" * 40}, {"kind": "novel"}, {"kind": "\x00"}]:
        response = client.get(url, hostile)
        assert response.status_code == 400, hostile
        assert list(response.context["achievements"]) == []


def test_counts_are_grouped_in_threes_in_both_languages(client, base):
    """1,500 in English and in Chinese (config/formats/zh_Hans; Django's own Chinese format
    wrote 1500, which readers took for a slip beside the charts' 1,500): the lists' totals,
    each exchange's people and home's key figures."""
    f.ExchangeFactory(country=base["japan"], title_en="A congress", people_count=1500)
    english = client.get("/en/exchanges/").text
    assert "2 exchanges · 1,503 people" in english  # with the base's open visit (3)
    assert english.count("1,500 people") == 1
    assert '<span class="figure-number">1,503</span>' in client.get("/en/").text

    chinese = client.get("/zh-hans/exchanges/").text
    assert "1,503 人" in chinese and "1503" not in chinese
    assert '<span class="figure-number">1,503</span>' in client.get("/zh-hans/").text


def test_exchanges_list_filters_and_counts_people(client, base):
    uk = f.PartnerCountryFactory(country="GB")
    f.ExchangeFactory(
        country=uk, kind="visiting_scholar", title_en="Scholar in London",
        start_date=date(2021, 9, 1), people_count=2,
    )  # fmt: skip
    with override("en"):
        url = reverse("cooperation:exchange-list")
    titles = lambda response: [e.title_en for e in response.context["exchanges"]]  # noqa: E731

    response = client.get(url)
    # Newest first; the draft project's visit stays hidden, from the list and the totals.
    assert titles(response) == ["Open visit", "Scholar in London"]
    assert response.context["totals"] == {"exchanges": 2, "people": 5}
    assert response.context["paginator"].count == 2
    assert "Visit of a draft project" not in response.text
    assert f'href="{base["kyoto"].get_absolute_url()}"' in response.text
    assert f'href="{uk.get_absolute_url()}"' in response.text

    assert titles(client.get(url, {"country": "GB"})) == ["Scholar in London"]
    assert titles(client.get(url, {"kind": "incoming_visit"})) == ["Open visit"]
    assert titles(client.get(url, {"year": "2021"})) == ["Scholar in London"]
    filtered = client.get(url, {"country": "JP", "year": "2021"})
    assert titles(filtered) == []
    assert filtered.context["totals"] == {"exchanges": 0, "people": 0}
    assert "No exchanges match these filters." in filtered.text

    # The country choices name the partner countries in the page's language.
    form = client.get("/zh-hans/exchanges/").context["filter_form"]
    assert ("GB", "英国") in form.fields["country"].choices
    for hostile in [{"country": "FR"}, {"country": "japan"}, {"kind": "x"}, {"year": "-1"}]:
        response = client.get(url, hostile)
        assert response.status_code == 400, hostile
        assert list(response.context["exchanges"]) == []


def test_country_choices_follow_the_partner_countries(client, base):
    url = reverse("cooperation:exchange-list")
    assert client.get(url, {"country": "DE"}).status_code == 400
    f.PartnerCountryFactory(country="DE")
    assert client.get(url, {"country": "DE"}).status_code == 200


def test_header_links_the_exchanges_and_achievements(client, base):
    for name in ["cooperation:exchange-list", "cooperation:achievement-list"]:
        with override("en"):
            path = reverse(name)
        response = client.get(path)
        assert f'<a href="{path}" aria-current="page">' in response.text
        home = client.get("/en/")
        assert f'<a href="{path}">' in home.text


@pytest.mark.parametrize("name", ["achievement-list", "exchange-list"])
def test_long_lists_keep_their_count_and_walk_deep_pages_in_order(client, db, monkeypatch, name):
    """The count (and the exchanges' people) is kept per selection while the cooperation
    records are unchanged, and deep pages start from kept anchors (RowsByKeys): every page
    walked gives each record once, in the list's order, and a new record counts at once."""
    from config.pagination import RowsByKeys
    from cooperation.models import Achievement, Exchange
    from cooperation.views import AchievementListView, ExchangeListView

    monkeypatch.setattr(RowsByKeys, "deep_offset", 1)
    monkeypatch.setattr(RowsByKeys, "anchor_every", 3)
    monkeypatch.setattr(AchievementListView, "paginate_by", 2)
    monkeypatch.setattr(ExchangeListView, "paginate_by", 2)
    model = Achievement if name == "achievement-list" else Exchange

    def add(n: int) -> None:
        if model is Achievement:
            f.AchievementFactory(year=2010 + n % 3, project=None)
        else:
            f.ExchangeFactory(start_date=date(2020, 1 + n % 3, 1))

    for n in range(9):
        add(n)
    with override("en"):
        url = reverse(f"cooperation:{name}")

    def walk() -> tuple[list[int], int]:
        ids, page = [], 1
        while True:
            response = client.get(url, {"page": page})
            assert response.status_code == 200
            ids += [record.pk for record in response.context["page_obj"]]
            if not response.context["page_obj"].has_next():
                return ids, response.context["paginator"].count
            page += 1

    expected = lambda: list(model.objects.public().values_list("pk", flat=True))  # noqa: E731
    assert walk() == (expected(), 9)
    with CaptureQueriesContext(connection) as again:
        assert walk() == (expected(), 9)
    assert not any("COUNT(" in query["sql"] or "ROW_NUMBER" in query["sql"] for query in again)
    add(9)
    assert walk() == (expected(), 10)


def test_the_timeline_names_a_recipient_project_only_while_it_is_public(client, base):
    """An award may be public before the project that received it, or after it was
    withdrawn: the timeline says a project received it, without its title or a dead link."""
    draft = f.CooperationProjectFactory(
        title_en="Unannounced project", publication_status=PublicationStatus.DRAFT,
        published_at=None,
    )  # fmt: skip
    f.AwardFactory(title_en="Prize of a draft", recipient_project=draft)
    f.AwardFactory(title_en="Prize of a public one", recipient_project=base["public"])
    with override("en"):
        html = client.get(reverse("cooperation:award-list")).text
        assert "Unannounced project" not in html
        assert draft.get_absolute_url() not in html
        assert "Recipient: a cooperation project" in html
        assert f'<a href="{base["public"].get_absolute_url()}">Public one</a>' in html


def test_institution_and_unit_pages_list_their_public_exchanges_and_awards(
    client, base, monkeypatch
):
    from cooperation.views import ExchangesOfMixin

    monkeypatch.setattr(ExchangesOfMixin, "exchanges_shown", 2)
    kyoto, unit, japan = base["kyoto"], base["unit"], base["japan"]
    for n in range(2):
        f.ExchangeFactory(
            title_en=f"Lab visit {n}", country=japan, institution=kyoto, unit=unit,
            start_date=date(2098 + n, 1, 1),
        )  # fmt: skip
    f.AwardFactory(title_en="Unit prize to come", recipient_unit=unit,
                   published_at=timezone.now() + timedelta(days=1))  # fmt: skip
    with override("en"):
        institution_page = client.get(kyoto.get_absolute_url())
        unit_page = client.get(unit.get_absolute_url())
        # Kyoto has three public exchanges ("Open visit" too), two shown and a link to all.
        titles = [e.title_en for e in institution_page.context["exchanges"]]
        assert titles == ["Lab visit 1", "Lab visit 0"]
        assert "Visit of a draft project" not in institution_page.text
        all_of_them = f"{reverse('cooperation:exchange-list')}?institution={kyoto.slug}"
        assert f'<a href="{all_of_them}">' in institution_page.text
        # The unit has two: no link to more.
        assert [e.title_en for e in unit_page.context["exchanges"]] == titles
        assert "?unit=" not in unit_page.text
        # Its public award, not the one to come.
        [award] = unit_page.context["awards"]
        assert f'<a href="{award.get_absolute_url()}">' in unit_page.text
        assert "Unit prize to come" not in unit_page.text


def test_the_exchanges_list_narrows_to_an_institution_or_a_unit_and_says_so(client, base):
    kyoto, unit, japan = base["kyoto"], base["unit"], base["japan"]
    f.ExchangeFactory(title_en="Unit trip", country=japan, unit=unit)
    with override("en"):
        path = reverse("cooperation:exchange-list")
        by_institution = client.get(path, {"institution": kyoto.slug, "kind": ""})
        assert [e.title_en for e in by_institution.context["exchanges"]] == ["Open visit"]
        html = by_institution.text
        assert f'Institution: <a href="{kyoto.get_absolute_url()}">{kyoto.name_en}</a>' in html
        assert f'<a href="{path}?kind=">Remove this filter</a>' in html
        assert f'<input type="hidden" name="institution" value="{kyoto.slug}">' in html
        assert 'id="id_institution"' not in html  # a note, not a field

        by_unit = client.get(path, {"unit": unit.slug})
        assert [e.title_en for e in by_unit.context["exchanges"]] == ["Unit trip"]
        assert f'Unit: <a href="{unit.get_absolute_url()}">' in by_unit.text

        unknown = client.get(path, {"unit": "nowhere"})
        assert unknown.status_code == 200
        assert list(unknown.context["exchanges"]) == []
        assert "Unit: nothing is known as “nowhere”" in unknown.text

        malformed = client.get(path, {"institution": "not a slug"})
        assert malformed.status_code == 400
        assert "<li>Institution: " in malformed.text  # the error, though no field shows it


def test_the_api_narrows_exchanges_to_an_institution_or_a_unit_alike(client, base):
    f.ExchangeFactory(title_en="Unit trip", country=base["japan"], unit=base["unit"])
    titles = lambda answer: [e["title_en"] for e in answer.json()["results"]]  # noqa: E731
    assert titles(client.get("/api/v1/exchanges/", {"institution": "kyoto"})) == ["Open visit"]
    assert titles(client.get("/api/v1/exchanges/", {"unit": "pharmacy"})) == ["Unit trip"]
    assert client.get("/api/v1/exchanges/", {"unit": "not a slug"}).status_code == 400


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("/en/countries/JP/", "/en/countries/jp/"),
        ("/en/countries/Jp/", "/en/countries/jp/"),
        ("/zh-hans/countries/jP/", "/zh-hans/countries/jp/"),
    ],
)
def test_a_country_page_in_another_case_moves_to_its_address_in_lower_case(
    client, base, path, address
):
    """One address per country, the one its links give (the sitemap, the country list, the
    home map): the other case is sent there for good, with its query."""
    with override("en"):
        assert base["japan"].get_absolute_url() == "/en/countries/jp/"

    moved = client.get(path, {"utm_source": "x", "page": "2"})

    assert moved.status_code == 301
    assert moved["Location"] == f"{address}?utm_source=x&page=2"
    assert client.get(path)["Location"] == address  # no query: none added
    # The address answers itself, naming itself canonical: no loop.
    page = client.get(moved["Location"])
    assert page.status_code == 200
    assert f'<link rel="canonical" href="http://testserver{address}">' in page.text


def test_a_country_that_does_not_exist_is_404_in_either_case(client, base):
    moved = client.get("/en/countries/XX/")
    assert moved.status_code == 301
    assert client.get(moved["Location"]).status_code == 404
