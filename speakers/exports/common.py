"""What every export writes the same way: times, titles and text that other software reads."""

import re

from django.utils import timezone
from django.utils.translation import gettext as _

# Control characters (but tab and newlines) that text pasted from office documents can carry:
# XML 1.0 forbids them and RFC 5545 TEXT does not allow them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def local(moment):
    """`moment` in the conference's time zone, whatever time zone is active."""
    return timezone.localtime(moment, timezone.get_default_timezone())


def printable(text):
    return CONTROL_CHARACTERS.sub("", text) if text else text


def title_of(session):
    """The title, marked when the session is cancelled: not every app shows STATUS."""
    if session.is_cancelled:
        return _("Cancelled: %(title)s") % {"title": session.title}
    return session.title
