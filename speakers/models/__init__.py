"""Who speaks at WAIC, in which sessions, when and where."""

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

__all__ = [
    "GUID_NAMESPACE",
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
