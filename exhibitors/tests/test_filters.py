import pytest
from django.http import QueryDict

from exhibitors.filters import ExhibitorFilter
from exhibitors.models import Exhibitor

from .factories import make_category, make_exhibitor, make_hall, make_product

pytestmark = pytest.mark.django_db


def run(query):
    return ExhibitorFilter(QueryDict(query), queryset=Exhibitor.objects.published().for_listing())


def names(filterset):
    assert filterset.is_valid(), filterset.form.errors
    return [exhibitor.name for exhibitor in filterset.qs]


def facet(filterset, name):
    assert filterset.is_valid(), filterset.form.errors
    found = next(f for f in filterset.facets if f.name == name)
    return [(option.value, option.count, option.selected) for option in found.options]


def test_category_filter_takes_several_categories_and_keeps_either():
    robots, chips, cars = make_category(slug="robots"), make_category(slug="chips"), make_category()
    make_exhibitor(name="Unitree", categories=[robots])
    make_exhibitor(name="Cambricon", categories=[chips])
    make_exhibitor(name="Both", categories=[robots, chips])
    make_exhibitor(name="Nio", categories=[cars])

    assert names(run("category=robots&category=chips")) == ["Both", "Cambricon", "Unitree"]


def test_hall_filter_uses_the_hall_code_and_combines_with_category():
    robots = make_category(slug="robots")
    h1, h2 = make_hall(code="H1"), make_hall(code="H2")
    make_exhibitor(name="In H2", hall=h2, categories=[robots])
    make_exhibitor(name="In H1", hall=h1, categories=[robots])
    make_exhibitor(name="Other in H2", hall=h2)

    assert names(run("category=robots&hall=H2")) == ["In H2"]


def test_country_featured_and_premiere_filters():
    make_exhibitor(name="Huawei", country="CN", is_featured=True)
    make_exhibitor(name="Tesla", country="US", is_featured=True)
    launched = make_exhibitor(name="Unitree", country="CN")
    make_product(exhibitor=launched, premiere="world")
    unpublished_premiere = make_exhibitor(name="Secret", country="CN")
    make_product(exhibitor=unpublished_premiere, premiere="china", is_published=False)

    assert names(run("country=CN")) == ["Huawei", "Secret", "Unitree"]
    assert names(run("featured=true")) == ["Huawei", "Tesla"]
    assert names(run("premiere=true")) == ["Unitree"]
    assert names(run("country=CN&featured=true")) == ["Huawei"]


def test_premiere_facet_counts_exhibitors_with_a_published_premiere_among_the_results():
    unitree = make_exhibitor(name="Unitree", country="CN")
    make_product(exhibitor=unitree, premiere="world")
    make_product(exhibitor=unitree, premiere="china")  # two premieres, one exhibitor
    tesla = make_exhibitor(name="Tesla", country="US")
    make_product(exhibitor=tesla, premiere="world")
    hidden = make_exhibitor(name="Hidden", country="CN")
    make_product(exhibitor=hidden, premiere="world", is_published=False)
    make_exhibitor(name="Huawei", country="CN")

    assert facet(run(""), "premiere") == [("true", 2, False)]
    assert facet(run("country=CN"), "premiere") == [("true", 1, False)]
    # Ticked, it counts what ticking it gives among the other filters' results.
    assert facet(run("premiere=true&country=US"), "premiere") == [("true", 1, True)]
    assert facet(run("premiere=true&q=huawei"), "premiere") == [("true", 0, True)]


def test_text_search_matches_name_tagline_description_and_published_product_names():
    make_exhibitor(name="SenseTime")
    make_exhibitor(name="A", tagline="Humanoid robots for homes")
    make_exhibitor(name="B", description="We build HUMANOID hands.")
    make_product(exhibitor=make_exhibitor(name="C"), name="Humanoid G1")
    make_product(exhibitor=make_exhibitor(name="D"), name="Humanoid draft", is_published=False)

    assert names(run("q=humanoid")) == ["A", "B", "C"]


def test_text_search_finds_chinese_substrings():
    make_exhibitor(name="华为 Huawei", tagline="昇腾超节点")
    make_exhibitor(name="Other")

    assert names(run("q=超节点")) == ["华为 Huawei"]


def test_sorting_featured_first_and_by_hall_and_booth():
    h1, h2 = make_hall(code="H1", order=1), make_hall(code="H2", order=2)
    make_exhibitor(name="Alpha", hall=h2, booth="H2-A01")
    make_exhibitor(name="Beta", hall=h1, booth="H1-B01", is_featured=True)
    make_exhibitor(name="Gamma", hall=h1, booth="H1-A01")
    make_exhibitor(name="Delta")

    assert names(run("")) == ["Alpha", "Beta", "Delta", "Gamma"]
    assert names(run("sort=featured")) == ["Beta", "Alpha", "Delta", "Gamma"]
    assert names(run("sort=hall")) == ["Gamma", "Beta", "Alpha", "Delta"]


def test_facet_options_without_results_are_hidden_and_drafts_never_count():
    robots, empty = make_category(slug="robots"), make_category(slug="empty")
    make_exhibitor(categories=[robots], country="CN")
    make_exhibitor(categories=[robots, empty], country="DE", is_published=False)

    filterset = run("")

    assert facet(filterset, "category") == [("robots", 1, False)]
    assert facet(filterset, "country") == [("CN", 1, False)]
    assert facet(filterset, "featured") == [("true", 0, False)]
