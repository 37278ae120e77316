"""The form fields behind every listing's filters: what a value in the query string may be.

Free text is cleaned rather than refused (`SearchField`), or refused when a program sent it
(`StrictSearchField`); slugs and tick boxes are checked for their shape here, and for their
existence by the facets (directory/listing/filters.py).
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


class SlugListField(forms.MultipleChoiceField):
    """Several slugs or codes; whether they exist is checked by the facet's query."""

    widget = forms.CheckboxSelectMultiple
    max_values = 50

    def validate(self, value):
        if len(value) > self.max_values:
            raise ValidationError(
                _("Choose at most %(max)s values for one filter."),
                params={"max": self.max_values},
                code="too_many",
            )
        super().validate(value)

    def valid_value(self, value):
        return len(value) <= 200 and SLUG.fullmatch(value) is not None


class FlagField(forms.Field):
    """A tick box in a URL: "true" (or "on", "1") ticks it, nothing leaves it; anything else is
    an error rather than a guess."""

    def to_python(self, value):
        if value in (None, "", "false", "0", "off"):
            return False
        if value in ("true", "on", "1", True):
            return True
        raise ValidationError(_("Use “true” to tick this filter, or leave it out."), "invalid")


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
