"""The site's shell in a real browser: the sticky header, the phone's tab bar, tap targets,
sideways scrolling, the dark scheme's contrast and a clean console on every kind of page."""

import pytest

from directory.testing import watch_problems
from exhibitors.tests.factories import make_category, make_exhibitor, make_hall, make_product
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
# What a thumb taps: the header, the tab bar, the cards and the home page's ways in. Links
# inside running text (a biography, a fact such as "Hall H2") are words in a sentence, as on
# every site, and are not measured.
TAP_TARGETS = (
    ".site-header a, .site-header button, .site-header input, .tab-bar a, "
    ".card a, .card button, .hero a, .hero button, .hero input, .counts a, .section-head a, "
    ".entry-points a, .detail-actions a, .detail-actions button, .pagination a"
)
# The size of everything TAP_TARGETS matches that is shown, and what it is.
MEASURE_TAP_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((element) => element.getClientRects().length)
  .map((element) => {
    const box = element.getBoundingClientRect();
    return [element.outerHTML.slice(0, 80), Math.round(box.width), Math.round(box.height)];
  })"""
# The WCAG contrast ratio of an element's text against what is behind it: the first ancestor
# (or itself) with an opaque background.
CONTRAST = """(selector) => {
  const element = document.querySelector(selector);
  const parse = (value) => {
    const numbers = value.match(/[\\d.]+/g).map(Number);
    const [r, g, b] = value.startsWith("color(") ? numbers.map((n) => n * 255) : numbers;
    const alpha = numbers.length > 3 ? numbers[3] : 1;
    return { rgb: [r, g, b], alpha };
  };
  let node = element, background;
  while (node) {
    const colour = parse(getComputedStyle(node).backgroundColor);
    if (colour.alpha === 1) { background = colour.rgb; break; }
    node = node.parentElement;
  }
  const text = parse(getComputedStyle(element).color).rgb;
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a);
  return Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100;
}"""


@pytest.fixture
def site():
    """Every kind of page, with records. Made before the browser starts (see test_browser.py)."""
    robots = make_category(slug="robots", name="Robots")
    hall = make_hall(code="H2", name="Smart Terminals")
    unitree = make_exhibitor(
        name="Unitree Robotics",
        slug="unitree",
        tagline="Humanoid and quadruped robots",
        hall=hall,
        booth="H2-A01",
        categories=[robots],
        is_featured=True,
        website="https://www.unitree.com",
    )
    make_product(exhibitor=unitree, name="G1 humanoid")
    make_exhibitor(name="Cambricon", slug="cambricon", hall=hall, booth="H2-B01")
    wang = make_speaker(
        name="Wang Xingxing",
        slug="wang",
        organization="Unitree Robotics",
        exhibitor=unitree,
        country="CN",
        is_keynote=True,
        bio="Founder of Unitree.",
    )
    track = make_track(name="Embodied AI", slug="embodied")
    venue = make_venue(name="Forum A", hall=hall)
    make_session(
        title="Robots among us", slug="robots", starts_at=shanghai(26, 14), track=track,
        venue=venue, speakers=[wang],
    )  # fmt: skip
    return [
        "/",
        "/sessions/",
        "/sessions/robots/",
        "/speakers/",
        "/speakers/wang/",
        "/exhibitors/",
        "/exhibitors/unitree/",
        "/search/?q=robot",
        "/my/",
        "/zh-hans/",
        "/zh-hans/exhibitors/unitree/",
    ]


def test_no_page_scrolls_sideways_and_every_tap_target_is_44_px_on_a_phone(
    site, phone, live_server
):
    too_wide, too_small = {}, {}
    for path in [*site, "/no-such-page/"]:
        phone.goto(live_server.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
        small = [
            target
            for target in phone.evaluate(MEASURE_TAP_TARGETS, TAP_TARGETS)
            if target[1] < 44 or target[2] < 44
        ]
        if small:
            too_small[path] = small

    assert too_wide == {}
    assert too_small == {}


def test_the_phone_tab_bar_stays_at_the_bottom_marks_the_current_tab_and_covers_nothing(
    site, phone, live_server
):
    phone.goto(f"{live_server.url}/exhibitors/unitree/")
    bar = phone.locator(".tab-bar")
    box = bar.bounding_box()

    assert bar.is_visible()
    assert (box["x"], box["y"] + box["height"], box["width"]) == (0, PHONE["height"], 375)
    assert bar.get_by_role("link").all_inner_texts() == [
        "Agenda",
        "Speakers",
        "Exhibitors",
        "My WAIC",
    ]
    assert bar.locator("[aria-current]").all_inner_texts() == ["Exhibitors"]
    assert bar.locator("[aria-current]").get_attribute("aria-current") == "true"
    assert phone.locator(".tab-count").is_hidden()  # nothing saved yet

    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert phone.evaluate("window.scrollY") > 0
    assert phone.locator(".site-header").bounding_box()["y"] == 0  # sticky
    footer = phone.locator(".site-footer").bounding_box()
    assert footer["y"] + footer["height"] <= bar.bounding_box()["y"]

    phone.goto(f"{live_server.url}/exhibitors/")
    assert bar.locator("[aria-current=page]").all_inner_texts() == ["Exhibitors"]


def test_on_a_laptop_the_tabs_and_a_search_field_sit_in_one_header_row(site, page, live_server):
    page.goto(f"{live_server.url}/sessions/")
    header = page.locator(".site-header").bounding_box()
    bar = page.locator(".tab-bar").bounding_box()

    assert header["height"] == 64
    assert header["y"] <= bar["y"] and bar["y"] + bar["height"] <= header["y"] + header["height"]
    assert page.locator(".search-link").is_hidden()
    page.locator("#header-search").fill("robot")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/search/?q=robot"


def test_the_skip_link_is_out_of_sight_until_a_keyboard_reaches_it(site, page, live_server):
    page.goto(f"{live_server.url}/speakers/")
    skip = page.get_by_role("link", name="Skip to content")

    assert skip.bounding_box()["y"] < 0
    page.keyboard.press("Tab")
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_no_page_logs_a_console_error_or_a_failed_request(site, browser, live_server, javascript):
    phone = browser.new_page(viewport=PHONE, is_mobile=True, java_script_enabled=javascript)
    problems = watch_problems(phone)

    for path in site:
        phone.goto(live_server.url + path)
        phone.wait_for_load_state("networkidle")

    assert problems == []
    phone.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_links_and_buttons_are_readable_in_both_colour_schemes(
    site, browser, live_server, scheme
):
    phone = browser.new_page(viewport=PHONE, is_mobile=True, color_scheme=scheme)
    checks = {
        "/exhibitors/unitree/": [
            "body",
            ".facts dd a",
            ".facts dt",
            ".lead",
            ".star-button",
            ".tab-bar .tab[aria-current]",
            ".tab-bar .tab:not([aria-current])",
            ".site-header .brand",
        ],
        "/exhibitors/": [".card-title a", ".card .meta", ".tags span", ".result-count"],
        "/": [".hero h1", ".hero .when", ".counts a", ".counts strong", ".section-head a"],
        "/sessions/robots/": [".session-header .eyebrow", ".site-footer p"],
    }
    ratios = {}
    for path, selectors in checks.items():
        phone.goto(live_server.url + path)
        for selector in selectors:
            ratios[selector] = phone.evaluate(CONTRAST, selector)

    assert phone.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
        scheme == "dark"
    )
    assert {selector: ratio for selector, ratio in ratios.items() if ratio < 4.5} == {}
    phone.close()
