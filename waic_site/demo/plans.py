"""Hall plans drawn by the demo loader, in metres: rows of booths with aisles between them, each
row a theme area, an entrance at the front; synthetic booths (`--scale N`) fill a block behind.

A booth code "H2-B04" is row B (the second), booth 4 of that row. In hall H1 the last booth of
each row wraps around the row's end: an L-shaped corner booth (`corner_booths`).
"""

import re

from exhibitors import geometry

WIDTH = 100  # every demo hall: 100 m wide
MARGIN = 8  # from the walls to the first booth
TOP = 14  # the first row's front edge
BOOTH_W, BOOTH_H = 9, 10  # a demo booth, 90 m²
STEP_X, STEP_Y = 10, 16  # one metre between booths, a six-metre aisle between rows
SMALL = 3  # a synthetic booth, 3 m × 3 m, in double rows with a 3 m aisle
SMALL_COLUMNS = (WIDTH - 2 * MARGIN) // (SMALL + 1)
FRONT = 8  # the entrance strip
SYNTHETIC_AREA = "Synthetic exhibitors"

CODE = re.compile(r"^(?P<hall>[^-]+)-(?P<row>[A-Z])(?P<number>\d+)$")


def demo_booth(code):
    """x, y, width and height of a demo booth code such as "H2-B04", or None."""
    match = CODE.match(code)
    if not match:
        return None
    row, number = ord(match["row"]) - ord("A"), int(match["number"])
    return {
        "x": MARGIN + (number - 1) * STEP_X,
        "y": TOP + row * STEP_Y,
        "width": BOOTH_W,
        "height": BOOTH_H,
    }


CORNER_HALL = "H1"


def corner_booths(booths):
    """Make the last of `booths` (Booth instances) in each row of hall CORNER_HALL an L: its
    own place and the front half of the free place after it, as an outline with its bounding
    box. A row that ends at the wall keeps its rectangles."""
    last = {}
    for booth in booths:
        match = CODE.match(booth.code)
        if match and match["hall"] == CORNER_HALL:
            number = int(match["number"])
            if number > last.get(match["row"], (0, None))[0]:
                last[match["row"]] = (number, booth)
    for _number, booth in last.values():
        x, y = booth.x, booth.y
        if x + STEP_X + BOOTH_W > WIDTH:
            continue
        half, far = BOOTH_H // 2, x + STEP_X + BOOTH_W
        corners = [(x, y), (x + BOOTH_W, y), (x + BOOTH_W, y + half)]
        corners += [(far, y + half), (far, y + BOOTH_H), (x, y + BOOTH_H)]
        booth.points = geometry.write(corners)
        booth.x, booth.y, booth.width, booth.height = geometry.bounding_box(corners)


def rows_bottom(rows):
    return TOP + rows * STEP_Y


def synthetic_booth(index, top):
    """The `index`-th synthetic booth of a hall, in the block starting at `top`."""
    row, column = divmod(index, SMALL_COLUMNS)
    pair, back = divmod(row, 2)
    return {
        "x": MARGIN + column * (SMALL + 1),
        "y": top + pair * (2 * SMALL + 3) + back * SMALL,
        "width": SMALL,
        "height": SMALL,
    }


def hall_plan(themes, synthetic=0):
    """(width, height, areas) of a hall whose rows are `themes` ([{"label", "label_zh"}]),
    with room behind for `synthetic` small booths."""
    areas = [
        {
            "kind": "area",
            **theme,
            "x": MARGIN // 2,
            "y": TOP + row * STEP_Y - 4,
            "width": WIDTH - MARGIN,
            "height": BOOTH_H + 5,
        }
        for row, theme in enumerate(themes)
    ]
    height = rows_bottom(max(len(themes), 1)) + FRONT
    if synthetic:
        top = synthetic_top(len(themes))
        pairs = -(-synthetic // (2 * SMALL_COLUMNS))
        areas.append(
            {
                "kind": "area",
                "label": SYNTHETIC_AREA,
                "label_zh": "模拟展商",
                "x": MARGIN // 2,
                "y": top - 4,
                "width": WIDTH - MARGIN,
                "height": pairs * (2 * SMALL + 3) + 4,
            }
        )
        height = top + pairs * (2 * SMALL + 3) + FRONT
    areas.append(
        {
            "kind": "entrance",
            "label": "Entrance",
            "label_zh": "入口",
            "x": WIDTH // 2 - 10,
            "y": height - 4,
            "width": 20,
            "height": 4,
        }
    )
    areas.append(
        {
            "kind": "entrance",
            "label": "Entrance",
            "label_zh": "入口",
            "x": WIDTH // 2 - 10,
            "y": 0,
            "width": 20,
            "height": 4,
        }
    )
    return WIDTH, height, areas


def synthetic_top(rows):
    """Where synthetic booths start: behind the hall's rows (at least one, row A)."""
    return rows_bottom(max(rows, 1)) + 4
