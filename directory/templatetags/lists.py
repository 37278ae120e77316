"""Lists in one line, punctuated as the page's language writes them (directory.bilingual).

    {% load lists %}
    {{ names|list_join }}    →  Li Qiang, Andrew Yao  ·  李强、姚期智

and between items that a loop renders itself, such as links:

    {% for category in categories %}<a …>{{ category }}</a>
    {% if not forloop.last %}{% list_separator %}{% endif %}{% endfor %}
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from directory import bilingual

register = template.Library()


@register.filter(is_safe=True, needs_autoescape=True)
def list_join(items, autoescape=True):
    """The items, each escaped like `{{ }}` (unless autoescape is off), in one line."""
    escape = conditional_escape if autoescape else str
    return mark_safe(escape(bilingual.list_separator()).join(escape(item) for item in items))


@register.simple_tag
def list_separator():
    return bilingual.list_separator()
