"""The four places an attendee goes, as tabs: in the header on wide screens, in a bar at the
bottom of a phone's screen. The tab of the page's part of the site is marked for assistive
technology: aria-current="page" on the tab's own page, "true" on the pages under it.

    {% load navigation %}
    {% main_tabs as tabs %}
    {% for tab in tabs %}<a href="{{ tab.url }}"
        {% if tab.current %} aria-current="{{ tab.current }}"{% endif %}>…
"""

from dataclasses import dataclass

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from directory.memo import here, remembered

register = template.Library()


@dataclass(frozen=True)
class Tab:
    key: str  # names its icon (includes/icon.html) and its CSS class
    url: str
    html: str  # what the link holds: the icon, the label, and on My WAIC the count's place
    current: str  # "page", "true" or ""


TABS = [
    ("agenda", _("Agenda"), "speakers:session_list"),
    ("speakers", _("Speakers"), "speakers:speaker_list"),
    ("exhibitors", _("Exhibitors"), "exhibitors:exhibitor_list"),
    ("my", _("My WAIC"), "favourites:my_waic"),
]


def current(url, path):
    if path == url:
        return "page"
    # /sessions/ is the agenda's, and so is /sessions/opening/; "/" (home) is no tab's.
    return "true" if path.startswith(url) else ""


@remembered(maxsize=8)
def tabs_in(language, script_prefix, urlconf):
    """Each tab's key, address and content in a language: the same on every page."""
    tabs = []
    for key, label, name in TABS:
        html = format_html(
            '{}<span class="tab-label">{}</span>',
            render_to_string("includes/icon.html", {"name": key}),
            label,
        )
        if key == "my":
            html += format_html(
                '<span class="tab-count" data-favourites-count data-favourites-url="{}" hidden>'
                "</span>",
                reverse("favourites:starred"),
            )
        tabs.append((key, reverse(name), html))
    return tabs


@register.simple_tag(takes_context=True)
def main_tabs(context):
    request = context.get("request")
    path = request.path if request else ""  # the 500 page has no request
    return [
        Tab(key=key, url=url, html=html, current=current(url, path))
        for key, url, html in tabs_in(*here())
    ]
