import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from exhibitors.tests.factories import make_exhibitor, make_hall
from speakers import agenda
from speakers.views import SessionListView

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db

SPEAKERS_URL = reverse("speakers:speaker_list")
SESSIONS_URL = reverse("speakers:session_list")


# A card title shown in the other language carries its own lang attribute.
CARD_TITLE = r'<h3 class="card-title"(?: lang="[^"]+")?><a href="[^"]+">([^<]+)</a>'


def card_titles(response):
    return re.findall(CARD_TITLE, response.text)


def session_lines(response):
    """The text of each line of a session page's list of its track's other sessions."""
    lines = re.search(r'<ul class="session-lines">(.*?)</ul>', response.text)
    items = re.findall(r"<li>(.*?)</li>", lines[1]) if lines else []
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


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
    prefix, client, django_assert_num_queries, count, monkeypatch
):
    make_programme(count)  # on 27 July, the day the agenda opens on that day
    monkeypatch.setattr(agenda, "now", lambda: shanghai(27, 8))

    with django_assert_num_queries(7):
        response = client.get(prefix + SESSIONS_URL)

    assert len(card_titles(response)) == count


@pytest.mark.parametrize("prefix", ["", "/zh-hans"], ids=["en", "zh-hans"])
@pytest.mark.parametrize("count", [1, 30])
def test_agenda_grid_runs_the_same_queries_as_the_list(
    prefix, client, django_assert_num_queries, count
):
    make_programme(count)

    with django_assert_num_queries(7):
        response = client.get(prefix + SESSIONS_URL, {"day": "2025-07-27", "view": "grid"})

    assert len(re.findall(r'<h4 class="grid-title"', response.text)) == count


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
        response = client.get(prefix + SESSIONS_URL, query)

    assert card_titles(response) == ["Session 00"]


def agenda_headings(response):
    results = response.text.split('id="results"')[1]
    return re.findall(r"<h[23][^>]*>(?:<time[^>]*>|<a [^>]*>)?([^<]+)<", results)


def day_tabs(response):
    return re.findall(
        r'<a href="\?day=([-0-9]+)[^"]*"(?: aria-current="page")?>'
        r'<span class="day-label">[^<]+</span> <span class="count">([^<]+)</span>',
        response.text,
    )


def test_agenda_shows_one_day_grouped_by_start_time_with_day_tabs_and_counts(client):
    make_session(title="Day two", starts_at=shanghai(27, 9))
    make_session(title="Opening", starts_at=shanghai(26, 9))
    make_session(title="Parallel", starts_at=shanghai(26, 9))
    make_session(title="Afternoon", starts_at=shanghai(26, 14))

    response = client.get(SESSIONS_URL, {"day": "2025-07-26"})

    assert agenda_headings(response) == [
        "Saturday 26 July 2025",
        "09:00",
        "Opening",
        "Parallel",
        "14:00",
        "Afternoon",
    ]
    assert day_tabs(response) == [("2025-07-26", "3 sessions"), ("2025-07-27", "1 session")]
    assert re.findall(r'aria-current="page"><span class="day-label">([^<]+)<', response.text) == [
        "Sat 26 July"
    ]


def test_agenda_cards_give_times_only_the_day_is_said_once(client):
    make_session(title="Opening", starts_at=shanghai(26, 9), ends_at=shanghai(26, 10, 30))

    response = client.get(SESSIONS_URL)

    assert re.findall(r'<time datetime="[^"]+">([^<]+)</time>', response.text) == [
        "09:00",
        "09:00–10:30",
    ]


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (shanghai(1, 12), "Saturday 26 July 2025"),  # before the event: its first day
        (shanghai(26, 0, 0), "Saturday 26 July 2025"),
        (shanghai(27, 23, 59), "Sunday 27 July 2025"),  # during it: today in Shanghai
        (shanghai(28, 7), "Monday 28 July 2025"),
        (shanghai(29, 0, 1), "Saturday 26 July 2025"),  # after it: its first day again
    ],
)
def test_agenda_opens_on_today_during_the_event_else_on_its_first_day(
    client, monkeypatch, moment, day
):
    for date in (26, 27, 28):
        make_session(title=f"On the {date}th", starts_at=shanghai(date, 10))
    monkeypatch.setattr(agenda, "now", lambda: moment)

    response = client.get(SESSIONS_URL)

    assert agenda_headings(response)[:1] == [day]
    assert len(card_titles(response)) == 1


