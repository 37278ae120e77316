import pytest
from django.http import QueryDict

from directory.listing.fields import MAX_QUERY_LENGTH
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


def test_text_search_drops_control_characters_and_keeps_at_most_200_characters():
    filterset = run("q=" + "robot%00%07\u200b " + "x" * 10_000)

    assert filterset.is_valid()
    assert filterset.form.cleaned_data["q"] == ("robot " + "x" * 10_000)[:MAX_QUERY_LENGTH]


def test_sorting_featured_first_and_by_hall_and_booth():
    h1, h2 = make_hall(code="H1", order=1), make_hall(code="H2", order=2)
    make_exhibitor(name="Alpha", hall=h2, booth="H2-A01")
    make_exhibitor(name="Beta", hall=h1, booth="H1-B01", is_featured=True)
    make_exhibitor(name="Gamma", hall=h1, booth="H1-A01")
    make_exhibitor(name="Delta")

    assert names(run("")) == ["Alpha", "Beta", "Delta", "Gamma"]
    assert names(run("sort=featured")) == ["Beta", "Alpha", "Delta", "Gamma"]
    assert names(run("sort=hall")) == ["Gamma", "Beta", "Alpha", "Delta"]


def test_facet_counts_apply_every_other_active_filter_but_not_their_own():
    robots, chips = make_category(slug="robots", name="Robots"), make_category(slug="chips")
    h1, h2 = make_hall(code="H1"), make_hall(code="H2")
    make_exhibitor(hall=h1, categories=[robots])
    make_exhibitor(hall=h2, categories=[robots])
    make_exhibitor(hall=h2, categories=[robots, chips])
    make_exhibitor(hall=h2, categories=[chips])

    filterset = run("category=robots&hall=H2")

    assert facet(filterset, "category") == [("chips", 2, False), ("robots", 2, True)]
    assert facet(filterset, "hall") == [("H1", 1, False), ("H2", 2, True)]


def test_facet_options_without_results_are_hidden_and_drafts_never_count():
    robots, empty = make_category(slug="robots"), make_category(slug="empty")
    make_exhibitor(categories=[robots], country="CN")
    make_exhibitor(categories=[robots, empty], country="DE", is_published=False)

    filterset = run("")

    assert facet(filterset, "category") == [("robots", 1, False)]
    assert facet(filterset, "country") == [("CN", 1, False)]
    assert facet(filterset, "featured") == [("true", 0, False)]


def test_unknown_category_and_hall_are_form_errors_naming_the_value():
    make_category(slug="robots")
    make_hall(code="H1")

    filterset = run("category=robots&category=robotz&hall=H9")

    assert not filterset.is_valid()
    assert filterset.form.errors == {
        "category": ["There is no category “robotz”."],
        "hall": ["There is no hall “H9”."],
    }


@pytest.mark.parametrize(
    "query",
    ["category=ro%00bots", "hall=H1%0A", "country=XX", "featured=maybe%00", "sort=price"],
)
def test_malformed_values_are_form_errors(query):
    make_category(slug="robots")
    make_hall(code="H1")

    assert not run(query).is_valid()


def all_facets(filterset):
    assert filterset.is_valid(), filterset.form.errors
    return {f.name: [(o.value, o.count, o.selected) for o in f.options] for f in filterset.facets}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=CN",
        "q=robot",
        "q=robot&country=CN",
        "q=robot&hall=H1&featured=true",
        "q=robot&category=robots",
        "q=robot&premiere=true",
        "premiere=true&hall=H1",
    ],
)
def test_one_pass_counts_the_one_column_facets_and_total_with_the_same_results(query, monkeypatch):
    robots, h1 = make_category(slug="robots"), make_hall(code="H1")
    make_exhibitor(name="Robot One", country="CN", hall=h1, is_featured=True, categories=[robots])
    make_exhibitor(name="Robot Two", country="US", hall=h1)
    make_exhibitor(name="Robot Three", country="CN", categories=[robots])
    vision = make_exhibitor(name="Vision", country="CN", hall=h1, is_featured=True)
    make_product(exhibitor=vision, name="Robot arm", premiere="world")
    shared = run(query)
    shared_facets, shared_total = all_facets(shared), shared.qs.count()

    monkeypatch.setattr(ExhibitorFilter, "listing_counts", None)  # a pass per facet
    separate = run(query)

    assert shared.listing_counts is not None
    assert shared_facets == all_facets(separate)
    assert shared.listing_counts[1] == shared_total == separate.qs.count()
