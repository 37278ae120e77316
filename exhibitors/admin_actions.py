"""Admin pieces shared by the directory's apps: changelist thumbnails, bulk flag actions and the
base class for models with content in English and Chinese.

They live here, in the app every other app may depend on (speakers → exhibitors).
"""

from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from .bilingual import localized_lookups
from .images import fit_box

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


class BilingualStackedInline(BilingualForm, TranslationStackedInline):
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
