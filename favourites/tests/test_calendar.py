"""The personal agenda as a calendar subscription that follows organizers' changes."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from favourites.models import FavouriteList
from speakers.tests.factories import make_session, make_speaker, shanghai

from .factories import key_of, star

pytestmark = pytest.mark.django_db


def feed_url(client):
    return reverse("favourites:calendar", kwargs={"key": key_of(client)})


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).events


def uid_of(session):
    return f"session-{session.guid}@waic-directory"


def test_personal_calendar_holds_the_published_starred_sessions(client):
    first = make_session(title="Opening", starts_at=shanghai(26, 9))
    second = make_session(title="Robots", starts_at=shanghai(27, 14), speakers=[make_speaker()])
    hidden, not_starred = make_session(), make_session()
    for session in (second, first, hidden):
        star(client, session)
    hidden.is_published = False
    hidden.save()

    calendar = Calendar.from_ical(Client().get(feed_url(client)).content)

    assert calendar.calendar_name == "My WAIC"
    assert [event.uid for event in calendar.events] == [uid_of(first), uid_of(second)]
    assert not_starred.pk not in {s.pk for s in FavouriteList.objects.get().sessions.all()}


def test_personal_calendar_follows_a_change_of_time_with_a_higher_sequence(client):
    session = make_session(starts_at=shanghai(26, 9))
    star(client, session)
    [before] = events(client.get(feed_url(client)))

    session.starts_at, session.ends_at = shanghai(26, 15), shanghai(26, 16)
    session.save()
    [after] = events(client.get(feed_url(client)))

    assert (before.sequence, before.start) == (0, shanghai(26, 9))
    assert (after.uid, after.sequence, after.start) == (before.uid, 1, shanghai(26, 15))


def test_personal_calendar_keeps_a_cancelled_session_marked_cancelled(client):
    session = make_session(title="Closing")
    star(client, session)

    session.status = "cancelled"
    session.save()
    [event] = events(client.get(feed_url(client)))

    assert (event.uid, event.status, event.summary) == (
        uid_of(session),
        "CANCELLED",
        "Cancelled: Closing",
    )


def test_personal_calendar_answers_304_until_the_list_or_the_agenda_changes(client):
    session = make_session()
    star(client, session)
    url = feed_url(client)
    first = client.get(url)
    etag = {"if-none-match": first["ETag"]}

    unchanged = client.get(url, headers=etag)
    star(client, make_session())
    after_star = client.get(url, headers=etag)
    latest = {"if-none-match": after_star["ETag"]}
    session.title = "Renamed"
    session.save()
    after_edit = client.get(url, headers=latest)

    assert first.has_header("Last-Modified")
    assert (unchanged.status_code, after_star.status_code, after_edit.status_code) == (
        304,
        200,
        200,
    )


def test_personal_calendar_is_private_and_never_cached_for_others(
    client, django_assert_num_queries
):
    star(client, make_session())
    url = feed_url(client)
    client.get(url)

    # One for ETag and Last-Modified; the list; the sessions; their speakers.
    with django_assert_num_queries(4):
        response = Client().get(url)

    assert response["Cache-Control"] == "private, no-cache"
    assert not response.has_header("Access-Control-Allow-Origin")


def test_unknown_personal_calendar_is_not_found(client):
    assert client.get("/my/no-such-list/calendar.ics").status_code == 404


def test_my_waic_links_the_subscription_in_webcal_and_https(client):
    star(client, make_session())

    page = client.get("/my/").content.decode()

    path = feed_url(client)
    assert f'href="webcal://testserver{path}"' in page
    assert f'href="http://testserver{path}"' in page


# Reminders: a second subscription, `?alarm=10`, with a VALARM before each session


def alarms_of(event):
    return [
        (alarm["ACTION"], alarm["TRIGGER"].to_ical().decode(), alarm["DESCRIPTION"])
        for alarm in event.walk("VALARM")
    ]


def test_personal_calendar_with_reminders_alarms_10_minutes_before_each_session_still_on(client):
    opening = make_session(title="Opening", starts_at=shanghai(26, 9))
    robots = make_session(title="Robots, chips", starts_at=shanghai(26, 14))
    cancelled = make_session(title="Closing", starts_at=shanghai(27, 17), status="cancelled")
    for session in (opening, robots, cancelled):
        star(client, session)

    with_alarms = events(client.get(feed_url(client) + "?alarm=10"))
    without = events(client.get(feed_url(client)))

    assert [(event.uid, alarms_of(event)) for event in with_alarms] == [
        (uid_of(opening), [("DISPLAY", "-PT10M", "Opening")]),
        (uid_of(robots), [("DISPLAY", "-PT10M", "Robots, chips")]),
        (uid_of(cancelled), []),
    ]
    assert [alarms_of(event) for event in without] == [[], [], []]


def test_personal_calendar_reminders_speak_the_feeds_language(client):
    star(client, make_session(title_en="Opening", title_zh_hans="开幕式"))

    [event] = events(client.get("/zh-hans" + feed_url(client) + "?alarm=10"))

    assert alarms_of(event) == [("DISPLAY", "-PT10M", "开幕式")]


@pytest.mark.parametrize("query", ["alarm=5", "alarm=", "alarm=10&alarm=10", "alarm=ten"])
def test_personal_calendar_refuses_a_reminder_it_does_not_offer(client, query):
    star(client, make_session())

    english = client.get(f"{feed_url(client)}?{query}")
    chinese = client.get(f"/zh-hans{feed_url(client)}?{query}")

    assert (english.status_code, english["Content-Type"]) == (400, "text/plain")
    assert english.content.decode() == ("A reminder can be 10 minutes before a session, or none.")
    assert chinese.content.decode() == "提醒只能设在活动开始前 10 分钟，或者不提醒。"


def test_a_moved_or_cancelled_session_raises_its_sequence_with_reminders_or_without(client):
    session = make_session(starts_at=shanghai(26, 9))
    star(client, session)
    urls = [feed_url(client), feed_url(client) + "?alarm=10"]
    before = [events(client.get(url))[0] for url in urls]

    session.starts_at, session.ends_at = shanghai(26, 15), shanghai(26, 16)
    session.save()
    moved = [events(client.get(url))[0] for url in urls]
    session.status = "cancelled"
    session.save()
    cancelled = [events(client.get(url))[0] for url in urls]

    assert [(e.sequence, e.start, len(alarms_of(e))) for e in before] == [
        (0, shanghai(26, 9), 0),
        (0, shanghai(26, 9), 1),
    ]
    assert [(e.sequence, e.start, len(alarms_of(e))) for e in moved] == [
        (1, shanghai(26, 15), 0),
        (1, shanghai(26, 15), 1),
    ]
    assert [(e.sequence, e.status, len(alarms_of(e))) for e in cancelled] == [
        (2, "CANCELLED", 0),
        (2, "CANCELLED", 0),
    ]


def test_personal_calendar_with_and_without_reminders_have_their_own_etags(client):
    star(client, make_session())
    url = feed_url(client)
    plain, with_alarms = client.get(url), client.get(url + "?alarm=10")

    crossed = client.get(url + "?alarm=10", headers={"if-none-match": plain["ETag"]})
    same = client.get(url + "?alarm=10", headers={"if-none-match": with_alarms["ETag"]})

    assert plain["ETag"] != with_alarms["ETag"]
    assert (crossed.status_code, same.status_code) == (200, 304)


def test_personal_calendar_with_reminders_takes_as_many_queries(client, django_assert_num_queries):
    star(client, make_session())
    star(client, make_session())
    url = feed_url(client) + "?alarm=10"
    client.get(url)

    with django_assert_num_queries(4):
        Client().get(url)


def test_my_waic_offers_the_subscription_with_reminders_and_without_in_both_languages(client):
    star(client, make_session())
    path = feed_url(client)

    english = client.get("/my/").content.decode()
    chinese = client.get("/zh-hans/my/").content.decode()

    # Each page links the feed in its own language.
    for page, feed in ((english, path), (chinese, f"/zh-hans{path}")):
        for address in (f"webcal://testserver{feed}", f"http://testserver{feed}"):
            assert f'href="{address}?alarm=10"' in page
            assert f'href="{address}"' in page
    assert "With a reminder 10 minutes before each session" in english
    assert ">Subscribe with reminders</a>" in english
    assert ">Subscribe without reminders</a>" in english
    assert "每场活动开始前 10 分钟提醒" in chinese
    assert ">订阅（含提醒）</a>" in chinese
    assert ">订阅（不含提醒）</a>" in chinese


def test_personal_calendar_with_reminders_passes_a_strict_parser(client):
    star(client, make_session(title="Robots, chips; and \\ more", starts_at=shanghai(26, 9)))
    star(client, make_session(title="Closing", starts_at=shanghai(27, 17), status="cancelled"))

    calendar = IcsCalendarStream.calendar_from_ics(
        client.get(feed_url(client) + "?alarm=10").content.decode()
    )

    [on, cancelled] = calendar.events
    [alarm] = on.alarm
    assert (alarm.action, alarm.trigger, alarm.description) == (
        "DISPLAY",
        -timedelta(minutes=10),
        "Robots, chips; and \\ more",
    )
    assert (cancelled.status, cancelled.alarm) == ("CANCELLED", [])
