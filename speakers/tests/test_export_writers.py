"""The exports' own writers give, byte for byte, what the libraries they replace wrote.

schedule.xml was xml.etree's output and the calendars' events the icalendar library's; both are
now written as strings (speakers/exports/frab.py, ical.py) for speed. Here the libraries write
the same data again, as the exports used to, and the bytes must be the same: text that needs
escaping, folding inside Chinese text and next to escapes, missing venues, tracks and speakers,
cancelled sessions and reminders.
"""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import translation
from icalendar import Alarm, Event, vText
from icalendar.parser.string import _foldline

from exhibitors.tests.factories import make_hall
from speakers.exports import frab
from speakers.exports.common import is_cancelled, local, printable, title_of
from speakers.exports.ical import EventWriter, fold, location_of
from speakers.exports.rows import guid, programme
from speakers.models import Session

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db

ABSOLUTE = RequestFactory().get("/").build_absolute_uri


def make_awkward_programme():
    hall = make_hall(code="H1", name="Core & Future")
    quoted = make_venue(name='The "Big" Room & <Co>', room="Room 1, left", hall=hall, order=1)
    plain = make_venue(name="Forum A", building="Expo; Center", order=2)
    people = [
        make_speaker(name="Li, Wei", position="CEO", organization="Acme; Inc."),
        make_speaker(name="张伟", bio="生于上海。" * 30, organization="上海人工智能实验室"),
        make_speaker(name="Ann \\ Back", position="Lead"),
    ]
    long_chinese = "具身智能与人形机器人的未来发展论坛暨产业合作签约仪式" * 3
    make_session(
        title="Robots & <People>, part 1; \\ more",
        abstract="Line one\r\nline two\rline three\nand\ttab \x0bvertical",
        venue=quoted,
        track=make_track(name="Robotics, Embodied"),
        speakers=[(people[0], "host"), (people[1], "panelist"), (people[2], "moderator")],
        starts_at=shanghai(26, 9),
    )
    make_session(title=long_chinese, abstract=long_chinese, venue=plain, starts_at=shanghai(26, 10))
    make_session(title="Cancelled one", status="cancelled", venue=None, starts_at=shanghai(28, 9))
    for width in range(60, 80):  # a backslash, a caret and a Chinese character at every fold
        make_session(
            title=f"{'x' * width}\\,^中{'y' * width}^é{'z' * 10}",
            abstract=f"{'a' * (width - 20)}\\{'b' * 74}中\\n",
            starts_at=shanghai(26, 12) + timedelta(minutes=width),
        )


def test_fold_folds_as_the_icalendar_library():
    # A backslash, a caret or a character of 2, 3 or 4 octets at and around every fold.
    lines = [
        f"{head}{'x' * width}{char}{'y' * 80}"
        for head in ("DESCRIPTION:", "X:")
        for width in range(55, 80)
        for char in ("\\", "^", "\\\\", "中", "é", "😀", "\\中")
    ]
    lines += ["", "SUMMARY:short", "S:" + "中" * 24, "S:" + "中" * 25]
    lines += ["S:" + "x" * 72, "S:" + "x" * 73, "S:" + "中" * 200]

    assert [fold(line) for line in lines] == [_foldline(line) for line in lines]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("alarm", [None, timedelta(minutes=10)])
def test_calendar_events_are_the_icalendar_librarys_bytes(language, alarm):
    make_awkward_programme()

    with translation.override(language):
        sessions = programme(Session.objects.published())
        writer = EventWriter(ABSOLUTE, alarm)
        written = [writer.event(session) for session in sessions]
        expected = [library_event(session, writer, alarm) for session in sessions]

    assert len(written) == 23
    assert written == expected


def library_event(session, writer, alarm):
    """The event as speakers/exports/ical.py wrote it with the icalendar library."""
    url = writer.session_url(session["slug"])
    reminders = []
    if alarm and not is_cancelled(session):
        reminder = Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("trigger", -alarm)
        reminder.add("description", vText(printable(session["title"])))
        reminders.append(reminder)
    venue, track = session["venue"], session["track"]
    return (
        Event.new(
            uid=f"session-{guid('session', session['slug'])}@waic-directory",
            summary=printable(title_of(session)),
            start=local(session["starts_at"]),
            end=local(session["ends_at"]),
            location=printable(location_of(venue)) if venue else None,
            url=url,
            description=printable(writer.description(session, url)),
            categories=[writer.types[session["type"]], *([track["name"]] if track else [])],
            status="CANCELLED" if is_cancelled(session) else "CONFIRMED",
            sequence=session["sequence"],
            created=session["created_at"],
            last_modified=session["updated_at"],
            stamp=session["updated_at"],
            subcomponents=reminders,
        )
        .to_ical()
        .decode()
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_schedule_xml_is_xml_etrees_bytes(language):
    make_awkward_programme()

    with translation.override(language):
        data = frab.schedule_data(programme(Session.objects.published()), ABSOLUTE)

    assert [len(day["rooms"]) for day in data["schedule"]["conference"]["days"]] == [3, 0, 1]
    assert frab.schedule_xml(data) == etree_schedule_xml(data)


def test_empty_schedule_xml_is_xml_etrees_bytes():
    data = frab.schedule_data(programme(Session.objects.published()), ABSOLUTE)

    assert frab.schedule_xml(data) == etree_schedule_xml(data)


def etree_schedule_xml(data):
    """schedule.xml as speakers/exports/frab.py wrote it with xml.etree."""
    conference = data["schedule"]["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "version").text = data["schedule"]["version"]
    head = ET.SubElement(root, "conference")
    for field in ("title", "acronym", "start", "end", "timeslot_duration"):
        ET.SubElement(head, field).text = conference[field]
    ET.SubElement(head, "days").text = str(conference["daysCount"])
    ET.SubElement(head, "base_url").text = data["schedule"]["base_url"]
    for field in ("url", "time_zone_name"):
        ET.SubElement(head, field).text = conference[field]
    for day in conference["days"]:
        attributes = {"index": str(day["index"]), "date": day["date"]}
        attributes |= {"start": day["day_start"], "end": day["day_end"]}
        day_element = ET.SubElement(root, "day", attributes)
        for room, events in day["rooms"].items():
            room_element = ET.SubElement(day_element, "room", name=room)
            for event in events:
                element = ET.SubElement(room_element, "event", id=str(event["id"]))
                element.set("guid", event["guid"])
                for field in frab.EVENT_FIELDS:
                    ET.SubElement(element, field).text = event[field] or ""
                persons = ET.SubElement(element, "persons")
                for person in event["persons"]:
                    ET.SubElement(persons, "person", id=str(person["id"])).text = person["name"]
                links = ET.SubElement(element, "links")
                for link in event["links"]:
                    ET.SubElement(links, "link", href=link["url"]).text = link["title"]
    for element in root.iter():
        element.text = printable(element.text)
        element.attrib.update({key: printable(value) for key, value in element.attrib.items()})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
