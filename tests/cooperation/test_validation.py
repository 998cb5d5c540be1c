"""Model validation: every rule gives a clear message on the field that needs fixing."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils.translation import override

from cooperation.models import (
    Achievement,
    AchievementKind,
    Award,
    CooperationProject,
    Exchange,
    Institution,
    PartnerRole,
    ProjectPartner,
    Researcher,
    ResearchField,
    Unit,
)
from cooperation.validators import validate_orcid, validate_ror_id
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import errors_shown, form_data, png_upload


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English here; the Chinese versions are checked below."""
    with override("en"):
        yield


def errors_of(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    return excinfo.value.message_dict


@pytest.mark.parametrize("value", ["03vek6s52", "https://ror.org/03vek6s52", "052GG0110"])
def test_valid_ror_ids_are_accepted(value):
    validate_ror_id(value)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("03vek6s53", "checksum"),
        ("13vek6s52", "ROR id like"),
        ("03vek6u52", "ROR id like"),  # u is not in Crockford base 32
        ("03vek6s5", "ROR id like"),
        ("", "ROR id like"),
    ],
)
def test_invalid_ror_ids_are_refused_with_a_reason(value, fragment):
    with pytest.raises(ValidationError, match=fragment):
        validate_ror_id(value)


@pytest.mark.parametrize(
    "value", ["0000-0002-1825-0097", "0000-0002-1694-233X", "0000-0002-1694-233x"]
)
def test_valid_orcids_are_accepted(value):
    validate_orcid(value)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("0000-0002-1825-0098", "check digit"),
        ("0000-0002-1825-009", "ORCID iD like"),
        ("000000021825009X", "ORCID iD like"),
        ("https://orcid.org/0000-0002-1825-0097", "ORCID iD like"),
    ],
)
def test_invalid_orcids_are_refused_with_a_reason(value, fragment):
    with pytest.raises(ValidationError, match=fragment):
        validate_orcid(value)


@pytest.mark.django_db
def test_institution_ror_id_is_normalised_and_unique():
    first = f.InstitutionFactory.build(
        country=f.PartnerCountryFactory(), ror_id="https://ror.org/03VEK6S52"
    )
    first.full_clean()
    first.save()
    assert first.ror_id == "03vek6s52"
    second = f.InstitutionFactory.build(country=first.country, ror_id="03vek6s52")
    assert "Another institution already has this ROR id." in str(errors_of(second))


@pytest.mark.django_db
def test_institutions_without_ror_id_do_not_clash():
    country = f.PartnerCountryFactory()
    f.InstitutionFactory(country=country, ror_id="")
    f.InstitutionFactory.build(country=country, ror_id="").full_clean()


@pytest.mark.django_db
def test_researcher_orcid_is_checked_and_unique():
    unit = f.UnitFactory()
    bad = f.ResearcherFactory.build(unit=unit, orcid="0000-0002-1825-0098")
    assert "orcid" in errors_of(bad)
    f.ResearcherFactory(unit=unit, orcid="0000-0002-1825-0097")
    duplicate = f.ResearcherFactory.build(unit=unit, orcid="0000-0002-1825-0097")
    assert "Another researcher already has this ORCID iD." in str(errors_of(duplicate))


@pytest.mark.django_db
def test_project_cannot_end_before_it_starts():
    project = f.CooperationProjectFactory.build(
        lead_unit=f.UnitFactory(), start_date=date(2022, 5, 1), end_date=date(2022, 4, 30)
    )
    assert errors_of(project)["end_date"] == ["The end date cannot be before the start date."]


@pytest.mark.django_db
def test_project_funding_cannot_be_negative():
    project = f.CooperationProjectFactory.build(
        lead_unit=f.UnitFactory(), funding_amount=Decimal("-1")
    )
    assert errors_of(project)["funding_amount"] == ["Funding cannot be negative."]


@pytest.mark.django_db
def test_project_slug_must_be_unique():
    existing = f.CooperationProjectFactory()
    duplicate = f.CooperationProjectFactory.build(lead_unit=existing.lead_unit, slug=existing.slug)
    assert "slug" in errors_of(duplicate)


