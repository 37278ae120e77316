"""frab schedule.xml and schedule.json: what schedule apps and video tooling download."""

import copy
import json
import os
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from jsonschema import Draft6Validator
from lxml import etree

from exhibitors.tests.factories import make_hall

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db

# The schemas live beside the project, in the shared specifications; they are never copied in.
SPECS = settings.BASE_DIR.parent / "shared" / "specs"
XSD = SPECS / "frab-schedule.xsd"
C3VOC_XSD = SPECS / "third-party" / "voc-schedule" / "schedule.xml.xsd"
C3VOC_JSON_SCHEMA = SPECS / "third-party" / "voc-schedule" / "schema.json"

WAIC_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "waic-directory")

EVENT_KEYS = {
    "id",
    "guid",
    "date",
    "start",
    "duration",
    "room",
    "slug",
    "url",
    "title",
    "subtitle",
    "track",
    "type",
    "language",
    "abstract",
    "description",
    "persons",
    "links",
}


def fetch_xml(client):
    response = client.get(reverse("speakers:schedule_xml"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return etree.fromstring(response.content)


def fetch_json(client):
    response = client.get(reverse("speakers:schedule_json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def spec(path):
    if not path.exists():
        message = f"{path.name} not found at {path}: the shared specifications are not here"
        if os.environ.get("CI") == "true":  # CI has ../shared: a skip there would hide a failure
            pytest.fail(message)
        pytest.skip(message)
    return path


def assert_valid_frab(document):
    """Valid for c3voc's schedule.xml schema, and for frab's own once c3voc's optional
    conference fields (which frab's schema does not know) are left out."""
    c3voc = etree.XMLSchema(etree.parse(str(spec(C3VOC_XSD))))
    assert c3voc.validate(document), c3voc.error_log
    frab_only = copy.deepcopy(document)
    for field in ("base_url", "url", "time_zone_name"):
        for element in frab_only.findall(f"conference/{field}"):
            element.getparent().remove(element)
    frab = etree.XMLSchema(etree.parse(str(spec(XSD))))
    assert frab.validate(frab_only), frab.error_log


def assert_valid_c3voc_json(data):
    schema = json.loads(spec(C3VOC_JSON_SCHEMA).read_text())
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in Draft6Validator(schema).iter_errors(data)
    ]
    assert errors == []


def slugs_by_room(day):
    return {room: [event["slug"] for event in events] for room, events in day["rooms"].items()}


def make_two_day_programme():
    hall = make_hall(code="H1")
    main = make_venue(name="Main Hall", slug="main", order=1, hall=hall, capacity=2000)
    forum = make_venue(name="Forum A", slug="forum-a", order=2)
    host = make_speaker(name="Mei Chen", slug="mei-chen")
    return {
        "host": host,
        "opening": make_session(
            title="Opening",
            slug="opening",
            type="opening",
            venue=main,
            starts_at=shanghai(26, 9),
            ends_at=shanghai(26, 10, 15),
            abstract="Welcome.",
            language="zh-en",
            speakers=[(host, "host"), make_speaker(name="Draft", is_published=False)],
        ),
        "robots": make_session(
            title="Robots & People",
            slug="robots",
            track=make_track(name="Robotics", slug="robotics", colour="#ff0000"),
            venue=forum,
            starts_at=shanghai(26, 9, 30),
            ends_at=shanghai(26, 11),
        ),
        "closing": make_session(
            title="Closing",
            slug="closing",
            venue=main,
            starts_at=shanghai(27, 17),
            status="cancelled",
        ),
        "draft": make_session(title="Draft", slug="draft", venue=main, is_published=False),
    }


def test_schedule_xml_validates_against_the_frab_schema(client):
    make_two_day_programme()
    make_session(title="No venue yet", slug="no-venue", starts_at=shanghai(27, 9))

    assert_valid_frab(fetch_xml(client))


def test_empty_schedule_xml_still_validates(client):
    assert_valid_frab(fetch_xml(client))


def test_schedule_xml_lists_published_sessions_by_day_and_room(client):
    sessions = make_two_day_programme()

    schedule = fetch_xml(client)

    days = [
        (
            day.get("index"),
            day.get("date"),
            [(room.get("name"), room.xpath("event/slug/text()")) for room in day.findall("room")],
        )
        for day in schedule.iter("day")
    ]
    assert days == [
        (
            "1",
            "2025-07-26",
            [("Main Hall", ["waic2025-opening"]), ("Forum A", ["waic2025-robots"])],
        ),
        ("2", "2025-07-27", [("Main Hall", ["waic2025-closing"])]),
    ]
    [opening] = schedule.xpath("day/room/event[slug='waic2025-opening']")
    assert opening.get("id") == str(sessions["opening"].pk)
    assert opening.get("guid") == str(sessions["opening"].guid)
    assert opening.findtext("date") == "2025-07-26T09:00:00+08:00"
    assert opening.findtext("start") == "09:00"
    assert opening.findtext("duration") == "01:15"
    assert opening.findtext("title") == "Opening"
    assert opening.findtext("type") == "opening"
    assert opening.findtext("language") == "zh-en"
    assert opening.findtext("abstract") == "Welcome."
    assert opening.xpath("persons/person/text()") == ["Mei Chen"]
    assert opening.xpath("links/link/@href") == ["http://testserver/sessions/opening/"]
    assert schedule.xpath("day/room/event[slug='waic2025-closing']/title/text()") == [
        "Cancelled: Closing"
    ]
    assert schedule.findtext("conference/acronym") == "waic2025"
    assert schedule.findtext("conference/start") == "2025-07-26"
    assert schedule.findtext("conference/end") == "2025-07-27"
    assert schedule.findtext("conference/days") == "2"


def test_schedule_json_has_the_frab_shape_with_published_sessions_only(client):
    sessions = make_two_day_programme()

    data = fetch_json(client)

    assert data["$schema"] == "https://c3voc.de/schedule/schema.json"
    conference = data["schedule"]["conference"]
    assert (conference["acronym"], conference["start"], conference["end"]) == (
        "waic2025",
        "2025-07-26",
        "2025-07-27",
    )
    assert (conference["daysCount"], conference["time_zone_name"]) == (2, "Asia/Shanghai")
    assert [room["name"] for room in conference["rooms"]] == ["Main Hall", "Forum A"]
    assert conference["tracks"] == [{"name": "Robotics", "slug": "robotics", "color": "#ff0000"}]
    assert [
        (day["index"], day["date"], day["day_start"], slugs_by_room(day))
        for day in conference["days"]
    ] == [
        (
            1,
            "2025-07-26",
            "2025-07-26T00:00:00+08:00",
            {"Main Hall": ["waic2025-opening"], "Forum A": ["waic2025-robots"]},
        ),
        (2, "2025-07-27", "2025-07-27T00:00:00+08:00", {"Main Hall": ["waic2025-closing"]}),
    ]
    opening = conference["days"][0]["rooms"]["Main Hall"][0]
    assert set(opening) == EVENT_KEYS
    assert (opening["id"], opening["guid"]) == (
        sessions["opening"].pk,
        str(uuid.uuid5(WAIC_NAMESPACE, "session:opening")),
    )
    assert (opening["date"], opening["start"], opening["duration"]) == (
        "2025-07-26T09:00:00+08:00",
        "09:00",
        "01:15",
    )
    assert opening["url"] == "http://testserver/sessions/opening/"
    assert opening["links"] == [
        {"title": "Opening", "url": "http://testserver/sessions/opening/", "type": "related"}
    ]
    assert opening["persons"] == [
        {
            "id": sessions["host"].pk,
            "guid": str(uuid.uuid5(WAIC_NAMESPACE, "speaker:mei-chen")),
            "name": "Mei Chen",
            "role": "host",
            "biography": "",
            "url": "http://testserver/speakers/mei-chen/",
        }
    ]


def test_schedule_exports_keep_ids_and_guids_when_sessions_change(client):
    session = make_session(slug="keynote", starts_at=shanghai(26, 9))
    before = fetch_json(client)["schedule"]["conference"]["days"][0]["rooms"]

    session.title = "Keynote, renamed"
    session.save()
    after = fetch_json(client)["schedule"]["conference"]["days"][0]["rooms"]

    [[event_before]], [[event_after]] = before.values(), after.values()
    assert (event_after["id"], event_after["guid"]) == (event_before["id"], event_before["guid"])
    assert event_after["title"] == "Keynote, renamed"


@pytest.mark.parametrize("name", ["speakers:schedule_xml", "speakers:schedule_json"])
def test_schedule_exports_answer_a_conditional_get_with_304(client, name):
    make_session()
    url = reverse(name)
    first = client.get(url)

    unchanged = client.get(url, headers={"if-none-match": first["ETag"]})
    make_session(is_published=False)
    after_change = client.get(url, headers={"if-none-match": first["ETag"]})

    assert (unchanged.status_code, after_change.status_code) == (304, 200)


@pytest.mark.parametrize("renamed", ["track", "venue", "hall"])
@pytest.mark.parametrize(
    "name", ["speakers:schedule_xml", "speakers:schedule_json", "speakers:agenda_calendar"]
)
def test_schedule_exports_change_their_etag_when_a_track_venue_or_hall_is_renamed(
    client, name, renamed
):
    session = make_session(venue=make_venue(hall=make_hall()), track=make_track())
    url = reverse(name)
    first = client.get(url)
    record = {"track": session.track, "venue": session.venue, "hall": session.venue.hall}[renamed]
    record.name = "Renamed"
    record.save()

    after_rename = client.get(url, headers={"if-none-match": first["ETag"]})

    # The frab exports show the venue as the room, the calendar "venue, hall" as the location.
    assert (after_rename.status_code, after_rename["ETag"] != first["ETag"]) == (200, True)


@pytest.mark.parametrize("name", ["speakers:schedule_xml", "speakers:schedule_json"])
@pytest.mark.parametrize("sessions", [1, 30])
def test_schedule_export_query_count_does_not_grow_with_sessions(
    client, django_assert_num_queries, name, sessions
):
    for n in range(sessions):
        make_session(
            speakers=[make_speaker(), make_speaker()],
            venue=make_venue(hall=make_hall()),
            track=make_track(),
            starts_at=shanghai(26 + n % 3, 9) + timedelta(minutes=n),
        )

    # One for ETag/Last-Modified, the sessions with venue, hall and track, their speakers.
    with django_assert_num_queries(3):
        response = client.get(reverse(name))

    assert response.status_code == 200


def test_text_pasted_with_control_characters_still_gives_valid_xml(client):
    make_session(
        title="Vertical\x0btab", abstract="Form\x0cfeed and\ttab\nkept", venue=make_venue()
    )

    schedule = fetch_xml(client)

    assert_valid_frab(schedule)
    assert schedule.xpath("//event/title/text()") == ["Verticaltab"]
    assert schedule.xpath("//event/abstract/text()") == ["Formfeed and\ttab\nkept"]


def test_schedule_export_etag_differs_per_language(client):
    make_session()
    url = reverse("speakers:schedule_json")
    with translation.override("zh-hans"):
        chinese_url = reverse("speakers:schedule_json")

    english = client.get(url, headers={"accept-language": "zh-hans"})
    chinese = client.get(chinese_url)

    assert (url, chinese_url) == ("/schedule.json", "/zh-hans/schedule.json")
    assert english["ETag"] != chinese["ETag"]


def test_session_without_venue_is_in_a_room_to_be_announced(client):
    make_session(slug="tba", venue=None, starts_at=shanghai(26, 9))

    [day] = fetch_json(client)["schedule"]["conference"]["days"]

    assert slugs_by_room(day) == {"Venue to be announced": ["waic2025-tba"]}


def test_schedule_exports_may_be_read_by_other_sites(client):
    response = client.get(reverse("speakers:schedule_json"))

    assert response["Access-Control-Allow-Origin"] == "*"


def test_schedule_xml_carries_the_optional_addresses_and_time_zone_of_the_json(client):
    make_two_day_programme()

    conference = fetch_xml(client).find("conference")
    data = fetch_json(client)["schedule"]

    assert conference.findtext("base_url") == data["base_url"] == "http://testserver/"
    assert conference.findtext("url") == data["conference"]["url"] == "http://testserver/sessions/"
    assert conference.findtext("time_zone_name") == "Asia/Shanghai"
    assert data["conference"]["time_zone_name"] == "Asia/Shanghai"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_schedule_json_validates_against_the_c3voc_schema(client, language):
    make_two_day_programme()
    make_session(title="No venue yet", slug="no-venue", starts_at=shanghai(27, 9))

    with translation.override(language):
        assert_valid_c3voc_json(fetch_json(client))


def test_empty_schedule_json_still_validates(client):
    assert_valid_c3voc_json(fetch_json(client))
