"""Tags for a detail page's <head>: previews for shared links and schema.org JSON-LD.

{% load sharing %}
{% block head %}{% exhibitor_sharing exhibitor %}{% endblock %}
"""

from django import template
from django.utils.html import format_html

from exhibitors import sharing

register = template.Library()


@register.simple_tag(takes_context=True)
def exhibitor_sharing(context, exhibitor):
    request = context["request"]
    absolute = request.build_absolute_uri
    image = sharing.image_url(exhibitor.logo, "logo-detail", absolute)
    return format_html(
        "{}\n{}",
        sharing.share_tags(
            request, exhibitor.name, exhibitor.tagline or exhibitor.description, image
        ),
        sharing.json_ld_script(sharing.organization(exhibitor, absolute)),
    )
