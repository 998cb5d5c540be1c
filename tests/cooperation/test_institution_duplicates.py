"""One institution entered twice: a second "University of Tokyo" splits the first one's
projects. One rule (``Institution.objects.named_like``) finds a name in either language
among the others', whatever its case, spaces or full-width forms; the admin's form refuses
such a name until staff say it is a different institution with the same name, and the
spreadsheet import refuses it by row and column."""

from __future__ import annotations

import html
import re

import pytest
import tablib
from django.utils import translation

from cooperation import models as m
from cooperation.resources import InstitutionResource
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.admin_helpers import import_problems as problems
from tests.cooperation.admin_forms import form_data
from tests.cooperation.test_import_errors import check, listed_problems

pytestmark = pytest.mark.django_db

CONFIRM = "It is a different institution with the same name"


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English; the admin is asked for it with Accept-Language."""
    translation.activate("en")


@pytest.fixture
def tokyo(db):
    japan = f.PartnerCountryFactory(country="JP")
    return f.InstitutionFactory(
        name_zh_hans="东京大学", name_en="University of Tokyo", slug="utokyo", country=japan
    )


# --- the rule ---


@pytest.mark.parametrize(
    "name",
    [
        "University of Tokyo",
        "university of tokyo",  # case
        "  University   of\tTokyo ",  # surrounding and repeated spaces
        "ＵＮＩＶＥＲＳＩＴＹ　ＯＦ　ＴＯＫＹＯ",  # full-width letters and space
        "东京大学",  # the Chinese name
        " 东京大学 ",
    ],
)
def test_a_name_in_either_language_matches_whatever_its_case_spaces_or_width(tokyo, name):
    assert list(m.Institution.objects.named_like(name)) == [tokyo]
    # Given as the other language's name, it matches the same way.
    assert list(m.Institution.objects.named_like("", name)) == [tokyo]


def test_full_width_brackets_in_a_chinese_name_match_half_width_ones(db):
    branch = f.InstitutionFactory(name_zh_hans="东京大学(本乡校区)", name_en=None)

    assert list(m.Institution.objects.named_like("东京大学（本乡校区）")) == [branch]


def test_a_record_is_not_its_own_namesake_and_other_names_are_not_namesakes(tokyo):
    kyoto = f.InstitutionFactory(name_zh_hans="京都大学", name_en="Kyoto University")

    assert not m.Institution.objects.named_like("东京大学", "University of Tokyo", excluding=tokyo)
    assert list(m.Institution.objects.named_like("Kyoto University", excluding=tokyo)) == [kyoto]
    assert not m.Institution.objects.named_like("University of Tokyo Hospital", "Tokyo")
    assert not m.Institution.objects.named_like("", None, "  ")


# --- the admin's form ---


def add_url() -> str:
    return admin_url(m.Institution, "add")


def add_data(country, **names) -> dict:
    return {
        "name_zh_hans": "东京大学",
        "name_en": "",
        "slug": "utokyo-2",
        "country": str(country.pk),
        "kind": m.InstitutionKind.UNIVERSITY,
        **names,
    }


def field_errors(response, name: str) -> list[str]:
    assert response.status_code == 200, response.status_code
    return response.context["adminform"].form.errors.get(name, [])


def checkbox_shown(response) -> bool:
    return bool(re.search(r'<input type="checkbox" name="not_a_duplicate"', response.text))


def test_adding_a_taken_name_is_refused_naming_the_institution_and_its_country(admin_client, tokyo):
    data = add_data(tokyo.country, name_zh_hans=" 东京大学 ", name_en="university of TOKYO")

    response = admin_client.post(add_url(), data, HTTP_ACCEPT_LANGUAGE="en")

    assert m.Institution.objects.count() == 1
    # Each institution is named once, under the first name that has it.
    [message] = field_errors(response, "name_zh_hans")
    assert not field_errors(response, "name_en")
    assert message == (
        "Another institution already has this name: 东京大学 / University of Tokyo (Japan). "
        f"If this is a different institution with the same name, tick “{CONFIRM}” below and "
        "save again."
    )
    assert html.escape(message) in response.text
    assert checkbox_shown(response)
    # Beside the checkbox, a link to the institution to check.
    help_text = response.context["adminform"].form.fields["not_a_duplicate"].help_text
    link = f'<a href="{admin_url(m.Institution, "change", tokyo.pk)}" target="_blank"'
    assert link in help_text and help_text in response.text


def test_a_name_taken_in_the_other_language_is_refused_on_its_own_field(admin_client, tokyo):
    data = add_data(tokyo.country, name_zh_hans="东大", name_en="东京大学")

    response = admin_client.post(add_url(), data, HTTP_ACCEPT_LANGUAGE="en")

    assert not field_errors(response, "name_zh_hans")
    assert "东京大学 / University of Tokyo (Japan)" in field_errors(response, "name_en")[0]
    assert m.Institution.objects.count() == 1


def test_all_the_namesakes_are_named(admin_client, tokyo):
    other = f.InstitutionFactory(name_zh_hans="东京大学", name_en=None, country=tokyo.country)

    response = admin_client.post(add_url(), add_data(tokyo.country), HTTP_ACCEPT_LANGUAGE="en")

    [message] = field_errors(response, "name_zh_hans")
    assert message.startswith(
        "Other institutions already have this name: 东京大学 / University of Tokyo (Japan); "
        "东京大学 (Japan). "
    )
    help_text = response.context["adminform"].form.fields["not_a_duplicate"].help_text
    assert f'{admin_url(m.Institution, "change", other.pk)}" target="_blank"' in help_text


def test_ticking_that_it_is_a_different_institution_saves_it_and_its_edits_unasked(
    admin_client, tokyo
):
    """Only a new or changed name is checked: the second "University of Tokyo", once told
    apart, is not asked again at each edit, nor when its name's case is corrected."""
    refused = admin_client.post(add_url(), add_data(tokyo.country), HTTP_ACCEPT_LANGUAGE="en")
    assert field_errors(refused, "name_zh_hans")

    saved = admin_client.post(add_url(), add_data(tokyo.country, not_a_duplicate="on"))

    assert saved.status_code == 302
    other = m.Institution.objects.get(slug="utokyo-2")
    url = admin_url(m.Institution, "change", other.pk)
    edited = admin_client.post(
        url, form_data(admin_client, url, city_en="Kashiwa", name_zh_hans="东京大学 ")
    )
    assert edited.status_code == 302
    other.refresh_from_db()
    assert (other.city_en, other.name_zh_hans) == ("Kashiwa", "东京大学")


