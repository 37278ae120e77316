"""What each exhibitor query shows attendees: published records only, named after the page."""

import pytest

from exhibitors.models import Exhibitor, Product

from .factories import make_exhibitor, make_product

pytestmark = pytest.mark.django_db


def test_featured_exhibitors_are_the_published_featured_ones():
    featured = make_exhibitor(name="Featured", is_featured=True)
    make_exhibitor(name="Draft", is_featured=True, is_published=False)
    make_exhibitor(name="Plain")

    assert list(Exhibitor.objects.featured()) == [featured]


def test_listed_products_are_the_published_ones_whatever_their_exhibitor():
    shown = make_product(name="Shown", exhibitor=make_exhibitor())
    of_draft = make_product(name="Of a draft", exhibitor=make_exhibitor(is_published=False))
    make_product(name="Draft", is_published=False)

    assert list(Product.objects.listed()) == [of_draft, shown]
    assert list(Product.objects.published()) == [shown]


def test_premieres_are_products_shown_for_the_first_time():
    world = make_product(name="World", premiere="world")
    china = make_product(name="China", premiere="china")
    make_product(name="Shown before")

    assert list(Product.objects.premieres()) == [china, world]


def test_an_exhibitors_page_lists_its_published_products_only():
    exhibitor = make_exhibitor()
    second = make_product(exhibitor=exhibitor, name="Second", order=2)
    first = make_product(exhibitor=exhibitor, name="First", order=1)
    make_product(exhibitor=exhibitor, name="Draft", is_published=False)

    [shown] = Exhibitor.objects.published().for_detail()

    assert shown.published_products == [first, second]


def test_product_listing_loads_the_exhibitor_with_the_product(django_assert_num_queries):
    make_product(exhibitor=make_exhibitor(name="Unitree"))

    with django_assert_num_queries(1):
        assert [p.exhibitor.name for p in Product.objects.published().for_listing()] == ["Unitree"]
