"""Tags for speaker and session pages' <head>: previews for shared links and JSON-LD.

{% load programme_sharing %}
{% block head %}{% session_sharing session %}{% endblock %}
"""

from django import template

from directory.sharing import head_tags, image_url
from speakers import sharing

register = template.Library()


@register.simple_tag(takes_context=True)
def speaker_sharing(context, speaker):
    request = context["request"]
    absolute = request.build_absolute_uri
    image = image_url(speaker.photo, "portrait-detail", absolute)
    description = speaker.affiliation or speaker.bio
    data = sharing.person(speaker, absolute)
    return head_tags(request, speaker.name, description, data, image, kind="profile")


@register.simple_tag(takes_context=True)
def session_sharing(context, session):
    request = context["request"]
    absolute = request.build_absolute_uri
    description = f"{session.local_times} · {session.abstract}"
    return head_tags(request, session.title, description, sharing.event(session, absolute))