def test_agenda_day_in_utc_is_not_the_shanghai_day(client, monkeypatch):
    make_session(title="Early on the 27th", starts_at=shanghai(27, 7))
    # 23:30 UTC on the 26th is 07:30 on the 27th in Shanghai.
    monkeypatch.setattr(agenda, "now", lambda: shanghai(27, 7, 30))

    response = client.get(SESSIONS_URL)

    assert card_titles(response) == ["Early on the 27th"]


def test_agenda_shows_a_whole_day_of_thirty_sessions_on_one_page(client):
    for n in range(30):
        make_session(title=f"Talk {n:02}", starts_at=shanghai(26, 9) + timedelta(minutes=15 * n))

    response = client.get(SESSIONS_URL)

    assert card_titles(response) == [f"Talk {n:02}" for n in range(30)]
    assert "Page 1 of" not in response.text
    assert 'class="pagination"' not in response.text
    assert "30 results" in response.text


@pytest.mark.parametrize("query", [{"page": "2"}, {"page": "-1"}, {"per_page": "12"}])
def test_agenda_ignores_page_and_per_page_so_old_links_still_open_it(client, query):
    for n in range(30):
        make_session(title=f"Talk {n:02}", starts_at=shanghai(26, 9) + timedelta(minutes=n))

    response = client.get(SESSIONS_URL, query)

    assert response.status_code == 200
    assert len(card_titles(response)) == 30


def test_agenda_too_long_for_one_page_ends_after_its_last_whole_time_slot(client, monkeypatch):
    monkeypatch.setattr(SessionListView, "max_sessions", 3)
    for hour, title in [(9, "A"), (9, "B"), (10, "C"), (10, "D"), (11, "E")]:
        make_session(title=title, starts_at=shanghai(26, hour))

    first = client.get(SESSIONS_URL)
    later = re.search(r'<p class="agenda-later"><a href="([^"]+)">([^<]+)</a>', first.text)
    rest = client.get(SESSIONS_URL + html.unescape(later[1]))

    assert card_titles(first) == ["A", "B"]
    assert later[2] == "This day goes on: sessions from 10:00 →"
    assert card_titles(rest) == ["C", "D", "E"]
    assert re.findall(r'<p class="agenda-later"><a href="([^"]+)">([^<]+)</a></p>', rest.text) == [
        ("/sessions/", "← From the start of the day")
    ]


def test_agenda_filters_apply_within_the_chosen_day(client):
    robotics = make_track(slug="robotics")
    make_session(title="Robots on the 26th", track=robotics, starts_at=shanghai(26, 9))
    make_session(title="Robots on the 27th", track=robotics, starts_at=shanghai(27, 9))
    make_session(title="Other on the 27th", starts_at=shanghai(27, 10))

    response = client.get(SESSIONS_URL, {"day": "2025-07-27", "track": "robotics"})

    assert card_titles(response) == ["Robots on the 27th"]
    assert day_tabs(response) == [("2025-07-26", "1 session"), ("2025-07-27", "1 session")]
    assert '<a href="?day=2025-07-26&amp;track=robotics">' in response.text


def test_agenda_default_day_is_no_chip_and_is_kept_by_the_filter_form(client):
    make_track(slug="robotics")
    make_session(title="Opening", starts_at=shanghai(26, 9))

    response = client.get(SESSIONS_URL)

    assert 'class="chips"' not in response.text
    assert '<input type="hidden" name="day" value="2025-07-26">' in response.text


def test_agenda_chips_on_the_day_it_opened_on_leave_the_day_out_of_their_links(client):
    make_session(track=make_track(slug="robotics"), venue=make_venue(slug="main"))

    response = client.get(SESSIONS_URL, {"track": "robotics", "venue": "main"})

    assert re.findall(r'<a href="\?([^"]*)" aria-label="Remove filter', response.text) == [
        "venue=main",
        "track=robotics",
    ]


def test_agenda_grid_has_a_column_per_venue_of_the_day_and_sessions_span_their_time(client):
    main, forum = make_venue(name="Main hall", order=1), make_venue(name="Forum", order=2)
    make_venue(name="Empty room", order=3)
    make_session(title="Keynote", venue=main, starts_at=shanghai(26, 9), ends_at=shanghai(26, 10))
    make_session(
        title="Panel", venue=forum, starts_at=shanghai(26, 9, 30), ends_at=shanghai(26, 11)
    )

    response = client.get(SESSIONS_URL, {"view": "grid"})

    assert re.findall(r'<h3 class="grid-head">([^<]+)</h3>', response.text) == [
        "Main hall",
        "Forum",
    ]
    assert re.findall(
        r'<li class="(row-\d+ span-\d+)"><article class="grid-session">.*?<a href="[^"]+">([^<]+)',
        response.text,
        re.S,
    ) == [("row-1 span-4", "Keynote"), ("row-3 span-6", "Panel")]
    assert re.findall(r'<li class="row-\d+">(\d\d:\d\d)</li>', response.text) == [
        "09:00",
        "09:30",
        "10:00",
        "10:30",
    ]
    assert re.findall(r'<a href="([^"]+)" aria-current="page">Grid</a>', response.text) == [
        "?view=grid"
    ]
    assert '<option value="grid" selected>Grid</option>' in response.text  # kept by the filters


