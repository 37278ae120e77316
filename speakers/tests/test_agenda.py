from datetime import date, timedelta

from speakers.agenda import (
    default_day,
    grid,
    mark_now_and_next,
    seconds_until_tomorrow,
    whole_slots,
)
from speakers.models import Session, Venue

from .factories import shanghai


def session(title, day, start, end, status="scheduled", venue=None):
    return Session(
        title=title,
        starts_at=shanghai(day, *start) if isinstance(start, tuple) else shanghai(day, start),
        ends_at=shanghai(day, *end) if isinstance(end, tuple) else shanghai(day, end),
        status=status,
        venue=venue,
    )


def timings(sessions):
    return [(s.title, s.timing) for s in sessions]


def test_cancelled_sessions_are_never_now_or_next():
    sessions = [
        session("Cancelled running", 26, 9, 11, status="cancelled"),
        session("Running", 26, 9, 11),
        session("Cancelled next", 26, 10, 11, status="cancelled"),
        session("Next", 26, 11, 12),
    ]

    assert timings(mark_now_and_next(sessions, shanghai(26, 9, 30))) == [
        ("Cancelled running", ""),
        ("Running", "now"),
        ("Cancelled next", ""),
        ("Next", "next"),
    ]


def test_next_is_only_marked_on_the_same_shanghai_day():
    sessions = [session("Tomorrow", 27, 9, 10)]

    assert timings(mark_now_and_next(sessions, shanghai(26, 20))) == [("Tomorrow", "")]


def test_the_agenda_opens_on_today_in_shanghai_during_the_event_else_on_its_first_day():
    assert default_day(shanghai(25, 23, 59)) == date(2025, 7, 26)
    assert default_day(shanghai(27, 0, 0)) == date(2025, 7, 27)
    assert default_day(shanghai(28, 23, 59)) == date(2025, 7, 28)
    assert default_day(shanghai(29, 0, 0)) == date(2025, 7, 26)


def test_a_page_of_today_lives_until_midnight_in_shanghai():
    assert seconds_until_tomorrow(shanghai(26, 23, 59) + timedelta(seconds=30)) == 30
    assert seconds_until_tomorrow(shanghai(26, 0, 0)) == 24 * 3600


def test_a_cut_agenda_keeps_whole_time_slots():
    sessions = [session(name, 26, hour, hour + 1) for name, hour in
                [("A", 9), ("B", 9), ("C", 10), ("D", 10), ("E", 11)]]  # fmt: skip

    assert whole_slots(sessions, 5) == (sessions, None)
    assert whole_slots(sessions, 3) == (sessions[:2], shanghai(26, 10))
    assert whole_slots(sessions, 1) == (sessions[:1], shanghai(26, 9))  # one slot too big


def test_the_grid_has_a_column_per_venue_in_order_and_one_for_sessions_without_a_venue():
    main, side = Venue(pk=1, name="Main", order=1), Venue(pk=2, name="Side", order=2)
    sessions = [
        session("Unplaced", 26, 9, 10),
        session("Side talk", 26, (9, 15), (9, 45), venue=side),
        session("Keynote", 26, (9, 30), 11, venue=main),
        session("Late", 26, 23, 23, venue=main),
    ]
    sessions[-1].ends_at = shanghai(27, 1)  # runs past midnight: cut there

    day = grid(sessions, date(2025, 7, 26))

    assert [(c.venue and c.venue.name, [(x.session.title, x.row, x.span) for x in c.cells])
            for c in day.columns] == [
        ("Main", [("Keynote", 3, 6), ("Late", 57, 4)]),
        ("Side", [("Side talk", 2, 2)]),
        (None, [("Unplaced", 1, 4)]),
    ]  # fmt: skip
    assert day.rows == 60  # 09:00 to midnight in quarters of an hour
    assert [(moment.strftime("%H:%M"), row) for moment, row in day.times[:3]] == [
        ("09:00", 1), ("09:30", 3), ("10:00", 5),
    ]  # fmt: skip


def test_the_grid_starts_on_the_half_hour_before_the_first_session():
    day = grid([session("Late start", 26, (10, 45), (11, 15))], date(2025, 7, 26))

    assert [(c.cells[0].row, c.cells[0].span) for c in day.columns] == [(2, 2)]
    assert day.times[0][0] == shanghai(26, 10, 30)
    assert day.rows == 3
