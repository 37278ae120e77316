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

from ..forms import button_id

register = template.Library()


@lru_cache(maxsize=64)
def page_constants(language, script_prefix, urlconf):
    """What every button of a page in `language` shares, worked out once rather than per card:
    where the buttons post, where favourites.js asks what was saved, and the words it shows
    (the script has no gettext: it reads them from the buttons)."""
    return {
        "star_url": reverse("favourites:star"),
        "starred_url": reverse("favourites:starred"),
        "save": gettext("☆ Save"),
        "saved": gettext("★ Saved"),
        "saved_message": gettext("Saved to My WAIC"),
        "removed_message": gettext("Removed from My WAIC"),
        "offline_message": gettext("Not saved: saving needs a connection"),
    }


@register.simple_tag
def star_button(kind, slug, next, starred=False):
    page = page_constants(get_language(), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))
    return format_html(
        '<form class="star" method="post" action="{}" id="{}" data-star="{}:{}"'
        ' data-starred-url="{}" data-saved-message="{}" data-removed-message="{}"'
        ' data-offline-message="{}">\n'
        '  <input type="hidden" name="kind" value="{}">\n'
        '  <input type="hidden" name="slug" value="{}">\n'
        '  <input type="hidden" name="next" value="{}">\n'
        '  <button type="submit" name="star" class="star-button" value="{}" aria-pressed="{}"'
        ' data-save-label="{}" data-saved-label="{}">{}</button>\n'
        "</form>",
        page["star_url"],
        button_id(kind, slug),
        kind,
        slug,
        page["starred_url"],
        page["saved_message"],
        page["removed_message"],
        page["offline_message"],
        kind,
        slug,
        next,
        "remove" if starred else "add",
        "true" if starred else "false",
        page["save"],
        page["saved"],
        page["saved"] if starred else page["save"],
    )
