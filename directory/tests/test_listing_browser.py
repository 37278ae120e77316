"""The listings' filter panel in a real browser (issue #14 part 2): on a phone the results come
first and the filters are a tap away ("Filters (n)": a bottom sheet with JavaScript, a
<details> without), quick filters and removable chips, nothing wider than the screen; on a laptop
a column showing every option."""

import pytest

from directory.testing import watch_problems
from exhibitors.tests.factories import make_category, make_exhibitor, make_hall
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
LISTINGS = [
    "/exhibitors/",
    "/speakers/",
    "/sessions/",
    "/zh-hans/exhibitors/",
    "/zh-hans/speakers/",
    "/zh-hans/sessions/",
]


def card_titles(page):
    return page.locator("#results .card-title").all_inner_texts()


def watch(page):
    """`watch_problems` on `page`, but for /favicon.ico, answered here: the site chrome's part of
    issue #14 adds the icon, and Chromium asks for it on every page."""
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    return watch_problems(page)


def text(locator):
    return " ".join(locator.text_content().split())


@pytest.fixture
def site():
    """Enough records that every facet has options and the quick filters scroll. Made before the
    browser starts (see waic_site/tests/test_browser.py)."""
    robots = make_category(slug="robots", name="Robots")
    chips = make_category(slug="chips", name="Chips")
    cars = make_category(slug="cars", name="Cars")
    h1, h2 = make_hall(code="H1", name="Core"), make_hall(code="H2", name="Terminals")
    make_exhibitor(name="Unitree", hall=h2, booth="H2-A01", categories=[robots], country="CN")
    make_exhibitor(name="Cambricon", hall=h2, booth="H2-B01", categories=[chips], country="CN")
    make_exhibitor(name="Huawei", hall=h1, booth="H1-A01", categories=[chips, robots])
    make_exhibitor(name="Nio", hall=h2, booth="H2-C01", categories=[cars], country="CN")
    fields = [make_category(slug=f"field-{n}", name=f"Application field {n}") for n in range(12)]
    make_exhibitor(name="Baidu", hall=h1, booth="H1-B01", categories=fields)
    speaker = make_speaker(name="Wang Xingxing", country="CN", is_keynote=True)
    make_speaker(name="Yoshua Bengio", country="CA")
    tracks = [make_track(slug=f"track-{n}", name=f"Track with a long name {n}") for n in range(6)]
    venue = make_venue(name="Forum A")
    for n, track in enumerate(tracks):
        make_session(
            title=f"Session {n}", starts_at=shanghai(26, 9 + n), track=track, venue=venue,
            speakers=[speaker],
        )  # fmt: skip


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_first_result_is_on_the_first_screen_of_every_listing(
    site, browser, live_server, javascript
):
    page = browser.new_page(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript
    )
    problems = watch(page)
    tops, widths = {}, {}
    for path in LISTINGS:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")  # lazy images too: none aborted by the next page
        tops[path] = page.locator("#results .card").first.bounding_box()["y"]
        widths[path] = page.evaluate("() => document.documentElement.scrollWidth")

    assert {path: top for path, top in tops.items() if top > PHONE["height"]} == {}
    assert {path: width for path, width in widths.items() if width > PHONE["width"]} == {}
    assert problems == []


def test_filters_open_in_a_bottom_sheet_and_apply_with_its_button(site, phone, live_server):
    problems = watch(phone)
    phone.goto(f"{live_server.url}/exhibitors/?hall=H2")
    toggle = phone.locator("summary.filter-toggle")
    assert text(toggle) == "Filters (1)"

    toggle.click()
    sheet = phone.locator("dialog.filter-sheet")
    assert sheet.evaluate("dialog => dialog.matches(':modal')")  # the page behind is inert
    assert phone.evaluate("() => document.activeElement.closest('dialog') !== null")
    assert phone.evaluate("() => getComputedStyle(document.documentElement).overflow") == "hidden"
    phone.keyboard.press("Escape")
    assert not sheet.evaluate("dialog => dialog.open")
    assert phone.evaluate("() => document.activeElement.matches('summary.filter-toggle')")

    toggle.click()
    sheet.get_by_role("button", name="Close").click()
    assert not sheet.evaluate("dialog => dialog.open")

    toggle.click()
    sheet.locator("summary", has_text="Category").click()
    sheet.locator("[name=category][value=robots]").check()  # waits for the button
    assert phone.url == f"{live_server.url}/exhibitors/?hall=H2"
    with phone.expect_navigation():
        sheet.get_by_role("button", name="Apply filters").click()

    assert phone.url == f"{live_server.url}/exhibitors/?category=robots&hall=H2"
    assert card_titles(phone) == ["Unitree"]
    assert text(phone.locator("summary.filter-toggle")) == "Filters (2)"
    assert problems == []


