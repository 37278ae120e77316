"""The rows every export reads (speakers/exports/rows.py) say what the models say."""

import gc
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from exhibitors.tests.factories import make_hall
from speakers.exports.common import without_gc_pauses
from speakers.exports.rows import programme
from speakers.models import Session

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db


def make_bilingual_session():
    hall = make_hall(code="H2", name_en="", name_zh_hans="二号馆")
    venue = make_venue(name_en="Forum A", name_zh_hans="", room_zh_hans="一号厅", hall=hall)
    speaker = make_speaker(name_en="", name_zh_hans="张伟", bio_en="Robots.", bio_zh_hans="")
    draft = make_speaker(name="Draft", is_published=False)
    return make_session(
        title_en="",
        title_zh_hans="具身智能",
        abstract_en="About robots.",
        abstract_zh_hans="关于机器人。",
        track=make_track(name_en="Robotics", name_zh_hans="机器人"),
        venue=venue,
        speakers=[(speaker, "host"), draft],
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_rows_hold_each_field_in_the_active_language_else_the_other_as_the_models_do(language):
    make_bilingual_session()

    with translation.override(language):
        [row] = programme(Session.objects.published())
        session = Session.objects.for_listing().get()
        [slot] = session.published_slots
        expected = {
            "title": session.title,
            "abstract": session.abstract,
            "track": session.track.name,
            "venue": (session.venue.name, session.venue.place, str(session.venue.hall)),
            "speakers": [(slot.speaker.name, slot.speaker.bio, slot.role)],
        }

    assert {
        "title": row["title"],
        "abstract": row["abstract"],
        "track": row["track"]["name"],
        "venue": (row["venue"]["name"], row["venue"]["place"], row["venue"]["hall"]),
        "speakers": [(speaker["name"], speaker["bio"], role) for speaker, role in row["speakers"]],
    } == expected


def test_rows_of_no_session_take_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert programme(Session.objects.published()) == []


@pytest.mark.parametrize("sessions", [1, 30])
def test_agenda_calendar_query_count_does_not_grow_with_sessions(
    client, django_assert_num_queries, sessions
):
    # Each session in a venue, hall and track of its own, with speakers of its own, cancelled
    # or not, on one of three days.
    for n in range(sessions):
        place = make_venue(hall=make_hall())
        people = [make_speaker() for _speaker in range(2)]
        status = "cancelled" if n % 2 else "scheduled"
        when = shanghai(26 + n % 3, 9) + timedelta(minutes=n)
        make_session(people, venue=place, track=make_track(), status=status, starts_at=when)

    # One for ETag/Last-Modified, five for the facets the filters are checked against (as on
    # /sessions/), the sessions with venue, hall and track, their speakers.
    with django_assert_num_queries(8):
        response = client.get(reverse("speakers:agenda_calendar"))

    assert response.content.count(b"BEGIN:VEVENT") == sessions


def test_exports_pause_the_cycle_collector_only_while_they_run():
    seen = []

    @without_gc_pauses
    def view(fail=False):
        seen.append(gc.isenabled())
        if fail:
            raise ValueError("boom")

    view()
    with pytest.raises(ValueError):
        view(fail=True)

    assert (seen, gc.isenabled()) == ([False, False], True)
