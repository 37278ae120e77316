"""Booths on a hall's plan: where they may be, and what the admin shows of them."""

import re

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


L_SHAPE = "0,0 20,0 20,10 10,10 10,20 0,20"  # an L-shaped corner booth, its notch at (10, 10)


def test_an_outline_is_written_tidily_and_its_bounding_box_becomes_the_rectangle():
    hall = make_hall(plan_width=100, plan_height=100)
    booth = Booth(hall=hall, code="L1", points="  30,0   50,0 50,10 40,10 40,20 30,20 30,0 ")

    booth.full_clean()

    assert (booth.points, booth.x, booth.y, booth.width, booth.height) == (
        "30,0 50,0 50,10 40,10 40,20 30,20",
        30,
        0,
        20,
        20,
    )


COUNT = "An outline needs at least 3 and at most 64 corners."
SHAPE = "This outline crosses itself or has no area: give its corners in order around it."
FORMAT = (
    'Write the outline as corners "x,y" in whole plan units separated by spaces, '
    'e.g. "0,0 20,0 20,10 10,10 10,20 0,20".'
)


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("0,0 10,0", COUNT),
        ("0,0 10,10 10,0 0,10", SHAPE),
        ("0,0 10,0 20,0", SHAPE),
        ("0,0 10,0 5,0 5,5", SHAPE),
        ("0,0 10,0 -1,5", FORMAT),
        ("0;0 10;0 0;10", FORMAT),
    ],
)
def test_an_outline_that_is_not_one_is_refused_on_its_field(points, message):
    booth = Booth(hall=make_hall(), code="L1", points=points)

    with pytest.raises(ValidationError) as error:
        booth.full_clean()

    assert error.value.message_dict == {"points": [message]}


def test_a_booth_without_an_outline_needs_its_rectangle():
    booth = Booth(hall=make_hall(), code="A1", x=0, y=0)

    with pytest.raises(ValidationError) as error:
        booth.full_clean()

    assert error.value.message_dict == {
        "width": ["Give the booth x, y, width and height, or an outline."],
        "height": ["Give the booth x, y, width and height, or an outline."],
    }


def test_outlines_overlap_by_their_shapes_not_their_bounding_boxes():
    hall = make_hall(plan_width=100, plan_height=100)
    make_booth(hall, code="L1", points=L_SHAPE)

    # In the notch of the L: inside its bounding box, touching its walls only.
    Booth(hall=hall, code="N1", x=10, y=10, width=10, height=10).full_clean()
    assert messages(Booth(hall=hall, code="N2", x=8, y=12, width=4, height=4)) == [
        "This booth overlaps booth L1 in the same hall."
    ]
    assert messages(Booth(hall=hall, code="T1", points="5,5 15,5 5,15")) == [
        "This booth overlaps booth L1 in the same hall."
    ]
    Booth(hall=hall, code="T2", points="20,10 20,20 10,20").full_clean()  # across the notch


def test_an_outline_moves_with_x_and_y_and_a_new_outline_moves_the_rectangle():
    booth = make_booth(make_hall(plan_width=100, plan_height=100), points=L_SHAPE)
    booth = Booth.objects.get(pk=booth.pk)

    booth.x, booth.y = 50, 40
    booth.full_clean()
    assert (booth.points, booth.x, booth.y) == ("50,40 70,40 70,50 60,50 60,60 50,60", 50, 40)

    booth.save()
    booth = Booth.objects.get(pk=booth.pk)
    booth.points = "0,0 30,0 0,30"
    booth.full_clean()
    assert (booth.x, booth.y, booth.width, booth.height) == (0, 0, 30, 30)


def test_an_outline_outside_its_halls_plan_is_refused():
    hall = make_hall(plan_width=100, plan_height=50)

    assert messages(Booth(hall=hall, code="L1", points="90,40 110,40 90,45")) == [
        "This booth lies outside its hall's plan (100 × 50)."
    ]


def test_booth_admin_places_a_booth_by_its_outline(admin_client):
    hall = make_hall(plan_width=100, plan_height=100)
    url = reverse("admin:exhibitors_booth_add")
    data = {
        "hall": hall.pk,
        "code": "L1",
        "exhibitor": "",
        "x": "",
        "y": "",
        "width": "",
        "height": "",
    }

    added = admin_client.post(url, {**data, "points": L_SHAPE})
    refused = admin_client.post(url, {**data, "code": "L2", "points": "1,1 2,2"})

    assert added.status_code == 302
    assert Booth.objects.values_list("code", "x", "y", "width", "height").get() == (
        "L1",
        0,
        0,
        20,
        20,
    )
    assert refused.context["adminform"].form.errors == {
        "points": ["An outline needs at least 3 and at most 64 corners."]
    }


def test_halls_list_counts_exhibitors_and_booths_each_once(admin_client):
    hall = make_hall(code="H8", plan_width=100, plan_height=100)
    make_hall(code="H9")
    for n in range(3):
        exhibitor = make_exhibitor(hall=hall)
        make_booth(hall, code=f"H8-A{n}", x=n * 10, exhibitor=exhibitor)
        make_booth(hall, code=f"H8-B{n}", x=n * 10, y=20, exhibitor=exhibitor)

    html = admin_client.get(reverse("admin:exhibitors_hall_changelist")).content.decode()

    counts = re.findall(
        r'<td class="field-exhibitor_count">(\d+)</td><td class="field-booth_count">(\d+)</td>',
        html,
    )
    assert counts == [("3", "6"), ("0", "0")]


def test_outline_errors_speak_chinese_in_the_chinese_admin(admin_client):
    hall = make_hall(plan_width=100, plan_height=100)
    data = {"hall": hall.pk, "code": "L1", "exhibitor": "", "x": "", "y": "", "width": ""}

    response = admin_client.post(
        "/zh-hans" + reverse("admin:exhibitors_booth_add").removeprefix("/zh-hans"),
        {**data, "height": "", "points": "1,1 2,2"},
    )

    assert response.context["adminform"].form.errors == {
        "points": ["轮廓须有至少 3 个、至多 64 个角点。"]
    }
