"""Every page type, in both languages, passes the W3C Nu HTML checker (vnu.jar from npm's
vnu-jar, installed by `make test`; it needs Java) with no error."""

import pytest

from directory.testing import nu_checker, nu_errors
from exhibitors.tests.factories import (
    make_booth,
    make_category,
    make_exhibitor,
    make_hall,
    make_product,
)
from favourites.tests.factories import star
from speakers import agenda
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


PAGES = {
    "home": "/",
    "speakers": "/speakers/",
    "agenda": "/sessions/",
    "agenda, another day": "/sessions/?day=2025-07-27",
    "exhibitors, filtered": "/exhibitors/?category=robots&hall=H2",
    "exhibitors, refused filter": "/exhibitors/?category=nope",
    "search": "/search/?q=robot",
    "search, nothing found": "/search/?q=zzzz",
    "My WAIC": "/my/",
    "exhibitor": "/exhibitors/unitree/",
    "hall map": "/exhibitors/halls/H2/",
    "speaker": "/speakers/wang-xingxing/",
    "session": "/sessions/robots-among-us/",
    "now & next": "/now/",
    "now & next, lobby screen": "/now/screen/",
    "now & next, refused venue": "/now/?venue=nope",
    "not found": "/no-such-page/",
}


@pytest.fixture
def records():
    robots = make_category(slug="robots", name="Robots")
    hall = make_hall(
        code="H2", name="Smart Terminals", plan_width=60, plan_height=30,
        plan_areas=[{"kind": "entrance", "label": "Entrance", "label_zh": "入口",
                     "x": 20, "y": 26, "width": 20, "height": 4}],
    )  # fmt: skip
    unitree = make_exhibitor(
        name="Unitree", slug="unitree", hall=hall, booth="H2-A01", categories=[robots],
        tagline="Robots that walk.", description="Legged robots.\n\nFrom Hangzhou.",
    )  # fmt: skip
    make_product(exhibitor=unitree, name="G1", premiere="world")
    make_booth(hall, code="H2-A01", x=2, y=2, exhibitor=unitree)
    make_booth(hall, code="H2-A02", x=14, y=2)  # no exhibitor yet
    corner = make_exhibitor(name="Corner Robotics", hall=hall, booth="H2-A03")
    make_booth(hall, code="H2-A03", points="26,2 46,2 46,7 36,7 36,12 26,12", exhibitor=corner)
    wang = make_speaker(
        name="Wang Xingxing", slug="wang-xingxing", organization="Unitree Robotics",
        exhibitor=unitree, country="CN", bio="Founder of Unitree.",
    )  # fmt: skip
    session = make_session(
        title="Robots among us", slug="robots-among-us", starts_at=shanghai(27, 14),
        track=make_track(name="Embodied AI", slug="embodied"),
        venue=make_venue(name="Forum A"), speakers=[wang], abstract="Robots, now.",
    )  # fmt: skip
    make_session(title="Opening", starts_at=shanghai(26, 9))
    return session


def test_every_page_type_passes_the_nu_html_checker(client, records, tmp_path, monkeypatch):
    command = nu_checker()
    monkeypatch.setattr(agenda, "now", lambda: shanghai(27, 14, 10))  # during a session
    star(client, records)  # My WAIC with a saved session
    star(client, records.speakers.get().exhibitor)  # and an exhibitor on a hall map
    files = {}
    for prefix in ("", "/zh-hans"):
        for name, path in PAGES.items():
            response = client.get(prefix + path)
            assert response.status_code in (200, 400, 404), (path, response.status_code)
            file = tmp_path / f"{len(files)}.html"
            file.write_bytes(response.content)
            files[file.name] = f"{name} ({prefix + path})"

    assert nu_errors(command, tmp_path, files) == []
