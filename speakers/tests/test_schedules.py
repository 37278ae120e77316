"""A speaker's `schedule_tracks` and `schedule_days` follow every change to their sessions.

The speaker listing's track and day counts read these two columns (speakers/filters.py), so a
stale value would be a wrong count on the public site: every way an organizer can change a
session or who speaks in it is covered here.
"""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from speakers.models import Session, SessionSpeaker, Speaker, summarize_schedules

from .factories import make_session, make_speaker, make_track, shanghai

pytestmark = pytest.mark.django_db


def schedule(speaker):
    speaker.refresh_from_db()
    return (speaker.schedule_tracks, speaker.schedule_days)


def test_a_published_session_gives_its_speakers_its_track_and_shanghai_day():
    ai, robots = make_track(), make_track()
    speaker = make_speaker()
    make_session([speaker], track=robots, starts_at=shanghai(27, 14))
    # 00:30 on the 28th in Shanghai is still the 27th in UTC: the day is Shanghai's.
    make_session([speaker], track=ai, starts_at=shanghai(28, 0, 30))
    make_session([speaker], track=None, starts_at=shanghai(26, 9))

    assert schedule(speaker) == (f"{ai.pk} {robots.pk}", "2025-07-26 2025-07-27 2025-07-28")


def test_draft_sessions_count_for_nothing_until_published():
    track, speaker = make_track(), make_speaker()
    session = make_session([speaker], track=track, is_published=False)
    assert schedule(speaker) == ("", "")

    session.is_published = True
    session.save()
    assert schedule(speaker) == (str(track.pk), "2025-07-26")

    session.is_published = False
    session.save(update_fields=["is_published"])
    assert schedule(speaker) == ("", "")


def test_moving_a_session_to_another_track_or_day_moves_its_speakers():
    old, new = make_track(), make_track()
    first, second = make_speaker(), make_speaker()
    session = make_session([first, second], track=old, starts_at=shanghai(26, 9))

    session.track = new
    session.starts_at, session.ends_at = shanghai(28, 9), shanghai(28, 10)
    session.save()

    assert [schedule(first), schedule(second)] == [(str(new.pk), "2025-07-28")] * 2


def test_saving_other_fields_of_a_session_does_not_read_its_speakers(
    django_assert_num_queries,
):
    session = make_session([make_speaker()])
    session.title = "Renamed"

    with django_assert_num_queries(1):
        session.save(update_fields=["title"])


def test_removing_or_moving_a_slot_updates_both_speakers():
    track = make_track()
    first, second = make_speaker(), make_speaker()
    session = make_session([first], track=track)
    slot = SessionSpeaker.objects.get(session=session)

    slot.speaker = second
    slot.save()
    assert [schedule(first), schedule(second)] == [("", ""), (str(track.pk), "2025-07-26")]

    slot.delete()
    assert schedule(second) == ("", "")


def test_deleting_a_session_clears_what_only_it_gave():
    track, other = make_track(), make_track()
    speaker = make_speaker()
    session = make_session([speaker], track=track, starts_at=shanghai(26, 9))
    make_session([speaker], track=other, starts_at=shanghai(27, 9))

    session.delete()

    assert schedule(speaker) == (str(other.pk), "2025-07-27")


def test_add_remove_and_clear_on_either_side_of_the_many_to_many():
    track = make_track()
    first, second = make_speaker(), make_speaker()
    session = make_session(track=track)

    session.speakers.add(first, second)
    assert [schedule(first), schedule(second)] == [(str(track.pk), "2025-07-26")] * 2

    session.speakers.remove(first)
    assert [schedule(first), schedule(second)] == [("", ""), (str(track.pk), "2025-07-26")]

    session.speakers.clear()
    assert schedule(second) == ("", "")

    first.sessions.add(session)
    assert schedule(first) == (str(track.pk), "2025-07-26")
    first.sessions.clear()
    assert schedule(first) == ("", "")


def test_saving_a_speaker_with_a_stale_schedule_corrects_it():
    """As a revert from the change history does: it writes back the values of then."""
    track, speaker = make_track(), make_speaker()
    make_session([speaker], track=track)
    speaker.schedule_tracks, speaker.schedule_days = "999", "2020-01-01"

    speaker.save()

    assert schedule(speaker) == (str(track.pk), "2025-07-26")


def test_update_schedules_catches_up_after_bulk_loads_and_writes_only_changes():
    track = make_track()
    speakers = [make_speaker(), make_speaker()]
    session = make_session(track=track)
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(session=session, speaker=speaker) for speaker in speakers
    )  # no signals
    assert [schedule(speaker) for speaker in speakers] == [("", "")] * 2

    assert Speaker.objects.update_schedules() == 2
    assert [schedule(speaker) for speaker in speakers] == [(str(track.pk), "2025-07-26")] * 2
    assert Speaker.objects.update_schedules() == 0


def test_summarize_schedules_sorts_and_skips_missing_tracks():
    rows = [(1, 7, shanghai(27, 9)), (1, 3, shanghai(26, 9)), (1, None, shanghai(26, 20))]

    assert summarize_schedules(rows) == {1: ("3 7", "2025-07-26 2025-07-27")}


def test_a_session_published_from_the_admin_with_its_speakers_inline(client):
    track, speaker = make_track(), make_speaker()
    client.force_login(User.objects.create_superuser("organizer", password="pw"))
    data = {
        "title_en": "Embodied AI",
        "slug": "embodied-ai",
        "type": "forum",
        "language": "zh-en",
        "status": "scheduled",
        "track": str(track.pk),
        "starts_at_0": "2025-07-27",
        "starts_at_1": "14:00",
        "ends_at_0": "2025-07-27",
        "ends_at_1": "16:00",
        "is_published": "on",
        "slots-TOTAL_FORMS": "1",
        "slots-INITIAL_FORMS": "0",
        "slots-0-order": "0",
        "slots-0-speaker": str(speaker.pk),
        "slots-0-role": "speaker",
    }

    response = client.post(reverse("admin:speakers_session_add"), data)

    assert response.status_code == 302
    assert Session.objects.get().speakers.get() == speaker
    assert schedule(speaker) == (str(track.pk), "2025-07-27")
