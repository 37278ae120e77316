"""The site in English and Simplified Chinese: addresses, switcher, catalogue, dates."""

import re

import polib
import pytest
from django.utils import translation

from exhibitors.tests.factories import make_category, make_exhibitor, make_hall, make_product
from speakers.tests.factories import make_session, make_speaker, shanghai
from waic_site.catalogues import catalogues, compiled

pytestmark = pytest.mark.django_db


def alternates(text):
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text)


def switcher_links(text):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', text, re.S).group()
    return re.findall(r'<a href="([^"]+)" lang="([^"]+)"', nav)


TAB = re.compile(r'<a class="tab [\w-]+" href="([^"]+)"[^>]*>.*?<span class="tab-label">([^<]+)<')


def tab_labels(text):
    return TAB.findall(text)


def test_the_chinese_catalogue_is_complete_without_fuzzy_or_obsolete_entries():
    [po_path] = catalogues()
    po = polib.pofile(str(po_path))

    assert po_path.parent.parent.name == "zh_Hans"
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po.obsolete_entries()] == []
    assert not po.metadata_is_fuzzy
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"


def test_the_committed_compiled_catalogue_matches_its_po_file():
    [po_path] = catalogues()

    assert po_path.with_suffix(".mo").read_bytes() == compiled(po_path)


def test_english_addresses_stay_unprefixed_and_chinese_ones_carry_the_language(client):
    speaker = make_speaker(name_en="Geoffrey Hinton", name_zh_hans="杰弗里·辛顿", slug="hinton")
    with translation.override("zh-hans"):
        chinese_url = speaker.get_absolute_url()

    english = client.get(speaker.get_absolute_url())
    chinese = client.get(chinese_url)

    assert chinese_url == "/zh-hans/speakers/hinton/"
    assert (english.status_code, chinese.status_code) == (200, 200)
    assert '<html lang="en">' in english.text
    assert '<html lang="zh-Hans">' in chinese.text
    assert "<h1>Geoffrey Hinton</h1>" in english.text
    assert "<h1>杰弗里·辛顿</h1>" in chinese.text


def test_a_chinese_page_shows_chinese_chrome_content_and_facet_labels(client):
    hall = make_hall(code="H1", name_en="Hall 1", name_zh_hans="一号馆")
    robots = make_category(slug="robotics", name_en="Robotics", name_zh_hans="机器人")
    make_exhibitor(
        name_en="Unitree", name_zh_hans="宇树科技", hall=hall, booth="H1-A01", categories=[robots]
    )

    response = client.get("/zh-hans/exhibitors/")

    text = response.text
    assert tab_labels(text) == [
        ("/zh-hans/sessions/", "议程"),
        ("/zh-hans/speakers/", "演讲嘉宾"),
        ("/zh-hans/exhibitors/", "展商"),
        ("/zh-hans/my/", "我的 WAIC"),
    ]
    assert "所有时间均为北京时间（GMT+8）" in text
    assert "宇树科技" in text
    assert "机器人" in text
    assert "H1 · 一号馆" in text
    assert "Agenda" not in text


def test_a_fallback_value_carries_its_language_and_a_discreet_note(client):
    make_speaker(
        slug="lecun", name_en="Yann LeCun", name_zh_hans="杨立昆", bio_en="Chief AI Scientist."
    )

    chinese = client.get("/zh-hans/speakers/lecun/").text
    english = client.get("/speakers/lecun/").text

    assert '<div class="prose" lang="en"><p>Chief AI Scientist.</p></div>' in chinese
    assert '<p><small class="untranslated">暂无中文</small></p>' in chinese
    assert "<h1>杨立昆</h1>" in chinese
    assert "untranslated" not in english


def test_a_card_title_in_the_other_language_says_which_language_it_is(client):
    make_exhibitor(name_en="Huawei", name_zh_hans="华为")
    make_exhibitor(name_en="MiniMax", slug="minimax")

    text = client.get("/zh-hans/exhibitors/").text

    assert re.findall(r'<h3 class="card-title"( lang="en")?><a href="[^"]+">([^<]+)</a>', text) == [
        ("", "华为"),
        (' lang="en"', "MiniMax"),
    ]


