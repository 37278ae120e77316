"""The edition of WAIC (settings.WAIC_EVENT) for the templates, the 500 page included, which
Django renders without a request and so without context processors.

    {% load event %}
    {% waic_event as event %}
    <title>… · {{ event.edition }}</title>

base.html sets `event` once, before its blocks, so every page's blocks may use it.
"""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def waic_event():
    return settings.WAIC_EVENT
