"""`{% per_language %}`: markup rendered once per language, never with a page's variables."""

import pytest
from django import template
from django.template import Context, Engine
from django.utils import translation

from waic_site.templatetags import navigation

pytestmark = pytest.mark.django_db

SOURCE = (
    "{% load i18n per_language counting %}"
    "{% per_language %}{% translate 'Search' %} {{ secret }} {% counted %}{% end_per_language %}"
)

register = template.Library()  # this module is the template library `counting`
renders = []


@register.simple_tag
def counted():
    renders.append(1)
    return ""


@pytest.fixture
def block():
    """The template, and how often the block's content has been rendered."""
    renders.clear()
    libraries = {
        "i18n": "django.templatetags.i18n",
        "per_language": "waic_site.templatetags.per_language",
        "counting": __name__,
    }
    return Engine(libraries=libraries).from_string(SOURCE), renders


def test_the_block_renders_once_in_each_language(block):
    template, renders = block

    with translation.override("en"):
        first, again = template.render(Context()), template.render(Context())
    with translation.override("zh-hans"):
        chinese = template.render(Context())

    assert (first, again, chinese) == ("Search  ", "Search  ", "搜索  ")
    assert len(renders) == 2


def test_the_block_sees_none_of_the_page_s_variables(block):
    template, renders = block

    with translation.override("en"):
        html = template.render(Context({"secret": "a visitor's name"}))

    assert html == "Search  "


def test_a_changed_setting_renders_the_block_again(block, settings):
    template, renders = block
    with translation.override("en"):
        template.render(Context())
        settings.WAIC_EVENT = settings.WAIC_EVENT  # any change, as a test's override makes
        template.render(Context())

    assert len(renders) == 2


def test_the_tabs_mark_the_page_s_part_of_the_site(rf):
    def current(path):
        context = {"request": rf.get(path)}
        return {tab.key: tab.current for tab in navigation.main_tabs(context) if tab.current}

    with translation.override("en"):
        assert current("/sessions/") == {"agenda": "page"}
        assert current("/sessions/opening/") == {"agenda": "true"}
        assert current("/") == {}
    with translation.override("zh-hans"):
        assert current("/zh-hans/my/") == {"my": "page"}
        assert [tab.url for tab in navigation.main_tabs({"request": None})] == [
            "/zh-hans/sessions/",
            "/zh-hans/speakers/",
            "/zh-hans/exhibitors/",
            "/zh-hans/my/",
        ]
