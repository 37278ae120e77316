"""The preview tags of a page that is not one record's (home, listings, search, My WAIC, errors).

{% load page_sharing %}
{% block sharing %}{% translate "Exhibitors" as title %}…{% page_sharing title description %}
{% endblock %}

Detail pages fill the same block with their own tags (exhibitor_sharing, programme_sharing).
"""

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from directory.sharing import SITE_NAME, share_tags

register = template.Library()


@register.simple_tag(takes_context=True)
def page_sharing(context, title="", description=""):
    """The meta description, OpenGraph and Twitter tags with the site's card as the image.
    Without a title: the site's name; without a description: the event's name, dates and city."""
    request = context.get("request")
    if request is None:  # the bare 500 page, rendered without a request
        return ""
    event = settings.WAIC_EVENT
    description = description or _("%(title)s, %(dates)s, %(city)s: %(theme)s") % {
        "title": event.title,
        "dates": event.dates,
        "city": event.city,
        "theme": event.theme,
    }
    return share_tags(request, title or f"{SITE_NAME} · {event.edition}", description)
