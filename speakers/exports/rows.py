"""What every export reads: the programme as plain rows, in two queries whatever its size.

Exports list every session, so they read columns (`values_list()`), not model instances:
building 1,500 sessions and 4,500 speaker places as instances, with modeltranslation's
descriptors and Django's init signals, took two thirds of /schedule.json's time. A row is a dict
holding what the model's attributes would say in the active language — translated fields fall
back to the other language as modeltranslation's descriptors do
(`directory.bilingual.columns_by_preference`) — with its track, venue and published speakers as
dicts shared by all their sessions.
"""

import functools
import uuid
from datetime import UTC, datetime

from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from directory.addresses import around_slug_here
from directory.bilingual import LANGUAGE_CODES, columns_by_preference, join_phrases
from speakers.models import GUID_NAMESPACE, SessionSpeaker, Speaker

SESSION = ("pk", "slug", "type", "language", "status", "starts_at", "ends_at", "sequence")
SESSION += ("created_at", "updated_at")
MOMENTS = ("starts_at", "ends_at", "created_at", "updated_at")
SESSION_TEXT = ("title", "abstract")
TRACK = ("track_id", "track__slug", "track__colour", "track__order")
TRACK_TEXT = ("track__name",)
VENUE = ("venue_id", "venue__slug", "venue__order", "venue__floor", "venue__capacity")
VENUE += ("venue__hall__code",)
VENUE_TEXT = ("venue__name", "venue__room", "venue__building", "venue__hall__name")
SLOT = ("session_id", "speaker_id", "role", "speaker__slug", "speaker__photo")
SLOT_TEXT = ("speaker__name", "speaker__bio", "speaker__position", "speaker__organization")


def session_values(sessions):
    """`sessions` (a Session QuerySet, in its order) as the rows `programme_of()` reads: still a
    QuerySet, so that it can be counted and paginated."""
    # Not modeltranslation's values_list(), which re-reads every row to apply its fallbacks:
    # the columns named here are its fields' own (the ordering it rewrote stays applied).
    return sessions.rewrite(False).prefetch_related(None).values_list(*session_columns())


def programme(sessions):
    """The rows of `sessions` (a Session QuerySet), with their speakers: two queries."""
    return programme_of(session_values(sessions), among=sessions.values("pk"))


def programme_of(values, among=None):
    """Session rows from `session_values()` rows (any iterable of them), each with its track,
    venue and published speakers in running order: one query for the speakers, of the sessions
    `among` selects (a QuerySet of their primary keys) or else of those listed."""
    width = len(LANGUAGE_CODES)
    text_at = len(SESSION)
    track_at = text_at + width * len(SESSION_TEXT)
    venue_at = track_at + len(TRACK) + 1 + width * len(TRACK_TEXT)
    moment = moment_reader()
    tracks, venues, sessions = {}, {}, []
    for row in values:
        session = dict(zip(SESSION, row[: len(SESSION)], strict=True))
        for field in MOMENTS:
            session[field] = moment(session[field])
        session["title"], session["abstract"] = texts(row, text_at, len(SESSION_TEXT))
        track_id, venue_id = row[track_at], row[venue_at]
        if track_id is not None and track_id not in tracks:
            tracks[track_id] = track_row(row[track_at:venue_at])
        if venue_id is not None and venue_id not in venues:
            venues[venue_id] = venue_row(row[venue_at:])
        session["track"] = tracks.get(track_id)
        session["venue"] = venues.get(venue_id)
        session["speakers"] = []
        sessions.append(session)
    add_speakers(sessions, among)
    return sessions


def session_columns():
    """The columns of `session_values()`: the session's, its track's and its venue's, each
    followed by its translated fields in every language (the active one first) and, for the
    track and the venue, the sort key of the active language (`collation.by_name()`)."""
    return [
        *(as_text(field) if field in MOMENTS else field for field in SESSION),
        *columns(SESSION_TEXT),
        *TRACK,
        sort_key("track"),
        *columns(TRACK_TEXT),
        *VENUE,
        sort_key("venue"),
        *columns(VENUE_TEXT),
    ]


def as_text(field):
    """A time column as text, read by `moment_reader()`: Django's conversion of SQLite's
    datetimes (a parse by the driver, then a dozen checks and calls per value) took half the
    sessions' query."""
    return Cast(field, TextField())


