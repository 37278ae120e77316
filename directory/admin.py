"""The organizers' admin pieces every directory model shares.

- `RecordAdmin` is django-reversion's admin for every directory model: a record or version
  that is not there (or belongs to another model) is a 404 on its history, revert and recover
  pages.
- `DirectoryAdmin` combines django-import-export (import from and export to CSV and XLSX, with a
  preview before anything is written) and django-reversion (a revertible history of every change,
  and "Recover deleted" for deleted records with their related rows), and unpublishing.
- `BilingualAdmin` and `BilingualStackedInline`: content in English and Chinese side by side.
- `flag_action` (bulk publish, feature, …) and `thumbnail` for changelists.
- `RankedAutocompleteJsonView`: the autocompletes offer what was typed first.
"""

from contextlib import contextmanager
from datetime import datetime
from typing import NamedTuple

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AdminSplitDateTime, AutocompleteSelect
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.formats.base_formats import CSV, XLSX
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import _stack

from directory.bilingual import localized_lookups
from directory.conflicts import FINGERPRINT, RecordForm
from directory.images.fields import image_fields, stored_name
from directory.images.processing import fit_box
from directory.imports import ExportForm, SpreadsheetImportMixin

TEMPLATE_FORMATS = {"csv": CSV, "xlsx": XLSX}


@contextmanager
def separate_revision():
    """A revision of its own, saved at once even inside another revision.

    django-reversion merges nested revisions into the outer one and, when it saves, drops the
    versions of objects that no longer exist. A snapshot taken just before a delete must
    therefore be saved in a revision of its own.
    """
    token = _stack.set([])
    try:
        with reversion.create_revision():
            yield
    finally:
        _stack.reset(token)


# The comments of versions no person made, stored in English and shown in the reader's language.
# The history shows them under "Created".
CREATED_BY_DEMO_LOADER = gettext_noop("By the demo loader.")
CREATED_OUTSIDE = gettext_noop(
    "Outside the admin (demo data or a script); recorded at its first change."
)


def record_versions(objects, comment, user=None):
    """Record objects as they are, with their related rows (an exhibitor's categories and
    products, a session's speaker slots), in a revision of their own: a deletion can then be
    undone, and a record made outside the admin has its first version."""
    with separate_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        for obj in objects:
            if reversion.is_registered(type(obj)):
                reversion.add_to_revision(obj)


def readable_comment(revision):
    """The revision's comment in the reader's language: the admin's change messages as Django
    words them, the comments above translated."""
    comment = revision.get_comment()
    return gettext(comment) if comment in (CREATED_BY_DEMO_LOADER, CREATED_OUTSIDE) else comment


def local_time(value):
    """A moment as the history shows it: "2025-07-26 09:00", Shanghai time."""
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"


def history_fields(model):
    """The fields an organizer edits, each language of a translated one on its own: not
    timestamps, the calendar's sequence number or the untranslated column modeltranslation
    keeps beside `name_en` and `name_zh_hans`."""
    fields = [field for field in model._meta.concrete_fields if field.editable]
    translated = {
        field.translated_field.name for field in fields if hasattr(field, "translated_field")
    }
    return [field for field in fields if field.name not in translated]


def blank_as_none(value):
    """A field left blank reads "" in one version and None in another: no change."""
    return None if value == "" else value


class ImageGone(NamedTuple):
    """An image a version names whose file is no longer stored, and the record's image now."""

    model: type
    pk: object
    field: models.Field
    current: dict  # {image, width, height field: value}; image "" when the record is deleted

    def keep_current(self):
        self.model._base_manager.filter(pk=self.pk).update(**self.current)

    def message(self):
        obj = self.model._base_manager.filter(pk=self.pk).first()
        values = {"obj": obj, "field": self.field.verbose_name}
        if self.current[self.field.attname]:
            return (
                _(
                    "“%(obj)s”: the %(field)s of that version is no longer stored (it was replaced "
                    "or deleted since), so the current %(field)s is kept."
                )
                % values
            )
        return (
            _(
                "“%(obj)s”: the %(field)s of that version is no longer stored (it was replaced or "
                "deleted since), so it is left empty."
            )
            % values
        )


def images_gone(revision):
    """[ImageGone] for each image of the revision's versions whose file is gone from storage."""
    gone = []
    for version in revision.version_set.all():
        model = version._model
        for field in image_fields(model) if model else ():
            name = stored_name(version.field_dict.get(field.attname))
            if not name or field.storage.exists(name):
                continue
            columns = [field.attname, field.width_field, field.height_field]
            current = model._base_manager.filter(pk=version.object_id).values(*columns).first()
            empty = {field.attname: "", field.width_field: None, field.height_field: None}
            gone.append(ImageGone(model, version.object_id, field, current or empty))
    return gone


