"""The portal on a phone (375 × 812): a list's results come first, its filters folded behind
one "Filters" control that says how many are in use; a long unbroken word or a tall cover
image keeps to the screen; the header is compact and its targets, and the account bar's, are
24 px at least. On a wide screen the filters show as before, without a click."""

import io
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils.translation import override
from PIL import Image
from playwright.sync_api import expect

from accounts import roles
from cooperation.models import Researcher
from tests import factories as f
from tests.browser import submit_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1280, "height": 800}
PASSWORD = "correct-horse-battery-staple"

# Each list with a field of its filters.
FILTERED_LISTS = [
    ("/en/projects/", "Running from year"),
    ("/en/awards/", "Year"),
    ("/en/achievements/", "Kind"),
    ("/en/exchanges/", "Kind"),
    ("/en/researchers/", "Unit"),
    ("/en/institutions/", "Country"),
    ("/en/news/", "Category"),
]
FIRST_RESULT = ".results .card, main .timeline .card, main .grid-list .card, main > .card"

# The words of the page's text split across two lines (a word of up to 40 letters or digits).
SPLIT_WORDS = r"""() => {
  const split = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.data.matchAll(/[A-Za-z0-9]{2,40}/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width).map(r => r.top));
      if (lines.size > 1) split.push(word[0]);
    }
  }
  return split;
}"""

# The hint of the header's search box, and the room the box has for it (in pixels).
SEARCH_HINT = """() => {
  const box = document.querySelector('#header-search-q');
  const style = getComputedStyle(box);
  const canvas = document.createElement('canvas').getContext('2d');
  canvas.font = `${style.fontSize} ${style.fontFamily}`;
  const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [canvas.measureText(box.placeholder).width, room];
}"""

