"""Small helpers for the favourites tests: star an item as a browser would."""

from django.urls import reverse

from favourites.views import COOKIE_NAME

JSON = {"accept": "application/json"}


def star(client, item, action="add", next="", headers=None):
    """POST the save button of `item` (a session, speaker or exhibitor) as its form does."""
    data = {"kind": item._meta.model_name, "slug": item.slug, "star": action, "next": next}
    return client.post(reverse("favourites:star"), data, headers=headers)


def key_of(client):
    return client.cookies[COOKIE_NAME].value
