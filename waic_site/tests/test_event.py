"""The edition of WAIC, set once in settings.WAIC_EVENT, as pages, feeds and exports say it."""

from datetime import date

from django.conf import settings
from django.utils.translation import override

from waic_site.event import Event

WAIC_2025 = settings.WAIC_EVENT


def test_the_edition_is_waic_2025_from_26_to_28_july():
    assert (WAIC_2025.edition, WAIC_2025.year, WAIC_2025.days) == (
        "WAIC 2025",
        2025,
        (date(2025, 7, 26), date(2025, 7, 27), date(2025, 7, 28)),
    )


def test_its_title_puts_the_year_where_each_language_does():
    with override("zh-hans"):
        chinese = WAIC_2025.title

    assert WAIC_2025.title == "World Artificial Intelligence Conference 2025"
    assert chinese == "2025世界人工智能大会"


def test_its_dates_are_one_range_in_each_language():
    with override("zh-hans"):
        chinese = WAIC_2025.dates

    assert WAIC_2025.dates == "26–28 July 2025"
    assert chinese == "2025年7月26日至28日"


def test_its_times_note_names_the_time_zone_in_each_language():
    with override("zh-hans"):
        chinese = WAIC_2025.times_note

    assert WAIC_2025.times_note == "All times are Shanghai time (GMT+8)."
    assert chinese == "所有时间均为北京时间（GMT+8）。"


def test_another_edition_is_a_matter_of_its_facts():
    event = Event(
        name="World Artificial Intelligence Conference",
        acronym="WAIC",
        days=(date(2024, 7, 4), date(2024, 7, 5), date(2024, 7, 6)),
        theme="",
        venues="",
        city="Shanghai",
        address={},
        time_zone_name="Shanghai time",
        utc_offset="GMT+8",
    )

    assert (event.edition, event.title, event.dates) == (
        "WAIC 2024",
        "World Artificial Intelligence Conference 2024",
        "4–6 July 2024",
    )
