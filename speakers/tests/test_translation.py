"""Speakers and sessions in English and Chinese: fallback, pinyin order and slugs, search, admin."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from speakers.models import Session, Speaker

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db


def test_speaker_texts_fall_back_to_the_other_language_both_ways():
    speaker = make_speaker(
        name_en="Li Qiang",
        name_zh_hans="李强",
        position_zh_hans="国务院总理",
        bio_en="Premier of the State Council.",
    )

    with translation.override("zh-hans"):
        chinese = (speaker.name, speaker.position, speaker.bio)
    with translation.override("en"):
        english = (speaker.name, speaker.position, speaker.bio)

    assert chinese == ("李强", "国务院总理", "Premier of the State Council.")
    assert english == ("Li Qiang", "国务院总理", "Premier of the State Council.")


def test_venue_track_and_session_texts_read_the_active_language():
    venue = make_venue(name_en="Main Hall", name_zh_hans="世博中心主会场", room_en="2F Hall")
    track = make_track(name_en="AI Governance", name_zh_hans="人工智能治理")
    session = make_session(title_en="Opening", title_zh_hans="开幕式", venue=venue, track=track)

    with translation.override("zh-hans"):
        shown = (session.title, session.track.name, session.venue.name, session.venue.room)

    assert shown == ("开幕式", "人工智能治理", "世博中心主会场", "2F Hall")


def test_translated_marks_an_english_bio_on_a_chinese_page():
    speaker = make_speaker(name_en="Geoffrey Hinton", name_zh_hans="杰弗里·辛顿", bio_en="Pioneer.")
    template = Template(
        '{% load translated %}{% translated speaker "bio" "p" %}'
        '{% translated speaker "name" "h1" %}'
    )

    with translation.override("zh-hans"):
        html = template.render(Context({"speaker": speaker}))

    assert html == '<p lang="en">Pioneer.</p><h1>杰弗里·辛顿</h1>'


def test_a_chinese_only_name_gets_a_pinyin_slug():
    speaker = make_speaker(name_zh_hans="李强", slug="")

    assert speaker.slug == "li-qiang"
    assert speaker.get_absolute_url() == "/speakers/li-qiang/"


def test_a_speakers_chinese_surname_is_read_as_a_surname():
    zeng = make_speaker(name_zh_hans="曾毅", slug="")
    shan = make_speaker(name_zh_hans="单霁翔", slug="")

    assert (zeng.slug, zeng.sort_name) == ("zeng-yi", "zeng yi")
    assert (shan.slug, shan.sort_name) == ("shan-ji-xiang", "shan ji xiang")


def test_a_blank_session_slug_is_made_from_its_title():
    session = make_session(title_zh_hans="开幕式", slug="")

    assert session.slug == "kai-mu-shi"


def test_speakers_sort_a_to_z_by_the_pages_language_with_chinese_as_pinyin():
    for name in ["Yann LeCun", "anne Bouverot"]:
        make_speaker(name_en=name)
    make_speaker(name_zh_hans="李强")
    make_speaker(name_zh_hans="周伯文")
    make_speaker(name_en="Andrew Chi-Chih Yao", name_zh_hans="姚期智")

    orders = {}
    for language in ["en", "zh-hans"]:
        with translation.override(language):
            orders[language] = [speaker.name for speaker in Speaker.objects.published()]

    assert orders == {
        "en": ["Andrew Chi-Chih Yao", "anne Bouverot", "李强", "Yann LeCun", "周伯文"],
        "zh-hans": ["anne Bouverot", "李强", "Yann LeCun", "姚期智", "周伯文"],
    }


def test_speaker_search_matches_names_and_organizations_in_either_language():
    li = make_speaker(name_en="Li Qiang", name_zh_hans="李强")
    huawei_cto = make_speaker(name_en="Zhou Hong", organization_zh_hans="华为", position_en="CTO")
    make_speaker(name_en="Geoffrey Hinton", organization_en="University of Toronto")

    with translation.override("en"):
        found = [list(Speaker.objects.search(text)) for text in ["李强", "华为", "cto"]]

    assert found == [[li], [huawei_cto], [huawei_cto]]


def test_session_search_matches_titles_abstracts_and_published_speakers_in_either_language(
    django_assert_num_queries,
):
    hinton = make_speaker(name_en="Geoffrey Hinton", name_zh_hans="杰弗里·辛顿")
    draft = make_speaker(name_en="Secret Guest", is_published=False)
    opening = make_session(
        title_en="Opening ceremony",
        title_zh_hans="开幕式",
        speakers=[hinton],
        starts_at=shanghai(26, 9),
    )
    panel = make_session(
        title_en="Panel",
        abstract_zh_hans="人形机器人",
        speakers=[hinton, draft],
        starts_at=shanghai(26, 11),
    )
    make_session(title_en="Closing", speakers=[draft])

    with translation.override("zh-hans"), django_assert_num_queries(4):
        found = [
            list(Session.objects.published().search(text))
            for text in ["开幕", "人形机器人", "辛顿", "secret"]
        ]

    assert found == [[opening], [panel], [opening, panel], []]


def speaker_form(**fields):
    data = {"slug": "", "country": "", "slots-TOTAL_FORMS": "0", "slots-INITIAL_FORMS": "0"}
    data.update(fields)
    return data


def test_admin_speaker_form_has_both_languages_side_by_side_and_saves_them(admin_client):
    add = admin_client.get(reverse("admin:speakers_speaker_add"))

    response = admin_client.post(
        reverse("admin:speakers_speaker_add"),
        speaker_form(
            name_zh_hans="李强",
            bio_en="Premier of the State Council.",
            bio_zh_hans="国务院总理。",
        ),
    )

    fieldsets = add.context["adminform"].fieldsets
    assert fieldsets[0][1]["fields"][0] == ("name_en", "name_zh_hans")
    assert fieldsets[2][1]["fields"][0] == ("bio_en", "bio_zh_hans")
    assert response.status_code == 302
    speaker = Speaker.objects.get()
    assert (speaker.name_en, speaker.name_zh_hans, speaker.slug, speaker.sort_name) == (
        None,
        "李强",
        "li-qiang",
        "li qiang",
    )
    assert (speaker.bio_en, speaker.bio_zh_hans) == (
        "Premier of the State Council.",
        "国务院总理。",
    )


def test_admin_session_search_finds_chinese_speaker_names(admin_client):
    hinton = make_speaker(name_en="Geoffrey Hinton", name_zh_hans="杰弗里·辛顿")
    make_session(title_en="Keynote", speakers=[hinton])
    make_session(title_en="Other")

    response = admin_client.get(reverse("admin:speakers_session_changelist"), {"q": "辛顿"})

    assert [session.title for session in response.context["cl"].result_list] == ["Keynote"]
