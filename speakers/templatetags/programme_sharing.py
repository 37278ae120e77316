"""Tags for speaker and session pages' <head>: previews for shared links and JSON-LD.

{% load programme_sharing %}
{% block head %}{% session_sharing session %}{% endblock %}
"""

from django import template
from django.utils.html import format_html

from directory.sharing import image_url, json_ld_script, share_tags
from speakers import sharing

register = template.Library()


@register.simple_tag(takes_context=True)
def speaker_sharing(context, speaker):
    request = context["request"]
    absolute = request.build_absolute_uri
    image = image_url(speaker.photo, "portrait-detail", absolute)
    description = speaker.affiliation or speaker.bio
    return format_html(
        "{}\n{}",
        share_tags(request, speaker.name, description, image, kind="profile"),
        json_ld_script(sharing.person(speaker, absolute)),
    )


@register.simple_tag(takes_context=True)
def session_sharing(context, session):
    request = context["request"]
    absolute = request.build_absolute_uri
    description = f"{session.local_times} · {session.abstract}"
    return format_html(
        "{}\n{}",
        share_tags(request, session.title, description),
        json_ld_script(sharing.event(session, absolute)),
    )
