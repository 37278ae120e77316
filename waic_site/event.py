"""The edition of WAIC this directory is for, as pages, feeds and exports name it.

Its facts are set once, in `settings.WAIC_EVENT`; templates read them as `event`, which base.html
sets (waic_site/templatetags/event.py). Texts come out in the active language.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext


@dataclass(frozen=True)
class Event:
    name: str
    acronym: str
    days: tuple[date, ...]
    theme: str
    venues: str
    city: str
    address: dict  # schema.org PostalAddress properties
    time_zone_name: str
    utc_offset: str

    @property
    def year(self):
        return self.days[0].year

    @property
    def edition(self):
        """The same in every language: "WAIC 2025"."""
        return f"{self.acronym} {self.year}"

    @property
    def title(self):
        """ "World Artificial Intelligence Conference 2025", "2025世界人工智能大会"."""
        pattern = pgettext("the conference's name and year", "%(name)s %(year)s")
        return pattern % {"name": self.name, "year": self.year}

    @property
    def dates(self):
        """ "26–28 July 2025", "2025年7月26日至28日": the first and last day, of one month."""
        # Translators: date formats (https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date)
        # for the first and the last of the event's days, e.g. "26" and "28 July 2025".
        first = date_format(self.days[0], pgettext("the first of the event's days", "j"))
        last = date_format(self.days[-1], pgettext("the last of the event's days", "j F Y"))
        pattern = pgettext("the first and the last of the event's days", "%(first)s–%(last)s")
        return pattern % {"first": first, "last": last}

    @property
    def times_note(self):
        """ "All times are Shanghai time (GMT+8).", under every agenda."""
        return gettext("All times are %(zone)s (%(offset)s).") % {
            "zone": self.time_zone_name,
            "offset": self.utc_offset,
        }
