"""The site in a real browser: Debian's Chromium driven by Playwright (see conftest.py for
what happens when Chromium is missing)."""

import json

import pytest

from exhibitors.tests.factories import make_category, make_exhibitor, make_hall
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def card_titles(page):
    return page.locator("#results .card-title").all_inner_texts()


@pytest.fixture
def site():
    """The records every browser test looks at. Made before the browser starts: Playwright runs
    an event loop in this thread, and ORM calls inside it would open a second connection."""
    robots = make_category(slug="robots", name="Robots")
    chips = make_category(slug="chips", name="Chips")
    cars = make_category(slug="cars", name="Cars")
    h1, h2 = make_hall(code="H1", name="Core"), make_hall(code="H2", name="Terminals")
    unitree = make_exhibitor(
        name="Unitree", slug="unitree", hall=h2, booth="H2-A01", categories=[robots]
    )
    make_exhibitor(name="Cambricon", hall=h2, booth="H2-B01", categories=[chips])
    make_exhibitor(name="Huawei", hall=h1, booth="H1-A01", categories=[chips, robots])
    make_exhibitor(name="Nio", hall=h2, booth="H2-C01", categories=[cars])
    wang = make_speaker(
        name="Wang Xingxing", organization="Unitree Robotics", exhibitor=unitree, country="CN"
    )
    track, venue = make_track(name="Embodied AI", slug="embodied"), make_venue(name="Forum A")
    make_session(title="Opening", starts_at=shanghai(26, 9), venue=venue)
    make_session(
        title="Robots among us", starts_at=shanghai(27, 14), track=track, venue=venue,
        speakers=[wang],
    )  # fmt: skip
    return {
        "exhibitor": unitree.get_absolute_url(),
        "speaker": wang.get_absolute_url(),
        "session": wang.sessions.get().get_absolute_url(),
    }


def test_filter_exhibitors_by_two_categories_and_a_hall_then_reload(site, page, live_server):
    page.goto(f"{live_server.url}/exhibitors/")

    for selector in ['[name=category][value=robots]', '[name=category][value=chips]',
                     '[name=hall][value=H2]']:  # fmt: skip
        with page.expect_navigation():
            page.check(selector)  # the filters submit themselves (JavaScript enhancement)

    assert card_titles(page) == ["Cambricon", "Unitree"]
    assert page.locator(".result-count").inner_text() == "2 results"
    page.reload()
    assert card_titles(page) == ["Cambricon", "Unitree"]
    assert page.url == f"{live_server.url}/exhibitors/?category=chips&category=robots&hall=H2"


def test_filters_work_without_javascript(site, browser, live_server):
    page = browser.new_page(java_script_enabled=False, viewport={"width": 375, "height": 740})
    page.goto(f"{live_server.url}/exhibitors/")

    page.locator("summary", has_text="Filters").click()  # on phones the results come first
    page.locator("summary", has_text="Category").click()  # and filter groups start closed
    page.check("[name=category][value=robots]")
    page.locator("summary", has_text="Hall").click()
    page.check("[name=hall][value=H2]")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()

    assert card_titles(page) == ["Unitree"]


def test_follow_the_agenda_on_day_two_to_a_session_a_speaker_and_their_exhibitor(
    site, page, live_server
):
    page.goto(f"{live_server.url}/sessions/")

    page.locator(".day-tabs").get_by_role("link", name="Sun 27 July").click()
    assert card_titles(page) == ["Robots among us"]
    page.get_by_role("link", name="Robots among us").click()
    assert page.locator("h1").inner_text() == "Robots among us"
    page.get_by_role("link", name="Wang Xingxing").click()
    assert page.locator("h1").inner_text() == "Wang Xingxing"
    page.get_by_role("link", name="Unitree Robotics").click()

    assert page.locator("h1").inner_text() == "Unitree"
    assert "H2 · Terminals · Booth A01" in page.locator(".facts").inner_text()