@pytest.mark.parametrize("prefix", ["", "/zh-hans"])
def test_search_finds_either_language_on_either_page(client, prefix):
    huawei = make_exhibitor(name_en="Huawei", name_zh_hans="华为", slug="huawei")
    unitree = make_exhibitor(name_en="Unitree", name_zh_hans="宇树科技", slug="unitree")
    make_product(exhibitor=unitree, name_zh_hans="人形机器人 G1", description_en="A humanoid.")
    make_product(exhibitor=huawei, name_en="Ascend", name_zh_hans="昇腾")

    by_chinese = client.get(f"{prefix}/exhibitors/", {"q": "华为"})
    by_english = client.get(f"{prefix}/exhibitors/", {"q": "humanoid"})
    by_product = client.get(f"{prefix}/exhibitors/", {"q": "人形机器人"})
    everywhere = client.get(f"{prefix}/search/", {"q": "华为"})

    assert [e.slug for e in by_chinese.context["object_list"]] == ["huawei"]
    assert [e.slug for e in by_english.context["object_list"]] == ["unitree"]
    assert [e.slug for e in by_product.context["object_list"]] == ["unitree"]
    assert [list(group["results"]) for group in everywhere.context["groups"]] == [[], [], [huawei]]


def test_session_and_speaker_search_match_chinese_and_english(client):
    li = make_speaker(name_en="Li Qiang", name_zh_hans="李强", slug="li-qiang")
    make_session(title_en="Opening Ceremony", title_zh_hans="开幕式", slug="opening", speakers=[li])

    speakers = client.get("/speakers/", {"q": "李强"}).context["object_list"]
    sessions = client.get("/zh-hans/sessions/", {"q": "Opening"}).context["object_list"]
    by_speaker = client.get("/sessions/", {"q": "李强"}).context["object_list"]

    assert [s.slug for s in speakers] == ["li-qiang"]
    assert [s.slug for s in sessions] == ["opening"]
    assert [s.slug for s in by_speaker] == ["opening"]


def test_the_switcher_keeps_the_page_and_its_filters(client):
    make_exhibitor(hall=make_hall(code="H2"), booth="H2-A01")
    query = "?hall=H2&q=robot&sort=hall"

    english = client.get("/exhibitors/" + query).text
    chinese = client.get("/zh-hans/exhibitors/" + query).text

    expected = [("/exhibitors/" + query, "en"), ("/zh-hans/exhibitors/" + query, "zh-Hans")]
    assert switcher_links(english) == [(url.replace("&", "&amp;"), lang) for url, lang in expected]
    assert switcher_links(chinese) == switcher_links(english)


def test_pages_name_their_alternates_in_each_language_and_a_default(client):
    make_speaker(slug="hinton")

    text = client.get("/zh-hans/speakers/hinton/").text

    assert alternates(text) == [
        ("en", "http://testserver/speakers/hinton/"),
        ("x-default", "http://testserver/speakers/hinton/"),
        ("zh-Hans", "http://testserver/zh-hans/speakers/hinton/"),
    ]


def test_the_switcher_is_plain_links_and_pages_stay_cacheable(client):
    make_speaker()

    response = client.get("/zh-hans/speakers/")

    assert "set_language" not in response.text
    assert "csrfmiddlewaretoken" not in response.text
    assert response.cookies == {}
    assert response["Cache-Control"] == "public, max-age=60"


def test_dates_and_times_follow_the_language_and_say_shanghai_time(client):
    make_session(slug="opening", starts_at=shanghai(26, 9, 30), ends_at=shanghai(26, 10, 30))

    english = client.get("/sessions/").text
    chinese = client.get("/zh-hans/sessions/").text
    chinese_detail = client.get("/zh-hans/sessions/opening/").text

    # The agenda says the day once, above its sessions' times.
    assert '<h2 class="agenda-date">Saturday 26 July 2025</h2>' in english
    assert '<h2 class="agenda-date">2025年7月26日 周六</h2>' in chinese
    assert ">09:30–10:30</time>" in chinese
    assert '<span class="day-label">7月26日 周六</span>' in chinese
    assert ">2025年7月26日 周六 09:30–10:30</time> （北京时间，GMT+8）" in chinese_detail
    assert "星期" not in chinese + chinese_detail
    assert "Shanghai time (GMT+8)" in english


def test_day_filter_options_are_written_in_the_pages_language(client):
    make_session(starts_at=shanghai(27, 14))

    response = client.get("/zh-hans/sessions/?day=2025-07-27")

    [day_facet] = [facet for facet in response.context["filter"].facets if facet.name == "day"]
    assert (day_facet.label, [option.label for option in day_facet.options]) == (
        "日期",
        ["7月27日 周日"],
    )


def test_the_admin_speaks_chinese_under_the_chinese_prefix(admin_client):
    response = admin_client.get("/zh-hans/admin/speakers/speaker/add/")

    assert response.status_code == 200
    assert "职位 · 简体中文" in response.text
    assert "职务，例如：首席科学家。" in response.text


@pytest.mark.parametrize("path", ["/admin/login/", "/zh-hans/admin/login/"])
def test_the_admin_is_never_served_from_the_page_cache_in_either_language(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
