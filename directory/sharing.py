"""What a shared link's preview and a search engine read about a detail page: OpenGraph and
Twitter-card tags, and schema.org JSON-LD built here as Python dicts (never string templates).

JSON-LD sits in `<script type="application/ld+json">`. That is not an executable script: HTML's
"prepare the script element" stops at a type that is not a JavaScript MIME type (a "data block")
before it ever asks the Content-Security-Policy whether inline script may run, so the site's CSP
without 'unsafe-inline' neither blocks it nor reports it. (The browser tests check that a detail
page logs no CSP violation.) Its text is escaped like Django's `json_script`, so no `</script>`
in an organizer's text can end the element.
"""

import orjson
from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

SITE_NAME = _("WAIC Directory")
DESCRIPTION_LENGTH = 200
# The preview of a page without an image of its own: the site's card, 1200 × 630 as
# OpenGraph and Twitter's large card ask (static/img/share.png).
DEFAULT_IMAGE = "img/share.png"
DEFAULT_IMAGE_ALT = _("WAIC Directory: speakers, agenda and exhibitors")
# OpenGraph names locales language_TERRITORY; one per language in settings.LANGUAGES.
OG_LOCALES = {"en": "en_US", "zh-hans": "zh_CN"}
# schema.org's inLanguage wants BCP 47 tags: a session's language as the tags it is spoken in.
SPOKEN_LANGUAGES = {"en": ["en"], "zh": ["zh"], "zh-en": ["zh", "en"]}
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
    # orjson, as the exports: lazy translations (and anything else it lacks) as their text.
    text = orjson.dumps(data, default=str).decode()
    # Safe: the JSON text can hold neither "<" nor "&", so it cannot close the element.
    return mark_safe(
        f'<script type="application/ld+json">{text.translate(JSON_SCRIPT_ESCAPES)}</script>'
    )


def spoken_languages(language):
    """A session's language (Session.language) as BCP 47 tags for schema.org's inLanguage."""
    return SPOKEN_LANGUAGES.get(language, [])


def default_image(request):
    return request.build_absolute_uri(static(DEFAULT_IMAGE))


def share_tags(request, title, description, image="", image_alt="", kind="website"):
    """The meta description, OpenGraph and Twitter-card <meta> tags for the page of `request`.
    A page without an image of its own shows the site's card."""
    if not image:
        image, image_alt, card = default_image(request), DEFAULT_IMAGE_ALT, "summary_large_image"
    else:
        card = "summary"
    current = translation.get_language()
    description = summary(description)  # once: Truncator looks at each character
    properties = [
        ("og:site_name", SITE_NAME),
        ("og:type", kind),
        ("og:title", title),
        ("og:description", description),
        ("og:url", request.build_absolute_uri(request.path)),
        ("og:image", image),
        ("og:image:alt", image_alt or title),
        ("og:locale", OG_LOCALES.get(current, "")),
        *(
            ("og:locale:alternate", locale)
            for code, locale in OG_LOCALES.items()
            if code != current
        ),
    ]
    names = [
        ("description", description),
        ("twitter:card", card),
        ("twitter:title", title),
        ("twitter:description", description),
        ("twitter:image", image),
        ("twitter:image:alt", image_alt or title),
    ]
    tags = [("name", key, value) for key, value in names[:1] if value]
    tags += [("property", key, value) for key, value in properties if value]
    tags += [("name", key, value) for key, value in names[1:] if value]
    # Safe: every value is escaped (format_html_join() would do the same, a third slower).
    return mark_safe(
        "\n".join(
            f'<meta {attribute}="{key}" content="{conditional_escape(value)}">'
            for attribute, key, value in tags
        )
    )


def head_tags(request, title, description, data, image="", image_alt="", kind="website"):
    """What a detail page puts in its <head>: its preview tags (`share_tags`), then `data` as
    JSON-LD."""
    tags = share_tags(request, title, description, image, image_alt, kind)
    return format_html("{}\n{}", tags, json_ld_script(data))
