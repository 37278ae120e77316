"""Sessions as iCalendar (RFC 5545) feeds that calendar apps import or subscribe to.

Every feed — one session, one speaker's sessions, the filtered agenda and a visitor's
favourites — is built here by `calendar_for()`, so all of them carry the same UIDs, times,
places and speakers, and a subscribed calendar updates rather than duplicates an event.

The calendar's head and time zone come from the icalendar library; the events, a feed's bulk,
are written here as the library writes them (escaped, folded at 75 octets, properties in its
order), byte for byte, in a twentieth of the time: building a library object per property was
most of an agenda feed's time (speakers/tests/test_calendar_writer.py holds the two together).
"""

import functools
import re
import uuid
from datetime import UTC, timedelta

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone, vDuration, vText

from directory.bilingual import join_phrases, phrase_separator
from speakers.models import GUID_NAMESPACE, SessionRole, SessionType

from .common import is_cancelled, local, printable, title_of
from .rows import guid, url_maker

PRODID = "-//WAIC Directory//Agenda//EN"

# Subscribed calendars poll this often; organizers' changes reach phones within the hour.
REFRESH_INTERVAL = timedelta(hours=1)

# Octets of a content line before it folds, as the icalendar library folds (RFC 5545 3.1).
FOLD_AT = 74
CONTINUATION = 0b1000_0000  # the top bits of UTF-8 bytes that continue a character: 10xxxxxx

# What TEXT escapes: backslash, semicolon, comma and line breaks.
TEXT_SPECIALS = re.compile(r"[\\;,\r\n]")


def calendar_response(request, sessions, name, filename, alarm=None):
    """The calendar of `sessions` as a file that calendar apps open or subscribe to."""
    response = HttpResponse(
        calendar_for(sessions, name, request.build_absolute_uri, alarm=alarm),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


def calendar_for(sessions, name, absolute_url, alarm=None):
    """The iCalendar file (bytes) of `sessions`, named `name` in calendar apps.

    `sessions` are rows from `rows.programme()` of published sessions; `absolute_url` turns a
    path into a full URL, e.g. `request.build_absolute_uri`. `alarm`, a `timedelta`, gives
    every session that still takes place a reminder that long before it starts.
    """
    calendar = Calendar.new(
        prodid=PRODID,
        # Stable, so that an unchanged feed is byte-for-byte the same.
        uid=uuid.uuid5(GUID_NAMESPACE, f"calendar:{name}"),
        subcomponents=[conference_time_zone(timezone.get_default_timezone_name())],
    )
    # TEXT values, escaped (a comma in a name is "\,"), without control characters: the
    # library writes NAME as given.
    calendar.add("name", vText(printable(name)))
    calendar.add("x-wr-calname", vText(printable(name)))
    # RFC 7986 asks for VALUE=DURATION; Outlook and Google read X-PUBLISHED-TTL instead.
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    writer = EventWriter(absolute_url, alarm)
    events = "".join(writer.event(session) for session in sessions)
    return b"".join([head, events.encode(), b"END:VCALENDAR", end])


@functools.lru_cache(maxsize=4)
def conference_time_zone(name):
    """The VTIMEZONE of the conference's time zone, in every feed: times are written in it,
    and a feed that matches no session stays a valid calendar (RFC 5545 wants one component).
    Without the library's COMMENT, which RFC 5545 does not allow inside a VTIMEZONE. Made once
    per process: the library takes milliseconds over it."""
    zone = Timezone.from_tzinfo(timezone.get_default_timezone())
    zone.pop("COMMENT", None)
    return zone


class EventWriter:
    """Writes session rows as VEVENTs (text), with what the feed's events share made once:
    labels, each venue's location and each speaker's line in the descriptions."""

    def __init__(self, absolute_url, alarm):
        self.session_url = url_maker(absolute_url, "speakers:session_detail")
        self.trigger = vDuration(-alarm).to_ical().decode() if alarm else None
        self.zone = timezone.get_default_timezone_name()
        self.types = {value: str(label) for value, label in SessionType.choices}
        self.roles = {value: str(label) for value, label in SessionRole.choices}
        self.role_line = _("%(role)s: %(speaker)s")
        self.separator = phrase_separator()
        self.locations, self.speaker_lines = {}, {}

    def event(self, session):
        """The session's VEVENT. Only the lines holding text may reach 75 octets, so only they
        are folded: times, counts and the UID stay shorter whatever the data."""
        url = self.session_url(session["slug"])
        track, venue = session["track"], session["venue"]
        categories = [self.types[session["type"]], *([track["name"]] if track else [])]
        cancelled = is_cancelled(session)
        updated = utc(session["updated_at"])
        lines = [
            "BEGIN:VEVENT",
            fold(f"SUMMARY:{text(printable(title_of(session)))}"),
            # In the conference's own time zone (with its VTIMEZONE), as printed on the programme.
            f"DTSTART;TZID={self.zone}:{local_time(session['starts_at'], self.zone)}",
            f"DTEND;TZID={self.zone}:{local_time(session['ends_at'], self.zone)}",
            # DTSTAMP is the last revision, not the download time, so an unchanged feed is
            # byte-for-byte the same (RFC 5545 3.8.7.2, for calendars without METHOD).
            f"DTSTAMP:{updated}",
            f"UID:session-{guid('session', session['slug'])}@waic-directory",
            f"SEQUENCE:{session['sequence']}",
            fold(f"CATEGORIES:{','.join(text(category) for category in categories if category)}"),
            f"CREATED:{utc(session['created_at'])}",
            fold(f"DESCRIPTION:{text(printable(self.description(session, url)))}"),
            f"LAST-MODIFIED:{updated}",
        ]
        if venue:
            lines.append(fold(f"LOCATION:{self.location(venue)}"))
        lines += [f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}", fold(f"URL:{url}")]
        # A cancelled session reminds no one: its event stays, marked, without an alarm.
        if self.trigger and not cancelled:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY"]
            lines += [fold(f"DESCRIPTION:{text(printable(session['title']))}")]
            lines += [f"TRIGGER:{self.trigger}", "END:VALARM"]
        lines.append("END:VEVENT\r\n")
        return "\r\n".join(lines)

    def description(self, session, url):
        """Speakers in running order with their roles, then the abstract and the page's
        address."""
        lines = [self.speaker_line(speaker, role) for speaker, role in session["speakers"]]
        paragraphs = ["\n".join(lines), session["abstract"].strip(), url]
        return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)

    def speaker_line(self, speaker, role):
        key = (speaker["pk"], role)
        if key not in self.speaker_lines:
            name = name_of(speaker, self.separator)
            line = self.role_line % {"role": self.roles[role], "speaker": name}
            self.speaker_lines[key] = line
        return self.speaker_lines[key]

    def location(self, venue):
        """The venue's LOCATION value, escaped."""
        if venue["pk"] not in self.locations:
            location = location_of(venue, self.separator)
            self.locations[venue["pk"]] = text(printable(location))
        return self.locations[venue["pk"]]


