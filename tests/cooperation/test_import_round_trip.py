"""A sheet exported from the admin re-imports unchanged (README, Spreadsheets): for every
list with an import, records exported through the admin's export page, in XLSX and in CSV,
then checked and confirmed through its import page by a publisher and by an editor, leave
every record as it was: all rows unchanged, no version written, no value touched (an empty
text stored as '' stays '', one stored as NULL stays NULL)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone
from reversion.models import Version

from accounts.roles import EDITOR, PUBLISHER
from config.spreadsheets import SafeCSV, SafeXLSX
from cooperation import models as m
from cooperation.publication import PublicationStatus
from cooperation.resources import CoopResource
from news.models import Article
from portal.models import Redirect
from tests import factories as f
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db

FORMATS = {"xlsx": "0", "csv": "1"}
IMPORTED_MODELS = [
    m.Institution,
    m.Researcher,
    m.CooperationProject,
    m.Award,
    m.Achievement,
    m.Exchange,
    Article,
    Redirect,
]


def blank_as_stored(model: type[models.Model], pk, **values) -> None:
    """Store ``values`` as they are, past save() and the forms: an old record, or one from an
    earlier import, may hold '' where the admin would store NULL, or NULL where it stores ''."""
    model._default_manager.filter(pk=pk).update(**values)


@pytest.fixture
def records(db):
    """Realistic records of every imported list, some optional texts blank as '' and some
    as NULL, with links, decimals, dates and yes-or-no values."""
    japan = f.PartnerCountryFactory(country="JP")
    germany = f.PartnerCountryFactory(country="DE")
    unit = f.UnitFactory(name_zh_hans="药学院", name_en="College of Pharmacy", slug="pharmacy")
    fields = [f.ResearchFieldFactory(), f.ResearchFieldFactory()]
    osaka = f.InstitutionFactory(
        name_zh_hans="大阪大学",
        name_en="Osaka University",
        country=japan,
        ror_id="035t8zc32",
        city_zh_hans="大阪",
        city_en="Osaka",
        website="https://www.osaka-u.ac.jp/",
        description_zh_hans="日本国立大学",
        description_en="A national university",
    )
    berlin = f.InstitutionFactory(country=germany, city_en="", description_en="")
    blank_as_stored(m.Institution, berlin.pk, city_zh_hans="", description_zh_hans=None)
    blank_as_stored(m.Institution, osaka.pk, description_en=None)
    chen = f.ResearcherFactory(
        unit=unit, orcid="0000-0002-1825-0097", email="chen@example.org", profile_en=""
    )
    li = f.ResearcherFactory(unit=unit, title_en="", profile_zh_hans="简介")
    blank_as_stored(m.Researcher, li.pk, title_en=None, profile_en="")
    first = f.CooperationProjectFactory(
        lead_unit=unit,
        principal_investigator=chen,
        partners=[osaka, berlin],
        fields=fields,
        funding_source_zh_hans="国家自然科学基金",
        funding_source_en="",
        funding_amount=Decimal("1200000.50"),
        currency=m.Currency.CNY,
        start_date=date(2021, 3, 1),
        end_date=date(2025, 2, 28),
        featured=True,
        outcomes_en="",
    )
    m.ProjectPartner.objects.filter(project=first, institution=osaka).update(
        role=m.PartnerRole.LEAD_PARTNER
    )
    draft = f.CooperationProjectFactory(
        lead_unit=unit,
        partners=[berlin],
        fields=fields[1:],
        publication_status=PublicationStatus.DRAFT,
        published_at=None,
        summary_en="",
    )
    blank_as_stored(m.CooperationProject, draft.pk, outcomes_zh_hans="", outcomes_en=None)
    award = f.AwardFactory(recipient_unit=unit, awarded_on=date(2022, 6, 1), description_en="")
    blank_as_stored(m.Award, award.pk, description_zh_hans=None)
    f.AwardFactory(recipient_project=first, granting_body_en="")
    achievement = f.AchievementFactory(
        project=first, identifier="10.1000/xyz123", url="https://doi.org/10.1000/xyz123"
    )
    blank_as_stored(m.Achievement, achievement.pk, description_zh_hans="", description_en=None)
    f.AchievementFactory(project=None, kind=m.AchievementKind.PATENT, title_en="")
    exchange = f.ExchangeFactory(
        country=japan,
        institution=osaka,
        unit=unit,
        project=first,
        end_date=date(2023, 5, 9),
        people_count=12,
        description_zh_hans="",
    )
    blank_as_stored(m.Exchange, exchange.pk, description_en=None)
    f.ExchangeFactory(country=germany, title_en="", kind=m.ExchangeKind.OUTGOING_VISIT)
    topics = [f.TopicFactory(), f.TopicFactory()]
    article = f.ArticleFactory(related_projects=[first], featured=True, source_en="")
    article.topics.set(topics)
    article.related_countries.set([japan, germany])
    article.related_awards.set([award])
    draft_article = f.ArticleFactory(
        publication_status=PublicationStatus.DRAFT,
        published_at=timezone.now() - timedelta(days=400),
        summary_en="",
        body_en="",
    )
    blank_as_stored(Article, draft_article.pk, source_zh_hans=None, source_en="")
    Redirect.objects.create(old_path="/info/1021/2023.htm", target="/zh-hans/news/")
    Redirect.objects.create(
        old_path="/jdjj.htm?lang=en", target="https://example.org/about", is_permanent=False
    )


def snapshot(model: type[models.Model]) -> dict:
    """Every stored value of the model's records, its links and the versions in history."""
    values = {row["pk"]: row for row in model._default_manager.values("pk", *concrete(model))}
    links = {
        field.name: sorted(
            field.remote_field.through.objects.values_list(
                field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"
            )
        )
        for field in model._meta.many_to_many
    }
    if model is m.CooperationProject:
        links["roles"] = sorted(
            m.ProjectPartner.objects.values_list("project_id", "institution_id", "role")
        )
    return {"values": values, "links": links, "versions": Version.objects.count()}


