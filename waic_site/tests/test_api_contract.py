"""The open data API keeps the contract its OpenAPI document states, as a fuzzer sees it.

schemathesis reads /api/v1/openapi.json from a live server and sends what the document allows
and what it forbids, with every check it has: each answer's status must be documented, its
body and headers must match the document, valid requests must be accepted and invalid ones
refused. Deterministic (the same requests every run) and bounded in examples, so it takes
about a minute; it runs on the database and cache of the run (SQLite, then PostgreSQL with
Redis in CI).
"""

import subprocess
import sys

import pytest

from directory.testing import upload
from exhibitors.tests.factories import make_category, make_exhibitor, make_hall, make_product
from speakers.models import SessionStatus
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Per operation and phase: enough to find each of the 41 failures the document had before it
# was made exact, few enough for a 2-core machine.
MAX_EXAMPLES = 10
# Also send a parameter twice (?per_page=1&per_page=100): the document gives it one value.
CONFIG = """
[phases.coverage]
generate-duplicate-query-parameters = true
"""


def make_directory():
    """A small programme with every kind of value the API can answer: a record with and
    without each optional relation and image, cancelled and scheduled, both languages."""
    robots, chips = make_category(slug="robots"), make_category(slug="chips")
    h1, h2 = make_hall(code="H1", order=1, floor_plan=upload()), make_hall(code="H2", order=2)
    acme = make_exhibitor(
        slug="acme", hall=h1, booth="A1", country="CN", is_featured=True, logo=upload(),
        categories=[robots],
    )  # fmt: skip
    make_exhibitor(slug="chipco", hall=h2, country="US", categories=[robots, chips])
    make_exhibitor(slug="nomad")  # no hall, no country, no category
    make_product(slug="arm", exhibitor=acme, premiere="world", image=upload())
    make_product(slug="chip", exhibitor=acme)
    robotics, models = make_track(slug="robotics"), make_track(slug="models")
    main, side = make_venue(slug="main-hall", hall=h1), make_venue(slug="side-room")
    ada = make_speaker(
        slug="ada", country="GB", is_keynote=True, exhibitor=acme, photo=upload()
    )  # fmt: skip
    bo = make_speaker(slug="bo", country="CN")
    make_session(slug="opening", type="keynote", track=models, venue=main,
                 starts_at=shanghai(26, 9), speakers=[ada], language="en")  # fmt: skip
    make_session(slug="forum", type="forum", track=robotics, venue=side,
                 starts_at=shanghai(27, 14), speakers=[ada, bo])  # fmt: skip
    make_session(slug="loose", status=SessionStatus.CANCELLED, starts_at=shanghai(28, 10))


def test_the_api_answers_as_its_openapi_document_says(live_server, settings, tmp_path):
    settings.ALLOWED_HOSTS = ["*"]
    make_directory()
    (tmp_path / "schemathesis.toml").write_text(CONFIG)
    command = [
        *(sys.executable, "-m", "schemathesis.cli"),
        *("--config-file", str(tmp_path / "schemathesis.toml"), "run"),
        f"{live_server.url}/api/v1/openapi.json",
        *("--checks", "all"),
        *("--max-examples", str(MAX_EXAMPLES)),
        "--generation-deterministic",
        *("--workers", "1"),
        *("--request-timeout", "30"),
        "--no-color",
    ]

    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)

    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
