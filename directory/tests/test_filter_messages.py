"""What a listing says about bad input (issue #14 part 5): every refused value is named with its
filter and what may be chosen instead, in the page's language; every bad value at once; never
as an active filter. And what the filter panel offers besides: quick filters, chips, "Show all".
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from directory.tests.test_listing import chip_links as chips
from directory.tests.test_listing import problem as problems
from exhibitors.tests.factories import make_category, make_exhibitor, make_hall
from speakers.tests.factories import make_session, make_speaker, make_track, shanghai

pytestmark = pytest.mark.django_db

EXHIBITORS = "exhibitors:exhibitor_list"
SPEAKERS = "speakers:speaker_list"
SESSIONS = "speakers:session_list"


def get(client, name, query, language="en"):
    with translation.override(language):
        url = reverse(name)
    return client.get(url, query)


def quick_filters(response):
    [row] = re.findall(r'<nav class="quick-filters"[^>]*>(.*?)</nav>', response.text, re.S)
    return re.findall(r'<a href="\?([^"]*)"( class="on" aria-current="true")?>([^<]+)</a>', row)


@pytest.fixture
def exhibitors():
    """Three exhibitors in two halls of three, from two countries, in two categories."""
    robots = make_category(slug="robots", name="Robots")
    chips_ = make_category(slug="chips", name="Chips")
    h1, h2 = make_hall(code="H1", name="Core"), make_hall(code="H2", name="Terminals")
    make_hall(code="H3", name="Empty")
    make_exhibitor(name="Unitree", hall=h2, country="CN", categories=[robots])
    make_exhibitor(name="Huawei", hall=h1, country="CN", categories=[chips_, robots])
    make_exhibitor(name="Nvidia", hall=h1, country="US", categories=[chips_])


@pytest.mark.parametrize(
    ("query", "language", "messages"),
    [
        (
            {"country": "XX"},
            "en",
            ["There is no country “XX”. Choose one of the 2 countries listed."],
        ),
        (
            {"country": "XX"},
            "zh-hans",
            ["没有名为“XX”的国家/地区。请从列出的 2 个国家/地区中选择。"],
        ),
        (
            {"hall": "H9"},
            "en",
            ["There is no hall “H9”. Choose one of the 2 halls listed."],  # H3 has no one
        ),
        ({"hall": "H9"}, "zh-hans", ["没有名为“H9”的展馆。请从列出的 2 个展馆中选择。"]),
        (
            {"category": "cars"},
            "en",
            ["There is no category “cars”. Choose one of the 2 categories listed."],
        ),
        ({"category": "cars"}, "zh-hans", ["没有名为“cars”的类别。请从列出的 2 个类别中选择。"]),
        (
            {"category": "robots", "hall": "H2", "country": "US"},  # nothing left to list
            "en",
            [],
        ),
        (
            {"featured": "yes"},
            "en",
            ["The filter “Featured” takes “true” or nothing, not “yes”."],
        ),
        ({"featured": "yes"}, "zh-hans", ["筛选条件“推荐”只接受“true”或留空，不接受“yes”。"]),
        (
            {"category": ["robots"] * 51},
            "en",
            ["Choose at most 50 values for “Category”."],
        ),
        ({"category": ["robots"] * 51}, "zh-hans", ["“类别”最多选择 50 个值。"]),
        (
            {"sort": "random"},
            "en",
            [
                "There is no sort order “random”. Choose name (A–Z), featured (featured first)"
                " or hall (by hall and booth)."
            ],
        ),
        (
            {"sort": "random"},
            "zh-hans",
            [
                "没有“random”这种排序方式。请选择 name（按名称 A–Z）、featured（推荐优先）"
                "或 hall（按展馆和展位）。"
            ],
        ),
        (
            {"hall": "H1\x00"},  # never read as H1, never sent to the database
            "en",
            ["There is no hall “H1\ufffd”. Choose one of the 2 halls listed."],
        ),
        (
            {"category": "x" * 300},
            "en",
            ["There is no category “xxxxxxxxxxxxxxxxxxxx”. Choose one of the 2 categories listed."],
        ),
    ],
)
def test_a_refused_exhibitor_filter_is_named_with_its_value_and_what_may_be_chosen(
    client, exhibitors, query, language, messages
):
    response = get(client, EXHIBITORS, query, language)

    if not messages:
        assert response.status_code == 200
        return
    headline = {"en": "Some filters could not be understood.", "zh-hans": "部分筛选条件无法识别。"}
    assert response.status_code == 400
    assert problems(response) == (headline[language], messages)


def test_every_bad_value_is_reported_at_once_in_the_filters_order(client, exhibitors):
    response = get(
        client,
        EXHIBITORS,
        {"featured": "x", "country": ["CN", "XX", "YY"], "hall": ["h9", "H1"], "page": "0"},
    )

    assert response.status_code == 400
    assert problems(response)[1] == [
        "There is no hall “H9”. Choose one of the 2 halls listed.",
        "There is no country “XX”. Choose one of the 2 countries listed.",
        "There is no country “YY”. Choose one of the 2 countries listed.",
        "The filter “Featured” takes “true” or nothing, not “x”.",
        "“0” is not a page number.",
    ]


def test_an_unknown_value_is_never_an_active_chip_and_the_known_ones_stay(client, exhibitors):
    response = get(client, EXHIBITORS, {"hall": ["H1", "H9"], "country": "CN"})

    assert response.status_code == 400
    assert chips(response) == [
        ("hall=H9&amp;country=CN", "Hall: H1 · Core"),
        ("hall=H1&amp;hall=H9", "Country: China"),
    ]
    assert "Hall: H9" not in response.text


def test_the_refused_page_lists_the_options_it_names(client, exhibitors):
    response = get(client, EXHIBITORS, {"country": "XX"})

    options = re.findall(r'name="country" value="([A-Z]+)"', response.text)
    assert options == ["CN", "US"]
    assert '<details class="filter-panel" id="filters">' in response.text  # the message first
    assert re.findall(r'<details class="facet" open>\s*<summary>(\w+)', response.text) == [
        "Country"
    ]


def test_lower_case_hall_codes_are_read_as_upper_case(client, exhibitors):
    response = get(client, EXHIBITORS, {"hall": ["h2"]})

    assert response.status_code == 200
    assert re.findall(r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', response.text) == [
        "Unitree"
    ]
    assert 'name="hall" value="H2" checked>' in response.text
    assert chips(response) == [("", "Hall: H2 · Terminals")]  # the chip drops h2


@pytest.mark.parametrize(
    ("query", "language", "message"),
    [
        (
            {"day": "2025-02-30"},
            "en",
            "The day “2025-02-30” is not a date. Choose a day from 2025-07-26 to 2025-07-28.",
        ),
        (
            {"day": "tomorrow"},
            "zh-hans",
            "“tomorrow”不是有效的日期。请选择 2025-07-26 至 2025-07-28 之间的一天。",
        ),
        (
            {"day": "2025-07-29"},
            "en",
            "The event runs from 2025-07-26 to 2025-07-28: there is no day “2025-07-29” on its"
            " agenda.",
        ),
        (
            {"day": "9999-12-31"},
            "zh-hans",
            "大会会期为 2025-07-26 至 2025-07-28：议程中没有“9999-12-31”这一天。",
        ),
        (
            {"from": "14:00", "until": "12:00"},
            "en",
            "“Starting from” 14:00 is not before “Starting before” 12:00: no session starts in"
            " between. Choose an earlier start or a later end.",
        ),
        (
            {"from": "12:00", "until": "12:00"},
            "zh-hans",
            "“开始时间不早于”12:00 不早于“开始时间早于”12:00：其间没有开始的日程。"
            "请选择更早的开始时间或更晚的结束时间。",
        ),
        (
            {"until": "noon"},
            "en",
            "“noon” is not a time for “Starting before”: write it as 09:30.",
        ),
        (
            {"from": "25:00"},
            "zh-hans",
            "“25:00”不是有效的“开始时间不早于”时间：请写成 09:30 这样的格式。",
        ),
        (
            {"track": "nope"},
            "en",
            "There is no track “nope”. Choose the track listed.",
        ),
        (
            {"type": "party"},
            "en",
            "There is no type “party”. Choose the type listed.",
        ),
        ({"type": "party"}, "zh-hans", "没有名为“party”的类型。请从列出的 1 个类型中选择。"),
        (
            {"language": "fr"},
            "en",
            "There is no language “fr”. Choose the language listed.",
        ),
        (
            {"speaker": "nobody"},
            "en",
            "There is no speaker “nobody”.",
        ),
    ],
)
def test_a_refused_agenda_filter_is_named_with_its_value_and_what_may_be_chosen(
    client, query, language, message
):
    make_session(title="Opening", track=make_track(slug="robotics"), starts_at=shanghai(26, 9))

    response = get(client, SESSIONS, query, language)

    assert response.status_code == 400
    assert problems(response)[1] == [message]


def test_a_refused_speaker_filter_is_named_too(client):
    make_speaker(country="CN")

    response = get(client, SPEAKERS, {"country": "XX", "keynote": "1x", "day": "0001-01-01"})

    assert response.status_code == 400
    assert problems(response)[1] == [
        "There is no country “XX”. Choose the country listed.",
        "The event runs from 2025-07-26 to 2025-07-28: there is no day “0001-01-01” on its agenda.",
        "The filter “Keynote” takes “true” or nothing, not “1x”.",
    ]


def test_the_api_answers_with_the_same_messages_by_parameter(client, exhibitors):
    response = client.get("/api/v1/exhibitors/", {"hall": "h9", "country": "XX", "lang": "zh-hans"})

    assert response.status_code == 400
    assert response.json() == {
        "hall": ["没有名为“H9”的展馆。请从列出的 2 个展馆中选择。"],
        "country": ["没有名为“XX”的国家/地区。"],  # none in hall H9
    }


def test_quick_filters_choose_or_drop_one_value_keeping_the_others(client, exhibitors):
    response = get(client, EXHIBITORS, {"hall": "H1", "country": "CN"})

    assert quick_filters(response) == [  # halls, then categories, as the attendees choose
        ("country=CN", ' class="on" aria-current="true"', "H1 · Core"),
        ("hall=H1&amp;hall=H2&amp;country=CN", "", "H2 · Terminals"),
        ("hall=H1&amp;country=CN&amp;category=chips", "", "Chips"),
        ("hall=H1&amp;country=CN&amp;category=robots", "", "Robots"),
    ]


def test_the_agenda_quick_filters_are_tracks_and_types_and_a_day_replaces_the_day(client):
    make_session(track=make_track(slug="robotics", name="Robotics"), type="forum")

    response = get(client, SESSIONS, {"day": "2025-07-26"})

    assert quick_filters(response) == [
        ("day=2025-07-26&amp;track=robotics", "", "Robotics"),
        ("day=2025-07-26&amp;type=forum", "", "Forum"),
    ]


def test_a_long_facet_shows_its_top_eight_then_show_all(client):
    for n in range(10):
        category = make_category(slug=f"c{n}", name=f"C{n}")
        for _ in range(n + 1):
            make_exhibitor(categories=[category])

    response = get(client, EXHIBITORS, {"category": "c0"})

    top, more = re.findall(
        r'<legend class="visually-hidden">Category</legend>(.*?)<details class="more">'
        r"\s*<summary>Show all 10</summary>(.*?)</details>",
        response.text,
        re.S,
    )[0]
    assert re.findall(r'value="(c[0-9])"', top) == ["c0", "c3", "c4", "c5", "c6", "c7", "c8", "c9"]
    assert re.findall(r'value="(c[0-9])"', more) == ["c1", "c2"]


def test_the_filter_form_names_its_page_and_counts_the_active_filters(client, exhibitors):
    response = get(client, EXHIBITORS, {"hall": ["H1", "H2"], "country": "CN"}, "zh-hans")

    assert '<form class="filters" method="get" action="/zh-hans/exhibitors/"' in response.text
    assert (
        '<summary class="filter-toggle">筛选 <span class="filter-count">(3)</span></summary>'
        in response.text
    )


@pytest.mark.parametrize(
    ("path", "unticked"),
    [("/exhibitors/", "0"), ("/api/v1/exhibitors/", "false")],  # the API's booleans are strict
)
def test_an_unticked_tick_box_is_no_filter_and_no_error(client, exhibitors, path, unticked):
    response = client.get(path, {"featured": "false", "premiere": unticked})

    assert response.status_code == 200
