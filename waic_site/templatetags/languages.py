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
from django.utils.translation import get_language

from directory.bilingual import html_lang

register = template.Library()


@dataclass(frozen=True)
class PageLanguage:
    code: str  # Django's, e.g. "zh-hans"
    lang: str  # HTML's, e.g. "zh-Hans"
    name: str  # in the language itself, e.g. "简体中文"
    url: str  # this page in that language, with its query string
    absolute_url: str  # the same with scheme and host, for hreflang alternates
    is_current: bool


@register.simple_tag(takes_context=True)
def page_languages(context):
    request = context.get("request")
    if request is None:  # the 500 page, rendered without one
        return []
    here = request.get_full_path()
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(here, code)
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