def test_switch_a_filtered_listing_to_chinese_and_back(site, page, live_server):
    page.goto(f"{live_server.url}/exhibitors/?category=chips&hall=H2")

    page.get_by_role("link", name="简体中文").click()

    assert page.url == f"{live_server.url}/zh-hans/exhibitors/?category=chips&hall=H2"
    assert page.locator("h1").inner_text() == "展商"
    assert card_titles(page) == ["Cambricon"]
    page.get_by_role("link", name="English").click()
    assert page.url == f"{live_server.url}/exhibitors/?category=chips&hall=H2"
    assert page.locator("h1").inner_text() == "Exhibitors"


def test_no_page_scrolls_sideways_on_a_375px_phone(site, phone, live_server):
    paths = [
        "/",
        "/exhibitors/",
        "/exhibitors/?category=robots&hall=H2",
        "/exhibitors/?category=nope",
        site["exhibitor"],
        "/speakers/",
        site["speaker"],
        "/sessions/",
        "/sessions/?day=2025-07-27",
        site["session"],
        "/search/?q=robot",
        "/my/",
        "/no-such-page/",
        "/zh-hans/",
        "/zh-hans/exhibitors/?category=robots&hall=H2",
        "/zh-hans/sessions/?day=2025-07-27",
        "/zh-hans" + site["session"],
    ]
    too_wide = {}
    for path in paths:
        phone.goto(live_server.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            too_wide[path] = width

    assert too_wide == {}


def test_the_keyboard_reaches_every_filter(site, page, live_server):
    page.goto(f"{live_server.url}/exhibitors/")
    controls = page.locator("form.filters :is(input, select, button):not([disabled])")
    # A radio group is one stop for the Tab key: its arrow keys move within it.
    expected = set(
        controls.evaluate_all(
            "els => els.filter(e => e.type !== 'radio' || e.checked)"
            ".map(e => e.name + '=' + (e.type === 'checkbox' || e.type === 'radio' ? e.value : ''))"
        )
    )

    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate(
                "() => { const e = document.activeElement; return e.closest('form.filters') ?"
                " e.name + '=' + (e.type === 'checkbox' || e.type === 'radio' ? e.value : '')"
                " : null }"
            )
        )

    assert expected == {
        "q=",
        "category=cars",
        "category=chips",
        "category=robots",
        "hall=H1",
        "hall=H2",
        "sort=",
        "per_page=",
        "=",  # the "Apply filters" button
    }  # featured and premiere are disabled: no exhibitor here has either
    assert expected - reached == set()


def test_api_docs_run_under_the_sites_csp_from_our_own_files(site, page, live_server):
    messages, requests = [], []
    page.on("console", lambda message: messages.append(message.text))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}/api/v1/docs/")

    page.locator(".opblock-summary-path", has_text="/api/v1/sessions/").first.wait_for()

    assert page.locator(".opblock-tag-section").count() == 8
    assert [m for m in messages if "Content Security Policy" in m] == []
    assert [url for url in requests if not url.startswith(live_server.url)] == []


def test_json_ld_breaks_no_csp_rule_on_detail_pages(site, page, live_server):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    for kind in ("exhibitor", "speaker", "session"):
        page.goto(live_server.url + site[kind])
        data = page.locator('script[type="application/ld+json"]').text_content()
        assert json.loads(data)["@context"] == "https://schema.org"

    assert [m for m in messages if "Content Security Policy" in m] == []


def test_star_a_session_on_the_agenda_then_find_it_in_my_waic(site, page, live_server):
    page.goto(f"{live_server.url}/sessions/?day=2025-07-27")
    card = page.locator("#results li", has_text="Robots among us")
    button = card.get_by_role("button", name="☆ Save")

    button.click()  # saved in place by JavaScript, without leaving the page

    saved = card.get_by_role("button", name="★ Saved")
    saved.wait_for()
    assert saved.get_attribute("aria-pressed") == "true"
    assert page.url == f"{live_server.url}/sessions/?day=2025-07-27"
    page.reload()  # the cached page starts unpressed; the script marks what was saved
    card.get_by_role("button", name="★ Saved").wait_for()
    page.get_by_role("link", name="My WAIC").click()
    assert page.locator("h1").inner_text() == "My WAIC"
    assert page.locator(".agenda .card-title").all_inner_texts() == ["Robots among us"]
