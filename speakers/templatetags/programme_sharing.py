"""Tags for speaker and session pages' <head>: previews for shared links and JSON-LD.

{% load programme_sharing %}
{% block head %}{% session_sharing session %}{% endblock %}
"""

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from directory.sharing import default_image, head_tags, image_url
from speakers import sharing

register = template.Library()


@register.simple_tag(takes_context=True)
def speaker_sharing(context, speaker):
    request = context["request"]
    absolute = request.build_absolute_uri
    image = image_url(speaker.photo, "portrait-detail", absolute)
    description = (
        speaker.affiliation
        or speaker.bio
        or _("Speaker at %(edition)s") % {"edition": settings.WAIC_EVENT.edition}
    )
    data = sharing.person(speaker, absolute)
    return head_tags(request, speaker.name, description, data, image, speaker.name, "profile")


@register.simple_tag(takes_context=True)
def session_sharing(context, session):
    request = context["request"]
    absolute = request.build_absolute_uri
    description = f"{session.local_times} · {session.abstract}"
    image, image_alt = sharing.session_image(session, absolute)
    data = sharing.event(session, absolute, image or default_image(request))
    return head_tags(request, session.title, description, data, image, image_alt)
