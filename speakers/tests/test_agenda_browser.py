"""The agenda in a real browser, on a phone and on a laptop, with and without JavaScript."""

from datetime import timedelta

import pytest

from directory.testing import watch_problems
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme():
    """Saturday: 30 sessions in 10 time slots of 3 rooms; Sunday: one. Made before the browser
    starts (see waic_site/tests/test_browser.py)."""
    tracks = [make_track(name=f"Track {n}", colour=colour) for n, colour in
              enumerate(["#c0392b", "#1f5fbf", "#2e7d32"])]  # fmt: skip
    rooms = [make_venue(name=f"Room {n}", order=n) for n in range(3)]
    speaker = make_speaker(name="Ada Lovelace")
    for n in range(30):
        make_session(
            title=f"Talk {n:02}",
            starts_at=shanghai(26, 9) + timedelta(minutes=30 * (n // 3)),
            ends_at=shanghai(26, 9) + timedelta(minutes=30 * (n // 3) + 45),
            track=tracks[n % 3],
            venue=rooms[n % 3],
            speakers=[speaker] if n == 0 else [],
            allow_overlap=True,
        )
    make_session(title="Sunday talk", starts_at=shanghai(27, 10), venue=rooms[0])


def real(problems):
    """Problems but the browser's own request for /favicon.ico, which the site has no answer
    for yet (issue 14, part 4): it shows only as a console error, never as a page's response,
    so a missing file the page itself asks for is still reported (as "404: GET …")."""
    return [p for p in problems if p != FAVICON_404]


FAVICON_404 = (
    "console error: Failed to load resource: the server responded with a status of 404 (Not Found)"
)


def titles(page):
    return page.locator("#results .card-title").all_inner_texts()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_day_of_30_sessions_shows_whole_on_a_phone(programme, browser, live_server, javascript):
    phone = browser.new_page(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True,
        java_script_enabled=javascript,
    )  # fmt: skip
    problems = watch_problems(phone)

    phone.goto(f"{live_server.url}/sessions/")

    assert titles(phone) == [f"Talk {n:02}" for n in range(30)]
    assert "Page 1 of" not in phone.locator("body").inner_text()
    assert phone.locator("#results .agenda-time").all_inner_texts()[:3] == [
        "09:00", "09:30", "10:00",
    ]  # fmt: skip
    assert phone.evaluate("document.documentElement.scrollWidth") == 375
    phone.locator(".day-tabs").get_by_role("link", name="Sun 27 July").click()
    assert titles(phone) == ["Sunday talk"]
    assert real(problems) == []
    phone.close()


def test_the_time_heading_sticks_below_the_header_while_its_sessions_scroll(
    programme, phone, live_server
):
    phone.goto(f"{live_server.url}/sessions/")
    slot = phone.locator(".agenda-slot").nth(4)  # 11:00
    heading = slot.locator(".agenda-time")

    # Scroll until the slot's top is 100 px above the top of the screen.
    slot.evaluate("s => window.scrollTo(0, s.getBoundingClientRect().top + scrollY + 100)")
    phone.wait_for_timeout(100)

    stuck_at = heading.evaluate("h => parseFloat(getComputedStyle(h).top)")
    heading_box, slot_box = heading.bounding_box(), slot.bounding_box()
    assert heading.inner_text() == "11:00"
    assert slot_box["y"] == pytest.approx(-100, abs=1)  # the slot's top is out of sight...
    assert heading_box["y"] == pytest.approx(stuck_at, abs=1)  # ...its heading has not


def test_switch_to_the_grid_on_a_laptop_and_back(programme, page, live_server):
    problems = watch_problems(page)
    page.goto(f"{live_server.url}/sessions/")

    page.locator(".view-switch").get_by_role("link", name="Grid").click()

    assert page.url == f"{live_server.url}/sessions/?view=grid"
    heads = page.locator(".grid-column .grid-head").all_inner_texts()
    assert heads == ["Room 0", "Room 1", "Room 2"]
    first, second = page.locator(".grid-session").nth(0), page.locator(".grid-session").nth(1)
    assert first.locator(".grid-title").inner_text() == "Talk 00"
    labels = page.locator(".grid-axis li")  # the first one sits lower than the rest
    slot = labels.nth(2).bounding_box()["y"] - labels.nth(1).bounding_box()["y"]  # half an hour
    assert first.bounding_box()["height"] == pytest.approx(1.5 * slot, abs=4)  # 45 minutes
    assert second.bounding_box()["y"] - first.bounding_box()["y"] == pytest.approx(slot, abs=1)
    assert page.evaluate("document.documentElement.scrollWidth") == 1280
    with page.expect_navigation():
        page.locator("[name=track]").first.check()  # a filter keeps the grid
    assert "view=grid" in page.url
    assert page.locator(".grid-session").count() == 10
    page.locator(".view-switch").get_by_role("link", name="List").click()
    assert "view" not in page.url
    assert len(titles(page)) == 10
    assert real(problems) == []


def test_the_grid_works_without_javascript_and_scrolls_in_its_own_box_on_a_phone(
    programme, browser, live_server
):
    phone = browser.new_page(
        viewport={"width": 375, "height": 812}, is_mobile=True, java_script_enabled=False
    )
    problems = watch_problems(phone)

    phone.goto(f"{live_server.url}/zh-hans/sessions/?view=grid")

    assert phone.locator(".grid-session").count() == 30
    assert phone.evaluate("document.documentElement.scrollWidth") == 375
    box = phone.locator(".agenda-grid-box")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert real(problems) == []
    phone.close()


def test_a_day_prints_as_a_programme_without_the_page_around_it(programme, page, live_server):
    page.goto(f"{live_server.url}/sessions/")

    page.emulate_media(media="print")

    for hidden in [".day-tabs", ".view-switch", ".filters", ".star", ".agenda-footer"]:
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".agenda-time").first.is_visible()
    assert (
        page.locator(".session-card").first.evaluate(
            "c => getComputedStyle(c.parentElement).breakInside"
        )
        == "avoid"
    )
    assert page.pdf(format="A4")[:4] == b"%PDF"
