"""The public hall page: the hall's plan as inline SVG with every booth, and the booth list."""

import re

import pytest
from django.utils import translation

from .factories import make_booth, make_category, make_exhibitor, make_hall

pytestmark = pytest.mark.django_db


def hall_with_booths(count, code="H2"):
    hall = make_hall(code=code, name="Smart Terminals", plan_width=400, plan_height=40)
    robots = make_category(name="Robotics")
    for n in range(count):
        exhibitor = make_exhibitor(name=f"Robot Maker {n:02d}", categories=[robots])
        make_booth(hall, code=f"{code}-A{n:02d}", x=n * 12, y=5, exhibitor=exhibitor)
    return hall


def test_hall_page_draws_every_booth_as_a_link_named_after_its_exhibitor(client):
    hall = make_hall(
        code="H2",
        name_en="Smart Terminals",
        name_zh_hans="智能终端馆",
        plan_width=60,
        plan_height=30,
        plan_areas=[
            {
                "kind": "entrance",
                "label": "Entrance",
                "label_zh": "入口",
                "x": 20,
                "y": 26,
                "width": 20,
                "height": 4,
            }
        ],
    )
    robots, chips = make_category(name="Robotics", order=1), make_category(name="Chips", order=2)
    unitree = make_exhibitor(name="Unitree", slug="unitree", categories=[robots, chips])
    make_booth(hall, code="H2-A04", x=2, y=3, width=9, height=8, exhibitor=unitree)
    make_booth(
        hall,
        code="H2-A01",
        x=12,
        y=3,
        width=9,
        height=8,
        exhibitor=make_exhibitor(name="Horizon", slug="horizon", categories=[chips]),
    )

    response = client.get("/exhibitors/halls/H2/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="hall-plan-svg" viewBox="0 0 60 30" width="100%"' in html
    assert re.findall(r'<a href="[^"]+" id="booth-[^>]+>.*?</a>', html) == [
        '<a href="/exhibitors/horizon/" id="booth-H2-A01" aria-label="Horizon, H2-A01" class="c1">'
        '<rect x="12" y="3" width="9" height="8"/></a>',
        '<a href="/exhibitors/unitree/" id="booth-H2-A04" aria-label="Unitree, H2-A04" class="c0">'
        '<rect x="2" y="3" width="9" height="8"/></a>',
    ]
    assert re.findall(
        r'<li><svg class="plan-swatch".*?<rect class="(c\d+)".*?</svg>(\w+)</li>', html
    ) == [
        ("c0", "Robotics"),
        ("c1", "Chips"),
    ]
    assert re.findall(r'<li><span>([^<]+)</span> <a href="[^"]+">([^<]+)</a></li>', html) == [
        ("H2-A01", "Horizon"),
        ("H2-A04", "Unitree"),
    ]
    assert ">Entrance</text>" in html
    assert " style=" not in html

    with translation.override("zh-hans"):
        chinese = client.get("/zh-hans/exhibitors/halls/H2/").content.decode()
    assert "<h1>H2 馆 · 智能终端馆</h1>" in chinese
    assert ">入口</text>" in chinese


def test_booths_of_draft_exhibitors_and_free_booths_are_plain_booths(client):
    hall = make_hall(code="H3", plan_width=60, plan_height=30)
    make_booth(
        hall,
        code="H3-A01",
        x=0,
        exhibitor=make_exhibitor(name="Secret", slug="secret", is_published=False),
    )
    make_booth(hall, code="H3-A02", x=20)

    html = client.get("/exhibitors/halls/H3/").content.decode()

    assert "Secret" not in html
    assert "/exhibitors/secret/" not in html
    assert '<g class="free"><title>H3-A01</title><rect x="0" y="0" width="10" height="10"/>' in html
    assert (
        '<g class="free"><title>H3-A02</title><rect x="20" y="0" width="10" height="10"/>' in html
    )
    assert html.count("No exhibitor listed") == 2
    # Their codes stand on the floor (the booth is unfilled): marked, for the text's colour.
    assert html.count('class="plan-free-code"') == 2


def test_unknown_hall_is_a_404_and_a_hall_without_a_plan_lists_its_booths(client):
    make_hall(code="H9")

    assert client.get("/exhibitors/halls/NOPE/").status_code == 404
    html = client.get("/exhibitors/halls/H9/").content.decode()
    assert (
        "<svg" not in html.split("<main", 1)[1].split("</main>")[0] or "hall-plan-svg" not in html
    )
    assert "No booths have been placed in this hall yet." in html


@pytest.mark.parametrize("count", [1, 30])
def test_hall_page_queries_do_not_grow_with_booths(client, django_assert_num_queries, count):
    hall_with_booths(count)
    # The hall, the colour palette, the booths, their exhibitors.
    with django_assert_num_queries(4):
        response = client.get("/exhibitors/halls/H2/")

    html = response.content.decode()
    assert len(re.findall(r'aria-label="Robot Maker \d+, H2-A\d+" class="c0"', html)) == count
    assert html.count("<li><span>H2-A") == count


def test_exhibitor_page_shows_its_halls_map_with_its_booths_highlighted(client):
    hall = hall_with_booths(3)
    unitree = make_exhibitor(name="Unitree", slug="unitree", hall=hall, booth="H2-B01")
    make_booth(hall, code="H2-B01", x=100, y=20, exhibitor=unitree)
    make_booth(hall, code="H2-B02", x=120, y=20, exhibitor=unitree)

    html = client.get("/exhibitors/unitree/").content.decode()

    assert re.findall(r'aria-label="([^"]+)" class="here"', html) == [
        "Unitree, H2-B01",
        "Unitree, H2-B02",
    ]
    # The other booths are drawn, one path hidden from screen readers, neither named nor linked.
    assert (
        '<g class="plan-booths"><path d="M0 5h10v10h-10zM12 5h10v10h-10zM24 5h10v10h-10z"'
        ' aria-hidden="true"/><a href="/exhibitors/unitree/"'
    ) in html
    assert "Robot Maker" not in html
    assert '<figure class="hall-plan hall-plan-small">' in html
    assert '<a href="/exhibitors/halls/H2/">Map of Hall H2 with every booth</a>' in html


def test_exhibitor_without_a_booth_on_a_plan_shows_no_map(client):
    make_exhibitor(slug="nowhere", hall=make_hall(code="H5"), booth="H5-A01")

    html = client.get("/exhibitors/nowhere/").content.decode()

    assert "hall-plan" not in html


@pytest.mark.parametrize("count", [1, 30])
def test_exhibitor_page_queries_do_not_grow_with_booths(client, django_assert_num_queries, count):
    hall = hall_with_booths(count)
    make_booth(hall, code="H2-Z01", x=300, exhibitor=make_exhibitor(slug="unitree", hall=hall))

    with django_assert_num_queries(EXHIBITOR_PAGE_QUERIES):
        client.get("/exhibitors/unitree/")


EXHIBITOR_PAGE_QUERIES = 7  # its own four, and the map's three: halls, booths, exhibitor


def test_listing_of_one_hall_links_to_its_map(client):
    make_hall(code="H2")
    make_hall(code="H3")

    one = client.get("/exhibitors/?hall=H2").content.decode()
    two = client.get("/exhibitors/?hall=H2&hall=H3").content.decode()

    assert (
        '<p class="hall-map-link"><a href="/exhibitors/halls/H2/">'
        "Map of hall H2 with every booth</a></p>" in one
    )
    assert "hall-map-link" not in two


def test_searching_a_booth_code_finds_its_exhibitor(client):
    hall = make_hall(code="H2", plan_width=100, plan_height=100)
    agibot = make_exhibitor(name="AgiBot", hall=hall, booth="H2-A04")
    second = make_exhibitor(name="Unitree", hall=hall, booth="H2-A01")
    make_booth(hall, code="H2-C09", exhibitor=second)  # its second booth
    make_exhibitor(name="Other")

    assert [e.name for e in type(agibot).objects.published().search("H2-A04")] == ["AgiBot"]
    assert [e.name for e in type(agibot).objects.published().search("h2-c09")] == ["Unitree"]
    html = client.get("/exhibitors/?q=H2-A04").content.decode()
    assert "AgiBot" in html
    assert "Unitree" not in html


def test_hall_page_with_more_booths_than_sqlite_takes_in_one_expression_answers(client):
    """A list of 1,100 exhibitor ids is too deep an expression for SQLite (a 500 before)."""
    from exhibitors.models import Booth, Exhibitor

    hall = make_hall(code="HX", plan_width=1100, plan_height=10)
    Exhibitor.objects.bulk_create(
        Exhibitor(name_en=f"Maker {n}", slug=f"maker-{n}", is_published=True) for n in range(1100)
    )
    Booth.objects.bulk_create(
        Booth(hall=hall, code=f"HX-{n:04d}", x=n, y=0, width=1, height=1, exhibitor=exhibitor)
        for n, exhibitor in enumerate(Exhibitor.objects.order_by("pk"))
    )

    response = client.get("/exhibitors/halls/HX/")

    assert response.status_code == 200
    assert response.content.decode().count('<a href="/exhibitors/maker-') == 2200  # map, list


def test_a_booth_with_an_outline_is_drawn_as_its_polygon(client):
    hall = make_hall(code="H4", plan_width=100, plan_height=60)
    corner = make_exhibitor(name="Corner Co", slug="corner-co")
    make_booth(hall, code="H4-A01", points="0,0 20,0 20,10 10,10 10,20 0,20", exhibitor=corner)
    make_booth(hall, code="H4-A02", x=40, y=0, exhibitor=make_exhibitor(slug="other"))

    hall_page = client.get("/exhibitors/halls/H4/").content.decode()
    own_page = client.get("/exhibitors/other/").content.decode()

    assert (
        '<a href="/exhibitors/corner-co/" id="booth-H4-A01" aria-label="Corner Co, H4-A01">'
        '<polygon points="0,0 20,0 20,10 10,10 10,20 0,20"/></a>'
    ) in hall_page
    # On another exhibitor's small map it is a piece of the path of the other booths.
    assert '<path d="M0,0L20,0L20,10L10,10L10,20L0,20z" aria-hidden="true"/>' in own_page
