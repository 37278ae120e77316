"""Small explicit helpers that make published records with deterministic data, and the POST data
of the admin's add form."""

from datetime import datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from directory.testing import set_default_text
from speakers.models import Session, SessionSpeaker, Speaker, Track, Venue

SHANGHAI = ZoneInfo("Asia/Shanghai")
_numbers = count(1)


def shanghai(day, hour, minute=0):
    """An aware datetime in Shanghai time during WAIC 2025, e.g. shanghai(26, 9, 30)."""
    return datetime(2025, 7, day, hour, minute, tzinfo=SHANGHAI)


def make_track(**fields):
    n = next(_numbers)
    fields.setdefault("name", f"Track {n}")
    fields.setdefault("slug", f"track-{n}")
    return Track.objects.create(**fields)


def make_venue(**fields):
    n = next(_numbers)
    fields.setdefault("name", f"Venue {n}")
    fields.setdefault("slug", f"venue-{n}")
    return Venue.objects.create(**fields)


def make_speaker(**fields):
    n = next(_numbers)
    set_default_text(fields, "name", f"Speaker {n}")
    fields.setdefault("slug", f"speaker-{n}")
    fields.setdefault("is_published", True)
    return Speaker.objects.create(**fields)


def make_session(speakers=(), **fields):
    """A published session; `speakers` is a list of speakers or (speaker, role) pairs."""
    n = next(_numbers)
    set_default_text(fields, "title", f"Session {n}")
    fields.setdefault("slug", f"session-{n}")
    fields.setdefault("starts_at", shanghai(26, 9))
    fields.setdefault("ends_at", fields["starts_at"] + timedelta(hours=1))
    fields.setdefault("is_published", True)
    session = Session.objects.create(**fields)
    for order, entry in enumerate(speakers):
        speaker, role = entry if isinstance(entry, tuple) else (entry, "speaker")
        SessionSpeaker.objects.create(session=session, speaker=speaker, role=role, order=order)
    return session


def session_form(**fields):
    """POST data for the session add form in the admin, with an empty speakers inline."""
    return {
        "title_en": "Global AI Governance",
        "slug": "global-ai-governance",
        "type": "forum",
        "language": "zh-en",
        "status": "scheduled",
        "starts_at_0": "2025-07-26",
        "starts_at_1": "14:00",
        "ends_at_0": "2025-07-26",
        "ends_at_1": "16:00",
        "abstract_en": "",
        "slots-TOTAL_FORMS": "0",
        "slots-INITIAL_FORMS": "0",
        **fields,
    }
