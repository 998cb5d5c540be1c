"""A researcher's page: who they are, the public projects they lead and the public awards
they received; the pages that name them link to it, and the directory lists all their
projects."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.publication import PublicationStatus
from tests import factories as f

HIDDEN = {"publication_status": PublicationStatus.DRAFT, "published_at": None}


@pytest.fixture
def wang(db):
    unit = f.UnitFactory(slug="pharmacy", name_en="College of Pharmacy")
    return f.ResearcherFactory(
        slug="wang-li", unit=unit, name_zh_hans="王力", name_en="Wang Li",
        title_en="Professor", orcid="0000-0002-1825-0097", email="wang.li@example.edu.cn",
        profile_zh_hans="王力教授研究多肽药物。\n\n他与京都大学合作。",
        profile_en="Wang Li works on peptide drugs.\n\nHe works with Kyoto University.",
    )  # fmt: skip


def test_the_page_shows_the_researcher_and_their_public_records_only(client, wang):
    f.CooperationProjectFactory(title_en="Peptide screening", principal_investigator=wang)
    f.CooperationProjectFactory(title_en="Secret draft", principal_investigator=wang, **HIDDEN)
    f.CooperationProjectFactory(title_en="Someone else's project")
    f.AwardFactory(title_en="Young Scientist Award", recipient_researcher=wang, year=2021)
    f.AwardFactory(
        title_en="Award to come", recipient_researcher=wang,
        published_at=timezone.now() + timedelta(days=2),
    )  # fmt: skip
    f.AwardFactory(title_en="The unit's award", recipient_unit=wang.unit)

    response = client.get("/en/researchers/wang-li/")

    assert response.status_code == 200
    html = response.text
    assert "<h1>Wang Li</h1>" in html
    assert "Professor" in html
    assert f'<a href="{wang.unit.get_absolute_url()}">College of Pharmacy</a>' in html
    assert '<a href="https://orcid.org/0000-0002-1825-0097" rel="noopener">' in html
    assert "<p>Wang Li works on peptide drugs.</p>" in html  # paragraphs kept
    assert ">Principal investigator of 1 project</h2>" in html
    assert [p.title_en for p in response.context["projects"]] == ["Peptide screening"]
    assert response.context["project_count"] == 1
    assert [a.title_en for a in response.context["awards"]] == ["Young Scientist Award"]
    for hidden in ["Secret draft", "Someone else", "Award to come", "The unit&#x27;s award"]:
        assert hidden not in html
    assert "wang.li@example.edu.cn" not in html  # the address stays in the back office


def test_the_page_reads_in_chinese_and_says_what_is_not_translated(client, wang):
    html = client.get("/zh-hans/researchers/wang-li/").text
    assert "<h1>王力</h1>" in html
    assert "translation-notice" not in html

    wang.profile_en = ""
    wang.save()
    html = client.get("/en/researchers/wang-li/").text
    assert "王力教授研究多肽药物。" in html
    assert "translation-notice" in html


def test_the_page_describes_a_person_to_search_engines(client, wang):
    html = client.get("/en/researchers/wang-li/").text
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Person"
    assert data["name"] == "Wang Li"
    assert data["jobTitle"] == "Professor"
    assert data["affiliation"]["name"] == "College of Pharmacy"
    assert data["sameAs"] == "https://orcid.org/0000-0002-1825-0097"
    assert data["url"] == "http://testserver/en/researchers/wang-li/"


@pytest.mark.parametrize("slug", ["nobody", "wang-li-2", "%E7%8E%8B"])
def test_an_unknown_researcher_is_404(client, wang, slug):
    assert client.get(f"/en/researchers/{slug}/").status_code == 404


def test_pages_that_name_a_researcher_link_to_their_page(client, wang):
    project = f.CooperationProjectFactory(principal_investigator=wang, lead_unit=wang.unit)
    f.AwardFactory(recipient_researcher=wang)
    link = '<a href="/en/researchers/wang-li/">Wang Li</a>'
    for path in [
        project.get_absolute_url(),
        wang.unit.get_absolute_url(),
        reverse("cooperation:award-list"),
    ]:
        path = path.replace("/zh-hans/", "/en/", 1)
        assert link in client.get(path).text, path


def test_a_long_career_links_to_all_of_its_projects_in_the_directory(client, wang, monkeypatch):
    from cooperation.views import ResearcherDetailView

    monkeypatch.setattr(ResearcherDetailView, "projects_shown", 2)
    for n in range(3):
        f.CooperationProjectFactory(title_en=f"Led {n}", principal_investigator=wang)
    f.CooperationProjectFactory(title_en="Led as a draft", principal_investigator=wang, **HIDDEN)
    f.CooperationProjectFactory(title_en="Led by another")

    page = client.get("/en/researchers/wang-li/")
    assert len(page.context["projects"]) == 2
    assert page.context["project_count"] == 3
    assert '<a href="/en/projects/?researcher=wang-li">' in page.text

    directory = client.get("/en/projects/", {"researcher": "wang-li"})
    assert directory.status_code == 200
    assert sorted(p.title_en for p in directory.context["projects"]) == ["Led 0", "Led 1", "Led 2"]
    html = directory.text
    # The page names the filter, which no facet shows, and keeps it when the form is sent.
    assert 'Principal investigator: <a href="/en/researchers/wang-li/">Wang Li</a>' in html
    assert '<a href="/en/projects/">Remove this filter</a>' in html
    assert '<input type="hidden" name="researcher" value="wang-li">' in html

    export = client.get("/en/projects/export.csv", {"researcher": "wang-li"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 3


def test_the_directory_keeps_other_filters_when_the_researcher_is_removed(client, wang):
    f.CooperationProjectFactory(principal_investigator=wang, kind="joint_research")
    html = client.get("/en/projects/?kind=joint_research&researcher=wang-li&page=1").text
    assert '<a href="/en/projects/?kind=joint_research">Remove this filter</a>' in html


@pytest.mark.parametrize(
    ("value", "status"), [("nobody", 200), ("not a slug", 400), ("x" * 300, 400)]
)
def test_the_directory_answers_an_unknown_or_malformed_researcher_clearly(
    client, wang, value, status
):
    f.CooperationProjectFactory(principal_investigator=wang)
    response = client.get("/en/projects/", {"researcher": value})
    assert response.status_code == status
    assert list(response.context["projects"]) == []
    if status == 200:
        assert "Principal investigator: nothing is known as “nobody”" in response.text
    else:
        assert "Principal investigator:" in response.text  # the form error names the filter


def test_the_sitemap_lists_every_researcher_in_both_languages(client, wang):
    index = client.get("/sitemap.xml").text
    assert "http://testserver/sitemap-researchers.xml" in index
    text = client.get("/sitemap-researchers.xml").text
    assert "<loc>http://testserver/zh-hans/researchers/wang-li/</loc>" in text
    assert "<loc>http://testserver/en/researchers/wang-li/</loc>" in text


def test_the_open_data_api_lists_a_researchers_projects_by_the_same_filter(client, wang):
    led = f.CooperationProjectFactory(principal_investigator=wang)
    f.CooperationProjectFactory(principal_investigator=wang, **HIDDEN)
    f.CooperationProjectFactory()
    answer = client.get("/api/v1/projects/", {"researcher": "wang-li"}).json()
    assert [project["slug"] for project in answer["results"]] == [led.slug]
    assert client.get("/api/v1/projects/", {"researcher": "not a slug"}).status_code == 400
