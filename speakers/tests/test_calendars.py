"""Calendar feeds: parsed back with icalendar and compared with the database."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from exhibitors.tests.factories import make_hall
from speakers.models import Session

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db


def session_calendar_url(session):
    return reverse("speakers:session_calendar", kwargs={"slug": session.slug})


def speaker_calendar_url(speaker):
    return reverse("speakers:speaker_calendar", kwargs={"slug": speaker.slug})


def fetch_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def uid_of(session):
    return f"session-{session.guid}@waic-directory"


def test_session_calendar_describes_the_session_as_in_the_database(client):
    hall = make_hall(code="H1", name="Core Technologies")
    venue = make_venue(
        name="Forum Hall A", room="Room 101", floor="1F", building="Expo Center", hall=hall
    )
    host = make_speaker(name="Mei Chen", position="Director", organization="SAIL")
    speaker = make_speaker(name="Li Wei")
    session = make_session(
        title="Embodied AI",
        slug="embodied-ai",
        type="panel",
        track=make_track(name="Robotics"),
        venue=venue,
        starts_at=shanghai(26, 9, 30),
        ends_at=shanghai(26, 11),
        abstract="Robots that learn.",
        speakers=[(host, "host"), (speaker, "panelist")],
    )

    calendar = fetch_calendar(client, session_calendar_url(session))

    [event] = calendar.events
    assert calendar.calendar_name == "Embodied AI"
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Shanghai"]
    assert event.uid == uid_of(session)
    assert event.summary == "Embodied AI"
    assert event.start == shanghai(26, 9, 30)
    assert event.start.tzinfo == ZoneInfo("Asia/Shanghai")
    assert event.end == shanghai(26, 11)
    assert event.location == "Forum Hall A, Room 101, 1F, Expo Center, H1 · Core Technologies"
    assert event.url == "http://testserver/sessions/embodied-ai/"
    assert event.description == (
        "Host: Mei Chen (Director, SAIL)\n"
        "Panelist: Li Wei\n\n"
        "Robots that learn.\n\n"
        "http://testserver/sessions/embodied-ai/"
    )
    assert event.categories == ["Panel", "Robotics"]
    assert event.status == "CONFIRMED"
    assert event.sequence == 0
    # iCalendar keeps whole seconds.
    assert event.last_modified == event.stamp == session.updated_at.replace(microsecond=0)


def test_session_calendar_without_venue_or_speakers_has_no_location(client):
    session = make_session(title="To be announced", abstract="")

    calendar = fetch_calendar(client, session_calendar_url(session))

    [event] = calendar.events
    assert event.get("location") is None
    assert event.description == f"http://testserver{session.get_absolute_url()}"


def test_session_calendar_leaves_out_draft_speakers(client):
    published = make_speaker(name="Published Speaker")
    draft = make_speaker(name="Draft Speaker", is_published=False)
    session = make_session(speakers=[draft, published], abstract="")

    [event] = fetch_calendar(client, session_calendar_url(session)).events

    assert event.description == (
        f"Speaker: Published Speaker\n\nhttp://testserver{session.get_absolute_url()}"
    )


def test_draft_or_unknown_session_has_no_calendar(client):
    draft = make_session(is_published=False)

    assert client.get(session_calendar_url(draft)).status_code == 404
    assert client.get("/sessions/no-such-session/calendar.ics").status_code == 404


def test_speaker_calendar_holds_their_published_sessions_in_time_order(client):
    speaker = make_speaker()
    afternoon = make_session(speakers=[speaker], starts_at=shanghai(27, 14))
    morning = make_session(speakers=[speaker], starts_at=shanghai(27, 9))
    make_session(speakers=[speaker], is_published=False)
    make_session(speakers=[make_speaker()])

    calendar = fetch_calendar(client, speaker_calendar_url(speaker))

    assert calendar.calendar_name == f"WAIC: {speaker.name}"
    assert [event.uid for event in calendar.events] == [uid_of(morning), uid_of(afternoon)]


def test_speaker_and_session_calendars_give_a_session_the_same_uid(client):
    speaker = make_speaker()
    session = make_session(speakers=[speaker])

    [in_session_feed] = fetch_calendar(client, session_calendar_url(session)).events
    [in_speaker_feed] = fetch_calendar(client, speaker_calendar_url(speaker)).events

    assert in_session_feed.uid == in_speaker_feed.uid == uid_of(session)


def test_draft_or_unknown_speaker_has_no_calendar(client):
    draft = make_speaker(is_published=False)
    make_session(speakers=[draft])

    assert client.get(speaker_calendar_url(draft)).status_code == 404
    assert client.get("/speakers/no-such-speaker/calendar.ics").status_code == 404


def test_cancelled_session_stays_in_feeds_marked_cancelled(client):
    speaker = make_speaker()
    session = make_session(title="Closing", speakers=[speaker], status="cancelled")

    [event] = fetch_calendar(client, speaker_calendar_url(speaker)).events

    assert event.uid == uid_of(session)
    assert event.status == "CANCELLED"
    assert event.summary == "Cancelled: Closing"


def test_session_calendar_follows_a_reschedule_with_a_higher_sequence(client):
    session = make_session(starts_at=shanghai(26, 9))
    session.starts_at, session.ends_at = shanghai(26, 15), shanghai(26, 16)
    session.save()

    [event] = fetch_calendar(client, session_calendar_url(session)).events

    assert (event.sequence, event.start) == (1, shanghai(26, 15))


def test_moving_a_session_in_time_raises_its_sequence():
    session = make_session(starts_at=shanghai(26, 9))

    session.starts_at = shanghai(26, 10) - timedelta(minutes=30)
    session.save()
    session.ends_at = shanghai(26, 11)
    session.save()

    session.refresh_from_db()
    assert session.sequence == 2


def test_moving_a_session_to_another_venue_raises_its_sequence():
    session = make_session(venue=make_venue())

    session.venue = make_venue()
    session.save()
    session.venue = None
    session.save()

    session.refresh_from_db()
    assert session.sequence == 2


def test_cancelling_a_session_raises_its_sequence():
    session = make_session()

    session.status = "cancelled"
    session.save(update_fields=["status"])

    session.refresh_from_db()
    assert session.sequence == 1


def test_editing_what_is_not_time_or_place_keeps_the_sequence():
    session = make_session(venue=make_venue())

    session.title = "A better title"
    session.abstract = "Now with an abstract."
    session.is_published = False
    session.save()
    Session.objects.get(pk=session.pk).save()

    session.refresh_from_db()
    assert (session.title, session.sequence) == ("A better title", 0)


def test_calendar_answers_a_conditional_get_with_304_until_the_agenda_changes(client):
    session = make_session()
    url = session_calendar_url(session)
    first = client.get(url)

    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    session.title = "Renamed"
    session.save()
    after_change = client.get(url, headers={"if-none-match": first["ETag"]})

    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.content == b""
    assert after_change.status_code == 200
    assert after_change["ETag"] != first["ETag"]


def test_calendar_etag_changes_when_a_speaker_is_deleted(client):
    speaker = make_speaker()
    session = make_session(speakers=[speaker, make_speaker()])
    url = session_calendar_url(session)
    first = client.get(url)

    speaker.delete()

    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_calendars_refuse_writes(client):
    session = make_session()

    assert client.post(session_calendar_url(session)).status_code == 405


@pytest.mark.parametrize("sessions", [1, 30])
def test_speaker_calendar_query_count_does_not_grow_with_sessions(
    client, django_assert_num_queries, sessions
):
    speaker = make_speaker()
    for n in range(sessions):
        make_session(
            speakers=[speaker, make_speaker()],
            venue=make_venue(hall=make_hall()),
            track=make_track(),
            starts_at=shanghai(26, 9) + timedelta(minutes=n),
        )

    # One for ETag/Last-Modified, the speaker, their sessions, the sessions' speakers.
    with django_assert_num_queries(4):
        calendar = fetch_calendar(client, speaker_calendar_url(speaker))

    assert len(calendar.events) == sessions


def test_session_calendar_query_count(client, django_assert_num_queries):
    session = make_session(
        speakers=[make_speaker(), make_speaker()], venue=make_venue(hall=make_hall())
    )

    # One for ETag/Last-Modified, the session with its venue, hall and track, its speakers.
    with django_assert_num_queries(3):
        fetch_calendar(client, session_calendar_url(session))


def test_unchanged_calendar_downloads_byte_for_byte_the_same(client):
    session = make_session(speakers=[make_speaker()])

    first = client.get(session_calendar_url(session)).content
    second = client.get(session_calendar_url(session)).content

    assert first == second


def test_calendar_asks_subscribers_to_refresh_hourly(client):
    speaker = make_speaker()

    calendar = fetch_calendar(client, speaker_calendar_url(speaker))

    assert (calendar["REFRESH-INTERVAL"].dt, calendar["X-PUBLISHED-TTL"]) == (
        timedelta(hours=1),
        "PT1H",
    )


def test_saving_only_other_fields_keeps_the_sequence_without_reading_the_row(
    django_assert_num_queries,
):
    session = make_session(starts_at=shanghai(26, 9))
    session.starts_at = shanghai(26, 10)  # changed in memory, but not saved below
    session.title = "Renamed"

    with django_assert_num_queries(1):
        session.save(update_fields=["title"])

    session.refresh_from_db()
    assert (session.title, session.starts_at, session.sequence) == ("Renamed", shanghai(26, 9), 0)


def test_moving_a_session_with_update_fields_saves_the_raised_sequence():
    session = make_session(venue=make_venue())

    session.venue = make_venue()
    session.save(update_fields=["venue"])

    session.refresh_from_db()
    assert session.sequence == 1


def test_calendar_leaves_out_control_characters_pasted_into_text(client):
    session = make_session(title="Vertical\x0btab", abstract="")

    [event] = fetch_calendar(client, session_calendar_url(session)).events

    assert event.summary == "Verticaltab"


# The filtered agenda: /sessions/calendar.ics with the query string of /sessions/.

AGENDA_FILTERS = [
    "",
    "day=2025-07-27",
    "track=robotics",
    "track=robotics&track=chips&day=2025-07-26",
    "venue=forum-a&type=panel",
    "q=robots",
    "speaker=ada&from=10:00",
    "language=en&until=12:00",
    "day=2025-07-28&track=chips",
]


@pytest.fixture
def agenda():
    """40 sessions over three days, so that the listing has two pages of 24."""
    robotics = make_track(slug="robotics", name="Robotics")
    chips = make_track(slug="chips", name="Chips")
    forum_a, forum_b = make_venue(slug="forum-a"), make_venue(slug="forum-b")
    ada = make_speaker(slug="ada")
    for n in range(40):
        make_session(
            title=f"Robots {n}" if n % 5 == 0 else f"Session {n}",
            starts_at=shanghai(26 + n % 3, 8 + n % 9),
            track=(robotics, chips, None, chips)[n % 4],
            venue=(forum_a, forum_b)[n % 2],
            type=("panel", "forum", "keynote")[n % 4 % 3],
            language=("en", "zh")[n % 2],
            speakers=[ada] if n % 4 == 0 else [],
        )
    make_session(title="Robots draft", is_published=False, track=robotics)


def listed_slugs(client, query):
    """The sessions the agenda lists with `query`, day by day unless it names a day."""
    days = [""] if "day=" in query else ["&day=2025-07-26", "&day=2025-07-27", "&day=2025-07-28"]
    slugs = []
    for day in days:
        response = client.get(f"/sessions/?{query}{day}")
        assert response.status_code == 200
        slugs += [session.slug for session in response.context["sessions"]]
    return slugs


@pytest.mark.parametrize("query", AGENDA_FILTERS)
def test_agenda_calendar_holds_exactly_the_sessions_of_the_filtered_listing(client, agenda, query):
    expected = [uid_of(Session(slug=slug)) for slug in listed_slugs(client, query)]

    calendar = fetch_calendar(client, f"/sessions/calendar.ics?{query}")

    assert [event.uid for event in calendar.events] == expected
    assert len(expected) == len(set(expected)) > 0


def test_agenda_calendar_spans_more_than_one_page_of_the_listing(client, agenda):
    calendar = fetch_calendar(client, "/sessions/calendar.ics?per_page=12&page=2")

    assert len(calendar.events) == 40


def test_agenda_calendar_is_named_after_its_filters(client, agenda):
    calendar = fetch_calendar(client, "/sessions/calendar.ics?track=robotics&type=panel")

    # icalendar reads NAME as an unknown property: its TEXT escapes stay.
    assert calendar["NAME"].to_ical() == b"WAIC agenda: Track: Robotics\\, Type: Panel"


@pytest.mark.parametrize("query", ["day=someday", "track=no-such-track", "from=25:00"])
def test_agenda_calendar_refuses_bad_filters_like_the_listing(client, agenda, query):
    listing = client.get(f"/sessions/?{query}")

    response = client.get(f"/sessions/calendar.ics?{query}")

    assert (listing.status_code, response.status_code) == (400, 400)
    assert response.content.decode().startswith("Some filters could not be understood.")


def test_agenda_calendar_answers_a_conditional_get_with_304(client, agenda):
    url = "/sessions/calendar.ics?track=robotics"
    first = client.get(url)

    unchanged = client.get(url, headers={"if-none-match": first["ETag"]})
    make_session(is_published=False)
    after_change = client.get(url, headers={"if-none-match": first["ETag"]})

    assert (unchanged.status_code, after_change.status_code) == (304, 200)


def test_agenda_page_links_its_sessions_calendar_with_the_same_filters(client, agenda):
    page = client.get("/sessions/?track=robotics&day=2025-07-26&page=1").content.decode()

    assert 'href="/sessions/calendar.ics?track=robotics&amp;day=2025-07-26"' in page
    assert 'href="/schedule.xml"' in page
    assert 'href="/schedule.json"' in page


def test_session_and_speaker_pages_link_their_calendars(client):
    speaker = make_speaker(slug="ada")
    session = make_session(slug="opening", speakers=[speaker])

    session_page = client.get(session.get_absolute_url()).content.decode()
    speaker_page = client.get(speaker.get_absolute_url()).content.decode()

    assert 'href="/sessions/opening/calendar.ics"' in session_page
    assert 'href="/speakers/ada/calendar.ics"' in speaker_page
