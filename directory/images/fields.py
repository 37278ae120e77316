"""`CleanImageField`: an ImageField that refuses unsafe uploads and stores only clean files.

Every image the directory keeps (speaker photos, exhibitor logos, product images, floor plans)
is one of these. Whatever path a file takes in — the admin, any ModelForm, the demo loader, a
shell — it is decoded and refused or cleaned (`directory.images.processing`), stored under a
random name, and its renditions for the field's presets are made right away. The stored width
and height (`width_field`, `height_field`) let pages compute every rendition's URL and size with
no storage call; replaced and deleted files go, with their renditions, once the transaction has
committed.
Files are only ever touched through the field's storage, so object storage works as well as disk.
"""

import posixpath
import secrets
from functools import cache, partial
from typing import NamedTuple

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import signals
from django.utils.deconstruct import deconstructible

from . import processing as images


@deconstructible
class RandomName:
    """`upload_to` that stores files as "<folder>/<random>.<ext>", never under the upload's name."""

    def __init__(self, folder):
        self.folder = folder.rstrip("/")

    def __call__(self, instance, filename):
        extension = posixpath.splitext(filename)[1].lower()
        return f"{self.folder}/{secrets.token_urlsafe(16)}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and self.folder == other.folder


class ImageUploadField(forms.ImageField):
    """The form field: a refusal is a form error naming the problem and the limit."""

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)  # skip ImageField's vaguer Pillow check
        if file is None:
            return None
        images.open_upload(file)
        file.seek(0)
        return file

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp,image/gif"
        return attrs


class Rendition(NamedTuple):
    url: str
    width: int
    height: int


class CleanImageFieldFile(models.fields.files.ImageFieldFile):
    def save(self, name, content, save=True):
        """Store the cleaned image under a random name, then its renditions.

        `name` is the upload's name and is used for nothing: the stored name comes from
        `upload_to` with the extension of the format the clean file is stored in.
        """
        cleaned = images.clean(content)
        target = self.field.generate_filename(self.instance, f"image{cleaned.extension}")
        self.name = self.storage.save(target, cleaned.content, max_length=self.field.max_length)
        self._committed = True
        # Known now, so setting the field below reads no file back to fill width and height.
        self._dimensions_cache = cleaned.image.size
        setattr(self.instance, self.field.attname, self)
        images.make_renditions(cleaned.image, self.name, self.field.presets, self.storage)
        if save:
            self.instance.save()

    save.alters_data = True

    def renditions(self, preset_name):
        """[Rendition] from smallest to largest, computed from the stored name and dimensions.

        No storage call, no query, no decoding. Empty when the dimensions are unknown or the
        field makes no renditions for this preset.
        """
        width = getattr(self.instance, self.field.width_field)
        height = getattr(self.instance, self.field.height_field)
        if not (self.name and width and height) or preset_name not in self.field.presets:
            return []
        preset = images.PRESETS[preset_name]
        return [
            Rendition(
                self.storage.url(images.rendition_name(self.name, preset_name, density)), *size
            )
            for density, size in images.rendition_sizes(width, height, preset)
        ]


class CleanImageField(models.ImageField):
    """An ImageField with validation, cleaning and renditions for `presets` (see module)."""

    attr_class = CleanImageFieldFile

    def __init__(self, *args, presets=(), **kwargs):
        unknown = set(presets) - set(images.PRESETS)
        if unknown:
            raise ValueError(f"Unknown image presets: {sorted(unknown)}")
        self.presets = tuple(presets)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # Django fills empty width/height on every model load by opening the file: a storage
        # read per image per page. Dimensions are set when a file is saved or assigned instead,
        # and not even then for the file the record was loaded with (a form saving the record
        # unchanged): its dimensions were stored with it, and the file may be gone (a version
        # from before the image was replaced, being reverted).
        if not force or self.holds_loaded_file(instance):
            return
        super().update_dimension_fields(instance, force, *args, **kwargs)

    def holds_loaded_file(self, instance):
        """Whether the field holds the file the record was loaded with, dimensions known."""
        name = stored_name(instance.__dict__.get(self.attname))
        loaded = getattr(instance, "_stored_images", {}).get(self.attname)
        dimensions = [
            getattr(instance, field) for field in (self.width_field, self.height_field) if field
        ]
        return bool(name) and name == loaded and all(dimensions)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if cls._meta.abstract:
            return
        uid = f"clean-images-{cls._meta.label}"
        signals.post_init.connect(remember_stored, sender=cls, dispatch_uid=uid)
        signals.post_save.connect(delete_replaced, sender=cls, dispatch_uid=uid)
        signals.post_delete.connect(delete_removed, sender=cls, dispatch_uid=uid)


@cache
def image_fields(model):
    return [field for field in model._meta.fields if isinstance(field, CleanImageField)]


def stored_name(value):
    """The name of the stored file behind a field's value; "" for a pending upload or none."""
    if isinstance(value, str):
        return value
    if isinstance(value, models.fields.files.FieldFile) and value._committed:
        return value.name or ""
    return ""


def remember_stored(sender, instance, **kwargs):
    """Note which files the record points at, to know later what a change replaced."""
    instance._stored_images = {
        field.attname: stored_name(instance.__dict__[field.attname])
        for field in image_fields(sender)
        if field.attname in instance.__dict__
    }


def delete_files(storage, name, presets):
    for file_name in [name, *images.rendition_names(name, presets)]:
        storage.delete(file_name)


def delete_on_commit(field, name):
    # robust: storage trouble is logged; it must not turn a committed save into an error page.
    transaction.on_commit(partial(delete_files, field.storage, name, field.presets), robust=True)


def delete_replaced(sender, instance, created, update_fields=None, **kwargs):
    stored = getattr(instance, "_stored_images", {})
    for field in image_fields(sender):
        if update_fields is not None and field.attname not in update_fields:
            continue
        current = stored_name(getattr(instance, field.attname))
        previous = stored.get(field.attname, "")
        if previous and previous != current and not created:
            delete_on_commit(field, previous)
        stored[field.attname] = current
    instance._stored_images = stored


def delete_removed(sender, instance, **kwargs):
    stored = getattr(instance, "_stored_images", {})
    for field in image_fields(sender):
        name = stored.get(field.attname) or stored_name(getattr(instance, field.attname))
        if name:
            delete_on_commit(field, name)


def remake_renditions(report=print):
    """Make every stored image's renditions and stored dimensions again; returns the count.

    For images stored before renditions existed, and after a preset's size changes. The stored
    originals are kept as they are; one that can no longer be read is reported and skipped.
    """
    done = 0
    for model in apps.get_models():
        for field in image_fields(model):
            rows = model._base_manager.exclude(**{field.attname: ""})
            for pk, name in rows.values_list("pk", field.attname).iterator():
                try:
                    with field.storage.open(name) as file:
                        image = images.upright_srgb(images.open_upload(file))
                except ValidationError as error:
                    report(f"{model._meta.label} {pk}: {name}: {' '.join(error.messages)}")
                    continue
                except OSError as error:
                    report(f"{model._meta.label} {pk}: {name}: {error}")
                    continue
                dimensions = {field.width_field: image.width, field.height_field: image.height}
                model._base_manager.filter(pk=pk).update(**dimensions)
                images.make_renditions(image, name, field.presets, field.storage, replace=True)
                done += 1
    return done
