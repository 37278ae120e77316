"""What a shared link's preview and a search engine read about a detail page: OpenGraph and
Twitter-card tags, and schema.org JSON-LD built here as Python dicts (never string templates).

JSON-LD sits in `<script type="application/ld+json">`. That is not an executable script: HTML's
"prepare the script element" stops at a type that is not a JavaScript MIME type (a "data block")
before it ever asks the Content-Security-Policy whether inline script may run, so the site's CSP
without 'unsafe-inline' neither blocks it nor reports it. (The browser tests check that a detail
page logs no CSP violation.) Its text is escaped like Django's `json_script`, so no `</script>`
in an organizer's text can end the element.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

SITE_NAME = _("WAIC Directory")
DESCRIPTION_LENGTH = 200
# The characters Django's json_script escapes: nothing in the data can close the element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def summary(text):
    """One paragraph of plain text for a preview: whitespace collapsed, at most 200 characters."""
    return Truncator(" ".join(str(text).split())).chars(DESCRIPTION_LENGTH)


def image_url(file, preset, absolute):
    """The largest rendition of `preset`, else the original; "" without an image."""
    if not file:
        return ""
    renditions = file.renditions(preset)
    return absolute(renditions[-1].url if renditions else file.url)


def place(name, absolute_url=None):
    """A schema.org Place at the event's address (settings.WAIC_EVENT)."""
    address = {"@type": "PostalAddress", **settings.WAIC_EVENT.address}
    data = {"@type": "Place", "name": name, "address": address}
    if absolute_url:
        data["url"] = absolute_url
    return data


def compact(data):
    """`data` without empty values: search engines prefer a missing property to an empty one."""
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def json_ld_script(data):
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )


def share_tags(request, title, description, image="", kind="website"):
    """OpenGraph and Twitter-card <meta> tags for the page of `request`."""
    properties = [
        ("og:site_name", SITE_NAME),
        ("og:type", kind),
        ("og:title", title),
        ("og:description", summary(description)),
        ("og:url", request.build_absolute_uri(request.path)),
        ("og:image", image),
    ]
    names = [
        ("twitter:card", "summary"),
        ("twitter:title", title),
        ("twitter:description", summary(description)),
        ("twitter:image", image),
        ("description", summary(description)),
    ]
    return format_html_join(
        "\n",
        '<meta {}="{}" content="{}">',
        [("property", key, value) for key, value in properties if value]
        + [("name", key, value) for key, value in names if value],
    )


def head_tags(request, title, description, data, image="", kind="website"):
    """What a detail page puts in its <head>: its preview tags (`share_tags`), then `data` as
    JSON-LD."""
    return format_html(
        "{}\n{}", share_tags(request, title, description, image, kind), json_ld_script(data)
    )
