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
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from directory.bilingual import fallback_language

register = template.Library()


def element(tag, content, lang, attributes):
    # format_html() would do the same: written out, as cards call it for every title.
    if lang:
        attributes = {**attributes, "lang": lang}
    attributes = "".join(
        f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attributes.items()
    )
    tag = conditional_escape(tag)
    # Safe: every value is escaped here (conditional_escape keeps safe HTML as it is).
    return mark_safe(f"<{tag}{attributes}>{conditional_escape(content)}</{tag}>")


@register.simple_tag
def translated(obj, field, tag, link=None, **attributes):
    text = getattr(obj, field)
    if not text:
        return ""
    if link:
        text = mark_safe(f'<a href="{conditional_escape(link)}">{conditional_escape(text)}</a>')
    return element(tag, text, fallback_language(obj, field), attributes)


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
