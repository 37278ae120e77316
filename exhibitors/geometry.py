"""Booth outlines on a hall's plan: polygons written "x1,y1 x2,y2 …" in whole plan units.

A booth with an outline keeps its rectangle fields as the outline's bounding box, so the
database can still find the booths it may touch (`Booth.overlapping()`); whether two booths
really share floor is decided here, exactly: the area of their intersection, from the two
outlines cut into triangles (ear clipping) and each pair of triangles clipped against each
other. Booths that only share a wall or a corner do not overlap.
"""

import re
from fractions import Fraction

MAX_POINTS = 64
POINT = re.compile(r"^(\d{1,6}),(\d{1,6})$")


class BadOutline(ValueError):
    """The text is not a usable outline; the message says why, for the organizer."""


def parse(text):
    """[(x, y), …] of an outline written "x1,y1 x2,y2 …"; raises BadOutline."""
    points = []
    for part in text.split():
        match = POINT.match(part)
        if not match:
            raise BadOutline("format")
        points.append((int(match[1]), int(match[2])))
    if points and points[0] == points[-1]:
        points.pop()  # written closed
    if not 3 <= len(points) <= MAX_POINTS:
        raise BadOutline("count")
    if area2(points) == 0 or not is_simple(points):
        raise BadOutline("shape")
    return points


def write(points):
    return " ".join(f"{x},{y}" for x, y in points)


def bounding_box(points):
    """(x, y, width, height) of the smallest rectangle holding `points`."""
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def rectangle(x, y, width, height):
    return [(x, y), (x + width, y), (x + width, y + height), (x, y + height)]


def area2(points):
    """Twice the signed area: positive when the points run anticlockwise (y up)."""
    return sum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
    )


def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def on_segment(p, a, b):
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def segments_meet(a, b, c, d):
    """Whether segments ab and cd have any point in common."""
    d1, d2, d3, d4 = cross(c, d, a), cross(c, d, b), cross(a, b, c), cross(a, b, d)
    if ((d1 > 0) != (d2 > 0)) and d1 and d2 and ((d3 > 0) != (d4 > 0)) and d3 and d4:
        return True
    return (
        (d1 == 0 and on_segment(a, c, d))
        or (d2 == 0 and on_segment(b, c, d))
        or (d3 == 0 and on_segment(c, a, b))
        or (d4 == 0 and on_segment(d, a, b))
    )


def is_simple(points):
    """No corner twice, no edge folding back along the one before, no two other edges meeting."""
    n = len(points)
    for i in range(n):
        a, b, c = points[i - 1], points[i], points[(i + 1) % n]
        backwards = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0
        if a == b or (cross(a, b, c) == 0 and backwards):
            return False
    edges = [(points[i], points[(i + 1) % n]) for i in range(n)]
    return not any(
        segments_meet(*edges[i], *edges[j])
        for i in range(n)
        for j in range(i + 2, n)
        if not (i == 0 and j == n - 1)
    )


def triangles(points):
    """The outline cut into triangles (ear clipping), each anticlockwise."""
    polygon = list(points) if area2(points) > 0 else list(reversed(points))
    result = []
    while len(polygon) > 3:
        for i in range(len(polygon)):
            a, b, c = polygon[i - 1], polygon[i], polygon[(i + 1) % len(polygon)]
            turn = cross(a, b, c)
            if turn < 0:
                continue  # a reflex corner is no ear
            if turn == 0:
                del polygon[i]  # a straight corner adds nothing
                break
            if not any(inside_or_on((a, b, c), p) for p in polygon if p not in (a, b, c)):
                result.append((a, b, c))
                del polygon[i]
                break
        else:  # cannot happen for a simple outline; stop rather than loop
            break
    if len(polygon) == 3 and cross(*polygon) > 0:
        result.append(tuple(polygon))
    return result


def inside_or_on(triangle, p):
    a, b, c = triangle
    return cross(a, b, p) >= 0 and cross(b, c, p) >= 0 and cross(c, a, p) >= 0


def clip(subject, convex):
    """The part of polygon `subject` inside the anticlockwise convex polygon (Sutherland–Hodgman),
    in exact fractions."""
    output = list(subject)
    for i in range(len(convex)):
        a, b = convex[i], convex[(i + 1) % len(convex)]
        source, output = output, []
        for j in range(len(source)):
            p, q = source[j - 1], source[j]
            p_in, q_in = cross(a, b, p) >= 0, cross(a, b, q) >= 0
            if q_in:
                if not p_in:
                    output.append(meet(p, q, a, b))
                output.append(q)
            elif p_in:
                output.append(meet(p, q, a, b))
        if not output:
            return []
    return output


def meet(p, q, a, b):
    """Where the line pq crosses the line ab."""
    dp, dq = cross(a, b, p), cross(a, b, q)
    t = Fraction(dp) / (dp - dq)
    return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))


def overlap(first, second):
    """Whether two simple outlines share some area (more than a wall or a corner)."""
    return any(
        len(part) >= 3 and area2(part) != 0
        for one in triangles(first)
        for other in triangles(second)
        for part in [clip(one, other)]
    )
