"""Booths on a hall's plan: where they may be, and what the admin shows of them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from exhibitors.models import Booth

from .factories import make_booth, make_exhibitor, make_hall

pytestmark = pytest.mark.django_db


def messages(booth):
    with pytest.raises(ValidationError) as error:
        booth.full_clean()
    return error.value.messages


def test_booth_code_is_unique_within_a_hall_only():
    hall, other = make_hall(), make_hall()
    make_booth(hall, code="A01")
    make_booth(other, code="A01")

    with pytest.raises(IntegrityError):
        make_booth(hall, code="A01", x=50)


def test_booth_needs_a_width_and_a_height():
    with pytest.raises(IntegrityError):
        make_booth(width=0)


def test_booth_outside_its_halls_plan_is_refused():
    hall = make_hall(plan_width=100, plan_height=50)

    assert messages(Booth(hall=hall, code="Z1", x=95, y=0, width=10, height=10)) == [
        "This booth lies outside its hall's plan (100 × 50)."
    ]
    assert messages(Booth(hall=hall, code="Z1", x=0, y=45, width=10, height=10)) == [
        "This booth lies outside its hall's plan (100 × 50)."
    ]
    Booth(hall=hall, code="Z1", x=90, y=40, width=10, height=10).full_clean()


def test_booths_overlapping_in_the_same_hall_are_refused_and_touching_ones_allowed():
    hall = make_hall(plan_width=100, plan_height=100)
    make_booth(hall, code="H-A01", x=10, y=10, width=10, height=10)

    assert messages(Booth(hall=hall, code="H-A02", x=19, y=19, width=5, height=5)) == [
        "This booth overlaps booth H-A01 in the same hall."
    ]
    assert messages(Booth(hall=hall, code="H-A02", x=12, y=12, width=2, height=2)) == [
        "This booth overlaps booth H-A01 in the same hall."
    ]
    Booth(hall=hall, code="H-A02", x=20, y=10, width=10, height=10).full_clean()
    Booth(hall=hall, code="H-A02", x=10, y=20, width=10, height=10).full_clean()
    Booth(hall=make_hall(), code="H-A02", x=10, y=10, width=10, height=10).full_clean()


def test_a_booth_may_move_over_its_own_old_place():
    booth = make_booth(x=10, y=10)
    booth.x = 12

    booth.full_clean()


def test_an_exhibitor_may_have_several_booths():
    exhibitor = make_exhibitor()
    hall = make_hall(plan_width=100, plan_height=100)
    make_booth(hall, code="B2", x=20, exhibitor=exhibitor)
    make_booth(hall, code="B1", exhibitor=exhibitor)

    assert [booth.code for booth in exhibitor.booths.all()] == ["B1", "B2"]


def test_hall_plan_needs_both_dimensions_and_areas_need_a_rectangle():
    with pytest.raises(ValidationError) as error:
        make_hall(plan_width=100).full_clean()
    assert error.value.messages == ["Give the plan both a width and a height, or neither."]

    hall = make_hall(plan_width=100, plan_height=80, plan_areas=[{"kind": "area", "x": 1}])
    with pytest.raises(ValidationError) as error:
        hall.full_clean()
    assert list(error.value.message_dict) == ["plan_areas"]


def test_halls_change_page_draws_its_booths_and_links_to_placing_them(admin_client):
    hall = make_hall(
        code="H7",
        plan_width=60,
        plan_height=40,
        plan_areas=[
            {"kind": "entrance", "label": "Gate 1", "x": 20, "y": 36, "width": 20, "height": 4}
        ],
    )
    make_booth(
        hall, code="H7-A01", x=2, y=3, width=9, height=8, exhibitor=make_exhibitor(name="Unitree")
    )
    make_booth(hall, code="H7-A02", x=12, y=3, width=9, height=8)

    response = admin_client.get(reverse("admin:exhibitors_hall_change", args=[hall.pk]))

    html = response.content.decode()
    assert '<svg class="hall-plan-svg" viewBox="0 0 60 40"' in html
    assert '<rect x="2" y="3" width="9" height="8"/>' in html
    assert "<title>Unitree · H7-A01</title>" in html
    assert "<title>H7-A02</title>" in html
    assert ">Gate 1</text>" in html
    assert f'href="/admin/exhibitors/booth/?hall__id__exact={hall.pk}"' in html


def test_booth_admin_moves_a_booth_and_refuses_an_overlap(admin_client):
    hall = make_hall(plan_width=100, plan_height=100)
    make_booth(hall, code="A01", x=0, y=0)
    booth = make_booth(hall, code="A02", x=20, y=0)
    url = reverse("admin:exhibitors_booth_change", args=[booth.pk])
    data = {"hall": hall.pk, "code": "A02", "exhibitor": "", "width": 10, "height": 10}

    refused = admin_client.post(url, {**data, "x": 5, "y": 5})
    moved = admin_client.post(url, {**data, "x": 40, "y": 50})

    assert refused.context["adminform"].form.non_field_errors() == [
        "This booth overlaps booth A01 in the same hall."
    ]
    assert moved.status_code == 302
    booth.refresh_from_db()
    assert (booth.x, booth.y) == (40, 50)
