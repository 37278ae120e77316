"""What every directory model's spreadsheet shares: the admin's imports and exports.

Rows are matched on `slug`, so re-importing a corrected sheet updates records in place. Related
records are named by their slug or code (`KeyWidget`, `KeyListWidget`), never by database ids.
Every bad row is reported under the column it came from, and one bad row refuses the whole file.
A text that a spreadsheet would take for a formula (`=…`, `+…`, `-…`, `@…`) is exported with a
leading `'`, which an import removes again.
Translated fields come as one column per language (`name_en`, `name_zh_hans`, see
`bilingual_columns`); a name is required in one of them, as in the admin.

An import never holds the database while it reads a file: every row is read and checked first,
writing nothing and opening no transaction, so a preview takes no lock (on SQLite a writing
transaction locks the whole database). Each row is checked against the database as the rows
before it would leave it (`Plan`): a slug, booth or time taken by an earlier row counts, one an
earlier row gives up is free. Only then, when the organizer confirms and every row is good, the
checked records are written in one short transaction.
"""

import re

import reversion
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import router, transaction
from django.db.models import CharField, Q, TextField, UniqueConstraint, Value
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from import_export.instance_loaders import CachedInstanceLoader
from modeltranslation.utils import get_translation_fields

from directory.bilingual import translated_fields

LIST_SEPARATOR = ";"

# A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """A text that a spreadsheet would run as a formula, quoted as OWASP advises: "=1+2" →
    "'=1+2". Numbers such as "-3" stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        try:
            float(value)
        except ValueError:
            return f"'{value}"
    return value


def unescape_formula(value):
    """What `escape_formula` quoted, back as it was: an exported sheet imports unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


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


class PreviewCells(list):
    """A preview row's cells, and the columns whose value the row would empty."""

    def __init__(self, cells, emptied):
        super().__init__(cells)
        self.emptied = emptied


class PreviewDiff(resources.Diff):
    """The preview's changes as <ins> and <del> without inline styles, so a strict
    Content-Security-Policy does not need to allow them; and the columns emptied."""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.columns = [field.column_name for field in resource.get_import_fields()]

    def emptied(self):
        """The columns that had a value and would have none: a sheet that leaves a column out
        changes nothing there, so only cleared cells count."""
        if self.new:
            return []
        return [
            column
            for column, old, new in zip(self.columns, self.left, self.right, strict=False)
            if old not in (None, "") and new in (None, "")
        ]

    def as_html(self):
        cells = [mark_safe(re.sub(r' style="[^"]*"', "", html)) for html in super().as_html()]
        return PreviewCells(cells, self.emptied())


class Plan:
    """The records a file's rows would write, in order, while the rows are checked.

    `replaced` holds the primary keys of stored records that a planned row changes: what the
    database says about them no longer counts, their planned values do. `keys` maps each
    uniqueness rule and value to the planned record that holds it.
    """

    def __init__(self):
        self.rows = []
        self.replaced = set()
        self.keys = {}
        self.keys_of = {}  # id(record): its keys
        # What else a resource's own checks look up, e.g. the sessions in each venue:
        # {place: {id(record): record}}, and each record's places.
        self.places = {}
        self.places_of = {}

    def put(self, record, places):
        """Record that `record` is now in `places` (and no longer where it was)."""
        for place in self.places_of.pop(id(record), []):
            self.places[place].pop(id(record), None)
        for place in places:
            self.places.setdefault(place, {})[id(record)] = record
        self.places_of[id(record)] = places

    def at(self, place):
        return self.places.get(place, {}).values()


def uniqueness_rules(model):
    """Each way two records of `model` must differ, as (fields, condition, constraint): unique
    fields, `unique_together` and unique constraints over fields."""
    rules = [
        ((field.name,), None, None)
        for field in model._meta.concrete_fields
        if field.unique and not field.primary_key
    ]
    rules += [(tuple(fields), None, None) for fields in model._meta.unique_together]
    rules += [
        (tuple(constraint.fields), constraint.condition, constraint)
        for constraint in model._meta.constraints
        if isinstance(constraint, UniqueConstraint) and constraint.fields
    ]
    return rules


