"""The form fields behind every listing's filters: what a value in the query string may be.

Free text is cleaned rather than refused (`SearchField`), or refused when a program sent it
(`StrictSearchField`); slugs and tick boxes are checked for their shape here, and for their
existence by the facets (directory/listing/filters.py). Every message names the filter and the
refused value, and says what is allowed.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
SLUG = re.compile(r"[-\w]+")
# What a program's search text may not contain (StrictSearchField): control characters and the
# invisible ones a copy and paste brings along. Written as a character class that the open data
# API's document repeats as a pattern, so that the document says exactly what is refused; any
# other character of Unicode's category C is removed, as on the pages.
INVISIBLE = r"\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
INVISIBLE_CHARACTER = re.compile(f"[{INVISIBLE}]")
# A clock time as a program sends it (StrictTimeField): 09:30 or 09:30:15.
CLOCK_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?")


def clean_text(value):
    """Search text without control or invisible characters, spaces collapsed, at most 200 long."""
    visible = "".join(char for char in value if unicodedata.category(char)[0] != "C")
    return " ".join(visible.split())[:MAX_QUERY_LENGTH]


class SearchField(forms.CharField):
    """Free text never fails validation: it is cleaned and shortened instead."""

    def to_python(self, value):
        return clean_text(super().to_python(value))


def quoted(value):
    """A refused value as a message quotes it: at most 20 characters, each invisible one shown
    as �, so that "H2" followed by a NUL is not quoted as the existing "H2"."""
    shown = "".join("\ufffd" if unicodedata.category(c)[0] == "C" else c for c in str(value))
    return " ".join(shown.split())[:20]


class SlugListField(forms.MultipleChoiceField):
    """Several slugs or codes; whether they exist is checked by the facet's query. A value of
    another shape is an unknown value too (code "invalid_choice"), which the facet reports with
    the others (`FacetedFilterSet.is_valid`); it never reaches the database."""

    widget = forms.CheckboxSelectMultiple
    max_values = 50

    def validate(self, value):
        if len(value) > self.max_values:
            raise ValidationError(
                _("Choose at most %(max)s values for “%(filter)s”."),
                params={"max": self.max_values, "filter": self.label},
                code="too_many",
            )
        super().validate(value)

    def valid_value(self, value):
        return len(value) <= 200 and SLUG.fullmatch(value) is not None


class CodeListField(SlugListField):
    """Codes printed on signs, such as halls' H1: read as upper case, as people type h1 too."""

    def to_python(self, value):
        return [item.upper() for item in super().to_python(value)]


class DayField(forms.DateField):
    """A day of the event, written 2025-07-26; `days` (a callable, read when a value is checked)
    gives the event's days, and a day outside them is refused: the listing would be empty, and a
    day such as 9999-12-31 has no next day to end it."""

    def __init__(self, *, days, **kwargs):
        self.days = days
        super().__init__(**kwargs)

    def to_python(self, value):
        days = self.days()
        span = {"first": days[0].isoformat(), "last": days[-1].isoformat()}
        try:
            day = super().to_python(value)
        except ValidationError:
            raise ValidationError(
                _("The day “%(value)s” is not a date. Choose a day from %(first)s to %(last)s."),
                params={"value": quoted(value), **span},
                code="invalid",
            ) from None
        if day is not None and day not in days:
            raise ValidationError(
                _(
                    "The event runs from %(first)s to %(last)s: there is no day “%(value)s” on"
                    " its agenda."
                ),
                params={"value": day.isoformat(), **span},
                code="outside",
            )
        return day


class TimeOfDayField(forms.TimeField):
    """A time of day, written 09:30."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” is not a time for “%(filter)s”: write it as 09:30."),
                params={"value": quoted(value), "filter": self.label},
                code="invalid",
            ) from None


class RecordListField(forms.ModelMultipleChoiceField):
    """Several records by their slugs, at most as many as a `SlugListField` takes."""

    def clean(self, value):
        if value and len(value) > SlugListField.max_values:
            raise ValidationError(
                _("Choose at most %(max)s values for one filter."),
                params={"max": SlugListField.max_values},
                code="too_many",
            )
        return super().clean(value)


class FlagField(forms.Field):
    """A tick box in a URL: "true" (or "on", "1") ticks it, nothing leaves it; anything else is
    an error rather than a guess."""

    def to_python(self, value):
        if value in (None, "", "false", "0", "off"):
            return False
        if value in ("true", "on", "1", True):
            return True
        raise ValidationError(
            _("The filter “%(filter)s” takes “true” or nothing, not “%(value)s”."),
            params={"filter": self.label, "value": quoted(value)},
            code="invalid",
        )


class StrictSearchField(SearchField):
    """Search text from a program: what a person's search box forgives is refused instead,
    so that the program learns its text was not used as sent."""

    def to_python(self, value):
        if isinstance(value, str) and len(value) > MAX_QUERY_LENGTH:  # as sent, spaces too
            raise ValidationError(
                _("Search text may be at most %(max)s characters long."),
                params={"max": MAX_QUERY_LENGTH},
                code="max_length",
            )
        if INVISIBLE_CHARACTER.search(value or ""):
            raise ValidationError(
                _("Search text may not contain control or invisible characters."), code="invalid"
            )
        return clean_text(forms.CharField.to_python(self, value))


class StrictFlagField(FlagField):
    """A tick box set by a program: exactly "true" or "false", as the API's document says."""

    def to_python(self, value):
        if value in (None, "false"):
            return False
        if value == "true":
            return True
        raise ValidationError(_("Use “true” or “false”."), "invalid")


class StrictTimeField(forms.TimeField):
    """A clock time from a program: exactly HH:MM or HH:MM:SS (`CLOCK_TIME`), never a guess at
    9:5 or a time with a zone."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not CLOCK_TIME.fullmatch(value):
            raise ValidationError(_("Give a time as HH:MM, e.g. 09:30."), code="invalid")
        return super().to_python(value)
