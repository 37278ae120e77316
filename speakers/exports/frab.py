"""The agenda in the frab schedule formats that schedule apps and event-video tooling read.

`schedule_data()` builds the schedule once, in the frab/c3voc JSON shape that pretalx also exports
(schedule → conference → days → rooms → events, https://c3voc.de/schedule/schema.json);
`schedule_json()` writes it with orjson and `schedule_xml()` as frab's schedule.xml, as strings
joined once (what xml.etree wrote, byte for byte, in a tenth of the time). Ids are primary keys
and guids are uuid5s of the slugs, so both stay the same from one download to the next.
"""

from datetime import UTC, datetime, time, timedelta

import orjson
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .common import local, local_iso, printable, title_of
from .rows import guid, photo_url, url_maker

JSON_SCHEMA = "https://c3voc.de/schedule/schema.json"
GENERATOR = {"name": "WAIC Directory"}

# What c3voc's schedule.xml adds to frab's <conference> (all optional).
C3VOC_CONFERENCE_FIELDS = ("base_url", "url", "time_zone_name")

# Events are in rooms, but a session may not have its venue yet.
NO_VENUE_KEY = (1, 0, ("", 0))


def schedule_data(sessions, absolute_url):
    """The schedule of `sessions` as a JSON-ready dict in the frab/c3voc shape.

    `sessions` are rows from `rows.programme()` of published sessions; `absolute_url` turns a
    path into a full URL, e.g. `request.build_absolute_uri`.
    """
    by_date = {}
    for session in sessions:
        by_date.setdefault(local(session["starts_at"]).date(), []).append(session)
    # frab needs at least one day: an empty schedule is today, without rooms.
    first, last = (min(by_date), max(by_date)) if by_date else (timezone.localdate(),) * 2
    acronym = f"{settings.WAIC_EVENT.acronym.lower()}{settings.WAIC_EVENT.year}"
    tz = timezone.get_default_timezone()
    events = Events(absolute_url, acronym)
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
                    room: [events.event(session, room) for session in in_room]
                    for room, in_room in rooms.items()
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


class Events:
    """Writes session rows as frab events, with what they share made once: the addresses, and
    each speaker's person, the same in every session where they have the same role."""

    def __init__(self, absolute_url, acronym):
        self.absolute_url = absolute_url
        self.acronym = acronym
        self.session_url = url_maker(absolute_url, "speakers:session_detail")
        self.speaker_url = url_maker(absolute_url, "speakers:speaker_detail")
        self.zone = timezone.get_default_timezone_name()
        self.persons = {}

    def event(self, session, room):
        url = self.session_url(session["slug"])
        date = local_iso(session["starts_at"], self.zone)
        return {
            "id": session["pk"],
            "guid": guid("session", session["slug"]),
            "date": date,
            "start": date[11:16],  # HH:MM of 2025-07-26T09:00:00+08:00
            "duration": duration(session["ends_at"] - session["starts_at"]),
            "room": room,
            "slug": f"{self.acronym}-{session['slug']}",
            "url": url,
            "title": title_of(session),
            "subtitle": "",
            "track": session["track"]["name"] if session["track"] else None,
            "type": session["type"],
            "language": session["language"],
            "abstract": session["abstract"],
            "description": "",
            "persons": [self.person(speaker, role) for speaker, role in session["speakers"]],
            "links": [{"title": session["title"], "url": url, "type": "related"}],
        }

    def person(self, speaker, role):
        key = (speaker["pk"], role)
        if key not in self.persons:
            self.persons[key] = {
                "id": speaker["pk"],
                "guid": guid("speaker", speaker["slug"]),
                "name": speaker["name"],
                "role": role,
                "biography": speaker["bio"],
                "url": self.speaker_url(speaker["slug"]),
            }
            if speaker["photo"]:
                self.persons[key]["avatar"] = photo_url(speaker["photo"], self.absolute_url)
        return self.persons[key]


def rooms_of(sessions):
    """Sessions by room name, rooms in the venues' order, sessions in time order."""
    rooms = {}
    for session in sorted(sessions, key=lambda s: (venue_key(s["venue"]), s["starts_at"])):
        rooms.setdefault(room_name(session["venue"]), []).append(session)
    return rooms


def rooms_data(sessions):
    venues = {session["venue"]["pk"]: session["venue"] for session in sessions if session["venue"]}
    rooms = [
        {
            "name": room_name(venue),
            "guid": guid("venue", venue["slug"]),
            "description": venue["place"],
            "capacity": venue["capacity"],
        }
        for venue in sorted(venues.values(), key=venue_key)
    ]
    if any(session["venue"] is None for session in sessions):
        to_be_announced = {"name": room_name(None), "guid": guid("venue", "")}
        rooms.append(to_be_announced | {"description": None, "capacity": None})
    return rooms


