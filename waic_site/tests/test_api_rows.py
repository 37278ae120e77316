"""The session list is built from rows (speakers/exports/rows.py), the detail from an instance
through SessionSerializer: both must say the same about every session."""

from datetime import timedelta

import pytest

from exhibitors.tests.factories import make_hall
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db


def make_programme():
    """Sessions with and without a track, venue and hall; cancelled; Chinese only; drafts."""
    hall = make_hall(code="H1")
    main = make_venue(slug="main", hall=hall)
    side = make_venue(slug="side")
    ada = make_speaker(slug="ada", name_en="Ada", name_zh_hans="阿达")
    wei = make_speaker(slug="wei", name_en="", name_zh_hans="张伟")
    draft = make_speaker(slug="draft", is_published=False)
    make_session(
        slug="opening",
        track=make_track(slug="models"),
        venue=main,
        speakers=[(ada, "host"), draft, (wei, "panelist")],
        starts_at=shanghai(26, 9),
    )
    make_session(
        slug="forum",
        title_en="",
        title_zh_hans="论坛",
        abstract_zh_hans="关于机器人。",
        venue=side,
        starts_at=shanghai(27, 14, 30) + timedelta(seconds=5, microseconds=7),
    )
    make_session(slug="loose", status="cancelled", speakers=[wei], starts_at=shanghai(28, 10))
    make_session(slug="hidden", is_published=False)


@pytest.mark.parametrize("language", ["", "?lang=en", "?lang=zh-hans"])
def test_each_listed_session_is_what_its_detail_says(client, language):
    make_programme()

    listed = client.get(f"/api/v1/sessions/{language}").json()["results"]
    details = [client.get(f"/api/v1/sessions/{row['slug']}/{language}").json() for row in listed]

    assert [row["slug"] for row in listed] == ["opening", "forum", "loose"]
    assert listed == details