class DirectoryResource(resources.ModelResource):
    """Shared behaviour: slug as the key, errors by column, history for every imported row,
    rows checked before anything is written."""

    # The column that hears a model's errors spanning several columns (e.g. a constraint).
    non_field_column = None

    class Meta:
        import_id_fields = ["slug"]
        instance_loader_class = CachedInstanceLoader  # one query finds every row's record
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def get_diff_class(self):
        return PreviewDiff

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if f.null and isinstance(f, CharField | TextField):
            return BlankAsNullWidget
        return super().widget_from_django_field(f, default)

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        result.number = kwargs.get("row_number")  # as invalid rows have it: the preview shows it
        return result

    def before_import_row(self, row, **kwargs):
        # An empty cell is None in XLSX and "" in CSV: read both the same way.
        for column, value in row.items():
            row[column] = "" if value is None else unescape_formula(value)

    def export_resource(self, instance, selected_fields=None, **kwargs):
        # Nothing an organizer or exhibitor typed becomes a live formula in someone's sheet.
        return [
            escape_formula(value)
            for value in super().export_resource(instance, selected_fields, **kwargs)
        ]

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

    # Reading and checking every row first, then writing them in one short transaction.

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        """Check every row without writing; unless this is a preview (`dry_run`) or a row is
        bad, write them all. All or nothing, whatever `rollback_on_validation_errors` says."""
        self.plan = Plan()
        result = self.import_data_inner(
            dataset, True, raise_errors, False, collect_failed_rows, **kwargs
        )
        if dry_run or result.has_errors() or result.has_validation_errors():
            return result
        try:
            with transaction.atomic(using=self.get_db_connection_name()):
                self.write_plan(**kwargs)
        except Exception as error:  # e.g. a booth taken since the rows were checked
            self.handle_import_error(result, error, raise_errors)
        else:
            self.record_history(**kwargs)
        return result

    def write_plan(self, **kwargs):
        kwargs |= {"dry_run": False, "using_transactions": True}
        for instance, new, row in self.plan.rows:
            self.save_instance(instance, new, row, **kwargs)
            self.save_m2m(instance, row, **kwargs)

    def record_history(self, user=None, file_name=None, **kwargs):
        """One revision for the import with every record it wrote and their related rows (an
        exhibitor's categories, a session's speakers). Read once the records are committed, so
        that reading them does not lengthen the writing transaction."""
        with reversion.create_revision(manage_manually=True, atomic=False):
            reversion.set_user(user)
            reversion.set_comment(_("Imported from %(file)s.") % {"file": file_name})
            for instance, _new, _row in self.plan.rows:
                if reversion.is_registered(type(instance)):
                    reversion.add_to_revision(instance)

    @staticmethod
    def checking(kwargs):
        """Whether the rows are being checked (no writing): django-import-export's own dry run
        without a transaction."""
        return kwargs.get("dry_run") and not kwargs.get("using_transactions")

    def save_instance(self, instance, is_create, row, **kwargs):
        if self.checking(kwargs):
            self.add_to_plan(instance, is_create, row)
        else:
            super().save_instance(instance, is_create, row, **kwargs)

    def add_to_plan(self, instance, new, row):
        """Count a good row's record as written for the rows after it."""
        plan = self.plan
        plan.rows.append((instance, new, row))
        if not new:
            plan.replaced.add(instance.pk)
        for key in plan.keys_of.pop(id(instance), []):  # a record planned by an earlier row
            plan.keys.pop(key, None)
        for rule in uniqueness_rules(type(instance)):
            if (key := self.unique_key(instance, rule)) is not None:
                plan.keys[key] = instance
                plan.keys_of.setdefault(id(instance), []).append(key)

    def unique_key(self, instance, rule, exclude=()):
        """The value `instance` holds under a uniqueness rule; None when the rule does not apply
        (a field left out or NULL, the constraint's condition false)."""
        fields, condition, _constraint = rule
        model = type(instance)
        if any(name in exclude for name in fields):
            return None
        values = tuple(getattr(instance, model._meta.get_field(name).attname) for name in fields)
        if None in values:
            return None
        if condition is not None:
            against = {}
            for field in model._meta.concrete_fields:
                value = Value(getattr(instance, field.attname), output_field=field)
                against[field.name] = against[field.attname] = value
            if not Q(condition).check(against, using=router.db_for_write(model)):
                return None
        return (fields, values)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=errors.keys(), validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        exclude = {name for name in errors if name != NON_FIELD_ERRORS}
        self.check_unique(instance, exclude, errors)
        for constraint in instance._meta.constraints:
            if not isinstance(constraint, UniqueConstraint) or not constraint.fields:
                try:
                    constraint.validate(type(instance), instance, exclude=exclude)
                except ValidationError as error:
                    errors = error.update_error_dict(errors)
        errors = self.errors_by_column(errors)
        self.check_against_plan(instance, errors)
        if errors:
            raise ValidationError(errors)

    def check_against_plan(self, instance, errors):
        """Add to `errors` ({column: [ValidationError]}) what the earlier rows of the file make
        wrong with this row's record (`self.plan`); nothing by default."""

    def check_unique(self, instance, exclude, errors):
        """Django's unique checks, against the database as the planned rows would leave it."""
        model = type(instance)
        for rule in uniqueness_rules(model):
            key = self.unique_key(instance, rule, exclude)
            if key is None:
                continue
            fields, condition, constraint = rule
            stored = model._default_manager.filter(**dict(zip(fields, key[1], strict=True)))
            if condition is not None:
                stored = stored.filter(condition)
            stored = stored.exclude(pk__in=self.plan.replaced)
            if instance.pk is not None:
                stored = stored.exclude(pk=instance.pk)
            held = self.plan.keys.get(key)
            if held in (None, instance) and not stored.exists():
                continue
            custom = constraint and (
                constraint.violation_error_message != constraint.default_violation_error_message
            )
            if custom:
                message, name = constraint.get_violation_error_message(), NON_FIELD_ERRORS
            else:
                message = instance.unique_error_message(model, fields)
                name = fields[0] if len(fields) == 1 else NON_FIELD_ERRORS
            errors.setdefault(name, []).append(ValidationError(message))

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
