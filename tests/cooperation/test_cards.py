"""Project cards are rendered once per project and language, kept while the projects are
unchanged, and shared by every page that lists the project."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from cooperation.models import ProjectPartner
from tests import factories as f


def get(client, name: str, language: str = "en", **kwargs):
    with override(language):
        path = reverse(name, kwargs=kwargs or None)
    response = client.get(path)
    assert response.status_code == 200, path
    return response


@pytest.fixture
def kyoto_project(db):
    kyoto = f.InstitutionFactory(
        name_en="Kyoto University", name_zh_hans="京都大学", country__country="JP"
    )
    return f.CooperationProjectFactory(
        title_en="Enzyme study", title_zh_hans="酶研究", partners=[kyoto], featured=True
    )


def card_loads(client, name: str, **kwargs) -> list[str]:
    """The statements of a request that read a card's partners (only a card reads them)."""
    with CaptureQueriesContext(connection) as ctx:
        get(client, name, **kwargs)
    partners = ProjectPartner._meta.db_table
    return [query["sql"] for query in ctx.captured_queries if partners in query["sql"]]


def test_a_card_rendered_for_one_page_serves_the_others(client, kyoto_project):
    assert card_loads(client, "cooperation:project-list")  # rendered here, and kept

    # The country's page and home list the same project: its card is not loaded again.
    country = get(client, "cooperation:country-detail", code="jp")
    assert "Enzyme study" in country.content.decode()
    with CaptureQueriesContext(connection) as ctx:
        home = get(client, "portal:home")
    assert "Enzyme study" in home.content.decode()
    assert not [q for q in ctx.captured_queries if "_prefetch_related_val" in q["sql"]]
    assert not card_loads(client, "cooperation:project-list")


def test_an_edit_to_the_project_or_its_partner_shows_on_its_card_at_once(client, kyoto_project):
    assert "Kyoto University" in get(client, "cooperation:project-list").content.decode()

    kyoto_project.title_en = "Enzyme study, second phase"
    kyoto_project.save()
    assert "second phase" in get(client, "cooperation:project-list").content.decode()

    institution = kyoto_project.partners.get()
    institution.name_en = "Kyoto University Hospital"
    institution.save()
    page = get(client, "cooperation:project-list").content.decode()
    assert "Kyoto University Hospital" in page


def test_each_language_has_its_own_card(client, kyoto_project):
    assert "Enzyme study" in get(client, "cooperation:project-list").content.decode()

    chinese = get(client, "cooperation:project-list", "zh-hans").content.decode()
    assert "酶研究" in chinese
    assert "京都大学" in chinese
    assert "Enzyme study" not in chinese


def partner_line(client, language: str, name: str) -> str:
    """The partners' line of the directory card that names ``name``."""
    listing = get(client, "cooperation:project-list", language).content.decode()
    lines = [part.split("</p>")[0] for part in listing.split('<p class="card-partners">')[1:]]
    return next(line for line in lines if name in line)


def test_a_card_without_a_lead_partner_marks_none(client, db):
    project = f.CooperationProjectFactory(title_en="Unled")
    for name in ("Beta Lab", "Alpha Lab"):
        ProjectPartner.objects.create(
            project=project, institution=f.InstitutionFactory(name_en=name), role="host"
        )
    card = partner_line(client, "en", "Alpha Lab")
    assert card.index("Alpha Lab") < card.index("Beta Lab")
    assert "<strong>" not in card and "Lead partner" not in card


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_partners_are_listed_by_name_whatever_its_case(client, db, language):
    """The card and the project page list its partners, the lead partner first, then by
    name as a reader reads it (cooperation.models.reading_order): the databases'
    binary collations put "Zeta" before "beta", and the page listed the links as stored."""
    names = [("Zeta Institute", "Z研究所"), ("beta Institute", "b研究所"), ("Alpha Lab", "A实验室")]
    institutions = [f.InstitutionFactory(name_en=en, name_zh_hans=zh) for en, zh in names]
    project = f.CooperationProjectFactory(title_en="Ordered partners")
    for institution, role in zip(institutions, ["partner", "partner", "lead_partner"], strict=True):
        ProjectPartner.objects.create(project=project, institution=institution, role=role)
    english = language == "en"
    alpha, beta, zeta = (names[i][0 if english else 1] for i in (2, 1, 0))

    lead = "Lead partner" if english else "牵头合作方"
    bracket = " (" if english else "（"  # each language's own (portal_tags.aside)
    card = partner_line(client, language, zeta)
    assert card.index(alpha) < card.index(beta) < card.index(zeta)
    assert card.startswith(f"<strong>{alpha}</strong>{bracket}") and card.count(lead) == 1
    # The lead partner comes first, marked; the others follow by name. A card is kept, and
    # a change of lead (saved as the admin saves a project's partners) shows on it at once.
    for link in ProjectPartner.objects.filter(project=project):
        link.role = "lead_partner" if link.institution == institutions[0] else "partner"
        link.save()
    card = partner_line(client, language, zeta)
    assert card.startswith(f"<strong>{zeta}</strong>{bracket}")
    assert card.index(zeta) < card.index(alpha) < card.index(beta)
    assert card.count(lead) == 1 and card.count("<strong>") == 1
    page = get(client, "cooperation:project-detail", language, slug=project.slug)
    partners = page.content.decode().split('<ul class="plain-list">')[1]
    assert partners.index(zeta) < partners.index(alpha) < partners.index(beta)
    # So do its structured data's members.
    data = page.content.decode().split('"ResearchProject"')[1]
    assert data.index(zeta) < data.index(alpha) < data.index(beta)


@pytest.mark.django_db
def test_a_card_gives_a_projects_years_and_says_when_it_has_no_end(client):
    from datetime import date

    f.CooperationProjectFactory(title_en="Open", start_date=date(2019, 3, 1), end_date=None)
    f.CooperationProjectFactory(
        title_en="Closed", start_date=date(2015, 1, 1), end_date=date(2018, 6, 30)
    )
    english = get(client, "cooperation:project-list").text
    assert "<span>2019–ongoing</span>" in english
    assert "<span>2015–2018</span>" in english
    assert "<span>2019–至今</span>" in get(client, "cooperation:project-list", "zh-hans").text
