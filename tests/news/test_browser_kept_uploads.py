"""In a real Chromium: an image chosen on a form that comes back with an error is kept, and
saving again without choosing it once more stores it (cooperation.kept_uploads)."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts import roles
from news.models import Image
from tests import factories as f
from tests.browser import signed_in_tab
from tests.news.images import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"


def test_a_library_image_is_kept_across_a_form_error(live_server, browser, tmp_path):
    editor = f.UserFactory(username="wang.editor", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    photo = tmp_path / "lab visit.png"
    photo.write_bytes(image_bytes(400, 200, "PNG"))
    tab, blocked = signed_in_tab(browser, live_server.url, "wang.editor", PASSWORD)

    tab.goto(f"{live_server.url}/admin/news/image/add/")
    tab.locator("#id_file").set_input_files(photo)
    tab.get_by_role("button", name="Save", exact=True).click()
    expect(tab.locator(".errornote")).to_be_visible()
    expect(tab.locator(".kept-upload")).to_have_text(
        "Kept: lab visit.png (choose another to replace it)"
    )
    expect(tab.locator("#id_file")).to_have_value("")  # the browser's input is empty again

    tab.locator("#id_alt_text_zh_hans").fill("实验室里的两位研究人员")
    tab.get_by_role("button", name="Save", exact=True).click()
    expect(tab.locator("ul.messagelist")).to_be_visible()
    assert Image.objects.get().file.name.endswith("_400x200.png")
    assert blocked == []
