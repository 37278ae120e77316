"""The day filter of the agenda, the speakers, the agenda's calendar feed and the API (issue #16
part 1): a day outside the event is a 400 saying so, never a 500. 9999-12-31 has no next day
to end it (an OverflowError once), and 0001-01-01 has no Shanghai midnight in UTC."""

import pytest

from .factories import make_session, shanghai

pytestmark = pytest.mark.django_db

OUTSIDE = "The event runs from 2025-07-26 to 2025-07-28: there is no day “{}” on its agenda."


@pytest.fixture(autouse=True)
def agenda():
    make_session(title="Opening", starts_at=shanghai(26, 9))


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2025-07-25", "2025-07-29"])
@pytest.mark.parametrize("path", ["/sessions/", "/speakers/", "/zh-hans/sessions/"])
def test_a_day_outside_the_event_is_a_400_on_the_listings(client, path, day):
    response = client.get(path, {"day": day})

    assert response.status_code == 400
    expected = OUTSIDE.format(day)
    if path.startswith("/zh-hans/"):
        expected = f"大会会期为 2025-07-26 至 2025-07-28：议程中没有“{day}”这一天。"
    assert f"<li>{expected}</li>" in response.text


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_day_outside_the_event_is_a_400_in_the_calendar_feed(client, day):
    response = client.get("/sessions/calendar.ics", {"day": day})

    assert response.status_code == 400
    assert response.text == f"Some filters could not be understood.\nday: {OUTSIDE.format(day)}"


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("path", ["/api/v1/sessions/", "/api/v1/speakers/"])
def test_a_day_outside_the_event_is_a_400_in_the_api(client, path, day):
    response = client.get(path, {"day": day})

    assert response.status_code == 400
    assert response.json() == {"day": [OUTSIDE.format(day)]}


def test_each_day_of_the_event_is_fine(client):
    statuses = [
        client.get("/sessions/", {"day": day}).status_code
        for day in ("2025-07-26", "2025-07-27", "2025-07-28")
    ]

    assert statuses == [200, 200, 200]