@pytest.mark.django_db
def test_project_cover_image_needs_a_description():
    project = f.CooperationProjectFactory.build(lead_unit=f.UnitFactory(), cover_image="x.jpg")
    assert "cover_image_alt_zh_hans" in errors_of(project)  # the Chinese one, required


@pytest.mark.django_db
def test_research_fields_have_two_levels_at_most():
    top = f.ResearchFieldFactory()
    child = f.ResearchFieldFactory(parent=top)
    grandchild = f.ResearchFieldFactory.build(parent=child)
    assert "two levels" in errors_of(grandchild)["parent"][0]
    top.parent = f.ResearchFieldFactory()
    assert "sub-fields" in errors_of(top)["parent"][0]
    child.parent = child
    assert "own parent" in errors_of(child)["parent"][0]


@pytest.mark.django_db
def test_award_has_at_most_one_recipient_and_a_date_in_its_year():
    unit = f.UnitFactory()
    award = f.AwardFactory.build(recipient_unit=unit, recipient_researcher=f.ResearcherFactory())
    assert "at most one recipient" in str(errors_of(award))
    award = f.AwardFactory.build(year=2022, awarded_on=date(2023, 1, 5))
    assert errors_of(award)["awarded_on"] == ["The date must fall in the award year."]


@pytest.mark.django_db
def test_a_year_in_which_something_happened_is_next_year_at_most(settings):
    """An award announced for January may carry next year; 2090 is a typo, which every list,
    count and the dashboard would show."""
    from django.utils import timezone

    next_year = timezone.localdate().year + 1
    message = f"This year is still to come: enter {next_year} or earlier."
    assert errors_of(f.AwardFactory.build(year=next_year + 1))["year"] == [message]
    project = f.CooperationProjectFactory()
    achievement = f.AchievementFactory.build(project=project, year=2090)
    assert errors_of(achievement)["year"] == [message]
    country = f.PartnerCountryFactory.build(country="NZ", since_year=2100)
    assert errors_of(country)["since_year"] == [message]
    for fine in (
        f.AwardFactory.build(year=next_year),
        f.AchievementFactory.build(project=project, year=2001),
        f.PartnerCountryFactory.build(country="NZ", since_year=next_year - 1),
    ):
        try:
            fine.full_clean()
        except ValidationError as error:
            assert not {"year", "since_year"} & set(error.message_dict), error.message_dict


@pytest.mark.django_db
def test_paper_identifier_must_be_a_doi_and_is_normalised():
    project = f.CooperationProjectFactory()
    paper = Achievement(
        kind=AchievementKind.PAPER, title_zh_hans="论文", year=2020, project=project,
        identifier="not a doi",
    )  # fmt: skip
    assert "DOI" in errors_of(paper)["identifier"][0]
    paper.identifier = "https://doi.org/10.1038/s41586-020-2649-2"
    paper.full_clean()
    assert paper.identifier == "10.1038/s41586-020-2649-2"


@pytest.mark.django_db
def test_exchange_dates_and_institution_country_are_checked():
    japan = f.PartnerCountryFactory(country="JP")
    germany = f.PartnerCountryFactory(country="DE")
    institution = f.InstitutionFactory(country=germany)
    exchange = f.ExchangeFactory.build(
        country=japan,
        institution=institution,
        start_date=date(2024, 3, 1),
        end_date=date(2024, 2, 1),
    )
    errors = errors_of(exchange)
    assert errors["end_date"] == ["The end date cannot be before the start date."]
    exchange.end_date = None
    assert errors_of(exchange)["institution"] == ["This institution is not in the chosen country."]
    assert Institution.objects.count() == 1


@pytest.mark.django_db
def test_validation_messages_are_in_chinese_by_default():
    project = f.CooperationProjectFactory.build(
        lead_unit=f.UnitFactory(), start_date=date(2022, 5, 1), end_date=date(2022, 4, 30)
    )
    with override("zh-hans"):
        with pytest.raises(ValidationError) as excinfo:
            project.full_clean()
        # Messages are lazy: read them while Chinese is active.
        assert excinfo.value.message_dict["end_date"] == ["结束日期不能早于开始日期。"]


