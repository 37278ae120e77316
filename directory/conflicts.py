"""Two organizers editing one record: the second save must not undo the first one's change.

A change form carries a fingerprint of the record as it was when the form was opened (a short
hash of each field's stored value, and of its inline rows, with the time). When it is saved,
`RecordForm.clean()` compares it with the record as stored now. If someone else saved a field
since, nothing is saved: the form comes back showing the stored values of the fields they
changed, with an error naming each field, its new value, who saved it and when, and the value
this organizer had typed there, so that they can re-apply it knowingly. Fields only this
organizer changed keep their new values. A form without a fingerprint (a revert, an import, a
script) is saved as before.
"""

import copy
import hashlib
import json
import re
from datetime import datetime

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

FINGERPRINT = "record_fingerprint"


def digest(value):
    text = json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def stored_value(instance, field):
    """A model field's value on `instance`, as stable text (related rows as their sorted ids)."""
    if field.many_to_many:
        if instance.pk is None:
            return []
        return sorted(str(pk) for pk in getattr(instance, field.name).values_list("pk", flat=True))
    # A field left blank reads None before its first save in a form and "" after: no change.
    return "" if field.value_from_object(instance) is None else field.value_to_string(instance)


def rows_value(instance, inline):
    """The inline's rows of `instance` (model, foreign key), as stable text."""
    model, fk_name = inline
    fields = [f for f in model._meta.concrete_fields if f.editable and f.name != fk_name]
    rows = model._base_manager.filter(**{fk_name: instance.pk}).order_by("pk")
    return [[str(row.pk), *(stored_value(row, f) for f in fields)] for row in rows]