def moment_reader():
    """What turns an `as_text()` time into the aware datetime Django would give: ISO 8601
    text, with an offset (PostgreSQL) or in the connection's time zone (SQLite's, UTC)."""
    zone = connection.timezone
    # An offset read with the text costs a tenth of datetime.replace(tzinfo=…).
    offset = "+00:00" if zone == UTC else None

    def moment(text):
        if text is None:
            return None
        value = datetime.fromisoformat(text)
        if value.tzinfo:
            return value
        return datetime.fromisoformat(text + offset) if offset else value.replace(tzinfo=zone)

    return moment


def track_row(row):
    track_id, slug, colour, order, sort_name = row[: len(TRACK) + 1]
    [name] = texts(row, len(TRACK) + 1, len(TRACK_TEXT))
    return {
        "pk": track_id,
        "slug": slug,
        "name": name,
        "sort_name": sort_name or "",
        "colour": colour,
        "order": order,
    }


def venue_row(row):
    venue_id, slug, order, floor, capacity, hall_code, sort_name = row[: len(VENUE) + 1]
    name, room, building, hall_name = texts(row, len(VENUE) + 1, len(VENUE_TEXT))
    return {
        "pk": venue_id,
        "slug": slug,
        "name": name,
        "sort_name": sort_name or "",
        "order": order,
        "capacity": capacity,
        # Venue.place and str(Hall), as the models write them.
        "place": join_phrases([name, room, floor, building]),
        "hall": f"{hall_code} · {hall_name}" if hall_code else None,
        "hall_code": hall_code,
    }


def add_speakers(sessions, among=None):
    """Each session's published speakers, in running order, as `speakers`: one query."""
    if not sessions:
        return
    by_pk = {session["pk"]: session for session in sessions}
    # A subquery when there is one: the database then reads the index of slots by session for
    # each, where a list of thousands of primary keys is a parameter each to bind and check.
    slots = (
        SessionSpeaker.objects.of_published_speakers()
        .filter(session__in=list(by_pk) if among is None else among)
        .order_by("order", "pk")
        .values_list(*SLOT, *columns(SLOT_TEXT))
    )
    speakers = {}
    for row in slots:
        session_id, speaker_id, role, slug, photo = row[: len(SLOT)]
        speaker = speakers.get(speaker_id)
        if speaker is None:
            name, bio, position, organization = texts(row, len(SLOT), len(SLOT_TEXT))
            speaker = speakers[speaker_id] = {
                "pk": speaker_id,
                "slug": slug,
                "name": name,
                "bio": bio,
                "position": position,
                "organization": organization,
                "photo": photo,
            }
        by_pk[session_id]["speakers"].append((speaker, role))


def texts(row, start, count):
    """`count` translated fields of `row` from `start` on, one column per language each, the
    active language's first: the first value that is not empty, else "" (as modeltranslation's
    descriptors fall back)."""
    width = len(LANGUAGE_CODES)
    return [
        next(filter(None, row[at : at + width]), "")
        for at in range(start, start + width * count, width)
    ]


def sort_key(relation):
    return f"{relation}__{build_localized_fieldname('sort_name', get_language())}"


def columns(fields):
    """The columns of translated `fields`, every language of each, the active one first."""
    return [column for field in fields for column in translated_columns(field)]


def translated_columns(path):
    *relations, field = path.split("__")
    prefix = "".join(f"{relation}__" for relation in relations)
    return [prefix + column for column in columns_by_preference(field)]


@functools.lru_cache(maxsize=100_000)
def guid(kind, slug):
    """The guid of the session, speaker or venue with `slug`, as the models' `guid` gives it;
    remembered, since every export writes each of them again."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{slug}"))


def url_maker(absolute_url, view_name):
    """A function from a slug to the absolute URL of `view_name` for it: the address around
    the slug made once (`directory.addresses`), not a reverse() per row. Slugs are ASCII,
    nothing to quote."""
    before, after = around_slug_here(view_name)
    base = absolute_url(before)
    return lambda slug: f"{base}{slug}{after}"


def photo_url(name, absolute_url):
    """The speaker photo's absolute URL, as `Speaker.photo.url` would give it, or None."""
    if not name:
        return None
    return absolute_url(Speaker._meta.get_field("photo").storage.url(name))
