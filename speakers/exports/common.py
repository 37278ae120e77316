"""What every export writes the same way: times, titles and text that other software reads."""

import functools
import gc
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from speakers.models import SessionStatus

# Control characters (but tab and newlines) that text pasted from office documents can carry:
# XML 1.0 forbids them and RFC 5545 TEXT does not allow them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def local(moment):
    """`moment` (aware, as the database gives it) in the conference's time zone, whatever time
    zone is active."""
    return moment.astimezone(timezone.get_default_timezone())


@functools.lru_cache(maxsize=20_000)
def local_iso(moment, zone):
    """`local(moment)` in ISO 8601, `zone` naming the conference's time zone: remembered, as
    sessions share their times."""
    return local(moment).isoformat()


def printable(text):
    return CONTROL_CHARACTERS.sub("", text) if text else text


def is_cancelled(session):
    """Whether the session row (speakers/exports/rows.py) is cancelled."""
    return session["status"] == SessionStatus.CANCELLED


def title_of(session):
    """The title, marked when the session is cancelled: not every app shows STATUS."""
    if is_cancelled(session):
        return _("Cancelled: %(title)s") % {"title": session["title"]}
    return session["title"]


def without_gc_pauses(view):
    """Runs `view` with Python's cycle collector paused: an export makes tens of thousands of
    dicts and strings that reference counting frees, and the collector's passes over them took
    a third of /schedule.xml's time at ten times WAIC's size. Collection resumes after the view
    (process-wide: with threads, other requests wait as long for theirs, which is harmless)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not gc.isenabled():
            return view(*args, **kwargs)
        gc.disable()
        try:
            return view(*args, **kwargs)
        finally:
            gc.enable()

    return wrapper
