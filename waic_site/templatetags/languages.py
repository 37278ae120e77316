"""The language switcher and `hreflang` alternates: this very page, filters and all, in each
language, as plain links (no form, no cookie: pages stay cacheable).

    {% load languages %}
    {% page_languages as languages %}
    {% for language in languages %}<a href="{{ language.url }}" hreflang="{{ language.lang }}">…
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.urls import translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.translation import get_language

from directory.bilingual import html_lang
from directory.memo import here, remembered

register = template.Library()


@dataclass(frozen=True)
class PageLanguage:
    code: str  # Django's, e.g. "zh-hans"
    lang: str  # HTML's, e.g. "zh-Hans"
    name: str  # in the language itself, e.g. "简体中文"
    url: str  # this page in that language, with its query string
    absolute_url: str  # the same with scheme and host, for hreflang alternates
    is_current: bool


@remembered(maxsize=2048)
def paths_in_languages(path, current, script_prefix, urlconf):
    """{language: this path in it}; translate_url() resolves the path and reverses it again for
    each language (a twentieth of a session page's time), the same way on every request."""
    return {code: translate_url(path, code) for code, _name in settings.LANGUAGES}


@register.simple_tag(takes_context=True)
def page_languages(context):
    request = context.get("request")
    if request is None:  # the 500 page, rendered without one
        return []
    query = request.META.get("QUERY_STRING", "")
    query = f"?{iri_to_uri(query)}" if query else ""
    current = get_language()
    path = escape_uri_path(request.path)  # as request.get_full_path() writes it
    paths = paths_in_languages(path, *here())
    languages = []
    for code, _name in settings.LANGUAGES:
        url = paths[code] + query
        languages.append(
            PageLanguage(
                code=code,
                lang=html_lang(code),
                name=LANG_INFO[code]["name_local"],
                url=url,
                absolute_url=request.build_absolute_uri(url),
                is_current=code == current,
            )
        )
    return languages


@register.simple_tag
def current_html_lang():
    return html_lang(get_language())