# --- the same rules through the back office: the form comes back with the message on it ---


def post(client, model, view: str, *args, **changes):
    """Post the admin form of ``view`` (add or change) with changes, as a browser would."""
    url = admin_url(model, view, *args)
    data = form_data(client, url, **changes)
    files = {k: data.pop(k) for k in [k for k, v in data.items() if hasattr(v, "read")]}
    return client.post(url, {**data, **files}, headers={"accept-language": "en"})


@pytest.fixture
def unit(db):
    return f.UnitFactory()


SHANGHAI = ZoneInfo("Asia/Shanghai")


def project_changes(unit, **changes) -> dict:
    base = {
        "title_zh_hans": "新项目",
        "title_en": "New project",
        "slug": "new-project",
        "summary_zh_hans": "摘要",
        "kind": "joint_research",
        "start_date": "2024-01-01",
        "lead_unit": str(unit.pk),
    }
    return {**base, **changes}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_date": "2023-12-31"}, "end_date", "The end date cannot be before the start date."),
        ({"funding_amount": "-5"}, "funding_amount", "Funding cannot be negative."),
        ({"slug": "taken"}, "slug", "Cooperation project with this Slug already exists."),
        # With an example of a date it reads: today (config.admin_dates).
        ({"start_date": "2024-02-30"}, "start_date", "Enter a valid date, such as {today}."),
    ],
)
def test_project_add_form_shows_what_to_fix(admin_client, unit, changes, field, message):
    f.CooperationProjectFactory(slug="taken")
    with time_machine.travel(datetime(2026, 12, 7, 12, tzinfo=SHANGHAI), tick=False):
        response = post(admin_client, CooperationProject, "add", **project_changes(unit, **changes))
        assert errors_shown(response)[field] == [message.format(today="2026-12-07")]
    assert CooperationProject.objects.count() == 1


@pytest.mark.django_db
def test_project_add_form_saves_a_valid_project(admin_client, unit):
    response = post(admin_client, CooperationProject, "add", **project_changes(unit))
    assert response.status_code == 302
    assert CooperationProject.objects.get().slug == "new-project"


@pytest.mark.django_db
def test_project_change_form_refuses_an_end_before_the_start(admin_client):
    project = f.CooperationProjectFactory(start_date=date(2022, 5, 1))
    response = post(admin_client, CooperationProject, "change", project.pk, end_date="2022-04-30")
    assert errors_shown(response)["end_date"] == ["The end date cannot be before the start date."]
    project.refresh_from_db()
    assert project.end_date is None


@pytest.mark.django_db
def test_project_cover_image_without_a_description_is_refused_on_the_form(admin_client, unit):
    response = post(
        admin_client,
        CooperationProject,
        "add",
        **project_changes(unit, cover_image=png_upload()),
    )
    assert errors_shown(response)["cover_image_alt_zh_hans"] == [
        "Describe the cover image for readers who cannot see it."
    ]
    assert not CooperationProject.objects.exists()

    response = post(
        admin_client,
        CooperationProject,
        "add",
        **project_changes(unit, cover_image=png_upload(), cover_image_alt_zh_hans="药学院实验室"),
    )
    assert response.status_code == 302
    assert CooperationProject.objects.get().cover_image.name.startswith("projects/")


@pytest.mark.django_db
def test_a_project_has_one_lead_partner_at_most(admin_client):
    """As the spreadsheets and the open data name one; handing the lead from one partner to
    another in one save works."""
    country = f.PartnerCountryFactory(country="JP")
    first, second = f.InstitutionFactory.create_batch(2, country=country)
    project = f.CooperationProjectFactory(partners=[first, second])
    ProjectPartner.objects.filter(institution=first).update(role=PartnerRole.LEAD_PARTNER)
    url = admin_url(CooperationProject, "change", project.pk)
    index = {
        form.instance.institution_id: number
        for number, form in enumerate(
            admin_client.get(url).context["inline_admin_formsets"][0].formset.forms
        )
    }

    def roles(first_role: str, second_role: str):
        return post(
            admin_client,
            CooperationProject,
            "change",
            project.pk,
            **{
                f"projectpartner_set-{index[first.pk]}-role": first_role,
                f"projectpartner_set-{index[second.pk]}-role": second_role,
            },
        )

    response = roles(PartnerRole.LEAD_PARTNER, PartnerRole.LEAD_PARTNER)
    assert errors_shown(response)["projectpartner_set:__all__"] == [
        "A project has one lead partner: give the others another role."
    ]
    assert project.lead_partner == first
    assert roles(PartnerRole.PARTNER, PartnerRole.LEAD_PARTNER).status_code == 302
    assert CooperationProject.objects.get(pk=project.pk).lead_partner == second


