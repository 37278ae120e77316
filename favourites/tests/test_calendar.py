"""The personal agenda as a calendar subscription that follows organizers' changes."""

import pytest
from django.test import Client
from django.urls import reverse
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

    # Three aggregates for ETag and Last-Modified; the list; the sessions; their speakers.
    with django_assert_num_queries(6):
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