def tracks_data(sessions):
    tracks = {session["track"]["pk"]: session["track"] for session in sessions if session["track"]}
    return [
        {"name": track["name"], "slug": track["slug"], "color": track["colour"]}
        for track in sorted(tracks.values(), key=lambda t: (t["order"], t["sort_name"], t["pk"]))
    ]


def schedule_json(data):
    """`schedule_data()` as JSON (bytes, UTF-8)."""
    return orjson.dumps(data)


def schedule_xml(data):
    """`schedule_data()` written as frab's schedule.xml (bytes, UTF-8), indented by two spaces
    as xml.etree's `indent()` does, without the control characters XML 1.0 forbids."""
    schedule, conference = data["schedule"], data["schedule"]["conference"]
    head = {field: conference[field] for field in ("title", "acronym", "start", "end")}
    head |= {"timeslot_duration": conference["timeslot_duration"]}
    head |= {"days": str(conference["daysCount"]), "base_url": schedule["base_url"]}
    # c3voc's optional additions to frab, as in the JSON.
    head |= {field: conference[field] for field in C3VOC_CONFERENCE_FIELDS[1:]}
    out = ["<?xml version='1.0' encoding='utf-8'?>\n<schedule>\n"]
    out.append(f"  {element('version', schedule['version'])}\n  <conference>\n")
    out.extend(f"    {element(field, value)}\n" for field, value in head.items())
    out.append("  </conference>")
    for day in conference["days"]:
        attributes = {"index": str(day["index"]), "date": day["date"]}
        opening = f"\n  <day{attrs(attributes | {'start': day['day_start']})}"
        opening += attrs({"end": day["day_end"]})
        if not day["rooms"]:
            out.append(f"{opening} />")
            continue
        out.append(f"{opening}>")
        for room, events in day["rooms"].items():
            out.append(f"\n    <room{attrs({'name': room})}>")
            out.extend(event_xml(event) for event in events)
            out.append("\n    </room>")
        out.append("\n  </day>")
    out.append("\n</schedule>")
    return printable("".join(out)).encode()


EVENT_FIELDS = ("date", "start", "duration", "room", "slug", "title", "subtitle", "track")
EVENT_FIELDS += ("type", "language", "abstract", "description")
# Each field's element as it stands in an event: opening and closing tags, and empty.
EVENT_ELEMENTS = [
    (field, f"\n        <{field}>", f"</{field}>", f"\n        <{field} />")
    for field in EVENT_FIELDS
]


def event_xml(event):
    # An id is a number and a guid a UUID: nothing in them to escape.
    out = [f'\n      <event id="{event["id"]}" guid="{event["guid"]}">']
    for field, opening, closing, empty in EVENT_ELEMENTS:
        value = event[field]
        out.append(f"{opening}{escape_text(value)}{closing}" if value else empty)
    indent = "\n        "
    persons = [
        f'{indent}  <person id="{person["id"]}">{escape_text(person["name"])}</person>'
        if person["name"]
        else f'{indent}  <person id="{person["id"]}" />'
        for person in event["persons"]
    ]
    out.append(f"{indent}<persons>{''.join(persons)}{indent}</persons>" if persons else "")
    out.append("" if persons else f"{indent}<persons />")
    links = [
        f"{indent}  {element('link', link['title'], {'href': link['url']})}"
        for link in event["links"]
    ]
    out.append(f"{indent}<links>{''.join(links)}{indent}</links>")
    out.append("\n      </event>")
    return "".join(out)


def element(tag, text, attributes=None):
    """One element with text, as xml.etree writes it: empty as `<tag />`."""
    opening = tag + (attrs(attributes) if attributes else "")
    return f"<{opening}>{escape_text(text)}</{tag}>" if text else f"<{opening} />"


def attrs(attributes):
    return "".join(f' {name}="{escape_attribute(value)}"' for name, value in attributes.items())


def escape_text(text):
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attribute(text):
    text = escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    for character, entity in (("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if character in text:
            text = text.replace(character, entity)
    return text


def room_name(venue):
    return venue["name"] if venue else _("Venue to be announced")


def venue_key(venue):
    return (0, venue["order"], (venue["sort_name"], venue["pk"])) if venue else NO_VENUE_KEY


def version_of(sessions):
    """When the newest of these sessions last changed, in UTC: changes with the schedule."""
    latest = max((session["updated_at"] for session in sessions), default=None)
    return latest.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if latest else ""


def duration(length):
    minutes = int(length.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