def location_of(venue, separator=None):
    """Venue, room, floor, building and exhibition hall, as attendees find their way there."""
    return join_phrases([venue["place"], venue["hall"]], separator)


def name_of(speaker, separator=None):
    affiliation = join_phrases([speaker["position"], speaker["organization"]], separator)
    return f"{speaker['name']} ({affiliation})" if affiliation else speaker["name"]


# Sessions share their start and end times: each is written once. (%-formatting takes a fifth
# of strftime()'s time.)
@functools.lru_cache(maxsize=20_000)
def local_time(moment, zone):
    """`moment` as a DATE-TIME in the conference's time zone, named `zone` (its TZID)."""
    return date_time(local(moment))


def utc(moment):
    return date_time(moment.astimezone(UTC)) + "Z"


def date_time(moment):
    """A DATE-TIME value (RFC 5545 3.3.5) of `moment`'s date and time of day, to the second."""
    fields = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return "%04d%02d%02dT%02d%02d%02d" % fields  # noqa: UP031 (faster than an f-string)


def text(value):
    """A TEXT value escaped as RFC 5545 3.3.11 (and the library) write it."""
    if not TEXT_SPECIALS.search(value):
        return value
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def fold(line):
    """A content line folded as the icalendar library folds it: at most 74 octets a line,
    never inside a character, nor right after a backslash or caret (an escape stays whole)."""
    if len(line) <= FOLD_AT and line.isascii():
        return line
    data = line.encode()
    if len(data) <= FOLD_AT:
        return line
    parts, start = [], 0
    while len(data) - start > FOLD_AT:
        end = start + FOLD_AT
        while data[end] & 0b1100_0000 == CONTINUATION:
            end -= 1
        if end - start > 1 and data[end - 1] in b"\\^":
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()
