"""Who speaks at WAIC, in which sessions, when and where."""

from exhibitors.models import Hall

from .common import GUID_NAMESPACE, PUBLISHED
from .places import Track, Venue
from .session import (
    Session,
    SessionLanguage,
    SessionQuerySet,
    SessionRole,
    SessionSpeaker,
    SessionSpeakerQuerySet,
    SessionStatus,
    SessionType,
)
from .speaker import Speaker, SpeakerQuerySet, summarize_schedules

# What the programme's pages, feeds and exports show: sessions with their speakers, tracks,
# venues and the halls the venues are in, for the page cache (waic_site/cache.py) and their
# ETags. Not exhibitors: a speaker's page shows the one they work for (`also_shows`), and saving
# another exhibitor leaves it cached.
PROGRAMME = (Session, Speaker, Track, Venue, Hall)

__all__ = [
    "GUID_NAMESPACE",
    "PROGRAMME",
    "PUBLISHED",
    "Session",
    "SessionLanguage",
    "SessionQuerySet",
    "SessionRole",
    "SessionSpeaker",
    "SessionSpeakerQuerySet",
    "SessionStatus",
    "SessionType",
    "Speaker",
    "SpeakerQuerySet",
    "Track",
    "Venue",
    "summarize_schedules",
]