class FoldingChangeList(ChangeList):
    """A changelist whose long filters fold to their title unless in use (filter.html)."""

    def get_filters(self, request):
        filter_specs, *rest = super().get_filters(request)
        for spec in filter_specs:
            spec.template = "admin/directory/filter.html"
        return filter_specs, *rest


class LabelledAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete with an empty choice that is valid HTML: labelled "—", and first
    even when a choice is required (a required <select> starts with an empty option)."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        options = groups[0][1]
        if self.is_required and not self.allow_multiple_selected:
            options.insert(0, self.create_option(name, "", "", False, 0))
        for option in options:
            if option["value"] == "":
                option["attrs"]["label"] = "—"
        return groups

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        # Select2 names an empty box by its placeholder: without one, by nothing.
        attrs["data-placeholder"] = _("Type to search")
        return attrs


class AutocompleteWidgets:
    """Model admins' and inlines' autocompletes as `LabelledAutocompleteSelect`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LabelledAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline's fields named for screen readers: a column heading labels nothing."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        label_widgets(form.fields)


def label_widgets(fields):
    """Give each visible field's widget its label as aria-label (hidden inputs may have none)."""
    for name, field in fields.items():
        if not field.widget.is_hidden:
            # The widget itself, inside the admin's add/change links (RelatedFieldWidgetWrapper).
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", field.label or name)


class TabularInline(AutocompleteWidgets, admin.TabularInline):
    formset = LabelledInlineFormSet