# Each link, button and field of the header and the account bar smaller than 24 × 24 px.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    '.site-header :is(a, button, input), .account-bar :is(a, button)')]
  .map(e => [e.textContent.trim() || e.name, e.getBoundingClientRect()])
  .filter(([, r]) => r.width && (r.width < 24 || r.height < 24))
  .map(([name, r]) => `${name}: ${Math.round(r.width)} × ${Math.round(r.height)}`)"""


@pytest.fixture
def demo(live_server):
    call_command("load_demo", "--no-accounts", stdout=io.StringIO())
    return live_server.url


def results_count(page) -> int:
    return int(page.locator(".results-count").inner_text().split()[0])


def serious_violations(page) -> list[str]:
    return [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_on_a_phone_the_directorys_results_come_first_and_its_filters_open_on_demand(demo, page):
    page.set_viewport_size(PHONE)
    page.goto(f"{demo}/en/projects/")
    # The hundred-odd filters put the first project at 2,366 px, three screens down.
    assert page.locator(".results .card").first.bounding_box()["y"] < 600
    total = results_count(page)
    japan = page.get_by_role("link", name=re.compile(r"^Japan \d+"))
    expect(japan).to_be_hidden()
    assert serious_violations(page) == []

    filters = page.locator("summary", has_text="Filters")
    expect(filters).to_have_accessible_name("Filters")
    filters.focus()
    page.keyboard.press("Enter")  # from the keyboard
    expect(japan).to_be_visible()
    expect(page.get_by_label("Running from year", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    japan.click()

    expect(page).to_have_url(re.compile(r"country=JP"))
    assert 0 < results_count(page) < total
    expect(japan).to_be_hidden()  # folded again, over the results
    expect(filters).to_have_accessible_name("Filters (1)")
    assert page.locator(".results .card").first.bounding_box()["y"] < 600

    # The link past the filters still serves the keyboard.
    page.locator("h1").click()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the results")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#results-title")).to_be_focused()


@pytest.mark.parametrize(("path", "label"), FILTERED_LISTS)
def test_on_a_phone_a_lists_filters_fold_behind_one_control(demo, page, path, label):
    page.set_viewport_size(PHONE)
    page.goto(f"{demo}{path}")
    field = page.get_by_label(label, exact=True)
    expect(field).to_be_hidden()
    assert page.locator(FIRST_RESULT).first.bounding_box()["y"] < 700

    page.locator("summary", has_text="Filters").click()
    expect(field).to_be_visible()
    expect(page.get_by_role("button", name="Apply")).to_be_visible()


def test_a_filter_in_use_is_counted_on_the_folded_control(demo, page):
    page.set_viewport_size(PHONE)
    page.goto(f"{demo}/en/exchanges/")
    filters = page.locator("summary", has_text="Filters")
    filters.click()
    page.get_by_label("Kind").select_option("conference")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"kind=conference"))
    expect(filters).to_have_accessible_name("Filters (1)")
    expect(page.get_by_label("Kind")).to_be_hidden()


def test_on_a_wide_screen_the_filters_show_without_a_click(demo, page):
    """As before the phone's folding: the filters beside or above the results, ready for the
    keyboard; narrowed to a phone's width, the same page folds them."""
    page.set_viewport_size(WIDE)
    page.goto(f"{demo}/en/projects/")
    japan = page.get_by_role("link", name=re.compile(r"^Japan \d+"))
    expect(japan).to_be_visible()
    # The first result in the top half of the screen, beside the filters, not below them.
    assert page.locator(".results .card").first.bounding_box()["y"] < WIDE["height"] / 2
    page.locator("h1").click()
    page.keyboard.press("Tab")  # the link past the filters
    page.keyboard.press("Tab")
    expect(page.get_by_label("Keywords", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Running from year", exact=True)).to_be_focused()
    japan.click()
    expect(page).to_have_url(re.compile(r"country=JP"))

    for path, label in FILTERED_LISTS:
        page.set_viewport_size(WIDE)
        page.goto(f"{demo}{path}")
        filters = page.locator("summary", has_text="Filters")
        expect(filters).to_have_count(1)
        expect(filters).to_be_hidden()
        expect(page.get_by_label(label, exact=True)).to_be_visible()
        page.set_viewport_size(PHONE)
        expect(filters).to_be_visible()
        expect(page.get_by_label(label, exact=True)).to_be_hidden()


# A refused selection of each filtered list (a 400), in either language.
REFUSED_LISTS = [
    "/en/projects/?year_from=abc",
    "/zh-hans/projects/?country=JP&year_from=2025&year_to=2020",
    "/en/awards/?year=1800",
    "/en/achievements/?kind=evil",
    "/en/exchanges/?year=1800",
    "/zh-hans/researchers/?unit=nope",
    "/en/institutions/?country=XX",
    "/en/news/?year=abc",
]


def test_on_a_phone_a_refused_filters_message_is_in_the_first_screen(demo, page):
    """The refused filter opens the filters, to show its field: the message saying why came
    after them, two screens down on the directory (2,288 px), so a phone reader saw fields
    and no reason. It comes first, its link leading to the field."""
    page.set_viewport_size({"width": 375, "height": 800})
    for path in REFUSED_LISTS:
        assert page.goto(f"{demo}{path}").status == 400
        message = page.locator(".form-errors li").first
        expect(message).to_be_in_viewport(ratio=1)
        message.get_by_role("link").click()
        expect(page.locator("[aria-invalid=true]").first).to_be_in_viewport()


def test_on_a_computer_the_home_pages_map_is_in_the_first_screen(demo, page):
    """And its largest element: loaded at once, first, not lazily once the layout is known."""
    page.set_viewport_size(WIDE)
    for language in ("en", "zh-hans"):
        page.goto(f"{demo}/{language}/")
        image = page.locator(".world-map img")
        expect(image).to_be_in_viewport()
        assert image.evaluate("image => image.loading") != "lazy"
        assert image.evaluate("image => image.fetchPriority") == "high"


def test_a_long_unbroken_word_wraps_on_a_phone_and_normal_words_stay_whole(demo, page):
    researcher = Researcher.objects.get(slug="li-na")
    researcher.profile_en = (
        f"Profile: {'a' * 20_000} and https://doi.org/10.1000/{'x' * 300}; then plain words."
    )
    researcher.title_en = "P" * 120
    researcher.save()

    page.set_viewport_size(PHONE)
    for path in [
        "/en/researchers/li-na/",
        "/en/researchers/",
        "/en/projects/prostate-cancer-focal-therapy-weizmann/",  # its investigator's title
    ]:
        page.goto(f"{demo}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width} px wide"

    # The long words break; the facets' names and counts, beside each other, do not.
    for viewport in (PHONE, WIDE):
        page.set_viewport_size(viewport)
        page.goto(f"{demo}/en/projects/")
        page.locator("details.filter-panel").evaluate("details => { details.open = true; }")
        assert page.evaluate(SPLIT_WORDS) == [], viewport


def tall_jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 8000), (200, 120, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile("tall.jpg", buffer.getvalue(), content_type="image/jpeg")


def serve_media(page) -> None:
    """The live server serves no uploads (DEBUG is off): the browser reads them from disk."""

    def fulfil(route):
        name = unquote(urlsplit(route.request.url).path).removeprefix("/media/")
        route.fulfill(path=Path(settings.MEDIA_ROOT) / name)

    page.route("**/media/**", fulfil)


def test_a_tall_cover_image_is_no_taller_than_a_phones_screen(live_server, page):
    article = f.ArticleFactory(
        title_en="A tall cover", cover_image=tall_jpeg(), cover_image_alt_en="A tall picture"
    )
    serve_media(page)
    page.set_viewport_size(PHONE)

    with override("en"):
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
    cover = page.get_by_role("img", name="A tall picture")
    expect(cover).to_have_js_property("complete", True)
    assert cover.evaluate("image => image.naturalWidth") > 0
    box = cover.bounding_box()
    # It was 6,860 px tall (343 px wide): now whole, no taller than the screen, its shape kept.
    assert box["height"] <= PHONE["height"]
    assert cover.evaluate("image => getComputedStyle(image).objectFit") == "contain"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.goto(f"{live_server.url}/en/news/")
    card_image = page.get_by_role("img", name="A tall picture")
    expect(card_image).to_have_js_property("complete", True)
    assert card_image.bounding_box()["height"] <= PHONE["height"] / 2


def test_on_a_phone_the_header_is_compact_and_its_search_hint_whole(demo, page):
    page.set_viewport_size(PHONE)
    for path in ["/en/", "/zh-hans/"]:
        page.goto(f"{demo}{path}")
        # It was 257 px of the 812, the hint cut to "Search proj".
        assert page.locator(".site-header").bounding_box()["height"] <= 230, path
        hint, room = page.evaluate(SEARCH_HINT)
        assert hint <= room, (path, hint, room)
        menu = page.locator(".site-nav a")
        expect(menu).to_have_count(9)
        for link in menu.all():
            expect(link).to_be_in_viewport()  # all of the menu, none of it hidden


def test_the_header_and_account_bar_targets_are_24_pixels_at_least(demo, page):
    leader = f.UserFactory(username="chief", password=PASSWORD)
    leader.groups.add(Group.objects.get(name=roles.LEADERSHIP))
    page.goto(f"{demo}/en/dashboard/")
    submit_login(page, "chief", PASSWORD)
    expect(page).to_have_url(re.compile(r"/en/dashboard/$"))

    for viewport in (PHONE, WIDE):
        page.set_viewport_size(viewport)
        for path in ["/en/dashboard/", "/zh-hans/dashboard/"]:
            page.goto(f"{demo}{path}")
            expect(page.locator(".account-bar")).to_be_visible()
            assert page.evaluate(SMALL_TARGETS) == [], (viewport, path)


# Each partner country of the home map that a tap 5 px from its dot misses, with where it
# landed: a small country (Israel, Singapore) was its few pixels on a phone.
MISSED_COUNTRIES = """() => [...document.querySelectorAll('.world-map a')].flatMap(link => {
  const dot = link.querySelector('.map-dot').getBoundingClientRect();
  const [x, y] = [dot.x + dot.width / 2, dot.y + dot.height / 2];
  return [[5, 0], [-5, 0], [0, 5], [0, -5]]
    .map(([dx, dy]) => document.elementFromPoint(x + dx, y + dy)?.closest('a'))
    .filter(landed => landed !== link)
    .map(landed => `${link.textContent.trim()} -> ${landed?.textContent.trim() ?? 'nothing'}`);
})"""


def test_on_a_phone_a_tap_beside_a_countrys_dot_on_the_map_opens_that_country(demo, page):
    page.set_viewport_size(PHONE)
    page.goto(f"{demo}/en/")
    page.locator(".world-map").scroll_into_view_if_needed()
    assert page.locator(".world-map a").count() >= 5
    assert page.evaluate(MISSED_COUNTRIES) == []
