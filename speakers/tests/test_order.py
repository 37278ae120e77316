"""Speakers, tracks and venues A–Z in both languages (directory.collation), and Chinese
punctuation and dates in the programme's pages."""

import re

import pytest

from directory.testing import facet_labels
from exhibitors.tests.factories import make_exhibitor, make_hall

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db

CARD_TITLE = r'<h3 class="card-title"(?: lang="[^"]+")?><a href="[^"]+">([^<]+)</a>'
SPEAKERS = [
    ("Zeng Yi", "曾毅"),  # a surname: zeng, not ceng
    ("Lian Xiao", "连晓"),
    ("Émile Borel", None),
    ("Li Qiang", "李强"),
    ("Andrew Chi-Chih Yao", "姚期智"),
    ("Geoffrey Hinton", "杰弗里·辛顿"),
    ("anne bouverot", "安妮·布夫罗"),
]


def card_names(response):
    return re.findall(CARD_TITLE, response.text)


@pytest.fixture
def speakers():
    return [make_speaker(name_en=english, name_zh_hans=chinese) for english, chinese in SPEAKERS]


def test_speakers_are_listed_a_to_z_in_each_language(client, speakers):
    assert card_names(client.get("/speakers/")) == [
        "Andrew Chi-Chih Yao",
        "anne bouverot",
        "Émile Borel",
        "Geoffrey Hinton",
        "Li Qiang",  # every Li before Lian: word by word
        "Lian Xiao",
        "Zeng Yi",
    ]
    assert card_names(client.get("/zh-hans/speakers/")) == [
        "安妮·布夫罗",  # an ni
        "Émile Borel",
        "杰弗里·辛顿",  # jie fu li
        "李强",  # li qiang
        "连晓",  # lian xiao
        "姚期智",  # yao qi zhi
        "曾毅",  # zeng yi
    ]


def test_an_exhibitors_speakers_are_a_to_z_in_each_language(client, speakers):
    make_exhibitor(slug="tsinghua").speakers.set(speakers[:5])

    assert re.findall(CARD_TITLE, client.get("/zh-hans/exhibitors/tsinghua/").text) == [
        "Émile Borel",
        "李强",
        "连晓",
        "姚期智",
        "曾毅",
    ]


def test_track_and_venue_options_are_a_to_z_with_numbers_in_order(client):
    tracks = [
        make_track(name_en="Robotics", name_zh_hans="机器人"),
        make_track(name_en="AI Governance", name_zh_hans="人工智能治理"),
        make_track(name_en="Émerging Tech"),
    ]
    venues = [make_venue(name_en=f"Forum Hall {n}", name_zh_hans=f"论坛{n}厅") for n in (10, 2, 3)]
    venues.append(make_venue(name_en="forum hall 1"))
    for n, (track, venue) in enumerate(zip(tracks * 2, venues, strict=False)):
        make_session(track=track, venue=venue, starts_at=shanghai(26, 9 + n))

    english, chinese = client.get("/sessions/"), client.get("/zh-hans/sessions/")

    assert facet_labels(english, "track") == ["AI Governance", "Émerging Tech", "Robotics"]
    assert facet_labels(chinese, "track") == ["Émerging Tech", "机器人", "人工智能治理"]
    assert facet_labels(english, "venue") == [
        "forum hall 1",
        "Forum Hall 2",
        "Forum Hall 3",
        "Forum Hall 10",
    ]
    assert facet_labels(chinese, "venue") == ["forum hall 1", "论坛2厅", "论坛3厅", "论坛10厅"]


def test_session_cards_and_pages_say_the_weekday_as_chinese_programmes_do(client):
    make_session(slug="opening", starts_at=shanghai(26, 9, 30))

    pages = "".join(
        client.get(path).text for path in ["/zh-hans/sessions/", "/zh-hans/sessions/opening/"]
    )

    assert set(re.findall("周.|星期.", pages)) == {"周六"}


def test_affiliations_and_venues_are_punctuated_in_the_pages_language(client):
    hall = make_hall(code="H1")
    venue = make_venue(
        name_en="Forum Hall A",
        name_zh_hans="论坛A厅",
        floor="1F",
        building_en="Expo Center",
        building_zh_hans="世博中心",
        hall=hall,
    )
    speaker = make_speaker(
        slug="li",
        position_en="Premier",
        position_zh_hans="国务院总理",
        organization_en="State Council",
        organization_zh_hans="国务院",
    )
    make_session(slug="opening", venue=venue, speakers=[speaker])

    assert speaker.affiliation == "Premier, State Council"
    page = client.get("/zh-hans/sessions/opening/").text
    assert ">论坛A厅，1F，世博中心</a> · H1 馆</dd>" in page
    assert "国务院总理，国务院" in client.get("/zh-hans/speakers/").text


def test_agenda_feed_names_its_filters_as_a_list_in_the_pages_language(client):
    tracks = [
        make_track(slug="robots", name_en="Robotics", name_zh_hans="机器人"),
        make_track(slug="chips", name_en="Chips", name_zh_hans="芯片"),
    ]
    for track in tracks:
        make_session(track=track)

    feed = client.get("/zh-hans/sessions/calendar.ics?track=robots&track=chips").text

    name = re.search(r"X-WR-CALNAME:(.*)\r\n", feed)[1]
    assert (name.count("、"), name.count(", ")) == (1, 0)
