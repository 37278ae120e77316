import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.utils import translation

from exhibitors.tests.factories import make_exhibitor
from speakers.models import (
    Session,
    SessionLanguage,
    SessionRole,
    SessionSpeaker,
    SessionStatus,
    SessionType,
    Speaker,
)

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db


def test_session_ending_before_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        make_session(starts_at=shanghai(26, 10), ends_at=shanghai(26, 9))


def test_session_ending_when_it_starts_is_refused_by_validation_with_a_clear_message():
    session = Session(
        title="Zero", slug="zero", starts_at=shanghai(26, 10), ends_at=shanghai(26, 10)
    )

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.messages == ["A session must end after it starts."]


def test_speaker_appears_once_per_session():
    speaker = make_speaker()
    session = make_session(speakers=[speaker])

    with pytest.raises(IntegrityError):
        SessionSpeaker.objects.create(session=session, speaker=speaker, role="panelist")


def test_session_speakers_keep_their_running_order_and_roles():
    host, first, second = make_speaker(name="Host"), make_speaker(), make_speaker()
    session = make_session(speakers=[(host, "host"), (first, "speaker"), (second, "panelist")])

    assert [(slot.speaker, slot.role) for slot in session.slots.all()] == [
        (host, "host"),
        (first, "speaker"),
        (second, "panelist"),
    ]


def test_published_speakers_and_sessions_exclude_drafts():
    speaker = make_speaker()
    make_speaker(is_published=False)
    session = make_session()
    make_session(is_published=False)

    assert list(Speaker.objects.published()) == [speaker]
    assert list(Session.objects.published()) == [session]


def test_session_with_speakers_lists_only_published_speakers_in_order():
    shown, draft, later = make_speaker(), make_speaker(is_published=False), make_speaker()
    make_session(speakers=[shown, draft, later])

    session = Session.objects.published().with_speakers().get()

    assert [slot.speaker for slot in session.published_slots] == [shown, later]


def test_deleting_a_track_or_venue_still_in_use_is_refused():
    track, venue = make_track(), make_venue()
    make_session(track=track, venue=venue)

    with pytest.raises(ProtectedError):
        track.delete()
    with pytest.raises(ProtectedError):
        venue.delete()


def test_deleting_an_exhibitor_keeps_its_speakers():
    exhibitor = make_exhibitor()
    speaker = make_speaker(exhibitor=exhibitor)

    exhibitor.delete()

    speaker.refresh_from_db()
    assert speaker.exhibitor is None


def test_session_local_day_is_the_shanghai_date():
    session = make_session(starts_at=shanghai(27, 0, 30), ends_at=shanghai(27, 1, 30))

    assert str(session.local_day) == "2025-07-27"


def test_track_colour_must_be_a_hex_colour():
    track = make_track()
    track.colour = "red"

    with pytest.raises(ValidationError) as error:
        track.full_clean()

    assert error.value.message_dict == {"colour": ["Enter a colour such as #1f5fbf."]}


def test_speaker_affiliation_joins_position_and_organization():
    assert Speaker(position="CEO", organization="MiniMax").affiliation == "CEO, MiniMax"
    assert Speaker(organization="MiniMax").affiliation == "MiniMax"


@pytest.mark.parametrize(
    ("model", "field", "choices"),
    [
        (Session, "type", SessionType),
        (Session, "language", SessionLanguage),
        (Session, "status", SessionStatus),
        (SessionSpeaker, "role", SessionRole),
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_choice_labels_are_django_s_in_each_language(model, field, choices, language):
    """Sessions and places in sessions name their choices as Django's get_FOO_display() does,
    unknown values (an old row's) as they are."""
    display = getattr(model, f"get_{field}_display")
    with translation.override(language):
        for value in [*choices.values, "retired-value"]:
            record = model(**{field: value})
            assert display(record) == record._get_FIELD_display(model._meta.get_field(field))
