"""What every directory model's spreadsheet shares: the admin's imports and exports.

Rows are matched on `slug`, so re-importing a corrected sheet updates records in place. Related
records are named by their slug or code (`KeyWidget`, `KeyListWidget`), never by database ids.
Every bad row is reported under the column it came from, and one bad row refuses the whole file.
Translated fields come as one column per language (`name_en`, `name_zh_hans`, see
`bilingual_columns`); a name is required in one of them, as in the admin.
"""

import re

import reversion
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import CharField, TextField
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from import_export.instance_loaders import CachedInstanceLoader
from modeltranslation.utils import get_translation_fields

from directory.bilingual import translated_fields

LIST_SEPARATOR = ";"


def bilingual_columns(model, names):
    """`names` with each translated field as its columns in every language, in place:
    ["slug", "name"] → ["slug", "name_en", "name_zh_hans"]."""
    translated = translated_fields(model)
    return [
        column
        for name in names
        for column in (get_translation_fields(name) if name in translated else [name])
    ]


class KeyWidget(widgets.ForeignKeyWidget):
    """A related record named by its slug or code; an unknown one is a row error."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(str(value).strip() if value is not None else value, row)
        except self.model.DoesNotExist:
            raise ValueError(
                _("Unknown %(model)s “%(value)s”.")
                % {"model": self.model._meta.verbose_name, "value": value}
            ) from None


class KeyListWidget(widgets.ManyToManyWidget):
    """Related records as slugs separated by semicolons, e.g. `robotics; chips`."""

    def __init__(self, model, field="slug"):
        super().__init__(model, separator=LIST_SEPARATOR, field=field)

    def clean(self, value, row=None, **kwargs):
        keys = [key.strip() for key in str(value or "").split(self.separator) if key.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": keys})
        unknown = sorted(set(keys) - {getattr(obj, self.field) for obj in found})
        if unknown:
            raise ValueError(
                _("Unknown %(model)s: %(keys)s.")
                % {"model": self.model._meta.verbose_name, "keys": ", ".join(unknown)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:  # an unsaved record has no related rows yet
            return ""
        return f"{self.separator} ".join(getattr(related, self.field) for related in value.all())


class BlankAsNullWidget(widgets.CharWidget):
    """An empty translation is stored as NULL (as the admin stores it): an empty cell reads so,
    and an export → import round trip changes nothing."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs) or None


class PreviewDiff(resources.Diff):
    """The preview's changes as <ins> and <del> without inline styles, so a strict
    Content-Security-Policy does not need to allow them."""

    def as_html(self):
        return [mark_safe(re.sub(r' style="[^"]*"', "", html)) for html in super().as_html()]


class DirectoryResource(resources.ModelResource):
    """Shared behaviour: slug as the key, errors by column, history for every imported row."""

    # The column that hears a model's errors spanning several columns (e.g. a constraint).
    non_field_column = None

    class Meta:
        import_id_fields = ["slug"]
        instance_loader_class = CachedInstanceLoader  # one query finds every row's record
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def get_diff_class(self):
        return PreviewDiff

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.null and isinstance(f, CharField | TextField):
            return BlankAsNullWidget
        return super().widget_from_django_field(f, default)

    def before_import_row(self, row, **kwargs):
        # An empty cell is None in XLSX and "" in CSV: read both the same way.
        for column, value in row.items():
            if value is None:
                row[column] = ""

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.error_dict
        # List columns are only written after the row is saved: check them now.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error))]
        self.check_row(instance, errors)
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance, errors):
        """Add to `errors` ({field: [ValidationError]}) what else is wrong with the row's record
        once its columns are read; nothing by default."""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise ValidationError(self.errors_by_column(error.error_dict)) from None

    def errors_by_column(self, error_dict):
        columns = {field.attribute: field.column_name for field in self.get_import_fields()}
        columns[NON_FIELD_ERRORS] = self.non_field_column or NON_FIELD_ERRORS
        # A translated field without a value in either language is reported once, by the
        # model's clean() under its English column, not again as the untranslated `name`.
        untranslated = translated_fields(self._meta.model)
        return {
            columns.get(key, key): errors
            for key, errors in error_dict.items()
            if key not in untranslated
        }

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        if reversion.is_active():
            # Record the row again, now with its related rows (categories, speakers).
            reversion.add_to_revision(instance)
