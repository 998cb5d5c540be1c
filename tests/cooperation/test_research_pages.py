"""The research fields' index and the researchers' directory: what the base works on and who
works there, public projects only, in both languages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from cooperation.publication import PublicationStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en") -> str:
    with override(language):
        return reverse(f"cooperation:{name}")


@pytest.fixture
def fields():
    drugs = f.ResearchFieldFactory(
        slug="drugs", name_en="Innovative drugs", name_zh_hans="创新药物", sort_order=1,
        description_en="Microbial and marine drugs.",
    )  # fmt: skip
    marine = f.ResearchFieldFactory(slug="marine", name_en="Marine drugs", parent=drugs)
    enzymes = f.ResearchFieldFactory(slug="enzymes", name_en="Enzymes", sort_order=0)
    f.ResearchFieldFactory(slug="empty", name_en="Gene and protein", sort_order=2)
    # One project in the field and in its sub-field: the field counts it once.
    f.CooperationProjectFactory(fields=[drugs, marine])
    f.CooperationProjectFactory(fields=[marine])
    f.CooperationProjectFactory(fields=[enzymes])
    f.CooperationProjectFactory(
        fields=[drugs], publication_status=PublicationStatus.DRAFT, published_at=None
    )
    return {"drugs": drugs, "marine": marine, "enzymes": enzymes}


def test_the_fields_index_lists_top_level_fields_in_order_with_their_sub_fields(client, fields):
    response = client.get(url("field-list"))

    assert response.status_code == 200
    tops = response.context["fields"]
    assert [field.slug for field in tops] == ["enzymes", "drugs", "empty"]
    assert [sub.slug for sub in tops[1].subfields] == ["marine"]
    assert "Microbial and marine drugs." in response.text
    assert f'href="{fields["marine"].get_absolute_url()}"' in response.text


def test_each_field_counts_its_public_projects_as_its_own_page_does(client, fields):
    """A top-level field counts its own projects and its sub-fields' once each; drafts never."""
    tops = {field.slug: field for field in client.get(url("field-list")).context["fields"]}

    assert tops["drugs"].public_project_count == 2
    assert tops["drugs"].subfields[0].public_project_count == 2
    assert tops["enzymes"].public_project_count == 1
    assert tops["empty"].public_project_count == 0
    for slug in ("drugs", "marine", "enzymes"):
        page = client.get(fields[slug].get_absolute_url())
        counted = tops.get(slug) or tops["drugs"].subfields[0]
        assert page.context["project_count"] == counted.public_project_count, slug
        directory = client.get(url("project-list"), {"field": slug})
        assert directory.context["paginator"].count == counted.public_project_count, slug


def test_a_field_links_to_its_projects_in_the_directory_and_says_when_it_has_none(client, fields):
    text = client.get(url("field-list")).text

    assert f'href="{url("project-list")}?field=drugs">2 projects</a>' in text
    assert "No public projects yet" in text


def test_a_published_project_is_counted_at_once(client, fields):
    client.get(url("field-list"))
    f.CooperationProjectFactory(fields=[fields["enzymes"]])

    tops = {field.slug: field for field in client.get(url("field-list")).context["fields"]}

    assert tops["enzymes"].public_project_count == 2


def test_the_fields_index_in_chinese(client, fields):
    response = client.get(url("field-list", "zh-hans"))

    assert "<h1>研究领域</h1>" in response.text
    assert "创新药物" in response.text


@pytest.fixture
def people():
    pharmacy = f.UnitFactory(slug="pharmacy", name_en="College of Pharmacy", name_zh_hans="药学院")
    antibiotics = f.UnitFactory(slug="antibiotics", name_en="Institute of Antibiotics")
    li = f.ResearcherFactory(
        unit=pharmacy, slug="li-na", name_en="Li Na", name_zh_hans="李娜",
        orcid="0000-0002-1825-0097", email="li.na@example.edu.cn",
    )  # fmt: skip
    zhang = f.ResearcherFactory(
        unit=antibiotics, slug="zhang-wei", name_en="zhang Wei", name_zh_hans="张伟"
    )
    chen = f.ResearcherFactory(unit=pharmacy, slug="chen-jie", name_en="", name_zh_hans="陈杰")
    f.CooperationProjectFactory(principal_investigator=li)
    f.CooperationProjectFactory(principal_investigator=li)
    f.CooperationProjectFactory(
        principal_investigator=zhang, publication_status=PublicationStatus.DRAFT, published_at=None
    )
    return {"pharmacy": pharmacy, "li": li, "zhang": zhang, "chen": chen}