def readable(field, value):
    """A value as an organizer reads it in a message."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple):
        return ", ".join(readable(field, item) for item in value) or "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or "—"
    if hasattr(value, "name") and hasattr(value, "size"):  # an upload
        return value.name
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def widget_data(bound_field):
    """{html name: [values]} a browser posts for `bound_field` showing its initial value
    (the same reading as directory.testing.form_data)."""
    field, value = bound_field.field, bound_field.value()
    if isinstance(field, forms.FileField) or value is None or value is False:
        return {}
    if isinstance(field.widget, forms.MultiWidget):
        parts = field.widget.decompress(value)
        return {
            f"{bound_field.html_name}_{i}": [widget.format_value(part) or ""]
            for i, (widget, part) in enumerate(zip(field.widget.widgets, parts, strict=True))
        }
    if value is True:
        return {bound_field.html_name: ["on"]}
    if isinstance(value, list | tuple):
        return {bound_field.html_name: [str(item) for item in value]}
    return {bound_field.html_name: [str(value)]}


class RecordForm(forms.ModelForm):
    """A change form that refuses to undo a change saved since it was opened (see module).

    `inlines` lists (model, foreign key name) of the rows edited inline, set by the admin.
    """

    inlines = ()

    record_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial[FINGERPRINT] = json.dumps(self.fingerprint())

    @cached_property
    def changed_data(self):
        """The fields the organizer changed: the fingerprint is none of them."""
        return [name for name in super().changed_data if name != FINGERPRINT]

    def model_fields(self):
        names = [name for name in self.fields if name != FINGERPRINT]
        return [self._meta.model._meta.get_field(name) for name in names if self.is_model(name)]

    def is_model(self, name):
        try:
            field = self._meta.model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        return field.concrete or field.many_to_many

    def fingerprint(self):
        """The record as stored now: the time, and a hash per field and per inline."""
        return {
            "at": timezone.now().isoformat(),
            "fields": {f.name: digest(stored_value(self.instance, f)) for f in self.model_fields()},
            "inlines": {
                model._meta.label: digest(rows_value(self.instance, (model, fk)))
                for model, fk in self.inlines
            },
        }

    def opened(self):
        """The fingerprint the form was opened with, or None (no fingerprint, or unreadable)."""
        try:
            opened = json.loads(self.data.get(self.add_prefix(FINGERPRINT)) or "null")
            readable = isinstance(opened["fields"], dict) and isinstance(opened["inlines"], dict)
            return opened if readable else None
        except (ValueError, KeyError, TypeError):
            return None

    def clean(self):
        cleaned_data = super().clean()
        opened = self.opened() if self.instance.pk is not None else None
        if opened is None:
            return cleaned_data
        now = self.fingerprint()
        changed = [
            field
            for field in self.model_fields()
            if opened["fields"].get(field.name, now["fields"][field.name])
            != now["fields"][field.name]
        ]
        inlines = [
            model
            for model, fk in self.inlines
            if opened.get("inlines", {}).get(model._meta.label, now["inlines"][model._meta.label])
            != now["inlines"][model._meta.label]
        ]
        if not changed and not inlines:
            return cleaned_data
        messages = [self.who_saved(opened)]
        for field in changed:
            mine = self.typed(field, cleaned_data, opened)
            values = {"field": capfirst(field.verbose_name), "value": self.stored(field)}
            if mine is None:
                messages.append(_("%(field)s is now “%(value)s”.") % values)
            else:
                messages.append(
                    _("%(field)s is now “%(value)s”; you had typed “%(mine)s”, not saved.")
                    % {**values, "mine": readable(field, mine)}
                )
        for model in inlines:
            messages.append(
                _(
                    "The %(rows)s were changed too: open this page again to see them as they "
                    "are now before changing them."
                )
                % {"rows": model._meta.verbose_name_plural}
            )
        self.show_stored(changed, now)
        raise ValidationError(messages, code="changed_since_opened")

    def stored(self, field):
        if field.is_relation and not field.many_to_many:
            return readable(field, getattr(self.instance, field.name))
        return readable(field, field.value_from_object(self.instance))

    def who_saved(self, opened):
        opened_at = parse_datetime(opened.get("at") or "")
        versions = Version.objects.get_for_object(self.instance).select_related("revision__user")
        if opened_at:
            versions = versions.filter(revision__date_created__gt=opened_at)
        # The last saved: a revision is dated when it opens, and the first version of a record
        # made outside the admin is saved inside the change that needed it.
        latest = versions.order_by("-revision_id").first()
        model = self._meta.model._meta.verbose_name
        if latest is None or latest.revision.user is None:
            return _(
                "This %(model)s was saved by someone else after you opened it. Nothing was "
                "saved, so as not to undo their change: the form now shows what they saved "
                "in the fields below; check them, re-apply your change where it still "
                "applies, and save again."
            ) % {"model": model}
        return _(
            "%(user)s saved this %(model)s at %(time)s, after you opened it. Nothing was "
            "saved, so as not to undo their change: the form now shows what they saved in "
            "the fields below; check them, re-apply your change where it still applies, and "
            "save again."
        ) % {
            "user": latest.revision.user.get_username(),
            "model": model,
            "time": date_format(
                timezone.localtime(latest.revision.date_created), "SHORT_DATETIME_FORMAT"
            ),
        }

    def typed(self, field, cleaned_data, opened):
        """What this organizer changed `field` to, or None when they left it as they found it."""
        if field.name not in cleaned_data:
            return None
        value = cleaned_data[field.name]
        if field.many_to_many:
            typed = sorted(str(obj.pk) for obj in value or [])
        else:
            mine = copy.copy(self.instance)
            field.save_form_data(mine, value)
            typed = stored_value(mine, field)
        return None if digest(typed) == opened["fields"][field.name] else value

    def show_stored(self, changed, now):
        """The form shows the stored values of `changed` fields, and the new fingerprint, so
        that saving it again saves what the organizer sees."""
        stored = type(self)(instance=self.instance, prefix=self.prefix)
        data = self.data.copy()
        for field in changed:
            bound = stored[field.name]
            for name in list(data):
                if re.fullmatch(rf"{re.escape(bound.html_name)}(_\d+)?", name):
                    del data[name]
            for name, values in widget_data(bound).items():
                data.setlist(name, values)
        data[self.add_prefix(FINGERPRINT)] = json.dumps(now)
        self.data = data
