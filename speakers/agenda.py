"""Time on the agenda: Shanghai days, the day the agenda opens on, which sessions run now or
next, and the room × time grid of a day."""

import math
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
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


def default_day(moment):
    """The day the agenda opens on: today in Shanghai while the event runs, else its first day."""
    days = settings.WAIC_EVENT.days
    today = timezone.localtime(moment).date()
    return today if today in days else days[0]


def seconds_until_tomorrow(moment):
    """Whole seconds from `moment` to the next midnight in Shanghai, at least 1: how long a page
    that depends on today's date may be kept."""
    _, midnight = day_bounds(timezone.localtime(moment).date())
    return max(1, math.ceil((midnight - moment).total_seconds()))


def whole_slots(sessions, limit):
    """The first `limit` of `sessions` (ordered by start), less the sessions of the last start
    time if some of them were left out, and the start of the first session left out (None when
    none were): a page never shows half of a time slot. One query (`limit` + 1 rows)."""
    shown = list(sessions[: limit + 1])
    if len(shown) <= limit:
        return shown, None
    cut = shown[limit].starts_at
    whole = [session for session in shown[:limit] if session.starts_at < cut]
    if not whole:  # one time slot holds more than `limit`: cut it rather than show nothing
        return shown[:limit], cut
    return whole, cut


# The room × time grid: a row per quarter of an hour, at most a day's 96.
SLOT = timedelta(minutes=15)
ROWS_PER_DAY = 96


@dataclass
class GridCell:
    session: object
    row: int  # the first grid row (1-based) the session takes
    span: int  # how many rows it takes


@dataclass
class GridColumn:
    venue: object  # None: sessions without a venue yet
    cells: list = field(default_factory=list)


@dataclass
class Grid:
    columns: list  # the day's venues in their order, each with its sessions
    times: list  # (moment, row) of every full and half hour, for the time axis
    rows: int


def grid(sessions, day):
    """The room × time grid of `sessions` of Shanghai `day`: a column per venue that has a
    session (in the venues' order; sessions without a venue last), a row per quarter of an hour
    from the half hour before the first start to the last end (cut at midnight); each session
    spans the rows of its duration. Reads only the sessions and their venues."""
    if not sessions:
        return Grid([], [], 0)
    day_start, day_end = day_bounds(day)
    first = max(min(s.starts_at for s in sessions), day_start)
    last = min(max(s.ends_at for s in sessions), day_end)
    local = timezone.localtime(first)
    start = local.replace(minute=local.minute - local.minute % 30, second=0, microsecond=0)
    rows = min(ROWS_PER_DAY, math.ceil((last - start) / SLOT))

    columns = {}
    for session in sessions:
        begins = max(session.starts_at, start)
        ends = min(session.ends_at, day_end)
        row = min(rows, (begins - start) // SLOT + 1)
        span = max(1, min(rows - row + 1, math.ceil((ends - begins) / SLOT)))
        column = columns.setdefault(session.venue_id, GridColumn(session.venue))
        column.cells.append(GridCell(session, row, span))
    venues = sorted(
        (column for column in columns.values() if column.venue),
        key=lambda column: (column.venue.order, column.venue.name, column.venue.pk),
    )
    unplaced = [column for column in columns.values() if not column.venue]

    times = []
    moment = start
    while moment < start + rows * SLOT:
        times.append((moment, (moment - start) // SLOT + 1))
        moment += 2 * SLOT
    return Grid(venues + unplaced, times, rows)


# Now & next (/now/): what runs now and what starts within this long, venue by venue.
NEXT_WINDOW = timedelta(hours=1)


@dataclass
class VenueNow:
    venue: object  # None: sessions without a venue yet
    running: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)


def event_phase(moment):
    """ "before", "during" or "after" the event's days, in Shanghai."""
    days = settings.WAIC_EVENT.days
    today = timezone.localtime(moment).date()
    if today < days[0]:
        return "before"
    return "after" if today > days[-1] else "during"


def now_by_venue(sessions, moment):
    """`sessions` (ordered by start) that run at `moment` or start within `NEXT_WINDOW` of it,
    a `VenueNow` per venue in the venues' order (sessions without a venue last). Running ones
    get `timing` "now"; cancelled ones are listed where they would have been, but never run."""
    groups = {}
    for session in sessions:
        if session.ends_at <= moment or session.starts_at >= moment + NEXT_WINDOW:
            continue
        group = groups.setdefault(session.venue_id, VenueNow(session.venue))
        running = session.starts_at <= moment
        session.timing = "now" if running and not session.is_cancelled else ""
        (group.running if running else group.upcoming).append(session)
    placed = sorted(
        (group for group in groups.values() if group.venue),
        key=lambda group: (group.venue.order, group.venue.sort_name, group.venue.pk),
    )
    return placed + [group for group in groups.values() if not group.venue]


def seconds_until_change(sessions, moment, later_start=None):
    """Whole seconds, 1 to 60, for which a now & next page made at `moment` stays true: until
    the next start or end among `sessions`, the moment `later_start` comes within
    `NEXT_WINDOW`, or the next whole minute (the page shows the time), whichever comes first."""
    changes = [t for s in sessions for t in (s.starts_at, s.ends_at) if t > moment]
    if later_start is not None:
        changes.append(later_start - NEXT_WINDOW)
    local = timezone.localtime(moment)
    changes.append(local.replace(second=0, microsecond=0) + timedelta(minutes=1))
    return max(1, min(60, math.ceil((min(changes) - moment).total_seconds())))