def test_the_checkbox_is_shown_only_beside_the_error_it_answers(admin_client, tokyo):
    fresh = admin_client.get(add_url())
    other_error = admin_client.post(
        add_url(), add_data(tokyo.country, name_zh_hans="东大", kind="")
    )

    assert fresh.status_code == 200 and not checkbox_shown(fresh)
    assert field_errors(other_error, "kind") and not checkbox_shown(other_error)
    # Ticked, it stays ticked, and in sight, when the form comes back for another error:
    # with a namesake or (the name changed since) none, never a hidden confirmation.
    for name in ["东京大学", "东大"]:
        data = add_data(tokyo.country, name_zh_hans=name, kind="", not_a_duplicate="on")
        ticked = admin_client.post(add_url(), data)
        assert field_errors(ticked, "kind") and not field_errors(ticked, "name_zh_hans")
        assert re.search(r'<input type="checkbox" name="not_a_duplicate"[^>]* checked', ticked.text)


def test_renaming_an_institution_to_anothers_name_is_refused_but_not_to_its_own(
    admin_client, tokyo
):
    kyoto = f.InstitutionFactory(name_zh_hans="京都大学", name_en="Kyoto University")
    url = admin_url(m.Institution, "change", kyoto.pk)

    refused = admin_client.post(
        url, form_data(admin_client, url, name_en="University of  Tokyo"), HTTP_ACCEPT_LANGUAGE="en"
    )
    saved = admin_client.post(url, form_data(admin_client, url, name_en="kyoto university"))

    assert "University of Tokyo (Japan)" in field_errors(refused, "name_en")[0]
    assert saved.status_code == 302
    kyoto.refresh_from_db()
    assert kyoto.name_en == "kyoto university"


def test_saving_an_institution_unchanged_is_not_refused_for_its_own_name(admin_client, tokyo):
    """Not even when the record itself is the only one to compare with (as named_like
    leaves it out, the form asks only about a name the record did not have)."""
    url = admin_url(m.Institution, "change", tokyo.pk)
    add = admin_client.post(add_url(), add_data(tokyo.country), HTTP_ACCEPT_LANGUAGE="en")

    response = admin_client.post(url, form_data(admin_client, url, city_en="Bunkyo"))

    assert field_errors(add, "name_zh_hans")
    assert response.status_code == 302
    tokyo.refresh_from_db()
    assert tokyo.city_en == "Bunkyo"


# --- the spreadsheet import ---

HEADERS = ["slug", "name_zh_hans", "name_en", "country", "kind"]


def rows(*names: tuple[str, str, str]) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=HEADERS)
    for slug, zh, en in names:
        dataset.append([slug, zh, en, "JP", "university"])
    return dataset


