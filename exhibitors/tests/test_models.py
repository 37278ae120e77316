import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.utils import translation

from exhibitors.models import Category, Exhibitor, Hall, Product

from .factories import make_category, make_exhibitor, make_hall, make_product

pytestmark = pytest.mark.django_db


def test_exhibitor_booth_is_unique_within_a_hall():
    hall = make_hall(code="H1")
    make_exhibitor(hall=hall, booth="H1-A01")

    with pytest.raises(IntegrityError):
        make_exhibitor(hall=hall, booth="H1-A01")


def test_exhibitor_booth_code_may_repeat_in_another_hall_and_blank_booths_never_clash():
    first, second = make_hall(), make_hall()
    make_exhibitor(hall=first, booth="A01")
    make_exhibitor(hall=second, booth="A01")
    make_exhibitor(hall=first, booth="")
    make_exhibitor(hall=first, booth="")

    assert Exhibitor.objects.filter(booth="A01").count() == 2


def test_exhibitor_booth_clash_is_a_validation_error_naming_the_problem():
    hall = make_hall(code="H2")
    make_exhibitor(hall=hall, booth="H2-B12")
    duplicate = Exhibitor(name="Copy", slug="copy", hall=hall, booth="H2-B12")

    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()

    assert error.value.messages == ["Another exhibitor already has this booth in this hall."]


def test_exhibitor_booth_needs_a_hall():
    with pytest.raises(IntegrityError):
        make_exhibitor(hall=None, booth="A01")


def test_exhibitor_published_returns_only_published_exhibitors():
    shown = make_exhibitor(name="Shown")
    make_exhibitor(name="Draft", is_published=False)

    assert list(Exhibitor.objects.published()) == [shown]


def test_exhibitor_is_a_draft_until_published():
    assert Exhibitor(name="New").is_published is False


def test_product_published_needs_its_exhibitor_published_too():
    shown = make_product(exhibitor=make_exhibitor())
    make_product(exhibitor=make_exhibitor(is_published=False))
    make_product(exhibitor=make_exhibitor(), is_published=False)

    assert list(Product.objects.published()) == [shown]


def test_deleting_a_hall_still_in_use_is_refused():
    hall = make_hall()
    exhibitor = make_exhibitor(hall=hall, booth="A01")

    with pytest.raises(ProtectedError):
        hall.delete()

    exhibitor.refresh_from_db()
    assert exhibitor.hall == hall


def test_deleting_a_category_still_in_use_is_refused():
    category = make_category()
    exhibitor = make_exhibitor(categories=[category])

    with pytest.raises(ProtectedError):
        category.delete()

    assert list(exhibitor.categories.all()) == [category]


def test_unused_hall_and_category_can_be_deleted():
    make_hall().delete()
    make_category().delete()

    assert (Hall.objects.count(), Category.objects.count()) == (0, 0)


def test_deleting_an_exhibitor_deletes_its_products_and_category_links():
    category = make_category()
    exhibitor = make_exhibitor(categories=[category])
    make_product(exhibitor=exhibitor)

    exhibitor.delete()

    assert (Product.objects.count(), category.exhibitors.count()) == (0, 0)


def test_exhibitor_location_reads_hall_and_booth():
    hall = make_hall(code="H3")

    assert make_exhibitor(hall=hall, booth="H3-C07").location == "Hall H3 · Booth C07"
    assert make_exhibitor(hall=hall, booth="C08").location == "Hall H3 · Booth C08"
    assert make_exhibitor(hall=hall).location == "Hall H3"
    assert make_exhibitor().location == ""
    with translation.override("zh-hans"):
        assert make_exhibitor(hall=hall, booth="H3-C09").location == "H3 馆 · C09 展位"
        assert make_exhibitor(hall=hall).location == "H3 馆"


def test_exhibitor_url_is_its_slug():
    assert make_exhibitor(slug="huawei").get_absolute_url() == "/exhibitors/huawei/"
