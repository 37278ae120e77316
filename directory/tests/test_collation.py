"""Sort keys, the language-resolved name order, and lists punctuated per language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from directory.collation import in_name_order, sort_key
from exhibitors.models import Exhibitor
from exhibitors.tests.factories import make_exhibitor


def test_sort_key_ignores_case_and_accents_and_reads_chinese_as_pinyin():
    names = ["AMD", "AgiBot", "Émile", "zeta", "阿里巴巴", "第四范式", "姚期智", "智谱 AI"]

    assert [sort_key(name) for name in names] == [
        "amd",
        "agibot",
        "emile",
        "zeta",
        "a li ba ba",
        "di si fan shi",
        "yao qi zhi",
        "zhi pu ai",
    ]
    assert sorted(names, key=sort_key) == [
        "阿里巴巴",
        "AgiBot",
        "AMD",
        "第四范式",
        "Émile",
        "姚期智",
        "zeta",
        "智谱 AI",
    ]


def test_sort_key_compares_numbers_as_numbers_and_words_one_by_one():
    names = ["Hall 10", "hall 2", "Li Qiang", "Lian Xiao", "O'Brien", "Obama"]

    assert sorted(names, key=sort_key) == [
        "hall 2",
        "Hall 10",
        "Li Qiang",
        "Lian Xiao",
        "O'Brien",
        "Obama",
    ]
    assert sort_key("Andrew Chi-Chih Yao") == "andrew chi chih yao"
    assert (sort_key("曾毅"), sort_key("曾毅", person=True)) == ("ceng yi", "zeng yi")


@pytest.mark.django_db
def test_a_queryset_made_in_english_orders_in_the_language_it_runs_in():
    make_exhibitor(name_en="AgiBot", name_zh_hans="智元机器人")
    make_exhibitor(name_en="Alibaba Group", name_zh_hans="阿里巴巴集团")
    queryset = Exhibitor.objects.all()  # as a view's class attribute is, at import

    with translation.override("zh-hans"):
        chinese = [exhibitor.name for exhibitor in queryset.all()]
        again = [exhibitor.name for exhibitor in in_name_order(Exhibitor.objects.order_by("-pk"))]
    english = [exhibitor.name for exhibitor in queryset.all()]

    assert chinese == again == ["阿里巴巴集团", "智元机器人"]
    assert english == ["AgiBot", "Alibaba Group"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Li Qiang, 姚期智, R&amp;D | A, B"), ("zh-hans", "Li Qiang、姚期智、R&amp;D | A、B")],
)
def test_lists_are_joined_as_the_pages_language_writes_them(language, expected):
    template = Template(
        "{% load lists %}{{ names|list_join }} | "
        "{% for x in letters %}{{ x }}{% if not forloop.last %}{% list_separator %}{% endif %}"
        "{% endfor %}"
    )

    with translation.override(language):
        html = template.render(Context({"names": ["Li Qiang", "姚期智", "R&D"], "letters": "AB"}))

    assert html == expected
