"""Time on the agenda: Shanghai days, and which sessions run now or next."""

from datetime import datetime, time, timedelta

from django.utils import timezone


def now():
    """The current moment; the one place tests freeze the clock (monkeypatch this function)."""
    return timezone.now()


def day_bounds(day):
    """The aware start and end of a calendar day in Shanghai (the site's time zone)."""
    start = datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())
    return start, start + timedelta(days=1)


def mark_now_and_next(sessions, moment):
    """Set `timing` on each session: "now" while it runs, "next" for the sessions that start
    soonest after `moment` on the same Shanghai day, "" otherwise. Cancelled ones never run."""
    upcoming = [
        s.starts_at
        for s in sessions
        if not s.is_cancelled
        and s.starts_at > moment
        and s.local_day == timezone.localtime(moment).date()
    ]
    next_start = min(upcoming, default=None)
    for session in sessions:
        if session.is_cancelled:
            session.timing = ""
        elif session.starts_at <= moment < session.ends_at:
            session.timing = "now"
        elif session.starts_at == next_start:
            session.timing = "next"
        else:
            session.timing = ""
    return sessions


def mark_overlaps(sessions):
    """Set `overlaps` on each of `sessions` (ordered by start): the others among them that run
    at the same time, at least partly. Cancelled sessions take no time; back to back is fine."""
    for session in sessions:
        session.overlaps = []
    running = [session for session in sessions if not session.is_cancelled]
    for index, session in enumerate(running):
        for later in running[index + 1 :]:
            if later.starts_at >= session.ends_at:
                break  # every later one starts later still
            session.overlaps.append(later)
            later.overlaps.append(session)
    return sessions