def institution_changes(country, **changes) -> dict:
    base = {
        "name_zh_hans": "机构",
        "name_en": "Institution",
        "slug": "institution",
        "country": str(country.pk),
        "kind": "university",
    }
    return {**base, **changes}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ror_id", "message"),
    [
        ("03vek6s53", "This ROR id has a wrong checksum: check it for a typing mistake."),
        (
            "03vek6u52",
            "Enter a ROR id like 03vek6s52: a 0, six letters or digits "
            "(no i, l, o or u), then two check digits.",
        ),
        (
            "03vek 6s52",
            "Enter a ROR id like 03vek6s52: a 0, six letters or digits "
            "(no i, l, o or u), then two check digits.",
        ),
    ],
)
def test_institution_form_refuses_a_bad_ror_id(admin_client, ror_id, message):
    country = f.PartnerCountryFactory()
    response = post(admin_client, Institution, "add", **institution_changes(country, ror_id=ror_id))
    assert errors_shown(response)["ror_id"] == [message]
    assert not Institution.objects.exists()


@pytest.mark.django_db
def test_institution_form_normalises_a_ror_url_and_refuses_a_duplicate(admin_client):
    country = f.PartnerCountryFactory()
    response = post(
        admin_client,
        Institution,
        "add",
        **institution_changes(country, ror_id="https://ror.org/03VEK6S52"),
    )
    assert response.status_code == 302
    assert Institution.objects.get().ror_id == "03vek6s52"

    response = post(
        admin_client,
        Institution,
        "add",
        **institution_changes(country, slug="other", ror_id="03vek6s52"),
    )
    assert "Another institution already has this ROR id." in str(errors_shown(response))
    assert Institution.objects.count() == 1


def researcher_changes(unit, **changes) -> dict:
    base = {"name_zh_hans": "研究员", "slug": "researcher", "unit": str(unit.pk)}
    return {**base, **changes}


@pytest.mark.django_db
def test_researcher_form_checks_the_orcid(admin_client, unit):
    response = post(
        admin_client, Researcher, "add", **researcher_changes(unit, orcid="0000-0002-1825-0098")
    )
    assert errors_shown(response)["orcid"] == [
        "This ORCID iD has a wrong check digit: check it for a typing mistake."
    ]

    response = post(
        admin_client, Researcher, "add", **researcher_changes(unit, orcid="0000-0002-1694-233x")
    )
    assert response.status_code == 302
    assert Researcher.objects.get().orcid == "0000-0002-1694-233X"

    response = post(
        admin_client,
        Researcher,
        "add",
        **researcher_changes(unit, slug="other", orcid="0000-0002-1694-233X"),
    )
    assert "Another researcher already has this ORCID iD." in str(errors_shown(response))
    assert Researcher.objects.count() == 1


@pytest.mark.django_db
def test_unit_form_refuses_a_duplicate_slug(admin_client, unit):
    response = post(admin_client, Unit, "add", name_zh_hans="单位", slug=unit.slug)
    assert errors_shown(response)["slug"] == ["Unit with this Slug already exists."]


