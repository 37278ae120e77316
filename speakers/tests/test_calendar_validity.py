"""Every calendar feed read back by a second, strict iCalendar parser (`ical`, built on
pydantic models of RFC 5545), beside the icalendar library that writes them."""

import pytest
from django.urls import reverse
from ical.calendar_stream import IcsCalendarStream

from favourites.tests.factories import key_of, star

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db


def strictly_parsed(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return IcsCalendarStream.calendar_from_ics(response.content.decode())


@pytest.fixture
def feeds(client):
    """The address of every kind of feed, each with a session in it."""
    speaker = make_speaker(name="Ada, Countess; of Lovelace", slug="ada")
    session = make_session(
        title="Robots, chips; and \\ more",
        slug="robots",
        starts_at=shanghai(26, 9),
        track=make_track(slug="robotics", name="Robotics"),
        venue=make_venue(name="Forum A, West Hall"),
        speakers=[speaker],
    )
    star(client, session)
    return {
        "session": reverse("speakers:session_calendar", kwargs={"slug": "robots"}),
        "speaker": reverse("speakers:speaker_calendar", kwargs={"slug": "ada"}),
        "agenda": "/sessions/calendar.ics?track=robotics",
        "personal": reverse("favourites:calendar", kwargs={"key": key_of(client)}),
    }


@pytest.mark.parametrize("kind", ["session", "speaker", "agenda", "personal"])
def test_every_feed_passes_a_strict_parser_with_its_event_and_time_zone(client, feeds, kind):
    calendar = strictly_parsed(client.get(feeds[kind]))

    assert [event.summary for event in calendar.events] == ["Robots, chips; and \\ more"]
    assert [zone.tz_id for zone in calendar.timezones] == ["Asia/Shanghai"]
    assert calendar.events[0].location == "Forum A, West Hall"


def test_calendar_names_are_escaped_text_without_control_characters(client):
    make_session(title="Robots, chips;\x07 and more", slug="robots")

    response = client.get(reverse("speakers:session_calendar", kwargs={"slug": "robots"}))

    assert b"\r\nNAME:Robots\\, chips\\; and more\r\n" in response.content
    assert b"\r\nX-WR-CALNAME:Robots\\, chips\\; and more\r\n" in response.content
    assert strictly_parsed(response).name == ["Robots, chips; and more"]


def test_the_time_zone_carries_no_comment_which_rfc_5545_does_not_allow_there(client, feeds):
    text = client.get(feeds["agenda"]).content.decode()
    zone = text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE")]

    assert "COMMENT" not in zone
    assert "TZID:Asia/Shanghai" in zone


def test_a_feed_matching_nothing_is_still_a_calendar_with_one_component(client, feeds):
    calendar = strictly_parsed(client.get("/sessions/calendar.ics?track=robotics&q=nothing"))

    assert calendar.events == []
    assert [zone.tz_id for zone in calendar.timezones] == ["Asia/Shanghai"]
