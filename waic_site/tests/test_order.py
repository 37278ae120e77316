"""The same A–Z on the pages that gather several kinds (home, search, My WAIC) and in the open
data API, in both languages (directory.collation)."""

import re

import pytest

from exhibitors.tests.factories import make_exhibitor
from favourites.tests.factories import star
from speakers.tests.factories import make_session, make_speaker, shanghai

pytestmark = pytest.mark.django_db

CARD_TITLE = r'<h3 class="card-title"(?: lang="[^"]+")?><a href="[^"]+">([^<]+)</a>'
KEYNOTES = [
    ("Yann LeCun", "杨立昆"),  # last in English, sixth in Chinese
    ("Lian Xiao", "连晓"),
    ("Émile Borel", None),
    ("Li Qiang", "李强"),
    ("Andrew Chi-Chih Yao", "姚期智"),  # first in English, last in Chinese
    ("Geoffrey Hinton", "杰弗里·辛顿"),
    ("anne bouverot", "安妮·布夫罗"),
]


def card_names(html):
    return re.findall(CARD_TITLE, html)


def test_the_home_page_features_the_same_keynote_speakers_in_both_languages(client):
    for english, chinese in KEYNOTES:
        make_speaker(name_en=english, name_zh_hans=chinese, is_keynote=True)

    assert card_names(client.get("/").text) == [
        "Andrew Chi-Chih Yao",
        "anne bouverot",
        "Émile Borel",
        "Geoffrey Hinton",
        "Li Qiang",
        "Lian Xiao",
    ]
    assert card_names(client.get("/zh-hans/").text) == [
        "安妮·布夫罗",
        "Émile Borel",
        "杰弗里·辛顿",
        "李强",
        "连晓",
        "姚期智",
    ]


def test_the_home_page_features_the_same_exhibitors_in_both_languages(client):
    names = [("Zhipu AI", "智谱"), ("AgiBot", "智元机器人"), ("Alibaba Group", "阿里巴巴集团")]
    names += [(f"Acme {n}", f"艾克米{n}") for n in range(1, 5)]
    for english, chinese in names:
        make_exhibitor(name_en=english, name_zh_hans=chinese, is_featured=True)

    english = card_names(client.get("/").text)
    chinese = card_names(client.get("/zh-hans/").text)

    assert english == ["Acme 1", "Acme 2", "Acme 3", "Acme 4", "AgiBot", "Alibaba Group"]
    assert chinese == ["阿里巴巴集团", "艾克米1", "艾克米2", "艾克米3", "艾克米4", "智元机器人"]


def test_search_results_are_a_to_z_in_each_language(client):
    for english, chinese in [
        ("Robot Zoo 10", "机器人动物园"),
        ("AMD Robots", None),
        ("Robot Zoo 2", None),
        ("Agile Robots", "思灵机器人"),
    ]:
        make_exhibitor(name_en=english, name_zh_hans=chinese)

    assert card_names(client.get("/search/?q=robot").text) == [
        "Agile Robots",
        "AMD Robots",
        "Robot Zoo 2",
        "Robot Zoo 10",
    ]
    assert card_names(client.get("/zh-hans/search/?q=机器人").text) == [
        "机器人动物园",
        "思灵机器人",
    ]


def test_api_lists_are_a_to_z_in_the_requested_language(client):
    for slug, english, chinese in [
        ("amd", "AMD", None),
        ("agibot", "AgiBot", "智元机器人"),
        ("alibaba", "Alibaba Group", "阿里巴巴集团"),
    ]:
        make_exhibitor(slug=slug, name_en=english, name_zh_hans=chinese)

    def slugs(query):
        return [row["slug"] for row in client.get(f"/api/v1/exhibitors/{query}").json()["results"]]

    assert slugs("") == ["agibot", "alibaba", "amd"]
    assert slugs("?lang=zh-hans") == ["alibaba", "amd", "agibot"]


def test_my_waic_says_the_weekday_as_the_rest_of_the_site(client):
    star(client, make_session(starts_at=shanghai(26, 9)))

    page = client.get("/zh-hans/my/").text

    assert "<h3>2025年7月26日 周六</h3>" in page
    assert "星期" not in page
