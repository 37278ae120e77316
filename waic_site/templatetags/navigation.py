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
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()


@dataclass(frozen=True)
class Tab:
    key: str  # names its icon (includes/icon.html) and its CSS class
    label: str
    url: str
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


@register.simple_tag(takes_context=True)
def main_tabs(context):
    request = context.get("request")
    path = request.path if request else ""  # the 500 page has no request
    tabs = []
    for key, label, name in TABS:
        url = reverse(name)
        tabs.append(Tab(key=key, label=str(label), url=url, current=current(url, path)))
    return tabs
