"""The addresses of the records' pages, as `reverse()` gives them, without a reverse() each.

    from directory.addresses import slug_address, view_address
    slug_address("speakers:session_detail", "opening")  # "/sessions/opening/", "/zh-hans/…"
    view_address("speakers:session_list") + "?track=embodied-ai"

Pages list dozens of records, and each card's link was a reverse(): a twentieth of a speaker
page's time. The address around the slug is made once per view, language, script prefix and
URLconf, which are its key; a setting's change (as tests make) forgets them all.
"""

import re

from django.urls import reverse

from directory.memo import here, remembered

# What a SlugField holds (ASCII): written into the address as it is, as reverse() would.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
PLACEHOLDER = "__slug__"


@remembered(maxsize=64)
def around_slug(view_name, language, script_prefix, urlconf):
    """The address of `view_name` before and after its `slug`."""
    before, after = reverse(view_name, kwargs={"slug": PLACEHOLDER}).split(PLACEHOLDER)
    return before, after


def around_slug_here(view_name):
    """`around_slug()` in the active language, script prefix and URLconf."""
    return around_slug(view_name, *here())


def slug_address(view_name, slug):
    """`reverse(view_name, kwargs={"slug": slug})` in the active language."""
    if not SLUG.fullmatch(slug or ""):  # reverse() says what is wrong with it
        return reverse(view_name, kwargs={"slug": slug})
    before, after = around_slug_here(view_name)
    return f"{before}{slug}{after}"


@remembered(maxsize=64)
def address_of_view(view_name, language, script_prefix, urlconf):
    return reverse(view_name)


def view_address(view_name):
    """`reverse(view_name)`, for a view without arguments, in the active language."""
    return address_of_view(view_name, *here())
