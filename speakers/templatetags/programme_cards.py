"""`{% session_card %}` and `{% speaker_card %}`: the cards of sessions and speakers, wherever
they are listed.

    {% load programme_cards %}
    {% session_card session request.get_full_path %}
    {% session_card session save_next day_shown=True %}
    {% session_card slot.session request.get_full_path no_speakers=True %}
    {% speaker_card speaker request.get_full_path %}
    {% session_lines rows %}
    {% session_times session "DATETIME_FORMAT" %}

`save_next` is the page its save button comes back to, or None for a card without one.
`day_shown`: the page says the day already (the agenda), so the card gives times only;
`no_speakers`: the card leaves out who speaks (a speaker's page, whose sessions are fetched
without their `published_slots`). Elsewhere the session comes with `published_slots`
(`Session.objects.with_speakers()`), its track and its venue with the venue's hall.

A session card: a stripe in the track's colour, the times (and the day), "Now", "Next" or
"Cancelled" badges (`timing` set by `speakers.agenda.mark_now_and_next`), the title as a link in
its language (`{% translated %}`), the venue, hall, track and type, the speakers with their
portraits, and the save button. A speaker card: the portrait, the name as a link, position and
organization, a "Keynote" badge and the save button. Session lines, for the few other sessions
a session's page suggests: a list of their days and times, titles as links, and venues, from
`Session.objects.as_lines()` rows. Session times: the `<time>` of a session's start (in the
named format; the cards' short one by default) to its end.

Pages list dozens of cards. As an included template a session card took 2,900 function calls
(0.6 ms), six of them a third of a session page's time and most of the agenda's; written here,
the same markup takes 1,150 (0.16 ms). (`{% star_button %}` is a tag for the same reason.)
"""

from functools import lru_cache

from django import template
from django.template import engines
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone_name, template_localtime
from django.utils.translation import get_language, gettext

from directory.addresses import slug_address
from directory.bilingual import LANGUAGE_CODES, html_lang
from directory.memo import remembered
from directory.templatetags.images import image
from directory.templatetags.translated import translated
from speakers.models import SessionStatus

register = template.Library()


@lru_cache(maxsize=1)
def star_button():
    """favourites' `{% star_button %}` function, found by its library's name as templates load
    it: no app's Python imports favourites."""
    return (
        engines["django"].engine.template_libraries["star_button"].tags["star_button"].__wrapped__
    )


TRACK_STRIPE = (
    '<svg class="track-stripe" width="5" height="20" viewBox="0 0 4 4" '
    'preserveAspectRatio="none" aria-hidden="true"><rect width="4" height="4" fill="{}"/></svg>'
)


@remembered(maxsize=4096)
def times_element(starts_at, ends_at, start_format, language, zone):
    """A `<time>` from a session's start, in `start_format` (with its day, or "H:i" where the
    page says the day already), to its end, in the active language and time zone (which are
    the key's). Sessions share their times, so a page formats each pair once, as do the pages
    after it: Django's date formatting was a fifth of a speaker page's time."""
    starts, ends = template_localtime(starts_at), template_localtime(ends_at)
    start = formats.date_format(starts, start_format)
    end = formats.time_format(ends, "H:i")
    return f'<time datetime="{starts.isoformat()}">{escape(start)}–{escape(end)}</time>'


def time_element(starts_at, ends_at, start_format="SHORT_DATETIME_FORMAT"):
    zone = get_current_timezone_name()
    # Safe: escaped by times_element().
    return mark_safe(times_element(starts_at, ends_at, start_format, get_language(), zone))


@register.simple_tag
def session_times(session, start_format="SHORT_DATETIME_FORMAT"):
    """`{% session_times session "DATETIME_FORMAT" %}`: the session's `<time>`, its start in
    the named format; the cards' short one by default."""
    return time_element(session.starts_at, session.ends_at, start_format)


