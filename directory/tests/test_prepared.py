"""`PreparedValues`: a values() QuerySet compiled once, answering as the ORM would."""

import pytest
from django.utils import translation

from directory.prepared import PreparedValues
from speakers.models import Session
from speakers.tests.factories import make_session, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db


def build(track, session):
    return (
        Session.objects.published()
        .filter(track=track)
        .exclude(pk=session)
        .values("slug", "starts_at", "title_en", "venue__name_zh_hans")[:3]
    )


@pytest.fixture
def programme():
    robotics, vision = make_track(), make_track()
    stage = make_venue(name_zh_hans="主舞台")
    sessions = [
        make_session(track=robotics, venue=stage if day % 2 else None, starts_at=shanghai(day, 9))
        for day in (26, 27, 28, 29)
    ]
    make_session(track=robotics, is_published=False)
    make_session(track=vision, starts_at=shanghai(26, 10))
    return robotics, vision, sessions


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_it_answers_what_the_queryset_does_for_every_value(programme, language):
    robotics, vision, sessions = programme
    prepared = PreparedValues(Session, build)

    with translation.override(language):
        for track, session in [
            (robotics, sessions[0]),
            (robotics, sessions[2]),
            (vision, sessions[0]),
        ]:
            expected = list(build(track=track.pk, session=session.pk))
            assert prepared(track=track.pk, session=session.pk) == expected
    assert len(prepared.compiled) == 1  # compiled once


def test_each_call_runs_one_query(programme, django_assert_num_queries):
    robotics, _vision, sessions = programme
    prepared = PreparedValues(Session, build)
    prepared(track=robotics.pk, session=sessions[0].pk)

    with django_assert_num_queries(1):
        rows = prepared(track=robotics.pk, session=sessions[3].pk)

    assert [row["slug"] for row in rows] == [session.slug for session in sessions[:3]]
    assert rows[0]["starts_at"] == sessions[0].starts_at  # converted, an aware datetime


def test_a_changed_setting_compiles_it_again(programme, settings):
    robotics, _vision, sessions = programme
    prepared = PreparedValues(Session, build)
    prepared(track=robotics.pk, session=sessions[0].pk)

    settings.USE_THOUSAND_SEPARATOR = True  # any change, as a test's override makes
    prepared(track=robotics.pk, session=sessions[0].pk)

    assert len(prepared.compiled) == 2


def test_a_value_that_is_no_parameter_of_the_sql_is_refused():
    """Such a value (unused, or written into the SQL) would be the stand-in's on every call."""
    prepared = PreparedValues(Session, lambda pk: Session.objects.values("slug"))

    with pytest.raises(ValueError, match="one parameter of the SQL"):
        prepared(pk=3)


def test_only_values_querysets_of_fields_are_taken():
    prepared = PreparedValues(Session, lambda pk: Session.objects.filter(pk=pk))

    with pytest.raises(ValueError, match="values"):
        prepared(pk=1)
