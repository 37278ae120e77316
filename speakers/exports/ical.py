"""Sessions as iCalendar (RFC 5545) feeds that calendar apps import or subscribe to.

Every feed — one session, one speaker's sessions, the filtered agenda and a visitor's
favourites — is built here by `calendar_for()`, so all of them carry the same UIDs, times,
places and speakers, and a subscribed calendar updates rather than duplicates an event.
"""

import uuid
from datetime import timedelta

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event, Timezone, vDuration, vText

from directory.bilingual import join_phrases
from speakers.models import GUID_NAMESPACE

from .common import local, printable, title_of

PRODID = "-//WAIC Directory//Agenda//EN"

# Subscribed calendars poll this often; organizers' changes reach phones within the hour.
REFRESH_INTERVAL = timedelta(hours=1)


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

    `sessions` come from `Session.objects.published().for_listing()` (venue, hall, track and
    published speakers loaded); `absolute_url` turns a path into a full URL, e.g.
    `request.build_absolute_uri`. `alarm`, a `timedelta`, gives every session that still takes
    place a reminder that long before it starts.
    """
    calendar = Calendar.new(
        prodid=PRODID,
        # Stable, so that an unchanged feed is byte-for-byte the same.
        uid=uuid.uuid5(GUID_NAMESPACE, f"calendar:{name}"),
        subcomponents=[conference_time_zone()]
        + [event_for(session, absolute_url, alarm) for session in sessions],
    )
    # TEXT values, escaped (a comma in a name is "\,"), without control characters: the
    # library writes NAME as given.
    calendar.add("name", vText(printable(name)))
    calendar.add("x-wr-calname", vText(printable(name)))
    # RFC 7986 asks for VALUE=DURATION; Outlook and Google read X-PUBLISHED-TTL instead.
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    return calendar.to_ical()


def conference_time_zone():
    """The VTIMEZONE of the conference's time zone, in every feed: times are written in it,
    and a feed that matches no session stays a valid calendar (RFC 5545 wants one component).
    Without the library's COMMENT, which RFC 5545 does not allow inside a VTIMEZONE."""
    zone = Timezone.from_tzinfo(timezone.get_default_timezone())
    zone.pop("COMMENT", None)
    return zone


def event_for(session, absolute_url, alarm=None):
    url = absolute_url(session.get_absolute_url())
    # A cancelled session reminds no one: its event stays, marked, without an alarm.
    reminders = [reminder_for(session, alarm)] if alarm and not session.is_cancelled else []
    return Event.new(
        uid=f"session-{session.guid}@waic-directory",
        summary=printable(title_of(session)),
        # In the conference's own time zone (with its VTIMEZONE), as printed on the programme.
        start=local(session.starts_at),
        end=local(session.ends_at),
        location=printable(location_of(session.venue)),
        url=url,
        description=printable(description_of(session, url)),
        categories=[str(part) for part in (session.get_type_display(), session.track) if part],
        status="CANCELLED" if session.is_cancelled else "CONFIRMED",
        sequence=session.sequence,
        created=session.created_at,
        last_modified=session.updated_at,
        # DTSTAMP is the last revision, not the download time, so an unchanged feed is
        # byte-for-byte the same (RFC 5545 3.8.7.2, for calendars without METHOD).
        stamp=session.updated_at,
        subcomponents=reminders,
    )


def reminder_for(session, before):
    """A VALARM that shows the session's title `before` it starts (RFC 5545 3.6.6)."""
    reminder = Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("trigger", -before)
    reminder.add("description", vText(printable(session.title)))
    return reminder


def location_of(venue):
    """Venue, room, floor, building and exhibition hall, as attendees find their way there."""
    if venue is None:
        return None
    return join_phrases([venue.place, venue.hall])


def description_of(session, url):
    """Speakers in running order with their roles, then the abstract and the page's address."""
    lines = [
        _("%(role)s: %(speaker)s") % {"role": slot.get_role_display(), "speaker": name_of(slot)}
        for slot in session.published_slots
    ]
    paragraphs = ["\n".join(lines), session.abstract.strip(), url]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def name_of(slot):
    speaker = slot.speaker
    return f"{speaker.name} ({speaker.affiliation})" if speaker.affiliation else speaker.name
