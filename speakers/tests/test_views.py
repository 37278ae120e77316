import re
from datetime import timedelta

import pytest
from django.urls import reverse

from exhibitors.tests.factories import make_exhibitor, make_hall
from speakers import agenda

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db

SPEAKERS_URL = reverse("speakers:speaker_list")
SESSIONS_URL = reverse("speakers:session_list")


# A card title shown in the other language carries its own lang attribute.
CARD_TITLE = r'<h3 class="card-title"(?: lang="[^"]+")?><a href="[^"]+">([^<]+)</a>'


def card_titles(response):
    return re.findall(CARD_TITLE, response.text)


def test_speaker_listing_shows_published_speakers_only_and_drafts_are_404(client):
    make_speaker(name="Geoffrey Hinton")
    draft = make_speaker(name="Not yet", is_published=False)

    response = client.get(SPEAKERS_URL)

    assert card_titles(response) == ["Geoffrey Hinton"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_session_listing_shows_published_sessions_only_and_drafts_are_404(client):
    make_session(title="Opening ceremony")
    draft = make_session(title="Secret", is_published=False)

    response = client.get(SESSIONS_URL)

    assert card_titles(response) == ["Opening ceremony"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def make_programme(count):
    track, venue = make_track(slug="robotics"), make_venue(slug="main")
    acme = make_exhibitor(slug="acme")
    for n in range(count):
        speaker = make_speaker(
            name=f"Speaker {n:02}", slug=f"s-{n:02}", country="CN", exhibitor=acme
        )
        make_session(
            title=f"Session {n:02}",
            track=track,
            venue=venue,
            starts_at=shanghai(27, 9) + timedelta(minutes=n),
            speakers=[speaker, make_speaker(is_published=False)],
        )


@pytest.mark.parametrize("prefix", ["", "/zh-hans"], ids=["en", "zh-hans"])
@pytest.mark.parametrize("count", [1, 30])
def test_speaker_listing_runs_the_same_queries_whatever_the_number_of_speakers(
    prefix, client, django_assert_num_queries, count
):
    make_programme(count)

    with django_assert_num_queries(5):
        response = client.get(prefix + SPEAKERS_URL, {"per_page": 48})

    assert len(card_titles(response)) == count


@pytest.mark.parametrize("prefix", ["", "/zh-hans"], ids=["en", "zh-hans"])
@pytest.mark.parametrize("count", [1, 30])
def test_filtered_speaker_listing_runs_the_same_queries(
    prefix, client, django_assert_num_queries, count
):
    make_programme(count)
    query = {
        "track": "robotics",
        "day": "2025-07-27",
        "country": "CN",
        "q": "speaker",
        "organization": "acme",
    }

    with django_assert_num_queries(7):
        response = client.get(prefix + SPEAKERS_URL, {**query, "per_page": 48})

    assert len(card_titles(response)) == count


@pytest.mark.parametrize("prefix", ["", "/zh-hans"], ids=["en", "zh-hans"])
@pytest.mark.parametrize("count", [1, 30])
def test_agenda_runs_the_same_queries_whatever_the_number_of_sessions(
    prefix, client, django_assert_num_queries, count
):
    make_programme(count)

    with django_assert_num_queries(7):
        response = client.get(prefix + SESSIONS_URL, {"per_page": 48})

    assert len(card_titles(response)) == count


@pytest.mark.parametrize("prefix", ["", "/zh-hans"], ids=["en", "zh-hans"])
@pytest.mark.parametrize("count", [1, 30])
def test_filtered_agenda_runs_the_same_queries(prefix, client, django_assert_num_queries, count):
    make_programme(count)
    query = {
        "day": "2025-07-27",
        "track": "robotics",
        "venue": "main",
        "type": "forum",
        "language": "zh",
        "speaker": "s-00",
        "from": "09:00",
        "until": "12:00",
        "q": "session",
    }

    with django_assert_num_queries(11):
        response = client.get(prefix + SESSIONS_URL, {**query, "per_page": 48})

    assert card_titles(response) == ["Session 00"]


def test_agenda_groups_by_day_then_time_with_day_tabs(client):
    make_session(title="Day two", starts_at=shanghai(27, 9))
    make_session(title="Opening", starts_at=shanghai(26, 9))
    make_session(title="Parallel", starts_at=shanghai(26, 9))
    make_session(title="Afternoon", starts_at=shanghai(26, 14))

    response = client.get(SESSIONS_URL)

    results = response.text.split('id="results"')[1]
    headings = re.findall(r"<h[23][^>]*>(?:<time[^>]*>|<a [^>]*>)?([^<]+)<", results)
    assert headings == [
        "Saturday 26 July 2025",
        "09:00",
        "Opening",
        "Parallel",
        "14:00",
        "Afternoon",
        "Sunday 27 July 2025",
        "09:00",
        "Day two",
    ]
    assert re.findall(r'<a href="\?day=([-0-9]+)"', response.text) == ["2025-07-26", "2025-07-27"]


def test_agenda_marks_the_running_session_now_and_the_following_ones_next(client, monkeypatch):
    make_session(title="Done", starts_at=shanghai(26, 8), ends_at=shanghai(26, 9))
    make_session(title="Running", starts_at=shanghai(26, 9), ends_at=shanghai(26, 10))
    make_session(title="Soon A", starts_at=shanghai(26, 10), ends_at=shanghai(26, 11))
    make_session(title="Soon B", starts_at=shanghai(26, 10), ends_at=shanghai(26, 11))
    make_session(title="Later", starts_at=shanghai(26, 11), ends_at=shanghai(26, 12))
    monkeypatch.setattr(agenda, "now", lambda: shanghai(26, 9, 30))

    response = client.get(SESSIONS_URL)

    marked = re.findall(
        r'<span class="badge (now|next)">.*?<a href="[^"]+">([^<]+)</a>', response.text, re.S
    )
    assert marked == [("now", "Running"), ("next", "Soon A"), ("next", "Soon B")]


def test_agenda_marks_nothing_outside_the_event(client, monkeypatch):
    make_session(title="Opening", starts_at=shanghai(26, 9))
    monkeypatch.setattr(agenda, "now", lambda: shanghai(20, 9))

    response = client.get(SESSIONS_URL)

    assert 'class="badge now"' not in response.text
    assert 'class="badge next"' not in response.text


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        (
            {"day": "2025-02-30"},
            400,
            "The day “2025-02-30” is not a date. Choose a day from 2025-07-26 to 2025-07-28.",
        ),
        (
            {"day": "9999-12-31"},
            400,
            "The event runs from 2025-07-26 to 2025-07-28: there is no day “9999-12-31” on its"
            " agenda.",
        ),
        ({"track": "nope"}, 400, "There is no track “nope”."),
        (
            {"from": "9 o'clock"},
            400,
            "“9 o&#x27;clock” is not a time for “Starting from”: write it as 09:30.",
        ),
        ({"speaker": "x" * 300}, 400, "There is no speaker “xxxxxxxxxxxxxxxxxxxx”."),
        ({"page": "-1"}, 400, "“-1” is not a page number."),
        ({"page": "2"}, 404, "There is no page 2: these results fill 1 page(s)."),
    ],
)
def test_agenda_bad_input_gets_a_clear_message_and_a_4xx(client, query, status, message):
    make_session(title="Opening")

    response = client.get(SESSIONS_URL, query)

    assert response.status_code == status
    assert message in response.text
    assert card_titles(response) == []


