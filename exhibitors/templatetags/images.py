"""`{% image %}`: the one way templates show an uploaded image.

    {% load images %}
    {% image speaker.photo "portrait-card" speaker.name %}

renders an <img> with width, height, alt text and lazy loading for a preset of
`exhibitors.images.PRESETS`, or the name's initials when there is no image.
"""

from django import template
from django.utils.html import format_html

from exhibitors.images import PRESETS, initials

register = template.Library()


@register.simple_tag
def image(field, preset, alt, eager=False):
    width, height, _crop = PRESETS[preset]
    if not field:
        return format_html(
            '<span class="placeholder placeholder-{}" role="img" aria-label="{}">{}</span>',
            preset,
            alt,
            initials(alt),
        )
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="{}" decoding="async">',
        field.url,
        alt,
        width,
        height,
        "eager" if eager else "lazy",
    )
