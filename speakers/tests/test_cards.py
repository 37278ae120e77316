"""The session and speaker cards ({% session_card %}, {% speaker_card %}): their whole markup."""

import re
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from exhibitors.tests.factories import make_hall
from speakers.models import Session

from .factories import make_session, make_speaker, make_track, make_venue, shanghai

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load programme_cards %}" + source).render(Context(context))


def test_a_session_card_shows_times_badges_place_speakers_and_a_save_button():
    track = make_track(name="Embodied AI", colour="#c0392b")
    venue = make_venue(name="Forum A & B", hall=make_hall(code="H1"))
    speaker = make_speaker(name="Ada Lovelace", slug="ada")
    make_session(
        title="Robots <live>",
        slug="robots",
        track=track,
        venue=venue,
        speakers=[speaker],
        starts_at=shanghai(26, 9, 30),
        type="panel",
    )
    session = Session.objects.for_listing().get()
    session.timing = "now"

    html = render("{% session_card s next %}", s=session, next="/sessions/?day=2025-07-26")

    assert html.startswith(
        '<article class="card session-card is-now">\n'
        '  <svg class="track-stripe" width="5" height="20" viewBox="0 0 4 4" '
        'preserveAspectRatio="none" aria-hidden="true"><rect width="4" height="4" '
        'fill="#c0392b"/></svg>\n'
        '  <div class="card-body">\n'
        '    <p class="meta when">\n'
        '      <time datetime="2025-07-26T09:30:00+08:00">Sat 26 July, 09:30–10:30</time>\n'
        '      <span class="badge now">Now</span>\n'
        "      \n"
        "    </p>\n"
        '    <h3 class="card-title"><a href="/sessions/robots/">Robots &lt;live&gt;</a></h3>\n'
        '    <p class="meta where">\n'
        '      <span class="venue">Forum A &amp; B · Hall H1</span>\n'
        '      <span class="track">Embodied AI</span> · <span class="type">Panel</span>\n'
        "    </p>\n"
        '    <ul class="session-speakers" aria-label="Speakers"><li><span class="portrait" '
        'aria-hidden="true"><svg class="placeholder placeholder-portrait-card"'
    )
    # The save button's own markup is star_button's (favourites/tests).
    assert '>AL</text></svg></span>Ada Lovelace</li></ul>\n    <form class="star"' in html
    assert 'data-star="session:robots"' in html
    assert '<input type="hidden" name="next" value="/sessions/?day=2025-07-26">' in html
    assert html.endswith("</form>\n  </div>\n</article>\n")


def test_a_cancelled_session_card_without_place_or_button_says_so_with_times_only():
    make_session(title="Opening", slug="opening", status="cancelled", starts_at=shanghai(27, 9))
    session = Session.objects.for_listing().get()

    html = render("{% session_card s None day_shown=True %}", s=session)

    assert html == (
        '<article class="card session-card cancelled">\n'
        "  \n"
        '  <div class="card-body">\n'
        '    <p class="meta when">\n'
        '      <time datetime="2025-07-27T09:00:00+08:00">09:00–10:00</time>\n'
        "      \n"
        '      <span class="badge cancelled">Cancelled</span>\n'
        "    </p>\n"
        '    <h3 class="card-title"><a href="/sessions/opening/">Opening</a></h3>\n'
        '    <p class="meta where">\n'
        "      \n"
        '      <span class="type">Forum</span>\n'
        "    </p>\n"
        "    \n"
        "    \n"
        "  </div>\n"
        "</article>\n"
    )


def test_a_speaker_card_shows_portrait_name_affiliation_and_keynote_badge():
    speaker = make_speaker(
        name="Ada Lovelace", slug="ada", position="CEO", organization="R&D Lab", is_keynote=True
    )

    html = render("{% speaker_card s None %}", s=speaker)

    assert html.startswith(
        '<article class="card speaker-card">\n'
        '  <div class="card-media"><svg class="placeholder placeholder-portrait-card"'
    )
    assert html.endswith(
        ">AL</text></svg></div>\n"
        '  <div class="card-body">\n'
        '    <h3 class="card-title"><a href="/speakers/ada/">Ada Lovelace</a></h3>\n'
        "    <p>CEO, R&amp;D Lab</p>\n"
        '    <p class="meta"><span class="badge">Keynote</span></p>\n'
        "    \n"
        "  </div>\n"
        "</article>\n"
    )


def test_a_card_s_times_and_address_follow_the_language_and_time_zone_of_each_page():
    """Cards keep each time's formatting and each address per language and zone: a page in
    another language or zone never gets one made for another."""
    make_session(title="Opening", slug="opening", starts_at=shanghai(26, 9, 30))
    session = Session.objects.for_listing().get()
    source = "{% session_card s None no_speakers=True %}"

    def times_and_link():
        html = render(source, s=session)
        return re.search(r"<time[^>]*>([^<]+)</time>", html)[1], re.search(r'href="([^"]+)"', html)[
            1
        ]

    with translation.override("en"):
        english = times_and_link()
        with timezone.override(ZoneInfo("UTC")):
            utc = times_and_link()
    with translation.override("zh-hans"):
        chinese = times_and_link()

    assert english == ("Sat 26 July, 09:30–10:30", "/sessions/opening/")
    assert utc == ("Sat 26 July, 01:30–02:30", "/sessions/opening/")
    assert chinese == ("7月26日 周六 09:30–10:30", "/zh-hans/sessions/opening/")
