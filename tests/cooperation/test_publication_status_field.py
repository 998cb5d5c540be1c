"""A publishable record's change form names its publication status once: its own field,
which a publisher changes and an editor reads. A line above the form ("Publication status:
Published") named it a second time."""

from __future__ import annotations

import lxml.html
import pytest
from django.contrib import admin
from django.utils import translation
from django.utils.text import capfirst

from cooperation.admin_workflow import PublishableAdminMixin
from cooperation.publication import PublicationStatus as S
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.staff import PUBLISHABLE_RECORDS, client_of

# Every publishable record's factory, the about pages' too.
FACTORIES = [
    *PUBLISHABLE_RECORDS,
    pytest.param(f.PageFactory._meta.model, f.PageFactory, id="page"),
]


def times_named(page: str, label: str) -> int:
    """How often the form names ``label``, its inlines' columns left out (a project's
    achievements each have a publication status of their own)."""
    tree = lxml.html.fromstring(page)
    for inline in tree.find_class("inline-group"):
        inline.drop_tree()
    return tree.get_element_by_id("content").text_content().count(label)


def test_every_publishable_admin_is_covered():
    publishable = {
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, PublishableAdminMixin)
    }
    assert publishable == {param.values[0] for param in FACTORIES}


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), FACTORIES)
@pytest.mark.parametrize("role", ["editor", "publisher"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_change_form_names_the_publication_status_once(request, model, factory, role, language):
    record = factory(publication_status=S.PUBLISHED)
    client = client_of(request.getfixturevalue(role))
    page = client.get(
        admin_url(model, "change", record.pk), headers={"accept-language": language}
    ).text
    with translation.override(language):
        label = str(capfirst(model._meta.get_field("publication_status").verbose_name))
        shown = str(S.PUBLISHED.label)
    assert times_named(page, label) == 1
    # The field itself says it: a list to change for a publisher, read-only for an editor.
    tree = lxml.html.fromstring(page)
    if role == "publisher":
        (chosen,) = tree.xpath('//select[@id="id_publication_status"]/option[@selected]')
        assert chosen.get("value") == S.PUBLISHED
    else:
        (value,) = tree.xpath(
            '//*[contains(@class, "field-publication_status")]//*[@class="readonly"]'
        )
        assert value.text_content().strip() == shown
