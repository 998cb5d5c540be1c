"""An award's, an achievement's and an exchange's own page: what staff write about them
(description, certificate) reaches readers, for public records only; the lists, the
project's and the country's pages, the sitemap and the API link to them."""

from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from cooperation.publication import PublicationStatus
from tests import factories as f
from tests.news.images import jpeg
from tests.pages import sitemap_locations

HIDDEN = {"publication_status": PublicationStatus.DRAFT, "published_at": None}


@pytest.fixture
def records(db):
    japan = f.PartnerCountryFactory(country="JP")
    kyoto = f.InstitutionFactory(country=japan, name_en="Kyoto University")
    unit = f.UnitFactory(name_en="College of Pharmacy")
    project = f.CooperationProjectFactory(title_en="Joint laboratory", partners=[kyoto])
    draft_project = f.CooperationProjectFactory(title_en="Unannounced", **HIDDEN)
    researcher = f.ResearcherFactory(name_en="Zhao Min", unit=unit)
    return {
        "japan": japan, "kyoto": kyoto, "unit": unit, "project": project,
        "draft_project": draft_project,
        "award": f.AwardFactory(
            title_en="Friendship Award", slug="friendship", level="national", year=2023,
            awarded_on=date(2023, 9, 28), recipient_researcher=researcher,
            description_en="For ten years of work with Japan.\n\nPresented in Beijing.",
        ),
        "paper": f.AchievementFactory(
            kind="paper", title_en="A peptide screen", year=2022, project=project,
            identifier="10.1000/xyz123",
            description_en="Published in a leading journal.\n\nCited widely.",
        ),
        "exchange": f.ExchangeFactory(
            kind="visiting_scholar", title_en="Visiting scholar from Kyoto", country=japan,
            institution=kyoto, unit=unit, project=project, people_count=3,
            start_date=date(2024, 3, 1), end_date=date(2024, 8, 31),
            description_en="Three researchers spent six months at the laboratory.",
        ),
    }  # fmt: skip


def en(record) -> str:
    with override("en"):
        return record.get_absolute_url()


def test_an_award_page_shows_what_staff_wrote_about_it(client, records):
    award = records["award"]
    award.certificate_image = jpeg(1200, 800, name="certificate.jpg")
    award.save()
    f.ArticleFactory(title_en="Zhao Min receives the Friendship Award").related_awards.add(award)
    f.ArticleFactory(title_en="A draft about it", **HIDDEN).related_awards.add(award)

    response = client.get("/en/awards/friendship/")

    assert response.status_code == 200
    html = response.text
    assert "<h1>Friendship Award</h1>" in html
    assert "<p>For ten years of work with Japan.</p>" in html
    assert f'<a href="{en(award.recipient_researcher)}">Zhao Min</a>' in html
    assert '<a href="/en/awards/?year=2023">2023</a>' in html
    assert '<time datetime="2023-09-28">' in html
    assert 'alt="Certificate: Friendship Award"' in html
    assert "Zhao Min receives the Friendship Award" in html
    assert "A draft about it" not in html


def test_an_award_that_is_not_public_has_no_page(client, records):
    f.AwardFactory(slug="draft-award", **HIDDEN)
    f.AwardFactory(slug="later", published_at=timezone.now() + timedelta(days=1))
    for slug in ["draft-award", "later", "nothing"]:
        assert client.get(f"/en/awards/{slug}/").status_code == 404, slug


def test_an_achievement_page_shows_its_description_and_where_to_read_it(client, records):
    paper = records["paper"]
    html = client.get(en(paper)).text
    assert "<h1>A peptide screen</h1>" in html
    assert "<p>Published in a leading journal.</p>" in html
    assert '<a href="https://doi.org/10.1000/xyz123" rel="noopener">' in html
    assert f'<a href="{en(records["project"])}">Joint laboratory</a>' in html
    assert '<a href="/en/achievements/?kind=paper">Paper</a>' in html


def test_an_exchange_page_shows_who_went_where_and_for_how_long(client, records):
    html = client.get(en(records["exchange"])).text
    assert "<h1>Visiting scholar from Kyoto</h1>" in html
    assert '<time datetime="2024-03-01">1 March 2024</time> – <time datetime="2024-08-31">' in html
    for record, name in [
        (records["japan"], "Japan"),
        (records["kyoto"], "Kyoto University"),
        (records["unit"], "College of Pharmacy"),
        (records["project"], "Joint laboratory"),
    ]:
        assert f'<a href="{en(record)}">{name}</a>' in html
    assert "<p>Three researchers spent six months at the laboratory.</p>" in html


def test_a_record_of_a_project_readers_may_not_see_has_no_page(client, records):
    """As in the lists: shown while its project is public, or when it has none."""
    draft = records["draft_project"]
    hidden = [
        f.AchievementFactory(project=draft),
        f.ExchangeFactory(project=draft, country=records["japan"]),
    ]
    free = [f.AchievementFactory(project=None), f.ExchangeFactory(project=None)]
    for record in hidden:
        assert client.get(en(record)).status_code == 404
    for record in free:
        assert client.get(en(record)).status_code == 200
    for path in ["/en/achievements/999999/", "/en/exchanges/x/", "/en/exchanges/-1/"]:
        assert client.get(path).status_code == 404, path
    # Beyond a bigint: no record, not a database error.
    assert client.get("/en/achievements/99999999999999999999/").status_code == 404