def concrete(model: type[models.Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def export(client, model: type[models.Model], file_format: str) -> bytes:
    """The list exported as the export page sends it, every column ticked."""
    resource_class = admin.site._registry[model].get_export_resource_classes(None)[0]
    data = {"format": FORMATS[file_format], "resource": "0"}
    for name in resource_class().get_export_order():
        data[f"{resource_class.__name__.lower()}_{name}"] = "on"
    response = client.post(admin_url(model, "export"), data)
    assert response.status_code == 200, response.text[:500]
    return response.content


def read(sheet: bytes, file_format: str):
    """The sheet's rows, as an import reads them."""
    return {"xlsx": SafeXLSX, "csv": SafeCSV}[file_format]().create_dataset(sheet)


def staff(role: str):
    user = f.UserFactory(username=f"{role.lower()}-round-trip", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.mark.parametrize("blank_keeps", [True, False], ids=["blank-keeps", "blank-clears"])
@pytest.mark.parametrize("file_format", list(FORMATS))
@pytest.mark.parametrize("model", IMPORTED_MODELS, ids=lambda model: model._meta.model_name)
def test_an_exported_sheet_reimports_unchanged_for_a_publisher(
    client, admin_client, records, model, file_format, blank_keeps
):
    sheet = export(admin_client, model, file_format)
    before = snapshot(model)
    client.force_login(staff(PUBLISHER))

    response = check(client, model, sheet, file_format, blank_keeps)

    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    count = model._default_manager.count()
    assert result.totals == {**result.totals, "new": 0, "update": 0, "skip": count}
    assert f"0 new, 0 updated, {count} unchanged, 0 with problems." in response.text
    assert "Every row matches its record: confirming writes nothing." in response.text
    assert "rows to be written are shown" not in response.text

    confirmed = client.post(
        admin_url(model, "process_import"), response.context["confirm_form"].initial
    )

    assert confirmed.status_code == 302
    assert snapshot(model) == before


@pytest.mark.parametrize("file_format", list(FORMATS))
@pytest.mark.parametrize(
    "model",
    [m.CooperationProject, m.Award, m.Achievement, m.Exchange, Article],
    ids=lambda model: model._meta.model_name,
)
def test_an_exported_sheet_of_published_records_reimports_unchanged_for_an_editor(
    client, admin_client, records, model, file_format
):
    """An editor's row that changes a published record is refused (its change waits for a
    publisher's review); a row that changes nothing is no such change."""
    assert model._default_manager.filter(publication_status=PublicationStatus.PUBLISHED).exists()
    sheet = export(admin_client, model, file_format)
    before = snapshot(model)
    client.force_login(staff(EDITOR))

    response = check(client, model, sheet, file_format, blank_keeps=True)

    result = response.context["result"]
    assert not result.has_validation_errors(), response.text
    assert result.totals["skip"] == model._default_manager.count()
    client.post(admin_url(model, "process_import"), response.context["confirm_form"].initial)
    assert snapshot(model) == before


def check(client, model, sheet: bytes, file_format: str, blank_keeps: bool):
    upload = SimpleUploadedFile(f"export.{file_format}", sheet)
    form = {"format": FORMATS[file_format], "resource": "0", "import_file": upload}
    if blank_keeps:
        form["blank_keeps"] = "on"
    response = client.post(admin_url(model, "import"), form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.text[:500]
    return response


@pytest.mark.parametrize("file_format", list(FORMATS))
def test_records_named_like_another_are_exported_by_a_key_that_finds_them(
    admin_client, file_format
):
    """A related record is exported by its name (a researcher without an ORCID iD, a unit, a
    research field); where another record has the same name, the name would be refused on
    re-import as matching several, so such a record is exported by its slug."""
    units = [f.UnitFactory(name_zh_hans="化学学院"), f.UnitFactory(name_zh_hans="化学学院")]
    namesakes = [f.ResearcherFactory(name_zh_hans="王伟", unit=unit) for unit in units]
    fields = [
        f.ResearchFieldFactory(name_zh_hans="其他"),
        f.ResearchFieldFactory(name_zh_hans="其他"),
    ]
    unique = f.ResearchFieldFactory(name_zh_hans="海洋药物")
    project = f.CooperationProjectFactory(
        lead_unit=units[1], principal_investigator=namesakes[1], fields=[fields[0], unique]
    )
    sheet = export(admin_client, m.CooperationProject, file_format)
    before = snapshot(m.CooperationProject)

    response = check(admin_client, m.CooperationProject, sheet, file_format, blank_keeps=False)

    result = response.context["result"]
    assert not result.has_validation_errors(), response.text
    assert result.totals["skip"] == 1
    [exported] = read(sheet, file_format).dict
    assert exported["lead_unit"] == units[1].slug
    assert exported["principal_investigator"] == namesakes[1].slug
    # A name that finds its record stays a name, as staff write it.
    assert exported["research_fields"] == f"{fields[0].slug}; 海洋药物"
    assert project.research_fields.count() == 2
    admin_client.post(
        admin_url(m.CooperationProject, "process_import"), response.context["confirm_form"].initial
    )
    assert snapshot(m.CooperationProject) == before


def test_the_preview_never_says_rows_are_written_and_nothing_is_written(
    admin_client, records, monkeypatch
):
    """Rows counted as updated whose cells show no difference (as every published exchange
    was, its empty text stored as '') made the page say "20 updated", "the first 0 rows to
    be written are shown; 20 more…" and "confirming writes nothing" at once. Should a row
    again be written without a difference the sheet shows, the page says that."""
    sheet = export(admin_client, m.Exchange, "csv")
    monkeypatch.setattr(CoopResource, "skip_row", lambda *args, **kwargs: False)

    response = check(admin_client, m.Exchange, sheet, "csv", blank_keeps=True)

    page = response.text
    assert "0 new, 2 updated, 0 unchanged, 0 with problems." in page
    assert "2 rows will be written, although their cells show no difference" in page
    assert "confirming writes nothing" not in page
    assert "The first 0 rows" not in page


def test_the_preview_lists_the_columns_the_import_leaves_out(admin_client, records):
    """An exported sheet's publication status, or a misspelt column, was silently ignored;
    the id that finds an achievement's record is read, not listed."""
    dataset = read(export(admin_client, m.Achievement, "csv"), "csv")
    dataset.append_col(["x"] * dataset.height, header="titel_en")

    response = check(admin_client, m.Achievement, dataset.export("csv").encode(), "csv", True)

    assert (
        "An import does not read these columns of the file, which it leaves out: "
        "publication_status, titel_en." in response.text
    )
    assert response.context["result"].totals["skip"] == 2


def test_a_file_of_the_columns_an_import_reads_gets_no_such_note(admin_client, records):
    sheet = b"old_path,target,is_permanent\n/new.htm,/en/,1\n"
    response = check(admin_client, Redirect, sheet, "csv", blank_keeps=True)
    assert "An import does not read these columns" not in response.text
    assert response.context["result"].totals["new"] == 1
