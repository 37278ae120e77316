"""`{% star_button kind slug next %}`: the save button of every card and detail page.

The same for every visitor, so that pages stay cacheable: without JavaScript it saves (posting
to My WAIC and coming back to `next`, at the button's own id); static/js/favourites.js marks
what the visitor saved and toggles it in place. `starred=True` (My WAIC only) makes it a remove
button. The class names (form.star[data-star], .star-button) are what the site's CSS and script
rely on: keep them.

The favourites app owns it with the two URLs it names; the other apps' cards load it by name
in their templates, and no app's Python imports favourites. A tag rather than an included
template: a listing shows dozens of them, and an include with its URL and translation tags cost
a fifth of the time a page of cards took to render.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from ..forms import button_id

register = template.Library()


@lru_cache(maxsize=64)
def button_markup(language, script_prefix, urlconf):
    """What every button of a page in `language` shares, worked out once rather than per card:
    where the buttons post, where favourites.js asks what was saved, and the words it shows
    (the script has no gettext: it reads them from the form). Returns a str.format() template
    for the item's own values, and the two labels, all escaped."""
    save, saved = escape(gettext("☆ Save")), escape(gettext("★ Saved"))
    constants = {
        "star_url": escape(reverse("favourites:star")),
        "starred_url": escape(reverse("favourites:starred")),
        "saved_message": escape(gettext("Saved to My WAIC")),
        "removed_message": escape(gettext("Removed from My WAIC")),
        "offline_message": escape(gettext("Not saved: saving needs a connection")),
        "save": save,
        "saved": saved,
    }
    # Braces in a translation must not read as placeholders of the second format().
    constants = {
        name: text.replace("{", "{{").replace("}", "}}") for name, text in constants.items()
    }
    template = (
        '<form class="star" method="post" action="{star_url}" id="{{id}}"'
        ' data-star="{{kind}}:{{slug}}" data-starred-url="{starred_url}"'
        ' data-saved-message="{saved_message}" data-removed-message="{removed_message}"'
        ' data-offline-message="{offline_message}">\n'
        '  <input type="hidden" name="kind" value="{{kind}}">\n'
        '  <input type="hidden" name="slug" value="{{slug}}">\n'
        '  <input type="hidden" name="next" value="{{next}}">\n'
        '  <button type="submit" name="star" class="star-button" value="{{value}}"'
        ' aria-pressed="{{pressed}}" data-save-label="{save}" data-saved-label="{saved}">'
        "{{label}}</button>\n"
        "</form>"
    ).format(**constants)
    return template, save, saved


@register.simple_tag
def star_button(kind, slug, next, starred=False):
    template, save, saved = button_markup(
        get_language(), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF)
    )
    kind, slug = escape(kind), escape(slug)
    # Safe: every value is escaped, here or in button_markup().
    return mark_safe(
        template.format(
            id=button_id(kind, slug),
            kind=kind,
            slug=slug,
            next=escape(next),
            value="remove" if starred else "add",
            pressed="true" if starred else "false",
            label=saved if starred else save,
        )
    )