def test_speaker_detail_links_the_exhibitor_booth_and_lists_sessions_with_roles(client):
    unitree = make_exhibitor(name="Unitree", hall=make_hall(code="H2"), booth="H2-A01")
    wang = make_speaker(
        name="Wang Xingxing", position="CEO", organization="Unitree Robotics", exhibitor=unitree
    )
    venue = make_venue(name="Main stage")
    make_session(title="Robots", starts_at=shanghai(27, 14), venue=venue, speakers=[(wang, "host")])
    make_session(title="Draft", speakers=[wang], is_published=False)

    response = client.get(wang.get_absolute_url())

    text = response.text
    assert (
        f'<a href="{unitree.get_absolute_url()}">Unitree Robotics</a> · Hall H2 · Booth A01' in text
    )
    assert re.findall(r'<p class="role">([^<]+)</p>', text) == ["Host"]
    assert card_titles(response) == ["Robots"]
    assert "Sun 27 July, 14:00–15:00" in text
    assert "Main stage" in text


def test_speaker_detail_does_not_link_an_unpublished_exhibitor(client):
    draft = make_exhibitor(name="Stealth", is_published=False)
    speaker = make_speaker(organization="Stealth Inc.", exhibitor=draft)

    response = client.get(speaker.get_absolute_url())

    assert "<dd>Stealth Inc.</dd>" in response.text
    assert draft.get_absolute_url() not in response.text


