"""Reference data in use cannot be deleted: refused with a clear message, never a 500."""

import html

import pytest
from django.db.models import ProtectedError

from cooperation.models import PartnerCountry, ResearchField, Unit
from tests import factories as f
from tests.admin_helpers import admin_url

REFERENCE = [("country", PartnerCountry), ("field", ResearchField), ("unit", Unit)]


@pytest.fixture
def referenced(db):
    """A country (through an institution), a field and a unit (through a project), in use."""
    country = f.PartnerCountryFactory(country="JP")
    institution = f.InstitutionFactory(country=country, name_zh_hans="京都大学")
    field = f.ResearchFieldFactory()
    project = f.CooperationProjectFactory(partners=[institution], fields=[field])
    return {
        "country": (country, institution),
        "field": (field, project.projectresearchfield_set.get()),
        "unit": (project.lead_unit, project),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["country", "field", "unit"])
def test_deleting_referenced_reference_data_is_refused_by_the_database_layer(referenced, key):
    obj, _user = referenced[key]
    with pytest.raises(ProtectedError):
        obj.delete()
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "model"), REFERENCE)
def test_admin_delete_page_says_why_it_cannot_delete_and_a_post_deletes_nothing(
    admin_client, referenced, key, model
):
    obj, user_of_it = referenced[key]
    url = admin_url(model, "delete", obj.pk)

    page = admin_client.get(url, headers={"accept-language": "en"})
    assert page.status_code == 200
    assert "Cannot delete" in page.text
    assert "would require deleting the following protected related objects" in page.text
    assert html.escape(str(user_of_it)) in page.text
    assert 'name="post"' not in page.text  # no confirmation button is offered

    response = admin_client.post(url, {"post": "yes"}, headers={"accept-language": "en"})
    assert response.status_code == 200
    assert "Cannot delete" in response.text
    assert model.objects.filter(pk=obj.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "model"), REFERENCE)
def test_bulk_delete_from_the_changelist_deletes_nothing_in_use(
    admin_client, referenced, key, model
):
    obj, user_of_it = referenced[key]
    response = admin_client.post(
        admin_url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [str(obj.pk)], "post": "yes"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in response.text
    assert html.escape(str(user_of_it)) in response.text
    assert model.objects.filter(pk=obj.pk).exists()


@pytest.mark.django_db
def test_a_parent_field_with_sub_fields_cannot_be_deleted(admin_client):
    top = f.ResearchFieldFactory()
    f.ResearchFieldFactory(parent=top)
    with pytest.raises(ProtectedError):
        top.delete()
    response = admin_client.post(admin_url(ResearchField, "delete", top.pk), {"post": "yes"})
    assert response.status_code == 200
    assert ResearchField.objects.filter(pk=top.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "factory"),
    [
        (ResearchField, f.ResearchFieldFactory),
        (Unit, f.UnitFactory),
        (PartnerCountry, f.PartnerCountryFactory),
    ],
)
def test_unreferenced_reference_data_can_be_deleted(admin_client, model, factory):
    obj = factory()
    response = admin_client.post(admin_url(model, "delete", obj.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not model.objects.filter(pk=obj.pk).exists()
