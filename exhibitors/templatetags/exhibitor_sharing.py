"""Tags for a detail page's <head>: previews for shared links and schema.org JSON-LD.

{% load exhibitor_sharing %}
{% block head %}{% exhibitor_sharing exhibitor %}{% endblock %}
"""

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from directory.sharing import head_tags, image_url
from exhibitors.sharing import organization

register = template.Library()


@register.simple_tag(takes_context=True)
def exhibitor_sharing(context, exhibitor):
    request = context["request"]
    absolute = request.build_absolute_uri
    description = (
        exhibitor.tagline
        or exhibitor.description
        or _("Exhibitor at %(edition)s") % {"edition": settings.WAIC_EVENT.edition}
    )
    image = image_url(exhibitor.logo, "logo-detail", absolute)
    data = organization(exhibitor, absolute)
    return head_tags(request, exhibitor.name, description, data, image, exhibitor.name)