def names(response) -> list[str]:
    return [researcher.slug for researcher in response.context["researchers"]]


def test_the_directory_lists_researchers_by_name_as_the_reader_reads_it(client, people):
    """In English by the English name whatever its case, one without it by the Chinese."""
    response = client.get(url("researcher-list"))

    assert response.status_code == 200
    assert names(response) == ["li-na", "zhang-wei", "chen-jie"]
    assert "3 researchers" in response.text


def test_each_researcher_shows_title_unit_orcid_and_the_public_projects_they_lead(client, people):
    response = client.get(url("researcher-list"))

    led = {r.slug: r.public_project_count for r in response.context["researchers"]}
    assert led == {"li-na": 2, "zhang-wei": 0, "chen-jie": 0}
    text = response.text
    assert f'href="{url("project-list")}?researcher=li-na">Leads 2 projects</a>' in text
    assert "?researcher=zhang-wei" not in text  # a draft is not counted, nor linked
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in text
    assert f'href="{people["pharmacy"].get_absolute_url()}">College of Pharmacy</a>' in text
    assert "Professor" in text
    assert "li.na@example.edu.cn" not in text  # the e-mail stays in the back office


def test_the_directory_narrows_by_unit_and_by_part_of_a_name_in_either_language(client, people):
    assert names(client.get(url("researcher-list"), {"unit": "pharmacy"})) == ["li-na", "chen-jie"]
    assert names(client.get(url("researcher-list"), {"name": "ZHANG"})) == ["zhang-wei"]
    assert names(client.get(url("researcher-list"), {"name": "陈"})) == ["chen-jie"]
    # A Chinese name in the English order finds it too; every word must be in it.
    assert names(client.get(url("researcher-list"), {"name": "Wei Zhang"})) == ["zhang-wei"]
    assert names(client.get(url("researcher-list"), {"name": "Wei Li"})) == []
    both = client.get(url("researcher-list"), {"unit": "pharmacy", "name": "li"})
    assert names(both) == ["li-na"]
    assert "1 researcher" in both.text


def test_a_filter_that_makes_no_sense_is_a_400_that_says_why(client, people):
    for query in ({"unit": "atlantis"}, {"name": "x" * 101}, {"name": "a\x00b"}):
        response = client.get(url("researcher-list"), query)
        assert response.status_code == 400, query
        assert names(response) == [], query
        assert 'class="field-error"' in response.text, query


def test_a_units_former_slug_is_sent_on_to_its_slug_now(client, people):
    people["pharmacy"].slug = "college-of-pharmacy"
    people["pharmacy"].save()

    response = client.get(url("researcher-list"), {"unit": "pharmacy", "name": "li"})

    assert response.status_code == 301
    assert response["Location"] == (f"{url('researcher-list')}?unit=college-of-pharmacy&name=li")


def test_the_directory_in_chinese_orders_by_the_chinese_name(client, people):
    response = client.get(url("researcher-list", "zh-hans"))

    assert "<h1>研究人员</h1>" in response.text
    # In pinyin order: chén, lǐ, zhāng (by code point 张 李 陈).
    assert names(response) == ["chen-jie", "li-na", "zhang-wei"]


def test_the_directory_pages_fifty_at_a_time(client, people):
    f.ResearcherFactory.create_batch(60, unit=people["pharmacy"])

    first = client.get(url("researcher-list"))
    last = client.get(url("researcher-list"), {"page": 2})

    assert len(first.context["researchers"]) == 50
    assert len(last.context["researchers"]) == 13
    assert client.get(url("researcher-list"), {"page": 9}).status_code == 404


def test_the_navigation_marks_research_pages_and_the_footer_links_both(people):
    client = Client()
    with override("en"):
        researcher = people["li"].get_absolute_url()
    # The section's own list is the current page; its other pages are in the section.
    for path, mark in [
        (url("field-list"), "page"),
        (url("researcher-list"), "true"),
        (researcher, "true"),
    ]:
        text = client.get(path).text
        assert f'<a href="{url("field-list")}" aria-current="{mark}">Research</a>' in text, path
    text = client.get(url("project-list")).text
    assert f'<a href="{url("field-list")}">Research</a>' in text
    assert f'<a href="{url("researcher-list")}">Researchers</a>' in text
