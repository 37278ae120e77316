"""`{% translated %}` and `{% translated_prose %}`: translated text, marked when it falls back."""

from django.template import Context, Template
from django.utils import translation

from exhibitors.models import Exhibitor


def render(source, obj, language="en"):
    template = Template("{% load translated %}" + source)
    with translation.override(language):
        return template.render(Context({"obj": obj}))


def test_a_value_in_the_pages_language_has_no_lang_attribute():
    huawei = Exhibitor(name_en="Huawei", name_zh_hans="华为")

    assert render('{% translated obj "name" "h1" %}', huawei, "zh-hans") == "<h1>华为</h1>"


def test_a_value_in_the_other_language_carries_its_lang_after_the_attributes():
    unitree = Exhibitor(name_en="Unitree", tagline_en="Robots that walk")

    html = render('{% translated obj "tagline" "p" class="lead" %}', unitree, "zh-hans")

    assert html == '<p class="lead" lang="en">Robots that walk</p>'


def test_a_linked_value_puts_the_link_inside_the_element():
    unitree = Exhibitor(slug="unitree", name_zh_hans="宇树科技")

    html = render(
        '{% translated obj "name" "h3" class="card-title" link=obj.get_absolute_url %}', unitree
    )

    assert html == (
        '<h3 class="card-title" lang="zh-Hans"><a href="/exhibitors/unitree/">宇树科技</a></h3>'
    )


def test_an_empty_value_renders_nothing():
    unitree = Exhibitor(name_en="Unitree")

    assert render('{% translated obj "tagline" "p" %}', unitree) == ""
    assert render('{% translated_prose obj "description" %}', unitree) == ""


def test_prose_in_the_pages_language_is_paragraphs_without_a_note():
    huawei = Exhibitor(description_en="Ascend chips.\nAtlas clusters.\n\nHarmonyOS.")

    html = render('{% translated_prose obj "description" %}', huawei)

    assert html == (
        '<div class="prose"><p>Ascend chips.<br>Atlas clusters.</p>\n\n<p>HarmonyOS.</p></div>'
    )


def test_prose_in_the_other_language_carries_its_lang_and_the_not_translated_note():
    huawei = Exhibitor(description_en="Ascend chips.")

    html = render('{% translated_prose obj "description" %}', huawei, "zh-hans")

    assert html == (
        '<div class="prose" lang="en"><p>Ascend chips.</p></div>'
        '<p><small class="untranslated">暂无中文</small></p>'
    )


def test_text_is_escaped_as_double_braces_escape_it():
    script = '<script>alert("1 & 2")</script>'
    evil = Exhibitor(slug="evil", name_en=script, description_en=script)
    escaped = "&lt;script&gt;alert(&quot;1 &amp; 2&quot;)&lt;/script&gt;"

    heading = render('{% translated obj "name" "h3" link=obj.get_absolute_url %}', evil)
    prose = render('{% translated_prose obj "description" %}', evil)

    assert heading == f'<h3><a href="/exhibitors/evil/">{escaped}</a></h3>'
    assert prose == f'<div class="prose"><p>{escaped}</p></div>'
