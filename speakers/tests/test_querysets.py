"""What each programme query shows attendees: published records only, named after the page."""

import pytest

from exhibitors.tests.factories import make_exhibitor, make_hall
from speakers.models import Session, SessionSpeaker, Speaker, Venue
from speakers.models.session import speakers_of, track_lines

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db


def test_keynotes_are_the_published_keynote_speakers():
    keynote = make_speaker(name="Keynote", is_keynote=True)
    make_speaker(name="Draft", is_keynote=True, is_published=False)
    make_speaker(name="Panelist")

    assert list(Speaker.objects.keynotes()) == [keynote]


def test_a_speakers_public_employer_is_their_exhibitor_only_once_published():
    exhibitor = make_exhibitor()
    employed = make_speaker(exhibitor=exhibitor)
    at_a_draft = make_speaker(exhibitor=make_exhibitor(is_published=False))
    independent = make_speaker()

    assert [employed.public_employer, at_a_draft.public_employer] == [exhibitor, None]
    assert independent.public_employer is None


def test_places_in_published_sessions_leave_out_draft_sessions():
    speaker = make_speaker()
    shown = make_session(speakers=[speaker])
    make_session(speakers=[speaker], is_published=False)

    slots = SessionSpeaker.objects.in_published_sessions()

    assert [(slot.session, slot.speaker) for slot in slots] == [(shown, speaker)]


def test_places_of_published_speakers_leave_out_draft_speakers():
    shown, draft = make_speaker(), make_speaker(is_published=False)
    session = make_session(speakers=[shown, draft])

    slots = SessionSpeaker.objects.of_published_speakers()

    assert [(slot.session, slot.speaker) for slot in slots] == [(session, shown)]


def test_a_speakers_sessions_on_their_page_are_the_published_ones_by_time():
    speaker = make_speaker()
    later = make_session(speakers=[speaker], starts_at=shanghai(27, 9))
    sooner = make_session(speakers=[speaker], starts_at=shanghai(26, 9))
    make_session(speakers=[speaker], is_published=False)

    [shown] = Speaker.objects.published().with_sessions()

    assert [slot.session for slot in shown.published_slots] == [sooner, later]


def test_sessions_of_a_speaker_are_those_they_speak_in():
    speaker = make_speaker()
    theirs = make_session(speakers=[speaker])
    make_session(speakers=[make_speaker()])

    assert list(Session.objects.of_speaker(speaker)) == [theirs]


def test_track_neighbours_are_the_other_published_sessions_of_the_track():
    robotics = make_track()
    session = make_session(track=robotics, starts_at=shanghai(26, 9))
    later = make_session(track=robotics, starts_at=shanghai(27, 9))
    sooner = make_session(track=robotics, starts_at=shanghai(26, 8))
    make_session(track=robotics, is_published=False)
    make_session(track=make_track())
    make_session()

    assert list(Session.objects.track_neighbours(session)) == [sooner, later]


def test_a_session_without_a_track_has_no_neighbours_and_asks_nothing(
    django_assert_num_queries,
):
    session = make_session()
    make_session()

    with django_assert_num_queries(0):
        assert list(Session.objects.track_neighbours(session)) == []


def test_venue_listing_loads_the_hall_with_the_venue(django_assert_num_queries):
    make_venue(name="Stage", hall=make_hall(code="H1"))

    with django_assert_num_queries(1):
        assert [(v.name, v.hall.code) for v in Venue.objects.for_listing()] == [("Stage", "H1")]


def test_a_session_s_speakers_for_its_page_are_its_published_places_in_running_order(
    django_assert_num_queries,
):
    first, second = make_speaker(name="First"), make_speaker(name="Second", photo="s.jpg")
    draft = make_speaker(name="Draft", is_published=False)
    session = make_session(speakers=[(second, "moderator"), (draft, "speaker"), (first, "host")])
    make_session(speakers=[make_speaker(name="Elsewhere")])
    expected = SessionSpeaker.objects.of_published_speakers().select_related("speaker")

    with django_assert_num_queries(1):
        slots = speakers_of(session)
        shown = [
            (slot.role, slot.speaker.pk, slot.speaker.name, slot.speaker.photo) for slot in slots
        ]

    assert shown == [
        (slot.role, slot.speaker.pk, slot.speaker.name, slot.speaker.photo)
        for slot in expected.filter(session=session)
    ]
    assert [name for _role, _pk, name, _photo in shown] == ["Second", "First"]
    assert [slot.session for slot in slots] == [session, session]


def test_a_session_s_track_lines_are_its_neighbours_by_start_six_at_most():
    robotics = make_track()
    session = make_session(track=robotics, starts_at=shanghai(27, 9))
    others = [make_session(track=robotics, starts_at=shanghai(26, hour)) for hour in range(8, 16)]
    make_session(track=robotics, starts_at=shanghai(26, 7), is_published=False)

    lines = track_lines(session)

    assert [line["slug"] for line in lines] == [other.slug for other in others[:6]]
    assert list(Session.objects.track_neighbours(session).order_by("starts_at"))[:6] == others[:6]
    assert track_lines(make_session()) == []  # no track, no lines