def test_a_row_with_a_stored_institutions_name_is_refused_by_row_and_column(tokyo):
    dataset = rows(
        ("kyoto", "京都大学", "Kyoto University"), ("tokyo-2", "东大", "UNIVERSITY OF TOKYO")
    )

    result = InstitutionResource().import_data(
        dataset, dry_run=False, rollback_on_validation_errors=True
    )

    assert problems(result) == {
        (2, "name_en"): "'UNIVERSITY OF TOKYO' is already the name of 东京大学 / University of "
        "Tokyo (Japan, slug utokyo). To update that institution, give its slug; if this is a "
        "different institution with the same name, add it in the back office."
    }
    assert list(m.Institution.objects.all()) == [tokyo]


def test_a_name_repeated_in_one_file_is_refused_on_the_later_row(db):
    f.PartnerCountryFactory(country="JP")
    dataset = rows(
        ("osaka", "大阪大学", "Osaka University"),
        ("kyoto", "京都大学", "Kyoto University"),
        ("kyoto-2", "京都大学", "ＫＹＯＴＯ　University"),
    )

    result = InstitutionResource().import_data(
        dataset, dry_run=False, rollback_on_validation_errors=True
    )

    assert problems(result) == {
        (3, "name_zh_hans"): "'京都大学' is already the name of the institution in row 3."
    }
    assert not m.Institution.objects.exists()


@pytest.mark.parametrize("slug", ["university-of-tokyo", ""])
def test_a_row_updating_its_own_institution_is_no_duplicate(tokyo, slug):
    """By its slug, or with none: the slug made from the English name finds the record."""
    tokyo.slug = "university-of-tokyo"
    tokyo.save()
    dataset = rows((slug, "东京大学", "University of Tokyo"), ("todai", "东京大学", "Todai"))

    result = InstitutionResource().import_data(
        dataset, dry_run=False, rollback_on_validation_errors=True
    )

    assert list(problems(result)) == [(2, "name_zh_hans")]
    assert result.rows[0].import_type == "skip"  # the row of the record itself: unchanged


def test_namesakes_told_apart_reimport_from_an_exported_sheet(tokyo):
    f.InstitutionFactory(
        name_zh_hans="东京大学", name_en="University of Tokyo", slug="other", country=tokyo.country
    )
    dataset = InstitutionResource().export()
    dataset.append(["tokyo-3", "东京大学", "", "JP", "", "", "university", "", "", "", ""])

    result = InstitutionResource().import_data(dataset, dry_run=True)

    assert problems(result) == {
        (3, "name_zh_hans"): "'东京大学' is already the name of 东京大学 / University of Tokyo "
        "(Japan, slug utokyo); 东京大学 / University of Tokyo (Japan, slug other). To update one "
        "of them, give its slug; if this is a different institution with the same name, add it "
        "in the back office."
    }
    assert [row.import_type for row in result.rows[:2]] == ["skip", "skip"]


def test_a_name_another_row_takes_away_from_its_institution_is_free(tokyo):
    dataset = rows(
        ("utokyo", "东京大学（本乡）", "University of Tokyo (Hongo)"),
        ("utokyo-kashiwa", "东京大学", "University of Tokyo"),
        ("hongo", "本乡校区", "university of tokyo (hongo)"),
    )

    result = InstitutionResource().import_data(
        dataset, dry_run=False, rollback_on_validation_errors=True
    )

    assert problems(result) == {
        (3, "name_en"): "'university of tokyo (hongo)' is already the name of the institution "
        "in row 2."
    }


def test_a_name_a_file_without_its_column_leaves_to_an_institution_stays_taken(tokyo):
    """A sheet with Chinese names only renames 东京大学, whose English name stays."""
    dataset = tablib.Dataset(headers=["slug", "name_zh_hans", "country", "kind"])
    dataset.append(["utokyo", "东大", "JP", "university"])
    dataset.append(["todai", "University of Tokyo", "JP", "university"])

    result = InstitutionResource().import_data(dataset, dry_run=True)

    assert list(problems(result)) == [(2, "name_zh_hans")]
    assert "(Japan, slug utokyo)" in problems(result)[(2, "name_zh_hans")]


def test_the_import_page_lists_a_duplicate_with_the_rows_other_problems(admin_client, tokyo):
    dataset = rows(("tokyo-2", "东京大学", "University of Tokyo"))
    dataset.append(["tokyo-3", "东京大学", "", "JP", "picnic"])

    found = listed_problems(check(admin_client, m.Institution, dataset))

    assert found[0] == (
        "Row 2, column name_zh_hans: '东京大学' is already the name of 东京大学 / University of "
        "Tokyo (Japan, slug utokyo). To update that institution, give its slug; if this is a "
        "different institution with the same name, add it in the back office."
    )
    assert found[1].startswith("Row 3, column kind: 'picnic' is not a valid institution kind")
    assert found[2].startswith("Row 3, column name_zh_hans: '东京大学' is already the name of")
    assert not m.Institution.objects.filter(slug__startswith="tokyo-").exists()