def test_filters_open_in_a_details_without_javascript(site, browser, live_server):
    page = browser.new_page(
        viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False
    )
    page.goto(f"{live_server.url}/zh-hans/exhibitors/")
    assert not page.locator("form.filters").is_visible()

    page.locator("summary.filter-toggle").click()
    page.locator("summary", has_text="类别").click()
    page.check("[name=category][value=chips]")
    with page.expect_navigation():
        page.get_by_role("button", name="应用筛选").click()

    assert card_titles(page) == ["Cambricon", "Huawei"]  # the chips makers
    assert text(page.locator("summary.filter-toggle")) == "筛选 (1)"


def test_quick_filters_scroll_on_their_own_and_choose_with_one_tap(site, phone, live_server):
    phone.goto(f"{live_server.url}/sessions/")
    row = phone.locator(".quick-filters ul")
    assert row.evaluate("ul => ul.scrollWidth > ul.clientWidth")  # more chips than the screen
    assert phone.evaluate("() => document.documentElement.scrollWidth") == PHONE["width"]

    with phone.expect_navigation():
        row.get_by_role("link", name="Track with a long name 1").click()

    assert phone.url == f"{live_server.url}/sessions/?day=2025-07-26&track=track-1"
    assert card_titles(phone) == ["Session 1"]
    chosen = phone.locator(".quick-filters a[aria-current=true]")
    assert chosen.all_inner_texts() == ["Track with a long name 1"]


def test_a_removable_chip_removes_exactly_its_value(site, phone, live_server):
    phone.goto(f"{live_server.url}/exhibitors/?category=robots&category=chips&hall=H2&q=tree")

    with phone.expect_navigation():
        phone.get_by_role("link", name="Remove filter Category: Chips").click()

    assert phone.url == f"{live_server.url}/exhibitors/?category=robots&hall=H2&q=tree"
    assert card_titles(phone) == ["Unitree"]


def test_every_tap_target_of_the_filters_is_44_pixels_high(site, phone, live_server):
    phone.goto(f"{live_server.url}/exhibitors/?hall=H2")
    phone.locator("summary.filter-toggle").click()
    phone.locator("dialog summary", has_text="Category").click()
    targets = phone.locator(
        "summary.filter-toggle, .quick-filters a, .chips a, dialog .facet > summary,"
        " dialog .facet label, dialog .more > summary, dialog button, dialog select"
    )

    heights = targets.evaluate_all(
        "els => els.filter(e => e.getClientRects().length)"
        ".map(e => [e.textContent.trim().slice(0, 20), e.getBoundingClientRect().height])"
    )

    assert len(heights) > 20
    assert [(text, height) for text, height in heights if height < 44] == []


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_laptop_the_filter_column_shows_every_option_and_show_all(
    site, browser, live_server, javascript
):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
    page.goto(f"{live_server.url}/exhibitors/")

    assert not page.locator("summary.filter-toggle").is_visible()
    assert page.locator("[name=hall][value=H1]").is_visible()
    assert page.locator("[name=category][value=robots]").is_visible()
    scrolling = page.locator(".facet-options").evaluate_all(
        "els => els.filter(e => e.scrollHeight > e.clientHeight + 1).length"
    )
    assert scrolling == 0
    categories = page.locator(".facet:has([name=category]) label:visible")
    assert categories.count() == 8  # the top eight of fifteen
    page.locator("summary", has_text="Show all 15").click()
    assert categories.count() == 15
