"""Small explicit helpers that make published records with deterministic data."""

import io
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from exhibitors.models import Category, Exhibitor, Hall, Product

_numbers = count(1)


def set_default_text(fields, field, text):
    """Give `field` a default in the active language unless a test sets it in some language
    (`name="…"`, `name_en="…"` or `name_zh_hans="…"`)."""
    if not any(key == field or key.startswith(f"{field}_") for key in fields):
        fields[field] = text


def make_hall(**fields):
    n = next(_numbers)
    fields.setdefault("code", f"H{n}")
    fields.setdefault("name", f"Hall {n}")
    return Hall.objects.create(**fields)


def make_category(**fields):
    n = next(_numbers)
    fields.setdefault("name", f"Category {n}")
    fields.setdefault("slug", f"category-{n}")
    return Category.objects.create(**fields)


def make_exhibitor(categories=(), **fields):
    n = next(_numbers)
    set_default_text(fields, "name", f"Exhibitor {n}")
    fields.setdefault("slug", f"exhibitor-{n}")
    fields.setdefault("is_published", True)
    exhibitor = Exhibitor.objects.create(**fields)
    exhibitor.categories.set(categories)
    return exhibitor


def make_product(**fields):
    n = next(_numbers)
    if "exhibitor" not in fields:
        fields["exhibitor"] = make_exhibitor()
    set_default_text(fields, "name", f"Product {n}")
    fields.setdefault("slug", f"product-{n}")
    fields.setdefault("is_published", True)
    return Product.objects.create(**fields)


def image_bytes(size=(64, 48), format="PNG", colour="#1f5fbf", **save_options):
    """A solid-colour image encoded by Pillow, e.g. image_bytes((300, 200), "JPEG", exif=...)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=format, **save_options)
    return buffer.getvalue()


def upload(content=None, name="upload.png"):
    """An uploaded file as a browser sends it; a small PNG unless `content` says otherwise."""
    return SimpleUploadedFile(name, image_bytes() if content is None else content)
