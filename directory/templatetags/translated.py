"""`{% translated %}`: a translated field in its element, marked when it is in the other language.

    {% load translated %}
    {% translated session "title" "h1" %}
    {% translated speaker "position" "p" class="lead" %}
    {% translated speaker "name" "h3" class="card-title" link=speaker.get_absolute_url %}
    {% translated_prose speaker "bio" %}

On a Chinese page the first gives `<h1>开幕式</h1>`, or `<h1 lang="en">Opening</h1>` for a
session with no Chinese title, so that screen readers and fonts get the right language. Keywords
are the element's attributes, except `link`, which makes the text a link. `translated_prose` is
for biographies, abstracts and descriptions: their paragraphs (as `|linebreaks` makes them) in a
`<div class="prose">`, then a discreet "Not translated" note when they are in the other language.
Both render nothing when the field is empty in both languages, and escape as `{{ }}` does.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from directory.bilingual import fallback_language

register = template.Library()


def element(tag, content, lang, attributes):
    if lang:
        attributes = {**attributes, "lang": lang}
    return format_html(
        "<{}{}>{}</{}>",
        tag,
        format_html_join("", ' {}="{}"', attributes.items()),
        content,
        tag,
    )


@register.simple_tag
def translated(obj, field, tag, link=None, **attributes):
    text = getattr(obj, field)
    if not text:
        return ""
    content = format_html('<a href="{}">{}</a>', link, text) if link else text
    return element(tag, content, fallback_language(obj, field), attributes)


@register.simple_tag
def translated_prose(obj, field):
    text = getattr(obj, field)
    if not text:
        return ""
    lang = fallback_language(obj, field)
    html = element("div", linebreaks_filter(text), lang, {"class": "prose"})
    if lang:
        note = gettext("Not translated")
        html += format_html('<p><small class="untranslated">{}</small></p>', note)
    return html
