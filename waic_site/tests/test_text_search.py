"""Text search gives the same results on SQLite and on PostgreSQL (the suite runs on both).

SQLite answers `icontains` with LIKE, PostgreSQL with UPPER(…) LIKE UPPER(…) through trigram
indexes: these cases pin down that both find the same rows, in English, in Chinese and mixed.
"""

import pytest

from exhibitors.models import Exhibitor
from exhibitors.tests.factories import make_exhibitor, make_product
from speakers.models import Session, Speaker
from speakers.tests.factories import make_session, make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    huawei = make_exhibitor(
        slug="huawei",
        name_en="Huawei",
        name_zh_hans="华为",
        tagline_en="AI 芯片 for the edge",
        description_zh_hans="昇腾算力与大模型",
    )
    make_product(exhibitor=huawei, name_en="Ascend 910C", description_zh_hans="人工智能芯片")
    make_exhibitor(slug="unitree", name_en="Unitree Robotics", name_zh_hans="宇树科技")
    make_exhibitor(slug="fifty", name_en="50% Faster Labs", tagline_en="Half the time")
    make_exhibitor(slug="five-hundred", name_en="500 Labs", tagline_en="snake_case tools")
    make_exhibitor(slug="draft", name_en="Huawei Draft", is_published=False)
    hinton = make_speaker(slug="hinton", name_en="Geoffrey Hinton", organization_en="Toronto")
    yao = make_speaker(
        slug="yao", name_en="Andrew Chi-Chih Yao", name_zh_hans="姚期智", position_zh_hans="院士"
    )
    make_session(slug="opening", title_en="Opening: AI for Good", speakers=[hinton])
    make_session(
        slug="forum", title_zh_hans="大模型前沿论坛", abstract_en="LLM frontier", speakers=[yao]
    )


def found(queryset, text):
    return sorted(queryset.published().search(text).values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("text", "exhibitors", "speakers", "sessions"),
    [
        ("huawei", ["huawei"], [], []),
        ("HUAWEI", ["huawei"], [], []),
        ("华为", ["huawei"], [], []),
        ("昇腾", ["huawei"], [], []),
        ("芯片", ["huawei"], [], []),  # a tagline and a product's description
        ("ai 芯片", ["huawei"], [], []),  # mixed, case-insensitive
        ("ascend 910", ["huawei"], [], []),  # a published product's name
        ("50%", ["fifty"], [], []),  # % is a character, not a wildcard
        ("e_c", ["five-hundred"], [], []),  # _ too
        ("labs", ["fifty", "five-hundred"], [], []),
        ("姚期智", [], ["yao"], ["forum"]),  # a session's speaker
        ("院士", [], ["yao"], []),
        ("toronto", [], ["hinton"], []),
        ("hinton", [], ["hinton"], ["opening"]),
        ("大模型", ["huawei"], [], ["forum"]),
        ("ai for", [], [], ["opening"]),
        ("llm", [], [], ["forum"]),
        ("no such thing", [], [], []),
    ],
)
def test_search_finds_the_same_rows_in_english_and_chinese_on_every_database(
    directory, text, exhibitors, speakers, sessions
):
    assert found(Exhibitor.objects, text) == exhibitors
    assert found(Speaker.objects, text) == speakers
    assert found(Session.objects, text) == sessions
