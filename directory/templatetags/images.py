"""`{% image %}`: the one way templates show an uploaded image.

    {% load images %}
    {% image speaker.photo "portrait-card" speaker.name %}
    {% image exhibitor.logo "logo-detail" exhibitor.name eager=True %}

renders a responsive <img> (src, srcset, sizes, width, height, alt, lazy loading) of the WebP
renditions for a preset of `directory.images.processing.PRESETS`, or, when there is no image,
the name's initials on the name's colour. Everything comes from the field's stored name and
dimensions: no query, no storage call, no decoding per image. `eager=True` is for the one image
a page leads with (no lazy loading, fetched first); `sizes="(max-width: 30em) 50vw, 320px"`
replaces the preset's `sizes` where a layout shows the image at another width.

The placeholder is an inline SVG: nothing to request, store or cache, the same every time, sharp
at any density; its colours are SVG attributes, not `style`, so a strict CSP allows it.
"""

from functools import lru_cache

from django import template
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from directory.images.processing import PRESETS, hex_colour, initials

register = template.Library()


def loading_attributes(eager):
    return mark_safe('loading="eager" fetchpriority="high"' if eager else 'loading="lazy"')


@register.simple_tag
def image(field, preset, alt, eager=False, sizes=None):
    box = PRESETS[preset]
    if not field:
        return placeholder(str(alt) if isinstance(alt, Promise) else alt, preset)
    renditions = field.renditions(preset) if hasattr(field, "renditions") else []
    if not renditions:
        # An image stored before renditions existed: the original, in the preset's box.
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" {} decoding="async">',
            field.url,
            box.width,
            box.height,
            alt,
            loading_attributes(eager),
        )
    smallest = renditions[0]
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" {} decoding="async">',
        smallest.url,
        format_html_join(", ", "{} {}w", ((r.url, r.width) for r in renditions)),
        sizes or box.sizes,
        smallest.width,
        smallest.height,
        alt,
        loading_attributes(eager),
    )


@lru_cache(maxsize=4096, typed=True)  # typed: a safe string is not escaped, a str is
def placeholder(name, preset):
    """The SVG of `name`'s initials for `preset`: the same for the same two strings, so worked
    out once per process (a session card shows each speaker's, and they cost a tenth of the
    time a session page took). `name` is not lazy: the cache would keep one language's."""
    box = PRESETS[preset]
    return format_html(
        '<svg class="placeholder placeholder-{preset}" xmlns="http://www.w3.org/2000/svg" '
        'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="{name}"><rect width="{width}" height="{height}" fill="{colour}"/>'
        '<text x="50%" y="50%" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="system-ui, sans-serif" font-size="{font_size}">{initials}</text></svg>',
        preset=preset,
        width=box.width,
        height=box.height,
        name=name,
        colour=hex_colour(name),
        font_size=round(min(box.width, box.height) * 0.4),
        initials=initials(name),
    )
