"""`{% star_button kind slug next %}`: the save button of every card and detail page.

The same for every visitor, so that pages stay cacheable: without JavaScript it saves (posting
to My WAIC and coming back to `next`); static/js/favourites.js marks what the visitor saved and
toggles it in place. `starred=True` (My WAIC only) makes it a remove button.

The favourites app owns it with the two URLs it names; the other apps' cards load it by name
in their templates, and no app's Python imports favourites. A tag rather than an included
template: a listing shows dozens of them, and an include with its URL and translation tags cost
a fifth of the time a page of cards took to render.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

register = template.Library()


@lru_cache(maxsize=64)
def favourites_urls(language, script_prefix, urlconf):
    """Where the buttons post, and where favourites.js asks what was saved: the same two URLs
    for every button of a page in `language`, reversed once rather than twice per card."""
    return reverse("favourites:star"), reverse("favourites:starred")


@register.simple_tag
def star_button(kind, slug, next, starred=False):
    save, saved = gettext("☆ Save"), gettext("★ Saved")
    star_url, starred_url = favourites_urls(
        get_language(), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF)
    )
    return format_html(
        '<form class="star" method="post" action="{}" data-star="{}:{}" data-starred-url="{}">\n'
        '  <input type="hidden" name="kind" value="{}">\n'
        '  <input type="hidden" name="slug" value="{}">\n'
        '  <input type="hidden" name="next" value="{}">\n'
        '  <button type="submit" name="action" class="star-button" value="{}" aria-pressed="{}"'
        ' data-save-label="{}" data-saved-label="{}">{}</button>\n'
        "</form>",
        star_url,
        kind,
        slug,
        starred_url,
        kind,
        slug,
        next,
        "remove" if starred else "add",
        "true" if starred else "false",
        save,
        saved,
        saved if starred else save,
    )
