"""Admin pieces shared by the directory's apps: changelist thumbnails and bulk flag actions.

They live here, in the app every other app may depend on (speakers → exhibitors).
"""

from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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
