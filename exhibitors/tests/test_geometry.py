"""Booth outlines: reading them, and whether two of them share floor."""

import pytest

from exhibitors import geometry

L_SHAPE = geometry.parse("0,0 20,0 20,10 10,10 10,20 0,20")


def test_an_outline_reads_as_its_corners_once_each():
    assert geometry.parse(" 0,0  10,0 10,10 0,10 0,0 ") == [(0, 0), (10, 0), (10, 10), (0, 10)]
    assert geometry.write([(0, 0), (10, 0), (0, 10)]) == "0,0 10,0 0,10"
    assert geometry.bounding_box(L_SHAPE) == (0, 0, 20, 20)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "count"),
        ("0,0 1,1", "count"),
        (" ".join(f"{n},{n * n}" for n in range(65)), "count"),
        ("0,0 10,0 10,10 0,10 10,0", "shape"),  # a corner twice
        ("0,0 10,10 10,0 0,10", "shape"),  # a bow tie
        ("0,0 10,0 20,0", "shape"),  # no area
        ("0,0 10,0 5,0 5,5", "shape"),  # folds back along itself
        ("0,0 10,0 0,1.5", "format"),
        ("0,0,0 10,0 0,10", "format"),
    ],
)
def test_what_is_not_an_outline(text, reason):
    with pytest.raises(geometry.BadOutline) as error:
        geometry.parse(text)

    assert str(error.value) == reason


@pytest.mark.parametrize(
    ("other", "overlaps"),
    [
        (geometry.rectangle(10, 10, 10, 10), False),  # fills the notch
        (geometry.rectangle(20, 0, 5, 5), False),  # against its outer wall
        (geometry.rectangle(20, 10, 5, 5), False),  # touches a corner only
        (geometry.rectangle(2, 2, 3, 3), True),  # inside
        (geometry.rectangle(15, 5, 10, 10), True),  # across a wall
        (geometry.rectangle(-5, -5, 40, 40), True),  # around it
        (L_SHAPE, True),  # the same place
        ([(10, 10), (20, 10), (10, 20)], False),  # half the notch
        ([(9, 9), (20, 10), (10, 20)], True),  # a little more
    ],
)
def test_outlines_overlap_only_where_they_share_floor(other, overlaps):
    assert geometry.overlap(L_SHAPE, other) is overlaps
    assert geometry.overlap(other, L_SHAPE) is overlaps


def test_clockwise_and_anticlockwise_outlines_are_the_same_shape():
    backwards = list(reversed(L_SHAPE))

    assert geometry.overlap(backwards, geometry.rectangle(2, 2, 3, 3))
    assert not geometry.overlap(backwards, geometry.rectangle(10, 10, 10, 10))
