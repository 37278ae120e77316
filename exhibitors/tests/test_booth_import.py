"""Booth geometry as a spreadsheet: exported and imported like every other sheet, with the
same preview and row errors."""

import pytest

from directory.testing import confirm, csv_file, export, preview, row_errors, rows_of
from exhibitors.models import Booth

from .factories import make_booth, make_exhibitor, make_hall

pytestmark = pytest.mark.django_db

BOOTHS = "exhibitors_booth"
HEADER = ["hall", "code", "exhibitor", "x", "y", "width", "height", "points"]


@pytest.fixture
def hall():
    return make_hall(code="H2", plan_width=100, plan_height=50)


def test_booths_export_and_import_unchanged(admin_client, hall):
    make_booth(hall, code="H2-A01", x=0, y=0, exhibitor=make_exhibitor(slug="unitree"))
    make_booth(hall, code="H2-A02", x=10, y=0, width=12, height=8)

    exported = rows_of(export(admin_client, BOOTHS).content)
    previewed = preview(admin_client, BOOTHS, csv_file(exported))

    assert exported == [
        HEADER,
        ["H2", "H2-A01", "unitree", "0", "0", "10", "10", ""],
        ["H2", "H2-A02", "", "10", "0", "12", "8", ""],
    ]
    assert row_errors(previewed) == []


def test_import_places_new_booths_and_moves_existing_ones(admin_client, hall):
    make_booth(hall, code="H2-A01", x=0, y=0)
    make_exhibitor(slug="agibot")
    sheet = [
        HEADER,
        ["H2", "H2-A01", "", "40", "20", "10", "10", ""],
        ["H2", "H2-A02", "agibot", "0", "0", "10", "10", ""],  # where A01 was
    ]

    previewed = preview(admin_client, BOOTHS, csv_file(sheet))
    assert Booth.objects.get(code="H2-A01").x == 0  # a preview writes nothing
    confirm(admin_client, BOOTHS, previewed)

    assert list(Booth.objects.values_list("code", "x", "y", "exhibitor__slug")) == [
        ("H2-A01", 40, 20, None),
        ("H2-A02", 0, 0, "agibot"),
    ]


def test_import_refuses_overlaps_booths_outside_the_plan_and_unknown_halls(admin_client, hall):
    make_booth(hall, code="H2-A01", x=0, y=0)
    sheet = [
        HEADER,
        ["H2", "H2-B01", "", "5", "5", "10", "10", ""],  # over A01, stored
        ["H2", "H2-B02", "", "50", "20", "10", "10", ""],
        ["H2", "H2-B03", "", "55", "25", "10", "10", ""],  # over B02, an earlier row
        ["H2", "H2-B04", "", "95", "0", "10", "10", ""],  # past the right wall
        ["H9", "H9-A01", "", "0", "0", "10", "10", ""],
        ["H2", "H2-B05", "", "70", "0", "0", "10", ""],
    ]

    previewed = preview(admin_client, BOOTHS, csv_file(sheet))

    assert row_errors(previewed) == [
        (2, "code", "This booth overlaps booth H2-A01 in the same hall."),
        (4, "code", "This booth overlaps booth H2-B02 in the same hall."),
        (5, "code", "This booth lies outside its hall's plan (100 × 50)."),
        (6, "hall", "Unknown hall “H9”."),
        (7, "code", "A booth needs a width and a height above 0."),
    ]
    assert "confirm_form" not in previewed.context
    assert Booth.objects.count() == 1


def test_import_refuses_an_unknown_exhibitor(admin_client, hall):
    response = preview(
        admin_client, BOOTHS, csv_file([HEADER, ["H2", "H2-A01", "nobody", "0", "0", "5", "5", ""]])
    )

    assert row_errors(response) == [(2, "exhibitor", "Unknown exhibitor “nobody”.")]
    assert not Booth.objects.exists()


L_SHAPE = "20,0 40,0 40,10 30,10 30,20 20,20"  # a corner booth around A02's notch


def test_outlines_export_and_import_and_may_leave_the_rectangle_empty(admin_client, hall):
    make_booth(hall, code="H2-A01", x=0, y=0, points="0,0 10,0 0,10")
    sheet = [
        HEADER,
        ["H2", "H2-A01", "", "0", "0", "10", "10", "0,0 10,0 0,10"],
        ["H2", "H2-A02", "", "", "", "", "", L_SHAPE],
        ["H2", "H2-A03", "", "30", "10", "10", "10", ""],  # in the notch of A02's L
    ]

    assert rows_of(export(admin_client, BOOTHS).content) == sheet[:2]
    previewed = preview(admin_client, BOOTHS, csv_file(sheet))
    assert row_errors(previewed) == []
    confirm(admin_client, BOOTHS, previewed)

    assert list(Booth.objects.values_list("code", "x", "y", "width", "height", "points")) == [
        ("H2-A01", 0, 0, 10, 10, "0,0 10,0 0,10"),
        ("H2-A02", 20, 0, 20, 20, L_SHAPE),
        ("H2-A03", 30, 10, 10, 10, ""),
    ]


def test_import_refuses_bad_outlines_and_outlines_over_other_booths(admin_client, hall):
    make_booth(hall, code="H2-A01", x=0, y=0, points="0,0 10,0 0,10")
    sheet = [
        HEADER,
        ["H2", "H2-B01", "", "", "", "", "", "0,0 10,0"],
        ["H2", "H2-B02", "", "", "", "", "", "0,0 10,10 10,0 0,10"],  # crosses itself
        ["H2", "H2-B03", "", "", "", "", "", "1 2 3"],
        ["H2", "H2-B04", "", "", "", "", "", "4,4 12,4 12,12"],  # over A01's diagonal
        ["H2", "H2-B07", "", "", "", "", "", "6,6 12,6 12,12"],  # beside it: allowed
        ["H2", "H2-B05", "", "", "", "", "", ""],
        ["H2", "H2-B06", "", "", "", "", "", "95,0 105,0 105,10"],  # past the right wall
    ]

    previewed = preview(admin_client, BOOTHS, csv_file(sheet))

    assert row_errors(previewed) == [
        (2, "points", "An outline needs at least 3 and at most 64 corners."),
        (
            3,
            "points",
            "This outline crosses itself or has no area: give its corners in order around it.",
        ),
        (
            4,
            "points",
            'Write the outline as corners "x,y" in whole plan units separated by spaces, '
            'e.g. "0,0 20,0 20,10 10,10 10,20 0,20".',
        ),
        (5, "code", "This booth overlaps booth H2-A01 in the same hall."),
        (7, "x", "Give the booth x, y, width and height, or an outline."),
        (7, "y", "Give the booth x, y, width and height, or an outline."),
        (7, "width", "Give the booth x, y, width and height, or an outline."),
        (7, "height", "Give the booth x, y, width and height, or an outline."),
        (8, "code", "This booth lies outside its hall's plan (100 × 50)."),
    ]