class RecordAdmin(AutocompleteWidgets, VersionAdmin):
    """django-reversion's admin, answering 404 for what is not there, whose change form refuses
    to undo a change saved since it was opened (directory.conflicts), with the organizers'
    admin stylesheet and folding filters."""

    form = RecordForm
    change_form_template = "admin/directory/record_change_form.html"
    object_history_template = "admin/directory/object_history.html"
    delete_confirmation_template = "admin/directory/delete_confirmation.html"
    recover_list_template = "admin/directory/recover_list.html"

    class Media:
        css = {"all": ["admin/waic.css"]}
        js = ["admin/waic.js"]

    def get_changelist(self, request, **kwargs):
        return FoldingChangeList

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            # Django repeats a field with a callable default (a hall's areas) as a hidden
            # input carrying the field's aria-describedby, which HTML forbids; a change form's
            # own fields never need it, only extra inline rows do.
            field.show_hidden_initial = False
            if isinstance(field.widget, AdminSplitDateTime):
                # Django's words "Date:" and "Time:" as labels of their inputs.
                field.widget.template_name = "admin/directory/split_datetime.html"
        return field

    def get_changelist_formset(self, request, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)
        label_widgets(formset.form.base_fields)  # list_editable cells: under a heading only
        return formset

    def get_fieldsets(self, request, obj=None):
        # Rendered once, at the top of the form (record_change_form.html), not as a row.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != FINGERPRINT]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.inlines = [
            (inline.model, inline.get_formset(request, obj).fk.name)
            for inline in self.get_inline_instances(request, obj)
        ]
        return form

    def get_object_or_404(self, request, object_id):
        """The record of `object_id` as the URL quotes it; 404 for no such record or a malformed
        id ("abc" for a number)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(
                # Django's own words (and translation) for a missing record.
                _("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?")
                % {"name": capfirst(self.opts.verbose_name), "key": unquote(object_id)}
            )
        return obj

    def history_view(self, request, object_id, extra_context=None):
        """Reversion's history, each version with the fields it changed, old and new values."""
        self.get_object_or_404(request, object_id)
        response = super().history_view(request, object_id, extra_context)
        versions = self._reversion_order_version_queryset(
            request, Version.objects.get_for_object_reference(self.model, unquote(object_id))
        )
        versions = list(versions)
        for action, older, newer in zip(
            response.context_data["action_list"], [None, *versions], versions, strict=False
        ):
            action["created"] = older is None
            action["comment"] = readable_comment(action["revision"])
            action["changes"] = self.changes(older, newer)
        return response

    def changes(self, older, newer):
        """(field, old value, new value) for each field a version changed; none for the first."""
        if older is None:
            return []
        old, new = older.field_dict, newer.field_dict
        return [
            (
                field.verbose_name,
                self.readable(field, old.get(field.attname)),
                self.readable(field, new.get(field.attname)),
            )
            for field in history_fields(self.model)
            if field.attname in new
            and blank_as_none(old.get(field.attname)) != blank_as_none(new[field.attname])
        ]

    @staticmethod
    def readable(field, value):
        if value in (None, ""):
            return "—"
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, datetime):
            return local_time(value)
        if field.is_relation:
            return field.related_model._base_manager.filter(pk=value).first() or value
        return value

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """A version of this record only: not another model's row that shares its id."""
        obj = self.get_object_or_404(request, object_id)
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        request.images_gone = images_gone(version.revision)
        request.reverting_to = version
        return super().revision_view(request, object_id, version_id, extra_context)

    @contextmanager
    def create_revision(self, request):
        """django-reversion's revision, a revert's saying which version it went back to."""
        with super().create_revision(request):
            yield
            if version := getattr(request, "reverting_to", None):
                # After django-reversion's own "Reverted to previous version, saved on …".
                date = local_time(version.revision.date_created)
                reversion.set_comment(_("Reverted to the version of %(date)s.") % {"date": date})

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment("")  # the history calls a record's first version "Created"
        return entry

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id)
        request.images_gone = images_gone(version.revision)
        return super().recover_view(request, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Reached from a revert or recovery right after django-reversion has written the old
        # version, inside its transaction: put back what exists of the images first.
        for gone in getattr(request, "images_gone", []):
            gone.keep_current()
            self.message_user(request, gone.message(), messages.WARNING)
        request.images_gone = []
        return super().changeform_view(request, object_id, form_url, extra_context)


class DirectoryAdmin(SpreadsheetImportMixin, RecordAdmin):
    """Admin for a directory model with a resource: a `slug` or another key, and an
    `is_published` flag where its records have one (then an Unpublish button)."""

    formats = [CSV, XLSX]
    export_form_class = ExportForm
    export_template_name = "admin/directory/export.html"
    import_template_name = "admin/directory/import.html"
    change_list_template = "admin/directory/change_list.html"
    change_form_template = "admin/directory/change_form.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        unpublish = [
            path(
                "<path:object_id>/unpublish/",
                self.admin_site.admin_view(self.unpublish_view),
                name=f"{prefix}_unpublish",
            )
        ]
        return [
            path(
                "import-template/<str:file_format>/",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{prefix}_import_template",
            ),
            *(unpublish if self.publishable else []),
            *super().get_urls(),
        ]

    @property
    def publishable(self):
        """Whether its records have a publish flag (a booth has none: its exhibitor does)."""
        return any(field.name == "is_published" for field in self.opts.fields)

    # Import and export.

    def import_template_view(self, request, file_format):
        """An empty sheet with the expected columns, to fill in and import."""
        if file_format not in TEMPLATE_FORMATS or not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.get_import_resource_classes(request)[0]()
        export_format = TEMPLATE_FORMATS[file_format]()
        data = export_format.export_data(resource.export(self.model.objects.none()))
        response = HttpResponse(data, content_type=export_format.get_content_type())
        filename = f"{self.opts.verbose_name_plural}-template.{export_format.get_extension()}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def add_data_read_fail_error_to_form(self, form, error):
        form.add_error(
            "import_file",
            _(
                "This file could not be read as a spreadsheet. Upload a CSV or XLSX file with "
                "the template's columns."
            ),
        )

    def get_import_data_kwargs(self, **kwargs):
        # Rows may have changed between preview and confirmation: still all or nothing.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The data changed between preview and confirmation; the import was rolled back.
            self.message_user(
                request,
                _(
                    "Nothing was imported: the directory changed since the preview and some rows "
                    "are no longer valid. Upload the file again to see which."
                ),
                messages.ERROR,
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
        return super().process_result(result, request)

    # History and recovery.

    def save_model(self, request, obj, form, change):
        if change:  # the stored record is still as it was: the form is valid, nothing saved yet
            self.save_baseline(request, quote(str(obj.pk)))
        super().save_model(request, obj, form, change)

    def save_baseline(self, request, object_id):
        """Record a record made outside the admin (demo data, a script) before its first change.

        Without it the history could not show what that first change replaced.
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not Version.objects.get_for_object(obj).exists():
            # Not by the organizer about to change it: by no one the directory knows.
            record_versions([obj], CREATED_OUTSIDE)

    def delete_model(self, request, obj):
        self.save_snapshot(request, [obj], _("Deleted."))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self.save_snapshot(request, queryset, _("Deleted."))
        super().delete_queryset(request, queryset)

    def save_snapshot(self, request, objects, comment):
        """Record objects as they are, with their related rows, e.g. so a deletion can be undone."""
        record_versions(objects, comment, user=request.user)

    # Unpublishing, the recommended way to take a record off the site.

    @property
    def unpublish_view(self):
        return require_POST(self._unpublish_view)

    def _unpublish_view(self, request, object_id):
        obj = self.get_object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        self.save_baseline(request, object_id)
        with self.create_revision(request):
            obj.is_published = False
            obj.save()
            self.log_change(request, obj, [{"changed": {"fields": ["is_published"]}}])
        self.message_user(
            request,
            _("“%(obj)s” is unpublished: attendees no longer see it.") % {"obj": obj},
            messages.SUCCESS,
        )
        return redirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        )


# Organizers paste "www.example.com": read it as https://, as Django 6 will.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def thumbnail(image, alt, size=40):
    """A small <img> for changelists, from the image's smallest rendition; a dash without image.

    Computed from stored names and dimensions like the public pages: a changelist of a hundred
    rows reads no image file.
    """
    if not image:
        return "—"
    presets = getattr(image.field, "presets", ())
    renditions = image.renditions(presets[0]) if presets else []
    url, width, height = renditions[0] if renditions else (image.url, size, size)
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy" class="admin-thumbnail">',
        url,
        alt,
        *fit_box(width, height, size),
    )


def flag_action(field, value, name, description):
    """A bulk action that sets a boolean field on every selected object.

    Objects are saved one by one (not `queryset.update()`) so that `updated_at`, signals and
    any change history see every change.
    """

    def action(modeladmin, request, queryset):
        changed = 0
        for obj in queryset.exclude(**{field: value}):
            setattr(obj, field, value)
            obj.save()
            changed += 1
        modeladmin.message_user(
            request,
            ngettext("%(count)d item changed.", "%(count)d items changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    action.__name__ = name
    return admin.action(description=description, permissions=["change"])(action)


publish = flag_action("is_published", True, "publish", _("Publish selected"))
unpublish = flag_action(
    "is_published", False, "unpublish", _("Unpublish selected (hide from attendees)")
)


class BilingualForm:
    """Each translated field's languages side by side in one row (bio · English | bio · 简体中文),
    and no language required on its own: the model's clean() asks for one of them."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and hasattr(db_field, "translated_field"):
            field.required = False
        return field

    def get_fieldsets(self, request, obj=None):
        return [
            (name, {**options, "fields": self.side_by_side(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def side_by_side(self, fields):
        """["name_en", "name_zh_hans", "slug"] → [("name_en", "name_zh_hans"), "slug"]."""
        rows = []
        for field in fields:
            original = self.translated_from(field)
            if original and rows and self.translated_from(rows[-1][0]) == original:
                rows[-1] = (*rows[-1], field)
            else:
                rows.append((field,) if original else field)
        return rows

    def translated_from(self, field):
        """The translated field that `field` is a language of ("name" for "name_en"), else None."""
        if not isinstance(field, str):
            return None
        try:
            translated_field = getattr(self.model._meta.get_field(field), "translated_field", None)
        except FieldDoesNotExist:
            return None
        return translated_field.name if translated_field else None


class BilingualStackedInline(AutocompleteWidgets, BilingualForm, TranslationStackedInline):
    pass


class BilingualAdmin(BilingualForm, TranslationAdmin):
    """django-modeltranslation's admin with the languages side by side; the changelist search
    looks in every language, so "华为" finds Huawei in the English admin too."""

    def get_search_fields(self, request):
        return [
            lookup
            for path in super().get_search_fields(request)
            for lookup in localized_lookups(self.model, path)
        ]


class RankedAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete with the records named exactly as typed first, then those whose
    name starts with it, then the others in their usual order, in either language: "Hall D"
    offers Hall D before Main Hall. The name is the model admin's first search field."""

    def get_queryset(self):
        queryset = super().get_queryset()
        term = self.term.strip()
        if not term or not self.model_admin.search_fields:
            return queryset
        name = self.model_admin.search_fields[0].lstrip("^=@")
        columns = localized_lookups(self.model_admin.model, name)
        exact = Q.create([(f"{column}__iexact", term) for column in columns], connector=Q.OR)
        prefix = Q.create([(f"{column}__istartswith", term) for column in columns], connector=Q.OR)
        rank = Case(
            When(exact, then=Value(0)),
            When(prefix, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
        return queryset.annotate(match_rank=rank).order_by("match_rank", *ordering, "pk")
