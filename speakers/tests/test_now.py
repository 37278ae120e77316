"""Now & next (/now/) and its lobby screen (/now/screen/)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from exhibitors.tests.factories import make_hall
from speakers import agenda
from speakers.agenda import seconds_until_change

from .factories import make_session, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db

NOW_URL = reverse("speakers:now")
SCREEN_URL = reverse("speakers:now_screen")
CARD_TITLE = r'<h3 class="card-title"(?: lang="[^"]+")?><a href="[^"]+">([^<]+)</a>'
ROW_TITLE = r'<h3 class="now-title"(?: lang="[^"]+")?>([^<]+)</h3>'


@pytest.fixture
def at(monkeypatch):
    """Freezes the agenda's clock: at(26, 10, 20)."""

    def freeze(day, hour, minute=0, second=0):
        moment = shanghai(day, hour, minute) + timedelta(seconds=second)
        monkeypatch.setattr(agenda, "now", lambda: moment)
        return moment

    return freeze


def venues_and_titles(response, title=CARD_TITLE):
    """[(venue heading, "Now"/"In the next hour", [titles])] in page order."""
    text = response.text
    found = []
    for section in re.findall(r'<section class="now-venue".*?</section>', text, re.S):
        heading = re.sub(r"<[^>]+>", "", re.search(r"<h2[^>]*>(.*?)</h2>", section).group(1))
        for when, block in re.findall(
            r'<p class="now-when">([^<]+)</p>\s*<ul[^>]*>(.*?)</ul>\s*(?=<p class="now-when"|$)',
            section.split("<h2", 1)[1].split("</h2>", 1)[1].rsplit("</section>", 1)[0].strip()
            + "\n",
            re.S,
        ):
            found.append((heading.strip(), when, re.findall(title, block)))
    return found


def test_running_sessions_and_those_of_the_next_hour_by_venue_in_venue_order(client, at):
    hall = make_hall(code="H1")
    main = make_venue(name="Main Hall", order=1)
    stage = make_venue(name="Robot Stage", order=2, hall=hall)
    make_session(title="Earlier", venue=main, starts_at=shanghai(26, 8), ends_at=shanghai(26, 10))
    make_session(title="Keynote", venue=main, starts_at=shanghai(26, 10), ends_at=shanghai(26, 11))
    make_session(title="Demo", venue=stage, starts_at=shanghai(26, 11), ends_at=shanghai(26, 12))
    make_session(title="Later", venue=stage, starts_at=shanghai(26, 11, 30))
    make_session(title="Unplaced", starts_at=shanghai(26, 10, 45))
    make_session(title="Too late", venue=main, starts_at=shanghai(26, 11, 31))
    at(26, 10, 31)

    response = client.get(NOW_URL)

    assert response.status_code == 200
    assert venues_and_titles(response) == [
        ("Main Hall", "Now", ["Keynote"]),
        ("Robot Stage Hall H1", "In the next hour", ["Demo", "Later"]),
        ("Venue to be announced", "In the next hour", ["Unplaced"]),
    ]
    assert response.text.count('<span class="badge now">Now</span>') == 1


def test_cancelled_sessions_are_listed_marked_and_never_running(client, at):
    venue = make_venue(name="Main Hall")
    make_session(title="Called off", venue=venue, status="cancelled", starts_at=shanghai(26, 10))
    at(26, 10, 15)

    response = client.get(NOW_URL)

    assert venues_and_titles(response) == [("Main Hall", "Now", ["Called off"])]
    assert '<article class="card session-card cancelled">' in response.text
    assert '<span class="badge cancelled">Cancelled</span>' in response.text
    assert '<span class="badge now">' not in response.text


@pytest.mark.parametrize(
    ("day", "english", "chinese"),
    [
        (
            25,
            '<p class="now-lead">WAIC 2025 starts on Saturday 26 July.</p><p>'
            '<a href="/sessions/?day=2025-07-26">See the first day of the agenda</a>',
            '<p class="now-lead">WAIC 2025将于7月26日星期六开幕。</p><p>'
            '<a href="/zh-hans/sessions/?day=2025-07-26">查看议程第一天</a>',
        ),
        (
            29,
            '<p class="now-lead">WAIC 2025 has ended.</p><p>'
            '<a href="/sessions/">See the agenda</a>',
            '<p class="now-lead">WAIC 2025已闭幕。</p><p><a href="/zh-hans/sessions/">查看议程</a>',
        ),
    ],
)
def test_outside_the_event_it_says_when_it_starts_or_that_it_ended(
    client, at, day, english, chinese
):
    make_session(title="Opening", starts_at=shanghai(26, 9))
    at(day, 12)

    for url, text in ((NOW_URL, english), ("/zh-hans/now/", chinese), (SCREEN_URL, english)):
        response = client.get(url)
        assert text in response.text
        assert "Opening" not in response.text


def test_the_agenda_links_here_during_the_event_and_the_home_page_always(client, settings, at):
    settings.WAIC_PAGE_CACHE_SECONDS = 0  # the clock jumps between requests; the cache's does not
    link = '<a class="now-link" href="/now/">'
    at(25, 12)
    assert link not in client.get(reverse("speakers:session_list")).text
    at(27, 12)
    assert link in client.get(reverse("speakers:session_list")).text
    assert '<a class="now-link" href="/zh-hans/now/">现在与稍后：会场正在进行的活动</a>' in (
        client.get("/zh-hans/").text
    )