@pytest.mark.django_db
def test_research_field_forms_keep_two_levels(admin_client):
    top = f.ResearchFieldFactory()
    child = f.ResearchFieldFactory(parent=top)
    response = post(
        admin_client,
        ResearchField,
        "add",
        name_zh_hans="三级领域",
        slug="third-level",
        parent=str(child.pk),
    )
    assert errors_shown(response)["parent"] == [
        "Choose a top-level field: fields have two levels at most."
    ]

    other_top = f.ResearchFieldFactory()
    response = post(admin_client, ResearchField, "change", top.pk, parent=str(other_top.pk))
    assert errors_shown(response)["parent"] == [
        "This field has sub-fields, so it must stay at the top level."
    ]
    top.refresh_from_db()
    assert top.parent is None


def award_changes(**changes) -> dict:
    base = {
        "title_zh_hans": "先进基地",
        "slug": "advanced-base",
        "granting_body_zh_hans": "四川省科学技术厅",
        "level": "provincial",
        "year": "2022",
    }
    return {**base, **changes}


@pytest.mark.django_db
def test_award_form_refuses_two_recipients_and_a_date_outside_the_year(admin_client, unit):
    researcher = f.ResearcherFactory(unit=unit)
    response = post(
        admin_client,
        Award,
        "add",
        **award_changes(recipient_unit=str(unit.pk), recipient_researcher=str(researcher.pk)),
    )
    assert errors_shown(response)["__all__"] == [
        "Choose at most one recipient: a unit, a researcher or a project "
        "(none means the base itself)."
    ]

    response = post(admin_client, Award, "add", **award_changes(awarded_on="2023-01-05"))
    assert errors_shown(response)["awarded_on"] == ["The date must fall in the award year."]
    assert not Award.objects.exists()


@pytest.mark.django_db
def test_achievement_form_wants_a_doi_for_a_paper(admin_client):
    changes = {"kind": "paper", "title_zh_hans": "论文", "year": "2021"}
    response = post(admin_client, Achievement, "add", identifier="doi 10/abc", **changes)
    assert errors_shown(response)["identifier"] == [
        "Enter the paper's DOI, e.g. 10.1038/s41586-020-2649-2."
    ]
    response = post(admin_client, Achievement, "add", identifier="doi:10.1000/xyz123", **changes)
    assert response.status_code == 302
    assert Achievement.objects.get().identifier == "10.1000/xyz123"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pasted",
    [
        "HTTPS://DOI.ORG/10.1000/abc(1)",
        "http://dx.doi.org/10.1000/abc%281%29",
        "DOI: 10.1000/abc(1)",
    ],
)
def test_a_papers_doi_is_stored_bare_however_it_is_pasted(admin_client, pasted):
    """As search reads a DOI (cooperation.validators.bare_doi): the form took only the
    https://doi.org/ link and a lower-case "doi:" before."""
    changes = {"kind": "paper", "title_zh_hans": "论文", "year": "2021"}
    response = post(admin_client, Achievement, "add", identifier=pasted, **changes)
    assert response.status_code == 302
    assert Achievement.objects.get().identifier == "10.1000/abc(1)"


@pytest.mark.django_db
def test_exchange_form_checks_dates_and_the_institution_country(admin_client):
    japan = f.PartnerCountryFactory(country="JP")
    german = f.InstitutionFactory(country=f.PartnerCountryFactory(country="DE"))
    changes = {
        "kind": "incoming_visit",
        "title_zh_hans": "来访",
        "start_date": "2024-03-01",
        "country": str(japan.pk),
        "people_count": "2",
    }
    response = post(admin_client, Exchange, "add", end_date="2024-02-01", **changes)
    assert errors_shown(response)["end_date"] == ["The end date cannot be before the start date."]
    response = post(admin_client, Exchange, "add", institution=str(german.pk), **changes)
    assert errors_shown(response)["institution"] == [
        "This institution is not in the chosen country."
    ]
    # A typo in the number of people would swell every total of people on the portal.
    response = post(admin_client, Exchange, "add", **{**changes, "people_count": "99999999"})
    assert errors_shown(response)["people_count"] == [
        "Ensure this value is less than or equal to 10000."
    ]
    assert not Exchange.objects.exists()
    response = post(admin_client, Exchange, "add", **{**changes, "people_count": "10000"})
    assert response.status_code == 302
    assert Exchange.objects.get().people_count == 10_000