def test_session_detail_shows_time_place_track_speakers_in_order_and_track_sessions(client):
    track = make_track(name="Embodied AI")
    venue = make_venue(name="Forum A", room="Room 3", hall=make_hall(code="H3"))
    first, second = make_speaker(name="First"), make_speaker(name="Second")
    draft = make_speaker(name="Draft speaker", is_published=False)
    session = make_session(
        title="Robots at work",
        track=track,
        venue=venue,
        language="en",
        type="panel",
        status="cancelled",
        starts_at=shanghai(28, 13, 30),
        speakers=[(second, "moderator"), (draft, "speaker"), (first, "panelist")],
    )
    make_session(title="Same track", track=track)
    make_session(title="Draft in track", track=track, is_published=False)
    make_session(title="Other track", track=make_track())

    response = client.get(session.get_absolute_url())

    text = response.text
    assert "Monday 28 July 2025, 13:30–14:30</time> (Shanghai time, GMT+8)" in text
    assert "Forum A, Room 3</a> · Hall H3" in text
    assert ">Embodied AI</a>" in text
    assert "<dd>Panel</dd>" in text and "<dd>English</dd>" in text
    assert "This session is cancelled." in text
    assert re.findall(r'<p class="role">([^<]+)</p>', text) == ["Moderator", "Panelist"]
    assert card_titles(response) == ["Second", "First", "Same track"]


@pytest.mark.parametrize("prefix", ["", "/zh-hans"], ids=["en", "zh-hans"])
@pytest.mark.parametrize("count", [1, 30])
def test_detail_pages_run_the_same_queries_whatever_they_hold(
    prefix, client, django_assert_num_queries, count
):
    track, exhibitor = make_track(), make_exhibitor(hall=make_hall(), booth="A1")
    speaker = make_speaker(exhibitor=exhibitor)
    sessions = [
        make_session(track=track, venue=make_venue(), speakers=[speaker, make_speaker()])
        for _ in range(count + 1)  # the first session's page always lists others of its track
    ]

    speaker_url, session_url = speaker.get_absolute_url(), sessions[0].get_absolute_url()

    with django_assert_num_queries(2):
        assert client.get(prefix + speaker_url).status_code == 200
    with django_assert_num_queries(4):
        assert client.get(prefix + session_url).status_code == 200


def test_list_cards_leave_bios_and_abstracts_to_the_detail_pages(client):
    make_speaker(name="Hinton", bio="A long biography " * 50)
    make_session(title="Opening", abstract="A long abstract " * 50)

    speakers_page = client.get(SPEAKERS_URL)
    sessions_page = client.get(SESSIONS_URL)

    assert card_titles(speakers_page) == ["Hinton"]
    assert "A long biography" not in speakers_page.text
    assert card_titles(sessions_page) == ["Opening"]
    assert "A long abstract" not in sessions_page.text