def test_a_quiet_hour_names_the_next_session(client, settings, at):
    settings.WAIC_PAGE_CACHE_SECONDS = 0  # the clock jumps between requests; the cache's does not
    make_session(title="Tomorrow", starts_at=shanghai(27, 9))
    make_session(title="Tonight", starts_at=shanghai(26, 19), status="cancelled")
    make_session(title="Evening", starts_at=shanghai(26, 20))
    at(26, 13)

    assert "The next session starts at 20:00." in client.get(NOW_URL).text
    at(26, 21, 30)
    assert "The next session starts on Sun 27 July at 09:00." in client.get(NOW_URL).text
    at(27, 12)
    assert "That was the last session of WAIC 2025." in client.get(NOW_URL).text
    at(26, 13)
    assert "下一场活动于20:00开始。" in client.get("/zh-hans/now/").text


def test_in_chinese_the_venue_hall_and_times_are_in_chinese(client, at):
    hall = make_hall(code="H1")
    venue = make_venue(name="Main Hall", hall=hall)
    make_session(title="Keynote", venue=venue, starts_at=shanghai(26, 10))
    at(26, 10, 15)

    response = client.get("/zh-hans/now/")

    assert venues_and_titles(response) == [("Main Hall H1 馆", "进行中", ["Keynote"])]
    assert "<h1>现在与稍后</h1>" in response.text


def test_one_venue_or_one_hall(client, at):
    hall = make_hall(code="H2")
    main = make_venue(name="Main Hall", slug="main")
    stage = make_venue(name="Robot Stage", slug="robots", hall=hall)
    make_session(title="Keynote", venue=main, starts_at=shanghai(26, 10))
    make_session(title="Demo", venue=stage, starts_at=shanghai(26, 10))
    at(26, 10, 15)

    by_venue = client.get(NOW_URL, {"venue": "main"})
    by_hall = client.get(SCREEN_URL, {"hall": "h2"})

    assert venues_and_titles(by_venue) == [("Main Hall", "Now", ["Keynote"])]
    assert '<h1>Now & next <span class="now-place">· Main Hall</span></h1>' in by_venue.text
    assert venues_and_titles(by_hall, ROW_TITLE) == [("Robot Stage Hall H2", "Now", ["Demo"])]
    assert len(venues_and_titles(client.get(NOW_URL, {"venue": "", "hall": ""}))) == 2


@pytest.mark.parametrize(
    ("url", "query", "message"),
    [
        (NOW_URL, {"venue": "nowhere"}, "There is no venue “nowhere”."),
        (SCREEN_URL, {"hall": "H9"}, "There is no hall “H9”."),
        ("/zh-hans/now/", {"venue": "nowhere"}, "没有名为“nowhere”的场地。"),
    ],
)
def test_an_unknown_venue_or_hall_is_a_400_in_the_pages_language(client, at, url, query, message):
    at(26, 10)

    response = client.get(url, query)

    assert response.status_code == 400
    assert f'<div class="now-message" role="alert"><p>{message}</p>' in response.text


def test_the_lobby_screen_reloads_itself_has_large_type_and_no_script_or_chrome(client, at):
    venue = make_venue(name="Main Hall")
    track = make_track(colour="#c0392b")
    make_session(title="Keynote", venue=venue, track=track, starts_at=shanghai(26, 10))
    at(26, 10, 15)

    for url in (SCREEN_URL, "/zh-hans/now/screen/"):
        response = client.get(url)
        assert '<meta http-equiv="refresh" content="60">' in response.text
        assert "<script" not in response.text
        assert 'class="tab-bar"' not in response.text and "<form" not in response.text
        assert '<body class="lobby">' in response.text
        assert '<p class="lobby-clock"><time datetime="2025-07-26T10:15:00+08:00">10:15</time>' in (
            response.text
        )
        assert 'fill="#c0392b"' in response.text
    assert venues_and_titles(client.get(SCREEN_URL), ROW_TITLE) == [
        ("Main Hall", "Now", ["Keynote"])
    ]


def test_the_page_is_kept_until_the_next_start_or_end_and_never_past_the_minute(
    client, settings, at
):
    settings.WAIC_PAGE_CACHE_SECONDS = 60
    make_session(title="Keynote", starts_at=shanghai(26, 10), ends_at=shanghai(26, 10, 30))
    at(26, 10, 29, second=35)

    assert client.get(NOW_URL)["Cache-Control"] == "public, max-age=25"
    at(26, 10, 40, second=10)
    assert client.get(SCREEN_URL)["Cache-Control"] == "public, max-age=50"


def test_freshness_counts_starts_ends_the_next_hours_edge_and_the_minute():
    keynote = make_session(starts_at=shanghai(26, 10), ends_at=shanghai(26, 11))
    moment = shanghai(26, 10, 59) + timedelta(seconds=50)

    assert seconds_until_change([keynote], moment) == 10  # it ends
    assert seconds_until_change([], moment + timedelta(seconds=5)) == 5  # the minute
    # A session at 12:00 comes within the hour at 11:00.
    assert seconds_until_change([], shanghai(26, 10, 30), shanghai(26, 12)) == 60
    assert seconds_until_change([], moment, shanghai(26, 12)) == 10
    just_before = shanghai(26, 9, 59) + timedelta(seconds=59)
    assert seconds_until_change([keynote], just_before) == 1  # it starts


def test_query_count_does_not_grow_with_the_sessions(client, at, django_assert_num_queries):
    venue = make_venue(slug="main")
    at(26, 10, 15)

    def count_queries():
        with django_assert_num_queries(4):  # venue, sessions, their speakers, the next start
            client.get(NOW_URL, {"venue": "main"})

    make_session(venue=venue, starts_at=shanghai(26, 10))
    count_queries()
    for minute in (20, 30, 40):
        make_session(venue=make_venue(), starts_at=shanghai(26, 10, minute))
    make_session(venue=venue, starts_at=shanghai(26, 10, 50))
    count_queries()
