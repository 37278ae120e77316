from speakers.agenda import mark_now_and_next
from speakers.models import Session

from .factories import shanghai


def session(title, day, start, end, status="scheduled"):
    return Session(
        title=title, starts_at=shanghai(day, start), ends_at=shanghai(day, end), status=status
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
