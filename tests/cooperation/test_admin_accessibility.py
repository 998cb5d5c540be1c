"""The back office's forms in a real Chromium, checked by axe-core in both languages: every
field has a name (an inline's cells, an upload, an autocomplete, the rich-text editor, a
user's two-list role chooser), and the rich-text editor shows where the keyboard is."""

import re

import pytest
from playwright.sync_api import expect

from cooperation.models import PartnerRole
from tests import factories as f
from tests.browser import signed_in_tab
from tests.portal.test_browser import FOCUSED_RING, _contrast
from tests.portal.test_phone_layout import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"

# The add forms staff use most, each with an upload, an autocomplete or the editor.
ADD_FORMS = [
    "/admin/news/article/add/",
    "/admin/cooperation/award/add/",
    "/admin/cooperation/exchange/add/",
    "/admin/news/image/add/",
]


@pytest.fixture
def chen(db):
    return f.UserFactory(username="chen", password=PASSWORD, is_staff=True, is_superuser=True)


@pytest.fixture
def project(db):
    """A project with two partners, a research field and two achievements: each inline of
    its form has rows."""
    project = f.CooperationProjectFactory(
        partners=[f.InstitutionFactory(), f.InstitutionFactory()],
        fields=[f.ResearchFieldFactory()],
    )
    project.projectpartner_set.filter(pk=project.projectpartner_set.first().pk).update(
        role=PartnerRole.LEAD_PARTNER
    )
    f.AchievementFactory.create_batch(2, project=project)
    return project


@pytest.mark.parametrize(("locale", "language"), [("en-GB", "en"), ("zh-CN", "zh-hans")])
def test_the_back_offices_forms_have_no_serious_accessibility_violations(
    live_server, browser, chen, project, locale, language
):
    """A project's inlines had no name in their cells (the partner's role, an achievement's
    kind, title, year and identifier, each row's Delete), an upload none (in a fieldset
    whose legend names no field), an autocomplete none while empty and its search field none
    at all, the editor's writing area none, and a user's role chooser read its filter icons'
    names from plain spans."""
    editor = f.UserFactory(username="li", is_staff=True)
    tab, blocked = signed_in_tab(browser, live_server.url, "chen", PASSWORD, locale=locale)
    problems = {}
    for path in [
        f"/admin/cooperation/cooperationproject/{project.pk}/change/",
        *ADD_FORMS,
        f"/admin/accounts/user/{editor.pk}/change/",
    ]:
        tab.goto(f"{live_server.url}{path}")
        expect(tab.locator("html")).to_have_attribute("lang", language)
        if path.startswith("/admin/news/article/"):
            expect(tab.locator(".prose-editor > .ProseMirror")).to_have_count(2)
        if serious := serious_violations(tab):
            problems[path] = serious

    # A new row (the admin's script copies a blank one) and an open autocomplete.
    tab.goto(f"{live_server.url}/admin/cooperation/cooperationproject/{project.pk}/change/")
    tab.locator("#projectpartner_set-group .add-row a").click()
    expect(tab.locator("#projectpartner_set-2")).to_be_visible()
    tab.locator("#projectpartner_set-2 .select2-selection").click()
    expect(tab.locator(".select2-dropdown")).to_be_visible()
    if serious := serious_violations(tab):
        problems["a project's new partner, its institution's list open"] = serious
    assert problems == {}
    assert blocked == []


def test_an_inlines_cells_are_named_by_their_column_and_row(live_server, browser, chen, project):
    tab, _blocked = signed_in_tab(browser, live_server.url, "chen", PASSWORD)
    tab.goto(f"{live_server.url}/admin/cooperation/cooperationproject/{project.pk}/change/")
    expect(tab.locator("#id_projectpartner_set-0-role")).to_have_accessible_name(
        "Role, project partner 1"
    )
    expect(tab.locator("#id_achievements-1-year")).to_have_accessible_name("Year, achievement 2")
    expect(tab.locator("#id_achievements-0-DELETE")).to_have_accessible_name(
        "Delete, achievement 1"
    )
    # The institution's autocomplete, as Select2 draws it, holds its chosen institution.
    institution = tab.locator("#projectpartner_set-1 [role=combobox]")
    expect(institution).to_have_accessible_name("Institution, project partner 2")
    names = [partner.institution.name_en for partner in project.projectpartner_set.all()]
    expect(institution).to_have_text(re.compile("|".join(map(re.escape, names))))
    expect(tab.locator("#id_cover_image")).to_have_accessible_name("Cover image")

    tab.locator("#projectpartner_set-group .add-row a").click()
    expect(tab.locator("#id_projectpartner_set-2-role")).to_have_accessible_name(
        "Role, new project partner"
    )


def test_an_articles_fields_are_named_by_their_labels(live_server, browser, chen):
    tab, _blocked = signed_in_tab(browser, live_server.url, "chen", PASSWORD)
    tab.goto(f"{live_server.url}/admin/news/article/add/")
    expect(tab.get_by_role("textbox", name="Body (English):")).to_have_class(
        re.compile(r"\bProseMirror\b")
    )
    expect(tab.get_by_role("combobox", name="Category:")).to_have_count(1)
    expect(tab.get_by_role("searchbox", name="Topics:")).to_have_count(1)


def test_the_rich_text_editor_shows_the_keyboards_focus(live_server, browser, chen):
    """The editor's own styles took the outline away, and its border stayed as it was: a
    keyboard user could not see that the body had the focus."""
    tab, blocked = signed_in_tab(browser, live_server.url, "chen", PASSWORD)
    tab.goto(f"{live_server.url}/admin/news/article/add/")
    editor = tab.locator(".field-body_en .prose-editor > .ProseMirror")
    expect(editor).to_be_visible()
    unfocused = editor.evaluate(FOCUSED_RING)
    assert unfocused["style"] == "none", unfocused

    editor.focus()
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Tab")  # back in, from the keyboard
    expect(editor).to_be_focused()
    ring = editor.evaluate(FOCUSED_RING)
    assert ring["style"] == "solid" and ring["width"] == "3px", ring
    assert _contrast(ring["ring"], ring["behind"]) >= 3, ring
    assert blocked == []
