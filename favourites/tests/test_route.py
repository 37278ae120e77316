"""My WAIC shows the saved exhibitors on the hall maps, hall by hall: the visitor's route."""

import re

import pytest

from exhibitors.tests.factories import make_booth, make_exhibitor, make_hall

from .factories import star

pytestmark = pytest.mark.django_db

MY_WAIC = "/my/"


def saved_in_two_halls(client, count=1):
    first = make_hall(code="H1", name="Core", order=1, plan_width=500, plan_height=40)
    second = make_hall(code="H2", name="Terminals", order=2, plan_width=500, plan_height=40)
    make_hall(code="H3", plan_width=100, plan_height=40)  # nothing saved here
    for n in range(count):
        make_booth(
            first, code=f"H1-A{n:02d}", x=n * 12, exhibitor=make_exhibitor(name=f"Other {n}")
        )
        saved = make_exhibitor(name=f"Saved {n:02d}")
        make_booth(second, code=f"H2-B{n:02d}", x=n * 12, exhibitor=saved)
        star(client, saved)
    huawei = make_exhibitor(name="Huawei")
    make_booth(first, code="H1-Z01", x=480, exhibitor=huawei)
    star(client, huawei)


def test_my_waic_draws_the_halls_of_saved_exhibitors_with_their_booths_highlighted(client):
    saved_in_two_halls(client)

    html = client.get(MY_WAIC).content.decode()

    assert re.findall(r'<h4 id="route-(\w+)">', html) == ["H1", "H2"]
    assert re.findall(r'aria-label="([^"]+)" class="here"', html) == [
        "Huawei, H1-Z01",
        "Saved 00, H2-B00",
    ]
    assert '<path d="M0 0h10v10h-10z" aria-hidden="true"/>' in html  # Other 0, only drawn
    assert "Other 0" not in html
    assert re.findall(r"<li><span>([^<]+)</span> <a[^>]*>([^<]+)</a></li>", html) == [
        ("H1-Z01", "Huawei"),
        ("H2-B00", "Saved 00"),
    ]


def test_my_waic_without_saved_exhibitors_on_a_plan_draws_no_map(client):
    star(client, make_exhibitor(name="Nowhere"))

    html = client.get(MY_WAIC).content.decode()

    assert "Nowhere" in html
    assert "hall-plan" not in html


@pytest.mark.parametrize("count", [1, 20])
def test_my_waic_maps_run_the_same_queries_whatever_the_booths(
    client, django_assert_num_queries, count
):
    saved_in_two_halls(client, count)

    # The same number for 1 and 20 booths per hall (the maps add their halls, their booths and
    # the saved exhibitors' names).
    with django_assert_num_queries(8):
        client.get(MY_WAIC)
