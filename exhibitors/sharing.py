"""schema.org JSON-LD of exhibitors (Organization); the shared helpers: directory/sharing.py."""

from django.utils.translation import gettext_lazy as _

from directory.sharing import compact, image_url, place, summary


def organization(exhibitor, absolute):
    """schema.org Organization of an exhibitor, located at its hall and booth."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": exhibitor.name,
        "description": summary(exhibitor.tagline or exhibitor.description),
        "url": absolute(exhibitor.get_absolute_url()),
        "logo": image_url(exhibitor.logo, "logo-detail", absolute),
        "sameAs": [exhibitor.website] if exhibitor.website else [],
    }
    if exhibitor.hall_id:
        data["location"] = place(
            str(_("WAIC, %(location)s") % {"location": exhibitor.location}),
            absolute(exhibitor.hall.get_absolute_url()),
        )
    return compact(data)
