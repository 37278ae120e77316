import pytest
from django.http import QueryDict

from exhibitors.tests.factories import make_exhibitor
from speakers.filters import SessionFilter, SpeakerFilter
from speakers.models import Session, Speaker

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db


def speakers(query):
    return SpeakerFilter(QueryDict(query), queryset=Speaker.objects.published().for_listing())


def sessions(query):
    return SessionFilter(QueryDict(query), queryset=Session.objects.published().for_listing())


def names(filterset):
    assert filterset.is_valid(), filterset.form.errors
    return [str(row) for row in filterset.qs]


def facet(filterset, name):
    assert filterset.is_valid(), filterset.form.errors
    found = next(f for f in filterset.facets if f.name == name)
    return [(option.value, option.count, option.selected) for option in found.options]


def test_speaker_text_search_matches_name_position_organization_and_bio():
    make_speaker(name="Geoffrey Hinton")
    make_speaker(name="A", position="Chief Scientist")
    make_speaker(name="B", organization="Shanghai AI Lab")
    make_speaker(name="C", bio="Works on scientific discovery.")
    make_speaker(name="D", bio="上海人工智能实验室主任")

    assert names(speakers("q=scienti")) == ["A", "C"]
    assert names(speakers("q=shanghai")) == ["B"]
    assert names(speakers("q=人工智能")) == ["D"]


def test_speaker_track_and_day_filters_count_published_sessions_only():
    robotics = make_track(slug="robotics")
    hinton, lecun = make_speaker(name="Hinton"), make_speaker(name="LeCun")
    draft_only = make_speaker(name="Draft only")
    make_session(track=robotics, starts_at=shanghai(26, 9), speakers=[hinton])
    make_session(track=make_track(), starts_at=shanghai(27, 9), speakers=[lecun])
    make_session(
        track=robotics, starts_at=shanghai(27, 9), speakers=[draft_only], is_published=False
    )

    assert names(speakers("track=robotics")) == ["Hinton"]
    assert names(speakers("day=2025-07-27")) == ["LeCun"]
    assert names(speakers("day=2025-07-28")) == []


def test_speaker_keynote_country_and_organization_filters():
    unitree = make_exhibitor(slug="unitree")
    make_speaker(name="Wang Xingxing", exhibitor=unitree, country="CN")
    make_speaker(name="Hinton", is_keynote=True, country="GB")
    make_speaker(name="Yao", is_keynote=True, country="CN")

    assert names(speakers("keynote=true")) == ["Hinton", "Yao"]
    assert names(speakers("country=CN")) == ["Wang Xingxing", "Yao"]
    assert names(speakers("organization=unitree")) == ["Wang Xingxing"]
    assert names(speakers("keynote=true&country=CN")) == ["Yao"]


def test_speaker_facets_count_distinct_speakers_with_the_other_filters():
    robotics = make_track(slug="robotics", name="Robotics")
    health = make_track(slug="health", name="Health")
    hinton, yao = make_speaker(name="Hinton", country="GB"), make_speaker(name="Yao", country="CN")
    make_session(track=robotics, starts_at=shanghai(26, 9), speakers=[hinton, yao])
    make_session(track=robotics, starts_at=shanghai(26, 14), speakers=[hinton])
    make_session(track=health, starts_at=shanghai(27, 9), speakers=[yao])

    filterset = speakers("country=CN")

    assert facet(filterset, "track") == [("health", 1, False), ("robotics", 1, False)]
    assert facet(filterset, "day") == [("2025-07-26", 1, False), ("2025-07-27", 1, False)]
    assert facet(filterset, "country") == [("CN", 1, True), ("GB", 1, False)]


def test_session_filters_by_day_track_venue_type_language_and_speaker():
    robotics, stage = make_track(slug="robotics"), make_venue(slug="main-stage")
    hinton = make_speaker(slug="hinton")
    make_session(title="Opening", type="opening", starts_at=shanghai(26, 9), venue=stage)
    make_session(title="Robots", track=robotics, language="en", starts_at=shanghai(27, 10))
    make_session(title="Hinton talk", starts_at=shanghai(27, 23, 30), speakers=[hinton])

    assert names(sessions("day=2025-07-27")) == ["Robots", "Hinton talk"]
    assert names(sessions("track=robotics")) == ["Robots"]
    assert names(sessions("venue=main-stage")) == ["Opening"]
    assert names(sessions("type=opening&type=keynote")) == ["Opening"]
    assert names(sessions("language=en")) == ["Robots"]
    assert names(sessions("speaker=hinton")) == ["Hinton talk"]


def test_session_time_of_day_window_uses_shanghai_time():
    make_session(title="Early", starts_at=shanghai(26, 8, 30))
    make_session(title="Morning", starts_at=shanghai(26, 9))
    make_session(title="Noon", starts_at=shanghai(27, 12))

    assert names(sessions("from=09:00&until=12:00")) == ["Morning"]
    assert names(sessions("from=09:00")) == ["Morning", "Noon"]


def test_session_search_matches_title_abstract_and_published_speaker_names():
    make_session(title="Embodied AI forum")
    make_session(title="Other", abstract="Humanoid robots at work")
    make_session(title="With Hinton", speakers=[make_speaker(name="Geoffrey Hinton")])
    make_session(
        title="With draft", speakers=[make_speaker(name="Geoffrey Draft", is_published=False)]
    )

    assert names(sessions("q=embodied")) == ["Embodied AI forum"]
    assert names(sessions("q=HUMANOID")) == ["Other"]
    assert names(sessions("q=geoffrey")) == ["With Hinton"]


def test_session_day_facet_groups_by_shanghai_day_and_keeps_an_empty_chosen_day():
    make_session(starts_at=shanghai(26, 23, 30))  # 15:30 UTC, still the 26th in Shanghai
    make_session(starts_at=shanghai(27, 0, 30))  # 16:30 UTC on the 26th, the 27th in Shanghai
    make_session(starts_at=shanghai(27, 9))

    filterset = sessions("day=2025-07-28")

    assert facet(filterset, "day") == [
        ("2025-07-26", 1, False),
        ("2025-07-27", 2, False),
        ("2025-07-28", 0, True),
    ]
    assert names(filterset) == []


def test_unknown_or_draft_slugs_are_form_errors():
    make_track(slug="robotics")
    make_speaker(slug="draft", is_published=False)

    filterset = sessions("track=robotic&speaker=draft&venue=nowhere")

    assert not filterset.is_valid()
    assert filterset.form.errors == {
        "track": ["There is no track “robotic”."],
        "venue": ["There is no venue “nowhere”."],
        "speaker": ["There is no speaker “draft”."],
    }


@pytest.mark.parametrize(
    "query", ["day=2025-13-40", "day=tomorrow", "from=25:00", "until=noon", "type=party"]
)
def test_malformed_session_filters_are_form_errors(query):
    assert not sessions(query).is_valid()
