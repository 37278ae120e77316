"""Saving to My WAIC in a real browser (Debian's Chromium, see conftest.py): in place with
JavaScript, where the visitor was without it, and never silently lost offline."""

import re

import pytest
from playwright.sync_api import expect

from directory.testing import watch_problems
from exhibitors.tests.factories import make_exhibitor
from speakers.tests.factories import make_session, make_speaker

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LONG_LIST = "/exhibitors/?per_page=48"
FAR_DOWN = "robotics-35"


@pytest.fixture
def fair():
    """40 exhibitors (a listing longer than a few phone screens), a featured one with a keynote
    speaker on the home page, and a session. Made before the browser starts."""
    unitree = make_exhibitor(name="Unitree", slug="unitree", is_featured=True)
    for n in range(1, 41):
        make_exhibitor(
            name=f"Robotics {n:02}", name_zh_hans=f"机器人 {n:02}", slug=f"robotics-{n:02}"
        )
    wang = make_speaker(name="Wang Xingxing", slug="wang", exhibitor=unitree, is_keynote=True)
    make_session(title="Robots among us", slug="robots-among-us", speakers=[wang])


def watch(page):
    """watch_problems(page), but for the browser's own /favicon.ico request, which other work
    answers (issue 14, part 4): these tests are about saving."""
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    return watch_problems(page)


def card_form(page, slug):
    return page.locator(f'form[data-star="exhibitor:{slug}"]')


def scroll_to(page, slug):
    """Scroll the card's button into the middle of the screen, far down the list."""
    card_form(page, slug).evaluate("form => form.scrollIntoView({block: 'center'})")
    return page.evaluate("window.scrollY")


def status(page):
    return page.locator(".star-status")


def count(page):
    return page.locator("header [data-favourites-count]")


def ready(page, url):
    """Open `url` and wait until favourites.js has asked what was saved."""
    with page.expect_response(lambda response: response.url.endswith("/my/starred.json")):
        page.goto(url)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("screen", ["phone", "page"])
def test_save_far_down_a_long_listing_in_place(fair, live_server, request, screen):
    page = request.getfixturevalue(screen)
    problems = watch(page)
    ready(page, live_server.url + LONG_LIST)
    page.evaluate("window.notReloaded = true")
    scrolled = scroll_to(page, FAR_DOWN)
    button = card_form(page, FAR_DOWN).locator(".star-button")
    assert scrolled > 1000
    assert count(page).is_hidden()

    button.click()

    page.locator(f'#star-exhibitor-{FAR_DOWN} [aria-pressed="true"]').wait_for()
    assert button.inner_text() == "★ Saved"
    expect(status(page)).to_have_text("Saved to My WAIC")
    assert status(page).get_attribute("role") == "status"
    assert page.evaluate("[window.notReloaded, window.scrollY]") == [True, scrolled]
    assert page.url == live_server.url + LONG_LIST
    expect(count(page)).to_have_text("1")
    expect(count(page)).to_be_visible()

    button.click()  # and remove it again

    page.locator(f'#star-exhibitor-{FAR_DOWN} [aria-pressed="false"]').wait_for()
    assert button.inner_text() == "☆ Save"
    expect(status(page)).to_have_text("Removed from My WAIC")
    expect(count(page)).to_be_hidden()
    assert page.evaluate("window.scrollY") == scrolled
    assert problems == []


def test_save_on_the_chinese_listing_says_so_in_chinese(fair, live_server, phone):
    problems = watch(phone)
    ready(phone, live_server.url + "/zh-hans" + LONG_LIST)
    scrolled = scroll_to(phone, FAR_DOWN)
    button = card_form(phone, FAR_DOWN).locator(".star-button")
    assert button.inner_text() == "☆ 收藏"

    button.click()

    phone.locator(f'#star-exhibitor-{FAR_DOWN} [aria-pressed="true"]').wait_for()
    assert button.inner_text() == "★ 已收藏"
    expect(status(phone)).to_have_text("已收藏到我的 WAIC")
    assert phone.evaluate("window.scrollY") == scrolled
    expect(count(phone)).to_have_text("1")
    assert problems == []