@register.simple_tag
def session_card(session, save_next, day_shown=False, no_speakers=False):
    track, venue, timing = session.track, session.venue, session.timing
    cancelled = session.is_cancelled
    kind = session.get_type_display()
    classes = " cancelled" if cancelled else ""
    if timing:
        classes += f" is-{escape(timing)}"
    badges = ""
    if timing == "now":
        badges = f'<span class="badge now">{escape(gettext("Now"))}</span>'
    elif timing == "next":
        badges = f'<span class="badge next">{escape(gettext("Next"))}</span>'
    where = ""
    if venue:
        where = escape(venue.name)
        if hall := venue.hall:
            where += " · " + gettext("Hall %(code)s") % {"code": escape(hall.code)}
        where = f'<span class="venue">{where}</span>'
    parts = [
        f'<article class="card session-card{classes}">\n  ',
        TRACK_STRIPE.format(escape(track.colour)) if track else "",
        '\n  <div class="card-body">\n    <p class="meta when">\n      ',
        session_times(session, "H:i" if day_shown else "SHORT_DATETIME_FORMAT"),
        f"\n      {badges}\n      ",
        f'<span class="badge cancelled">{escape(gettext("Cancelled"))}</span>' if cancelled else "",
        "\n    </p>\n    ",
        translated(
            session, "title", "h3", link=session.get_absolute_url(), **{"class": "card-title"}
        ),
        '\n    <p class="meta where">\n      ',
        where,
        "\n      ",
        f'<span class="track">{escape(track.name)}</span> · ' if track else "",
        f'<span class="type">{escape(kind)}</span>\n    </p>\n    ',
    ]
    if not no_speakers and session.published_slots:
        parts.append(f'<ul class="session-speakers" aria-label="{escape(gettext("Speakers"))}">')
        for slot in session.published_slots:
            speaker = slot.speaker
            name = speaker.name
            portrait = image(speaker.photo, "portrait-card", name, sizes="28px")
            parts.append(
                f'<li><span class="portrait" aria-hidden="true">{portrait}</span>'
                f"{escape(name)}</li>"
            )
        parts.append("</ul>")
    parts.append("\n    ")
    if save_next:
        parts.append(star_button()("session", session.slug, save_next))
    parts.append("\n  </div>\n</article>\n")
    # Safe: every value is escaped here, or comes as safe HTML from the tags it calls.
    return mark_safe("".join(parts))


@register.simple_tag
def speaker_card(speaker, save_next):
    name = speaker.name
    parts = [
        '<article class="card speaker-card">\n  <div class="card-media">',
        image(speaker.photo, "portrait-card", name),
        '</div>\n  <div class="card-body">\n    ',
        translated(
            speaker, "name", "h3", link=speaker.get_absolute_url(), **{"class": "card-title"}
        ),
        "\n    ",
    ]
    if affiliation := speaker.affiliation:
        parts.append(f"<p>{escape(affiliation)}</p>")
    parts.append("\n    ")
    if speaker.is_keynote:
        parts.append(f'<p class="meta"><span class="badge">{escape(gettext("Keynote"))}</span></p>')
    parts.append("\n    ")
    if save_next:
        parts.append(star_button()("speaker", speaker.slug, save_next))
    parts.append("\n  </div>\n</article>\n")
    # Safe: every value is escaped here, or comes as safe HTML from the tags it calls.
    return mark_safe("".join(parts))


def in_active_language(row, field):
    """A row's text in the active language, else in the other, with the `lang` attribute it
    then needs; as `{% translated %}` does for an object's field."""
    active = get_language()
    order = [active, *(code for code in LANGUAGE_CODES if code != active)]
    for code in order:
        if text := row[f"{field}_{code.replace('-', '_')}"]:
            return escape(text), "" if code == active else f' lang="{html_lang(code)}"'
    return "", ""


@register.simple_tag
def session_lines(rows):
    if not rows:
        return ""
    cancelled = escape(gettext("Cancelled"))
    parts = ['<ul class="session-lines">']
    for row in rows:
        title, lang = in_active_language(row, "title")
        venue, venue_lang = in_active_language(row, "venue__name")
        url = slug_address("speakers:session_detail", row["slug"])
        parts.append(
            f"<li>{time_element(row['starts_at'], row['ends_at'])} "
            f'<a href="{url}"{lang}>{title}</a>'
        )
        if venue:
            parts.append(f' <span class="venue"{venue_lang}>{venue}</span>')
        if row["status"] == SessionStatus.CANCELLED:
            parts.append(f' <span class="badge cancelled">{cancelled}</span>')
        parts.append("</li>")
    parts.append("</ul>")
    # Safe: every value is escaped here.
    return mark_safe("".join(parts))
