"""Tags for a detail page's <head>: previews for shared links and schema.org JSON-LD.

{% load exhibitor_sharing %}
{% block head %}{% exhibitor_sharing exhibitor %}{% endblock %}
"""

from django import template
from django.utils.html import format_html

from directory.sharing import image_url, json_ld_script, share_tags
from exhibitors.sharing import organization

register = template.Library()


@register.simple_tag(takes_context=True)
def exhibitor_sharing(context, exhibitor):
    request = context["request"]
    absolute = request.build_absolute_uri
    image = image_url(exhibitor.logo, "logo-detail", absolute)
    return format_html(
        "{}\n{}",
        share_tags(request, exhibitor.name, exhibitor.tagline or exhibitor.description, image),
        json_ld_script(organization(exhibitor, absolute)),
    )
