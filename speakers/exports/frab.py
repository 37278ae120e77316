"""The agenda in the frab schedule formats that schedule apps and event-video tooling read.

`schedule_data()` builds the schedule once, in the frab/c3voc JSON shape that pretalx also exports
(schedule → conference → days → rooms → events, https://c3voc.de/schedule/schema.json);
`schedule_xml()` writes the same data as frab's schedule.xml. Ids are primary keys and guids are
uuid5s of the slugs, so both stay the same from one download to the next.
"""

import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.collation import name_key
from speakers.models import GUID_NAMESPACE

from .common import local, printable, title_of

JSON_SCHEMA = "https://c3voc.de/schedule/schema.json"
GENERATOR = {"name": "WAIC Directory"}

# What c3voc's schedule.xml adds to frab's <conference> (all optional).
C3VOC_CONFERENCE_FIELDS = ("base_url", "url", "time_zone_name")

# Events are in rooms, but a session may not have its venue yet.
NO_VENUE_KEY = (1, 0, ("", 0))


def schedule_data(sessions, absolute_url):
    """The schedule of `sessions` as a JSON-ready dict in the frab/c3voc shape.

    `sessions` come from `Session.objects.published().for_listing()`; `absolute_url` turns a
    path into a full URL, e.g. `request.build_absolute_uri`.
    """
    sessions = list(sessions)
    by_date = {}
    for session in sessions:
        by_date.setdefault(local(session.starts_at).date(), []).append(session)
    # frab needs at least one day: an empty schedule is today, without rooms.
    first, last = (min(by_date), max(by_date)) if by_date else (timezone.localdate(),) * 2
    acronym = f"{settings.WAIC_EVENT.acronym.lower()}{settings.WAIC_EVENT.year}"
    tz = timezone.get_default_timezone()
    days = []
    for index in range((last - first).days + 1):
        day = first + timedelta(days=index)
        rooms = rooms_of(by_date.get(day, []))
        days.append(
            {
                "index": index + 1,
                "date": day.isoformat(),
                "day_start": datetime.combine(day, time(), tz).isoformat(),
                "day_end": datetime.combine(day + timedelta(days=1), time(), tz).isoformat(),
                "rooms": {
                    room: [event_data(session, room, acronym, absolute_url) for session in events]
                    for room, events in rooms.items()
                },
            }
        )
    return {
        "$schema": JSON_SCHEMA,
        "generator": GENERATOR,
        "schedule": {
            "version": version_of(sessions),
            "base_url": absolute_url("/"),
            "conference": {
                "acronym": acronym,
                "title": settings.WAIC_EVENT.title,
                "url": absolute_url(reverse("speakers:session_list")),
                "start": first.isoformat(),
                "end": last.isoformat(),
                "daysCount": len(days),
                "timeslot_duration": "00:05",
                "time_zone_name": str(tz),
                "rooms": rooms_data(sessions),
                "tracks": tracks_data(sessions),
                "days": days,
            },
        },
    }


def event_data(session, room, acronym, absolute_url):
    url = absolute_url(session.get_absolute_url())
    return {
        "id": session.pk,
        "guid": str(session.guid),
        "date": local(session.starts_at).isoformat(),
        "start": local(session.starts_at).strftime("%H:%M"),
        "duration": duration(session.ends_at - session.starts_at),
        "room": room,
        "slug": f"{acronym}-{session.slug}",
        "url": url,
        "title": title_of(session),
        "subtitle": "",
        "track": session.track.name if session.track else None,
        "type": session.type,
        "language": session.language,
        "abstract": session.abstract,
        "description": "",
        "persons": [
            {
                "id": slot.speaker.pk,
                "guid": str(slot.speaker.guid),
                "name": slot.speaker.name,
                "role": slot.role,
                "biography": slot.speaker.bio,
                "url": absolute_url(slot.speaker.get_absolute_url()),
                **({"avatar": absolute_url(slot.speaker.photo.url)} if slot.speaker.photo else {}),
            }
            for slot in session.published_slots
        ],
        "links": [{"title": session.title, "url": url, "type": "related"}],
    }


def rooms_of(sessions):
    """Sessions by room name, rooms in the venues' order, sessions in time order."""
    rooms = {}
    for session in sorted(sessions, key=lambda s: (venue_key(s.venue), s.starts_at)):
        rooms.setdefault(room_name(session.venue), []).append(session)
    return rooms


def rooms_data(sessions):
    venues = {session.venue for session in sessions}
    return [
        {
            "name": room_name(venue),
            "guid": str(uuid.uuid5(GUID_NAMESPACE, f"venue:{venue.slug if venue else ''}")),
            "description": venue.place if venue else None,
            "capacity": venue.capacity if venue else None,
        }
        for venue in sorted(venues, key=venue_key)
    ]


def tracks_data(sessions):
    tracks = {session.track for session in sessions if session.track}
    return [
        {"name": track.name, "slug": track.slug, "color": track.colour}
        for track in sorted(tracks, key=lambda track: (track.order, name_key(track)))
    ]


def schedule_xml(data):
    """`schedule_data()` written as frab's schedule.xml (bytes, UTF-8)."""
    conference = data["schedule"]["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "version").text = data["schedule"]["version"]
    head = ET.SubElement(root, "conference")
    for field in ("title", "acronym", "start", "end", "timeslot_duration"):
        ET.SubElement(head, field).text = conference[field]
    ET.SubElement(head, "days").text = str(conference["daysCount"])
    # c3voc's optional additions to frab, as in the JSON.
    ET.SubElement(head, "base_url").text = data["schedule"]["base_url"]
    for field in C3VOC_CONFERENCE_FIELDS[1:]:
        ET.SubElement(head, field).text = conference[field]
    for day in conference["days"]:
        day_element = ET.SubElement(
            root,
            "day",
            index=str(day["index"]),
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for room, events in day["rooms"].items():
            room_element = ET.SubElement(day_element, "room", name=room)
            for event in events:
                event_xml(room_element, event)
    for element in root.iter():
        element.text = printable(element.text)
        element.attrib.update({key: printable(value) for key, value in element.attrib.items()})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def event_xml(parent, event):
    element = ET.SubElement(parent, "event", id=str(event["id"]), guid=event["guid"])
    fields = ("date", "start", "duration", "room", "slug", "title", "subtitle", "track", "type")
    for field in (*fields, "language", "abstract", "description"):
        ET.SubElement(element, field).text = event[field] or ""
    persons = ET.SubElement(element, "persons")
    for person in event["persons"]:
        ET.SubElement(persons, "person", id=str(person["id"])).text = person["name"]
    links = ET.SubElement(element, "links")
    for link in event["links"]:
        ET.SubElement(links, "link", href=link["url"]).text = link["title"]


def room_name(venue):
    return venue.name if venue else _("Venue to be announced")


def venue_key(venue):
    return (0, venue.order, name_key(venue)) if venue else NO_VENUE_KEY


def version_of(sessions):
    """When the newest of these sessions last changed, in UTC: changes with the schedule."""
    latest = max((session.updated_at for session in sessions), default=None)
    return latest.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if latest else ""


def duration(length):
    minutes = int(length.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
