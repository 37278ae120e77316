"""Rules every template follows, checked in their source."""

import re

from django.conf import settings

CARD_INCLUDE = re.compile(r'{% include "[^"]*/(?:speaker|session|exhibitor)_card\.html"[^%]*%}')


def test_every_card_include_says_whether_the_card_has_a_save_button():
    """`save_next=request.get_full_path` shows it, `save_next=None` leaves it out: a card never
    loses its button because the page forgot to pass where the button comes back to."""
    includes = [
        match.group()
        for path in sorted(settings.BASE_DIR.glob("*/templates/**/*.html"))
        for match in CARD_INCLUDE.finditer(path.read_text())
    ]

    assert includes != []
    assert [include for include in includes if " save_next=" not in include] == []
