"""RSS and Atom feeds of the newest public projects (all, a partner country's, a research
field's) and awards: public records only, in the reader's language, found from their pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from cooperation.models import CooperationProject
from cooperation.publication import PublicationStatus
from tests import factories as f
from tests.pages import LANGUAGES, hidden_states, url

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_QUERIES = 4


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def records(db):
    japan = f.InstitutionFactory(country=f.PartnerCountryFactory(country="JP"))
    germany = f.InstitutionFactory(country=f.PartnerCountryFactory(country="DE"))
    gene = f.ResearchFieldFactory(slug="gene", name_en="Gene and protein")
    proteins = f.ResearchFieldFactory(slug="proteins", name_en="Proteins", parent=gene)
    marine = f.ResearchFieldFactory(slug="marine", name_en="Marine drugs")
    f.CooperationProjectFactory(
        title_en="Older Japan", partners=[japan], fields=[gene], published_at=days_ago(9)
    )
    f.CooperationProjectFactory(
        title_en="Newer Japan", partners=[japan], fields=[proteins], published_at=days_ago(2)
    )
    f.CooperationProjectFactory(
        title_en="Germany", partners=[germany], fields=[marine], published_at=days_ago(5)
    )
    for i, state in enumerate(hidden_states()):
        f.CooperationProjectFactory(
            title_en=f"Hidden {i}", partners=[japan], fields=[proteins], **state
        )
        f.AwardFactory(title_en=f"Hidden award {i}", **state)
    f.AwardFactory(title_en="Older award", published_at=days_ago(30))
    f.AwardFactory(title_en="Newer award", published_at=days_ago(1))


def rss_titles(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def atom_titles(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


@pytest.mark.parametrize(
    ("name", "kwargs", "titles"),
    [
        ("project-feed", {}, ["Newer Japan", "Germany", "Older Japan"]),
        ("country-feed", {"code": "jp"}, ["Newer Japan", "Older Japan"]),
        # A field's feed holds its sub-fields' projects, as its page lists them.
        ("field-feed", {"slug": "gene"}, ["Newer Japan", "Older Japan"]),
        ("field-feed", {"slug": "proteins"}, ["Newer Japan"]),
        ("award-feed", {}, ["Newer award", "Older award"]),
    ],
)
def test_a_feed_has_only_public_records_newest_published_first(
    client, records, name, kwargs, titles, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES):
        rss = client.get(url(f"cooperation:{name}-rss", "en", **kwargs))
    assert rss_titles(rss) == titles
    assert atom_titles(client.get(url(f"cooperation:{name}-atom", "en", **kwargs))) == titles


def test_a_project_s_entry_links_its_page_with_its_summary_kind_and_fields(client, records):
    channel = ET.fromstring(
        client.get(url("cooperation:country-feed-rss", "en", code="jp")).content
    )
    channel = channel.find("channel")
    assert (
        channel.findtext("title")
        == "International S&T Cooperation Base · Cooperation projects · Japan"
    )
    assert channel.findtext("link").endswith("/en/countries/jp/")
    item = channel.find("item")
    project = CooperationProject.objects.get(title_en="Newer Japan")
    assert item.findtext("link").endswith(f"/en/projects/{project.slug}/")
    assert item.findtext("description") == "Project summary"
    assert [c.text for c in item.iter("category")] == ["Joint research", "Proteins"]


@pytest.mark.parametrize(
    ("language", "title", "entry"),
    [
        ("en", "International S&T Cooperation Base · Awards and recognitions", "Newer award"),
        ("zh-hans", "国际科技合作基地 · 奖项与荣誉", "奖项"),
    ],
)
def test_the_awards_feed_is_in_the_reader_s_language(client, records, language, title, entry):
    feed = ET.fromstring(client.get(url("cooperation:award-feed-atom", language)).content)
    assert feed.get(XML_LANG) == language
    assert feed.findtext(f"{ATOM}title") == title
    first = next(feed.iter(f"{ATOM}entry"))
    assert first.findtext(f"{ATOM}title").startswith(entry)
    assert first.findtext(f"{ATOM}summary") in {
        "Science & Technology Department of Sichuan Province",
        "四川省科学技术厅",
    }


def test_an_entry_not_yet_translated_says_its_language_in_the_english_atom_feed(client, db):
    f.CooperationProjectFactory(title_en="", summary_en="", title_zh_hans="仅中文项目")
    f.CooperationProjectFactory(title_en="Translated")
    feed = ET.fromstring(client.get(url("cooperation:project-feed-atom", "en")).content)
    languages = {
        entry.findtext(f"{ATOM}title"): entry.get(XML_LANG) for entry in feed.iter(f"{ATOM}entry")
    }
    assert languages == {"仅中文项目": "zh-hans", "Translated": None}


@pytest.mark.parametrize(
    "path",
    [
        "/en/countries/zz/feed/rss/",  # a code of no partner country
        "/en/countries/fr/feed/atom/",  # a real country, but no partner
        "/en/countries/jpn/feed/rss/",  # not a code at all
        "/en/countries/j1/feed/rss/",
        "/en/fields/no-such-field/feed/rss/",
        "/en/fields/no-such-field/feed/atom/",
    ],
)
def test_a_feed_of_an_unknown_country_or_field_is_404(client, records, path):
    assert client.get(path).status_code == 404


def test_a_country_feed_has_one_address_in_lower_case(client, records):
    response = client.get("/en/countries/JP/feed/rss/")
    assert response.status_code == 301
    assert response["Location"] == "/en/countries/jp/feed/rss/"


def test_a_renamed_field_s_feed_sends_subscribers_on(client, records):
    from cooperation.models import ResearchField

    field = ResearchField.objects.get(slug="marine")
    field.slug = "marine-drugs"
    field.save()
    response = client.get(url("cooperation:field-feed-atom", "en", slug="marine"))
    assert response.status_code == 301
    assert response["Location"] == url("cooperation:field-feed-atom", "en", slug="marine-drugs")


def test_a_recoded_country_s_feed_sends_subscribers_on(client, records):
    from cooperation.models import PartnerCountry

    germany = PartnerCountry.objects.get(country="DE")
    germany.country = "AT"  # a code corrected in the admin
    germany.save()
    for code in ("de", "DE"):  # in capitals, first sent on to its lower case
        response = client.get(
            url("cooperation:country-feed-atom", "en", code=code) + "?utm_source=x", follow=True
        )
        assert response.redirect_chain[-1] == (
            url("cooperation:country-feed-atom", "en", code="at") + "?utm_source=x",
            301,
        )
        assert response.status_code == 200
    assert client.get(url("cooperation:country-feed-rss", "en", code="zz")).status_code == 404


def test_feeds_answer_only_reads(client, records):
    assert client.post(url("cooperation:project-feed-rss", "en")).status_code == 405
    assert client.head(url("cooperation:award-feed-atom", "en")).status_code == 200


def test_a_newly_published_project_shows_in_the_cached_feed(client, records, settings):
    settings.PORTAL_PAGE_CACHE = True
    path = url("cooperation:project-feed-rss", "en")
    assert client.get(path)["X-Page-Cache"] == "miss"
    assert client.get(path)["X-Page-Cache"] == "hit"
    draft = CooperationProject.objects.get(title_en="Hidden 0")
    draft.publication_status, draft.published_at = PublicationStatus.PUBLISHED, days_ago(0)
    draft.save()
    response = client.get(path)
    assert response["X-Page-Cache"] == "miss"
    assert rss_titles(response)[0] == "Hidden 0"


def alternates(html: str) -> list[tuple[str, str]]:
    return re.findall(
        r'<link rel="alternate" type="(application/[a-z+]+)"[^>]*href="([^"]+)"', html
    )


def feed_links(html: str) -> list[str]:
    return re.findall(r'<p class="feed-links">.*?</p>', html)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    # Not "page": that name is Playwright's browser page, which would make this a browser test.
    ("page_name", "kwargs", "feed", "feed_kwargs"),
    [
        ("cooperation:project-list", {}, "cooperation:project-feed", {}),
        ("cooperation:award-list", {}, "cooperation:award-feed", {}),
        ("cooperation:country-detail", {"code": "jp"}, "cooperation:country-feed", {"code": "jp"}),
        ("cooperation:field-detail", {"slug": "gene"}, "cooperation:field-feed", {"slug": "gene"}),
    ],
)
def test_a_list_and_a_record_page_link_their_feeds_in_the_head_and_visibly(
    client, records, language, page_name, kwargs, feed, feed_kwargs
):
    html = client.get(url(page_name, language, **kwargs)).text
    rss = url(f"{feed}-rss", language, **feed_kwargs)
    atom = url(f"{feed}-atom", language, **feed_kwargs)
    assert ("application/rss+xml", rss) in alternates(html)
    assert ("application/atom+xml", atom) in alternates(html)
    assert any(rss in line and atom in line for line in feed_links(html))


def test_the_directory_narrowed_to_a_country_offers_that_country_s_feeds(client, records):
    html = client.get(url("cooperation:project-list", "en"), {"country": "JP"}).text
    assert ("application/atom+xml", "/en/countries/jp/feed/atom/") in alternates(html)
    assert any("Cooperation projects with Japan" in line for line in feed_links(html))
    html = client.get(url("cooperation:project-list", "en"), {"field": "marine"}).text
    assert ("application/atom+xml", "/en/fields/marine/feed/atom/") in alternates(html)
    plain = client.get(url("cooperation:project-list", "en")).text
    assert not [href for _type, href in alternates(plain) if "/countries/" in href]


def test_the_open_data_page_lists_every_feed(client, records):
    html = client.get(url("portal:open-data", "en")).text
    for name in ("news:feed", "cooperation:project-feed", "cooperation:award-feed"):
        for kind in ("rss", "atom"):
            assert f'href="{url(f"{name}-{kind}", "en")}"' in html
            assert f'"contentUrl": "http://testserver{url(f"{name}-{kind}", "en")}"' in html


def test_the_footer_leads_to_the_list_of_feeds(client, records):
    html = client.get(url("portal:home", "en")).text
    assert f'href="{url("portal:open-data", "en")}#feeds"' in html
    assert 'id="feeds"' in client.get(url("portal:open-data", "en")).text


@pytest.mark.parametrize("state", hidden_states())
def test_a_hidden_award_stays_out_of_the_feed_in_either_language(client, db, state):
    f.AwardFactory(title_en="Kept back", title_zh_hans="未公开奖项", **state)
    for language in LANGUAGES:
        text = client.get(url("cooperation:award-feed-rss", language)).text
        assert "Kept back" not in text and "未公开奖项" not in text


EMPTY_SELECTIONS = [
    # (list, a selection of none of its records, its words for no results)
    ("cooperation:project-list", {"q": "xyzzyqq"}, "No projects match these filters."),
    ("cooperation:award-list", {"year": "1999"}, "No awards match these filters."),
    ("cooperation:achievement-list", {"year": "1999"}, "No achievements match these filters."),
    ("cooperation:exchange-list", {"year": "1999"}, "No exchanges match these filters."),
    ("news:article-list", {"year": "1999"}, "No news matches these filters."),
]


@pytest.mark.parametrize(("list_name", "none", "no_results"), EMPTY_SELECTIONS)
def test_an_empty_selection_offers_nothing_to_download_nor_to_follow(
    client, db, list_name, none, no_results
):
    """A CSV of no rows, a feed of what is not there: only the words saying nothing matches
    (the list itself still offers them)."""
    f.CooperationProjectFactory(title_en="Marine drugs")
    f.AwardFactory(year=2022)
    f.AchievementFactory(year=2022)
    f.ExchangeFactory()
    f.ArticleFactory()
    every = client.get(url(list_name, "en")).text
    assert 'class="downloads"' in every or feed_links(every)

    empty = client.get(url(list_name, "en"), none).text
    assert no_results in empty
    assert 'class="downloads"' not in empty
    assert not feed_links(empty)
