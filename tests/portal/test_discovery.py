"""sitemap.xml, feeds, robots.txt, OpenGraph and JSON-LD: public records only."""

import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from cooperation.publication import PublicationStatus
from tests import factories as f


@pytest.fixture
def content(db):
    hidden = {"publication_status": PublicationStatus.DRAFT, "published_at": None}
    scheduled = {"published_at": timezone.now() + timedelta(days=1)}
    return {
        "project": f.CooperationProjectFactory(slug="public-project", title_en="Public <project>"),
        "draft": f.CooperationProjectFactory(slug="draft-project", **hidden),
        "scheduled": f.CooperationProjectFactory(slug="scheduled-project", **scheduled),
        "article": f.ArticleFactory(slug="public-news", title_en="Public news"),
        "draft_article": f.ArticleFactory(slug="draft-news", **hidden),
        "scheduled_article": f.ArticleFactory(slug="scheduled-news", **scheduled),
    }


def test_sitemap_lists_public_records_in_both_languages(client, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ElementTree.fromstring(response.content)  # well-formed XML
    text = response.text
    for path in [
        "/zh-hans/projects/public-project/",
        "/en/projects/public-project/",
        "/en/news/public-news/",
    ]:
        assert f"http://testserver{path}" in text
    for slug in ["draft-project", "scheduled-project", "draft-news", "scheduled-news"]:
        assert slug not in text
    assert 'hreflang="x-default"' in text


@pytest.mark.parametrize(
    ("path", "marker"), [("/en/news/feed/rss/", "<rss"), ("/zh-hans/news/feed/atom/", "<feed")]
)
def test_news_feeds_carry_public_articles_only(client, content, path, marker):
    response = client.get(path)
    assert response.status_code == 200
    assert marker in response.text
    ElementTree.fromstring(response.content)
    assert "public-news" in response.text
    assert "draft-news" not in response.text
    assert "scheduled-news" not in response.text


def test_robots_txt_points_to_the_sitemap_and_hides_the_back_office(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def ld_json(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_project_page_has_opengraph_and_research_project_json_ld(client, content):
    html = client.get("/en/projects/public-project/").text
    assert '<meta property="og:title" content="Public &lt;project&gt;">' in html
    data = ld_json(html)
    assert data["@type"] == "ResearchProject"
    assert data["name"] == "Public <project>"
    assert data["url"] == "http://testserver/en/projects/public-project/"
    assert "<project>" not in html.split('application/ld+json">')[1].split("</script>")[0]


def test_article_page_has_news_article_json_ld(client, content):
    data = ld_json(client.get("/en/news/public-news/").text)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Public news"


def test_home_page_describes_the_organization(client, db):
    assert ld_json(client.get("/en/").text)["@type"] == "Organization"
