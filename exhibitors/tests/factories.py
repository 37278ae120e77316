"""Small explicit helpers that make published records with deterministic data, and the POST data
of the admin's add form."""

from itertools import count

from directory.testing import set_default_text
from exhibitors.models import Category, Exhibitor, Hall, Product

_numbers = count(1)


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


def exhibitor_form(**fields):
    """POST data for the exhibitor add form in the admin, with empty inlines."""
    return {
        "name_en": "Unitree",
        "slug": "unitree",
        "tagline_en": "",
        "description_en": "",
        "website": "",
        "country": "CN",
        "booth": "",
        "sponsor_level": "",
        "category_links-TOTAL_FORMS": "0",
        "category_links-INITIAL_FORMS": "0",
        "products-TOTAL_FORMS": "0",
        "products-INITIAL_FORMS": "0",
        **fields,
    }


def make_booth(hall=None, **fields):
    """A 10 × 10 booth at (0, 0) of a new 100 × 100 hall unless told otherwise; with `points`,
    the rectangle around them, as the admin would save it."""
    from exhibitors.models import Booth

    if hall is None:
        hall = make_hall(plan_width=100, plan_height=100)
    n = next(_numbers)
    fields.setdefault("code", f"{hall.code}-A{n:02d}")
    for key, value in {"x": 0, "y": 0, "width": 10, "height": 10}.items():
        fields.setdefault(key, value)
    booth = Booth(hall=hall, **fields)
    booth.clean_points()
    booth.save()
    return booth
