"""`{% qr_code url %}`: a QR code of an address, drawn by the server as inline SVG.

    {% load qr_codes %}
    {% qr_code exhibitor.get_absolute_url %}
    {% qr_code url caption="中文" %}

A relative `url` is made absolute with the request's host, so the code a phone scans opens the
same site; `get_absolute_url()` gives the address in the page's language (/zh-hans/… on Chinese
pages), and so does the code. The SVG (segno) has no style= attribute, no script and no size of
its own: the stylesheet sizes it (`.qr-code`), and its quiet zone is part of the drawing. Inline
SVG costs the page one small element (a few hundred bytes gzipped) and no extra request, so the
page stays one cacheable answer that also works offline.
"""

from functools import lru_cache

import segno
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

# Medium error correction (15% of the code may be dirty or covered) keeps a site's address
# (a version 4 or 5 code) big enough to scan from a printed sign or a phone's screen.
ERROR_CORRECTION = "m"


@lru_cache(maxsize=4096)
def qr_svg(url, title):
    """The QR code of `url` as an SVG element, named by `title` for screen readers."""
    code = segno.make(url, error=ERROR_CORRECTION, micro=False)
    return code.svg_inline(omitsize=True, svgclass="qr-code", lineclass=None, title=title)


@register.simple_tag(takes_context=True)
def qr_code(context, url, caption=""):
    """A figure with the QR code of `url` (made absolute) and a caption, by default its address."""
    request = context.get("request")
    absolute = request.build_absolute_uri(url) if request is not None else url
    title = _("QR code of %(address)s") % {"address": absolute}
    return format_html(
        '<figure class="qr">{}<figcaption>{}</figcaption></figure>',
        mark_safe(qr_svg(absolute, title)),  # segno escapes the title
        caption or absolute,
    )