def test_the_lists_and_the_project_and_country_pages_link_each_record(client, records):
    award, paper, exchange = records["award"], records["paper"], records["exchange"]
    with override("en"):
        pages = {
            reverse("cooperation:award-list"): [award],
            reverse("cooperation:achievement-list"): [paper],
            reverse("cooperation:exchange-list"): [exchange],
            en(records["project"]): [paper, exchange],
            en(records["japan"]): [exchange],
        }
    for path, linked in pages.items():
        html = client.get(path).text
        for record in linked:
            assert f'<a href="{en(record)}">{record.title_en}</a>' in html, (path, record)


def test_the_pages_read_in_chinese_and_say_what_is_not_translated(client, records):
    for record in [records["award"], records["paper"], records["exchange"]]:
        with override("zh-hans"):
            path = record.get_absolute_url()
        html = client.get(path).text
        assert f"<h1>{record.title_zh_hans}</h1>" in html
        # The descriptions above were written in English only.
        assert "translation-notice" in html, path


def test_each_page_reads_a_fixed_number_of_queries(client, records):
    def counts() -> list[int]:
        result = []
        for record in [records["award"], records["paper"], records["exchange"]]:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(en(record)).status_code == 200
            result.append(len(ctx.captured_queries))
        return result

    small = counts()
    for _ in range(30):
        f.ArticleFactory().related_awards.add(records["award"])
        f.AchievementFactory(project=records["project"])
        f.ExchangeFactory(project=records["project"], country=records["japan"])
    assert counts() == small
    assert max(small) <= 12


def test_the_sitemap_lists_the_records_readers_may_see(client, records):
    draft = records["draft_project"]
    hidden_paper = f.AchievementFactory(project=draft)
    f.AwardFactory(slug="draft-award", **HIDDEN)
    index = sitemap_locations(client, "/sitemap.xml")
    listed = []
    for section in ["awards", "achievements", "exchanges"]:
        location = f"http://testserver/sitemap-{section}.xml"
        assert location in index
        listed += sitemap_locations(client, urlsplit(location).path)
    for record in [records["award"], records["paper"], records["exchange"]]:
        assert f"http://testserver{en(record)}" in listed
    assert f"http://testserver{en(hidden_paper)}" not in listed
    assert not any("draft-award" in location for location in listed)


def test_the_api_links_each_record_to_its_pages(client, records):
    award = client.get("/api/v1/awards/friendship/").json()
    assert award["links"] == {
        "zh-hans": "http://testserver/zh-hans/awards/friendship/",
        "en": "http://testserver/en/awards/friendship/",
    }
    paper = client.get(f"/api/v1/achievements/{records['paper'].pk}/").json()
    assert paper["links"]["en"] == f"http://testserver{en(records['paper'])}"
    exchange = client.get(f"/api/v1/exchanges/{records['exchange'].pk}/").json()
    assert exchange["links"]["en"] == f"http://testserver{en(records['exchange'])}"


def test_a_long_achievements_section_walks_deep_pages_from_kept_anchors(
    client, records, monkeypatch
):
    """Deep pages of a section whose rule joins the projects start from anchors kept for it,
    not from an OFFSET over every record before them; each public record is listed once."""
    from config.pagination import RowsByKeys
    from portal.sitemaps import BilingualSitemap

    monkeypatch.setattr(BilingualSitemap, "limit", 4)  # two records, each in two languages
    monkeypatch.setattr(RowsByKeys, "deep_offset", 2)
    monkeypatch.setattr(RowsByKeys, "anchor_every", 2)
    # Written in both languages, so listed in both (portal.sitemaps: a page in a language the
    # record is not written in is not listed).
    records["paper"].description_zh_hans = "发表于一流期刊。"
    records["paper"].save()
    papers = [records["paper"], *f.AchievementFactory.create_batch(4, project=records["project"])]
    f.AchievementFactory(project=records["draft_project"])
    papers.sort(key=lambda paper: paper.pk)

    listed, deep = [], []
    for page in (1, 2, 3):
        with CaptureQueriesContext(connection) as captured:
            listed += sitemap_locations(client, f"/sitemap-achievements.xml?p={page}")
        deep += [q["sql"] for q in captured.captured_queries if " >= " in q["sql"]]
    with override("en"):
        assert listed[1::2] == [f"http://testserver{paper.get_absolute_url()}" for paper in papers]
    assert deep  # a later page started from its anchor
    assert client.get("/sitemap-achievements.xml?p=4").status_code == 404


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name", ["paper", "exchange"])
def test_a_page_found_by_an_id_with_leading_zeros_moves_to_its_one_address(
    client, records, name, language, django_assert_num_queries
):
    """/achievements/01/ finds the record of /achievements/1/: sent there for good, with its
    query, before any query, so that a page has one address and not two."""
    record = records[name]
    with override(language):
        one = record.get_absolute_url()
    padded = one.replace(f"/{record.pk}/", f"/00{record.pk}/")
    assert padded != one
    with django_assert_num_queries(0):
        response = client.get(padded + "?utm_source=x&a=%C3%A9")
    assert response.status_code == 301
    assert response["Location"] == one + "?utm_source=x&a=%C3%A9"
    assert client.head(padded)["Location"] == one
    assert client.get(one).status_code == 200


def test_a_preview_by_an_id_with_leading_zeros_moves_to_the_preview_by_its_id(
    client, records, publisher
):
    client.force_login(publisher)
    paper = records["paper"]
    response = client.get(f"/en/achievements/preview/0{paper.pk}/")
    assert response.status_code == 301
    with override("en"):
        assert response["Location"] == reverse("cooperation:achievement-preview", args=[paper.pk])
    assert client.get(response["Location"]).status_code == 200