def test_save_from_the_cards_of_home_search_and_a_detail_page(fair, live_server, page):
    problems = watch(page)
    places = [
        ("/", "exhibitor:unitree"),
        ("/search/?q=robots+among", "session:robots-among-us"),
        ("/exhibitors/unitree/", "speaker:wang"),  # the exhibitor's speaker, on its card
    ]
    for n, (path, item) in enumerate(places, start=1):
        ready(page, live_server.url + path)
        button = page.locator(f'.card form[data-star="{item}"] .star-button')

        button.click()

        page.locator(f'.card form[data-star="{item}"] [aria-pressed="true"]').wait_for()
        expect(status(page)).to_have_text("Saved to My WAIC")
        assert page.url == live_server.url + path
        expect(count(page)).to_have_text(str(n))

    page.goto(live_server.url + "/my/")
    assert page.locator("main .card-title").all_inner_texts() == [
        "Robots among us",
        "Wang Xingxing",
        "Unitree",
    ]
    expect(count(page)).to_have_text("3")
    assert problems == []


def test_without_javascript_a_save_comes_back_to_the_card(fair, browser, live_server):
    page = browser.new_page(java_script_enabled=False, viewport={"width": 375, "height": 812})
    problems = watch(page)
    page.goto(live_server.url + LONG_LIST)
    scroll_to(page, FAR_DOWN)

    with page.expect_navigation():
        card_form(page, FAR_DOWN).locator(".star-button").click()

    assert page.url == f"{live_server.url}{LONG_LIST}#star-exhibitor-{FAR_DOWN}"
    box = card_form(page, FAR_DOWN).bounding_box()  # relative to the screen
    assert 0 < box["y"] < 812 - box["height"]
    assert page.evaluate("window.scrollY") > 2000
    page.goto(live_server.url + "/my/")
    assert page.locator("main .card-title").all_inner_texts() == ["Robotics 35"]
    assert problems == []
    page.close()


def test_offline_the_button_says_saving_needs_a_connection(fair, browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    problems = watch(page)
    ready(page, live_server.url + LONG_LIST)
    scroll_to(page, FAR_DOWN)
    button = card_form(page, FAR_DOWN).locator(".star-button")
    context.set_offline(True)

    button.click()

    page.locator(".star-button.star-offline").wait_for()
    assert button.inner_text() == "Not saved: saving needs a connection"
    assert button.get_attribute("aria-pressed") == "false"
    expect(status(page)).to_have_text("Not saved: saving needs a connection")
    assert page.url == live_server.url + LONG_LIST
    # Chromium's own line for the failed request (ERR_INTERNET_DISCONNECTED, or ERR_FAILED when
    # the service worker passed the save on to the network), and the request itself.
    assert sorted(
        re.sub(r"net::ERR_\w+", "net::ERR_…", re.sub(r"http://[^/]+", "", problem))
        for problem in problems
    ) == [
        "console error: Failed to load resource: net::ERR_…",
        "failed (net::ERR_…): POST /my/star/",
    ]

    context.set_offline(False)  # back online, the button offers to save again, and does
    page.locator(".star-button.star-offline").wait_for(state="detached")
    assert button.inner_text() == "☆ Save"
    button.click()
    page.locator(f'#star-exhibitor-{FAR_DOWN} [aria-pressed="true"]').wait_for()
    expect(status(page)).to_have_text("Saved to My WAIC")
    context.close()


def test_a_refused_save_says_why_in_place(fair, live_server, phone):
    """As when an organizer unpublished the exhibitor after the (cached) page was made."""
    problems = watch(phone)
    ready(phone, live_server.url + LONG_LIST)
    form = card_form(phone, FAR_DOWN)
    form.locator("[name=slug]").evaluate("input => { input.value = 'gone-since' }")

    form.locator(".star-button").click()

    expect(status(phone)).to_have_text("This is not on the site (any more), so it cannot be saved.")
    assert form.locator(".star-button").get_attribute("aria-pressed") == "false"
    assert phone.url == live_server.url + LONG_LIST
    assert sorted(re.sub(r"http://[^/]+", "", problem) for problem in problems) == [
        "404: POST /my/star/",
        "console error: Failed to load resource: the server responded with a status of 404 "
        "(Not Found)",  # Chromium's own
    ]