def test_agenda_cancelled_session_is_marked_in_the_list_and_the_grid(client):
    make_session(title="Called off", status="cancelled", starts_at=shanghai(26, 9))

    listed = client.get(SESSIONS_URL)
    grid = client.get(SESSIONS_URL, {"view": "grid"})

    assert 'class="card session-card cancelled"' in listed.text
    assert '<span class="badge cancelled">Cancelled</span>' in listed.text
    assert 'class="grid-session cancelled"' in grid.text
    assert '<span class="badge cancelled">Cancelled</span>' in grid.text


def test_agenda_cards_show_track_colour_venue_hall_and_speakers_with_portraits(client):
    track = make_track(name="Robotics", colour="#c0392b")
    venue = make_venue(name="Core Stage", hall=make_hall(code="H1"))
    make_session(
        title="Robots", track=track, venue=venue, speakers=[make_speaker(name="Ada Lovelace")]
    )

    response = client.get(SESSIONS_URL)

    stripe = r'<svg class="track-stripe"[^>]*><rect [^>]*fill="([^"]+)"'
    assert re.findall(stripe, response.text) == ["#c0392b"]
    assert '<span class="venue">Core Stage · Hall H1</span>' in response.text
    assert re.findall(
        r'<ul class="session-speakers" aria-label="Speakers"><li><span class="portrait" '
        r'aria-hidden="true"><svg class="placeholder[^>]*>.*?</svg></span>([^<]+)</li>',
        response.text,
    ) == ["Ada Lovelace"]


def test_agenda_opening_on_today_is_cached_until_midnight_at_most(client, settings, monkeypatch):
    settings.WAIC_PAGE_CACHE_SECONDS = 60
    make_session(title="Opening", starts_at=shanghai(26, 9))
    make_session(title="Day two", starts_at=shanghai(27, 9))
    monkeypatch.setattr(agenda, "now", lambda: shanghai(26, 23, 59) + timedelta(seconds=30))

    today = client.get(SESSIONS_URL)
    chosen = client.get(SESSIONS_URL, {"day": "2025-07-26"})

    assert today["Cache-Control"] == "public, max-age=30"
    assert chosen["Cache-Control"] == "public, max-age=60"


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
        ({"view": "table"}, 400, "The agenda shows as a list or a grid; “table” is neither."),
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
    make_session(title="Same track", track=track, starts_at=shanghai(27, 9, 0))
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
    assert card_titles(response) == ["Second", "First"]
    assert session_lines(response) == ["Sun 27 July, 09:00–10:00 Same track"]


def test_a_session_page_lists_its_track_s_other_sessions_as_lines(client):
    track, hall_stage = make_track(name="Embodied AI"), make_venue(name="Hall stage")
    session = make_session(title="Robots at work", track=track, starts_at=shanghai(28, 13, 30))
    for day, title, venue, status in [
        (27, "Earlier", hall_stage, "scheduled"),
        (29, "Called off", None, "cancelled"),
        (26, "Earliest", None, "scheduled"),
    ]:
        make_session(
            title=title, track=track, venue=venue, status=status, starts_at=shanghai(day, 9, 0)
        )
    english_only = make_session(title="Only in English", track=track, starts_at=shanghai(29, 11, 0))

    english = client.get(session.get_absolute_url())
    chinese = client.get("/zh-hans" + session.get_absolute_url())

    assert session_lines(english) == [
        "Sat 26 July, 09:00–10:00 Earliest",
        "Sun 27 July, 09:00–10:00 Earlier Hall stage",
        "Tue 29 July, 09:00–10:00 Called off Cancelled",
        "Tue 29 July, 11:00–12:00 Only in English",
    ]
    link = f'<a href="/zh-hans/sessions/{english_only.slug}/" lang="en">Only in English</a>'
    assert link in chinese.text


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
    with django_assert_num_queries(3):  # the session, its track's others, all their speakers
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
