"""Searches of one or two Chinese characters go through the CJK indexes (directory/search/cjk.py)
on both databases, and find exactly what a substring match (`icontains`) finds.

The directory here puts Chinese where an index could go wrong: a column that is two characters
and nothing else, a character at the end of a run or of a column, Chinese in an English column
beside Latin letters, punctuation between runs, kana and hangul, drafts.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.bilingual import localized_lookups
from directory.search import cjk, index_for, postgresql, sqlite
from exhibitors.models import Exhibitor, Product
from exhibitors.tests.factories import make_exhibitor, make_product
from speakers.models import Session, Speaker
from speakers.tests.factories import make_session, make_speaker
from waic_site.demo.waic2025 import load_waic2025

pytestmark = pytest.mark.django_db

MODELS = (Exhibitor, Product, Speaker, Session)


@pytest.fixture
def directory():
    make_exhibitor(slug="ai-lab", name_en="AI Lab", name_zh_hans="智能")
    robot = make_exhibitor(
        slug="robot", name_en="Robot Works", description_zh_hans="四足机器人，人形机器人。"
    )
    make_product(exhibitor=robot, slug="robot-dog", name_en="Dog", name_zh_hans="机器狗")
    make_exhibitor(slug="wisdom", name_en="Wisdom", tagline_zh_hans="明智")
    make_exhibitor(slug="mixed", name_en="AI智能 Lab")
    make_exhibitor(slug="kana", name_en="Kana", description_en="ロボット と 로봇")
    make_exhibitor(slug="draft", name_zh_hans="智能草稿", is_published=False)
    plain = make_exhibitor(slug="plain", name_en="Plain")
    make_product(exhibitor=plain, slug="watch", name_zh_hans="智能手表", is_published=False)
    yao = make_speaker(slug="yao", name_en="Andrew Yao", name_zh_hans="姚期智", position="院士")
    mister = make_speaker(slug="mister", name_zh_hans="智能先生", is_published=False)
    make_session(slug="forum", title_zh_hans="人工智能前沿", speakers=[yao])
    make_session(slug="robots", title_en="Robots", speakers=[mister])


def found(model, text, index=True):
    rows = model.objects.published().search(text, index=index)
    return sorted(rows.values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("text", "exhibitors", "products", "speakers", "sessions"),
    [
        ("智能", ["ai-lab", "mixed"], [], [], ["forum"]),  # not the drafts'
        ("机器", ["robot"], ["robot-dog"], [], []),
        ("器人", ["robot"], [], [], []),
        ("智", ["ai-lab", "mixed", "wisdom"], [], ["yao"], ["forum"]),  # at a run's end too
        ("能", ["ai-lab", "mixed"], [], [], ["forum"]),  # at a column's end
        ("狗", ["robot"], ["robot-dog"], [], []),
        ("明智", ["wisdom"], [], [], []),
        ("人，", ["robot"], [], [], []),  # punctuation: no index, a scan
        ("，", ["robot"], [], [], []),
        ("ロボ", ["kana"], [], [], []),
        ("로봇", ["kana"], [], [], []),
        ("ト", ["kana"], [], [], []),
        ("机器人", ["robot"], [], [], []),  # three characters: the trigram index
        ("人形机器", ["robot"], [], [], []),
        ("I智", ["mixed"], [], [], []),  # mixed, two characters: a scan
        ("ai智", ["mixed"], [], [], []),  # mixed, three: the trigram index
        ("智能 l", ["mixed"], [], [], []),
        ("能人", [], [], [], []),
        ("无此", [], [], [], []),
        ("无", [], [], [], []),
    ],
)
def test_chinese_searches_find_exactly_what_a_substring_match_finds(
    directory, text, exhibitors, products, speakers, sessions
):
    results = [found(model, text) for model in MODELS]
    substring = [found(model, text, index=False) for model in MODELS]

    assert results == [exhibitors, products, speakers, sessions]
    assert results == substring


def test_one_or_two_cjk_characters_are_answered_by_an_index_on_every_database():
    backend = sqlite if connection.vendor == "sqlite" else postgresql

    assert [index_for(text) for text in ("智能", "智", "ロボ", "로봇")] == [backend] * 4
    assert index_for("智能", index=False) is None
    assert [cjk.answers(text) for text in ("ai", "I智", "人，", "，", "智能体")] == [False] * 5


def test_a_two_character_search_asks_the_cjk_index_not_each_row(directory):
    with CaptureQueriesContext(connection) as queries:
        assert found(Session, "智能") == ["forum"]
    sql = queries[0]["sql"]

    asked = '_cjk" MATCH' if connection.vendor == "sqlite" else "waic_cjk_tokens("
    # The session's own fields, and its published speakers' names.
    assert (sql.count(asked) > 0, sql.count("LIKE")) == (True, 0)


def test_the_cjk_index_follows_saves_updates_bulk_writes_and_deletes(directory):
    lab = Exhibitor.objects.get(slug="ai-lab")
    lab.name_zh_hans = "机器"
    lab.save()
    Exhibitor.objects.filter(slug="wisdom").update(tagline_zh_hans="智能体")
    Exhibitor.objects.bulk_create([Exhibitor(slug="agent", name_zh_hans="智能", is_published=True)])
    Exhibitor.objects.filter(slug="mixed").delete()
    Product.objects.filter(slug="robot-dog").update(name_zh_hans="狗")
    Speaker.objects.filter(slug="mister").update(is_published=True)

    assert found(Exhibitor, "智能") == ["agent", "wisdom"]
    assert found(Exhibitor, "机器") == ["ai-lab", "robot"]
    assert found(Product, "机器") == []
    assert found(Product, "狗") == ["robot-dog"]
    assert found(Session, "智能") == ["forum", "robots"]  # its speaker, now published


def test_sqlite_tokens_are_each_cjk_character_with_the_next_one_if_cjk():
    assert cjk.sqlite_tokens("人工智能，AI 机器") == "人工 工智 智能 能 机器 器"
    assert cjk.sqlite_tokens("Robots") == ""
    assert (cjk.sqlite_tokens(None), cjk.sqlite_tokens(42)) == ("", "")


def test_every_sampled_chinese_character_and_pair_of_the_demo_finds_what_a_substring_match_finds():
    """On WAIC 2025's own records: a hundred of the characters and pairs they contain, each
    searched through the index, and the same tested on each row in Python (a speaker's or a
    product's own fields) and with `icontains` (every kind, with their related rows)."""
    load_waic2025()
    texts = {
        model: {
            row["slug"]: [value for key, value in row.items() if key != "slug" and value]
            for row in model.objects.published().values("slug", *searched_columns(model))
        }
        for model in MODELS
    }
    found_in = {
        run[i : i + width]
        for rows in texts.values()
        for values in rows.values()
        for value in values
        for run in cjk.RUN.findall(value)
        for width in (1, 2)
        for i in range(len(run) - width + 1)
    }
    sample = sorted(found_in)[:: max(1, len(found_in) // 100)]

    for text in sample:
        for model in (Product, Speaker):
            contained = sorted(
                slug
                for slug, values in texts[model].items()
                if any(text in value for value in values)
            )
            assert found(model, text) == contained, (model.__name__, text)
        assert [found(model, text) for model in MODELS] == [
            found(model, text, index=False) for model in MODELS
        ], text
    assert len(sample) >= 100


def searched_columns(model):
    return [name for field in model.search_fields for name in localized_lookups(model, field)]
