"""A–Z as readers expect it, in both languages: English without regard to case or accents,
Chinese by pinyin, Latin names among the Chinese ones by their letters (directory.collation)."""

import re

import pytest
from django.urls import reverse

from directory.testing import facet_labels

from .factories import make_category, make_exhibitor, make_hall

pytestmark = pytest.mark.django_db

LIST_URL = reverse("exhibitors:exhibitor_list")
CARD_TITLE = r'<h3 class="card-title"(?: lang="[^"]+")?><a href="[^"]+">([^<]+)</a>'

ENGLISH_A_Z = [
    "4Paradigm",
    "AgiBot",
    "Alibaba Group",
    "AMD",
    "Baidu",
    "Émile Robotics",
    "Huawei",
    "zeta labs",
]
CHINESE_A_Z = [
    "阿里巴巴集团",  # a li ba ba
    "AMD",
    "百度",  # bai du
    "第四范式",  # di si fan shi
    "Émile Robotics",
    "华为",  # hua wei
    "zeta labs",
    "智元机器人",  # zhi yuan
]


def card_names(response):
    return re.findall(CARD_TITLE, response.text)


@pytest.fixture
def exhibitors():
    # Created out of order, so that neither the primary key nor insertion order gives A–Z.
    for english, chinese in [
        ("zeta labs", None),
        ("Huawei", "华为"),
        ("AMD", None),
        ("4Paradigm", "第四范式"),
        ("Émile Robotics", None),
        ("Alibaba Group", "阿里巴巴集团"),
        ("Baidu", "百度"),
        ("AgiBot", "智元机器人"),
    ]:
        make_exhibitor(name_en=english, name_zh_hans=chinese)


@pytest.mark.parametrize("query", ["", "?sort=name"])
def test_exhibitors_are_listed_a_to_z_in_each_language(client, exhibitors, query):
    assert card_names(client.get(LIST_URL + query)) == ENGLISH_A_Z
    assert card_names(client.get("/zh-hans" + LIST_URL + query)) == CHINESE_A_Z


def test_featured_first_and_by_hall_break_ties_a_to_z(client):
    hall = make_hall(code="H1")
    for english, chinese, featured in [
        ("Zhipu AI", "智谱", True),
        ("Alibaba Group", "阿里巴巴集团", False),
        ("AMD", None, True),
        ("Unitree", "宇树科技", False),
    ]:
        make_exhibitor(name_en=english, name_zh_hans=chinese, is_featured=featured, hall=hall)

    featured = LIST_URL + "?sort=featured"
    by_hall = LIST_URL + "?sort=hall"
    assert card_names(client.get(featured)) == ["AMD", "Zhipu AI", "Alibaba Group", "Unitree"]
    assert card_names(client.get("/zh-hans" + featured)) == [
        "AMD",
        "智谱",
        "阿里巴巴集团",
        "宇树科技",
    ]
    assert card_names(client.get("/zh-hans" + by_hall)) == [
        "阿里巴巴集团",
        "AMD",
        "宇树科技",
        "智谱",
    ]


def test_category_and_country_options_are_a_to_z_in_each_language(client):
    categories = [
        make_category(name_en="Robotics", name_zh_hans="机器人"),
        make_category(name_en="AI Chips", name_zh_hans="AI芯片"),
        make_category(name_en="Émotion AI"),
        make_category(name_en="large models", name_zh_hans="大模型"),
    ]
    for country in ["CN", "US", "FR", "DE"]:
        make_exhibitor(country=country, categories=categories)

    english, chinese = client.get(LIST_URL), client.get("/zh-hans" + LIST_URL)

    assert facet_labels(english, "category") == [
        "AI Chips",
        "Émotion AI",
        "large models",
        "Robotics",
    ]
    assert facet_labels(chinese, "category") == ["AI芯片", "大模型", "Émotion AI", "机器人"]
    assert facet_labels(english, "country") == [
        "China",
        "France",
        "Germany",
        "United States of America",
    ]
    assert facet_labels(chinese, "country") == ["德国", "法国", "美国", "中国"]


def test_categories_keep_the_organizers_order_before_a_to_z(client):
    make_exhibitor(
        categories=[
            make_category(name_en="Start-ups", order=9),
            make_category(name_en="Zoo", order=1),
            make_category(name_en="apps", order=1),
        ]
    )

    assert facet_labels(client.get(LIST_URL), "category") == ["apps", "Zoo", "Start-ups"]


def test_cards_name_the_hall_and_the_booth_in_the_pages_language(client):
    hall = make_hall(code="H1", name_en="Core Technologies", name_zh_hans="核心技术馆")
    make_exhibitor(hall=hall, booth="H1-A02", slug="agibot")

    english, chinese = client.get(LIST_URL).text, client.get("/zh-hans" + LIST_URL).text
    detail = client.get("/zh-hans/exhibitors/agibot/").text

    assert "<span>Hall H1 · Booth A02</span>" in english
    assert "<span>H1 馆 · A02 展位</span>" in chinese
    assert "H1-A02" not in english + chinese
    assert "H1 · 核心技术馆</a> · A02 展位</dd>" in detail


def test_chinese_pages_list_categories_with_the_chinese_comma(client):
    make_exhibitor(
        slug="agibot",
        categories=[
            make_category(name_en="Robotics", name_zh_hans="机器人"),
            make_category(name_en="AI Chips", name_zh_hans="AI芯片"),
        ],
    )

    english = client.get("/exhibitors/agibot/").text
    chinese = client.get("/zh-hans/exhibitors/agibot/").text

    assert re.sub("<[^>]+>", "", re.search(r"<dd>[^\n]*AI Chips.*?</dd>", english)[0]) == (
        "AI Chips, Robotics"
    )
    assert re.sub("<[^>]+>", "", re.search(r"<dd>[^\n]*AI芯片.*?</dd>", chinese)[0]) == (
        "AI芯片、机器人"
    )


def test_exhibitors_without_a_logo_show_initials_in_the_pages_language(client):
    make_exhibitor(name_en="Alibaba Group", name_zh_hans="阿里巴巴集团")

    english, chinese = client.get(LIST_URL).text, client.get("/zh-hans" + LIST_URL).text

    assert re.findall(r'font-size="\d+">([^<]+)</text>', english) == ["AG"]
    assert re.findall(r'font-size="\d+">([^<]+)</text>', chinese) == ["阿"]
