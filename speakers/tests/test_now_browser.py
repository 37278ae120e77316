"""Now & next in a real browser: the lobby screen on a 1920 × 1080 screen and /now/ on a phone."""

import pytest

from directory.testing import watch_problems
from speakers import agenda

from .factories import make_session, make_track, make_venue, shanghai

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIDE = "document.documentElement.scrollWidth > document.documentElement.clientWidth"


@pytest.fixture
def sessions(monkeypatch):
    """Made before the browser starts (see waic_site/tests/test_browser.py); the clock frozen
    while a keynote runs."""
    track = make_track(name="Embodied AI", colour="#c0392b")
    main = make_venue(name="World Expo Center Main Hall", order=1)
    stage = make_venue(name="Robot Stage", order=2)
    make_session(title="Keynote", venue=main, track=track, starts_at=shanghai(26, 10))
    make_session(title="Humanoid robots at work", venue=stage, starts_at=shanghai(26, 10, 30))
    make_session(title="Called off", venue=stage, status="cancelled", starts_at=shanghai(26, 10))
    monkeypatch.setattr(agenda, "now", lambda: shanghai(26, 10, 15))


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_the_lobby_screen_fills_a_screen_in_large_type_without_scripts(
    sessions, browser, live_server, prefix
):
    screen = browser.new_page(viewport={"width": 1920, "height": 1080})
    problems = watch_problems(screen)  # a CSP violation is a console error

    screen.goto(f"{live_server.url}{prefix}/now/screen/")

    assert screen.evaluate("document.scripts.length") == 0
    assert screen.locator(".lobby-clock").inner_text() == "10:15"
    assert screen.locator(".now-title").all_inner_texts() == [
        "Keynote",
        "Called off",
        "Humanoid robots at work",
    ]
    title_size = screen.locator(".now-title").first.evaluate("e => getComputedStyle(e).fontSize")
    assert float(title_size.removesuffix("px")) >= 30
    assert not screen.evaluate(WIDE)
    assert problems == []
    screen.close()


def test_now_on_a_phone_keeps_to_the_screen(sessions, phone, live_server):
    problems = watch_problems(phone)

    phone.goto(f"{live_server.url}/now/")

    assert phone.locator(".now-venue h2").all_inner_texts() == [
        "World Expo Center Main Hall",
        "Robot Stage",
    ]
    assert not phone.evaluate(WIDE)
    assert problems == []
