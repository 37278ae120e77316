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
        value = forms.CharField.to_python(self, value)
        if len(value) > MAX_QUERY_LENGTH:
            raise ValidationError(
                _("Search text may be at most %(max)s characters long."),
                params={"max": MAX_QUERY_LENGTH},
                code="max_length",
            )
        if any(unicodedata.category(char)[0] == "C" for char in value):
            raise ValidationError(
                _("Search text may not contain control or invisible characters."), code="invalid"
            )
        return clean_text(value)
