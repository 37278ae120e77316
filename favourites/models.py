"""Visitors' favourites, kept without an account: a list known only by its long random key.

The key is the only thing that identifies a list (no login, no personal data): it lives in the
visitor's cookie and in the private link that moves the list to another device.
"""

import re
import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def new_key():
    """43 URL-safe characters, 256 random bits: not guessable, so the key is the capability."""
    return secrets.token_urlsafe(32)


# What a key may look like (token_urlsafe's alphabet, as the URLs' <slug:key>): anything else, a
# NUL character say, which PostgreSQL refuses in a query, names no list without asking the database.
KEY = re.compile(r"[-a-zA-Z0-9_]{1,64}")


class FavouriteListQuerySet(models.QuerySet):
    def for_key(self, key):
        """The list with this key, or None (a cookie or link may name a list that is gone)."""
        return self.filter(key=key).first() if key and KEY.fullmatch(key) else None


class FavouriteList(models.Model):
    key = models.CharField(_("key"), max_length=64, unique=True, default=new_key, editable=False)
    sessions = models.ManyToManyField(
        "speakers.Session", related_name="+", blank=True, verbose_name=_("sessions")
    )
    speakers = models.ManyToManyField(
        "speakers.Speaker", related_name="+", blank=True, verbose_name=_("speakers")
    )
    exhibitors = models.ManyToManyField(
        "exhibitors.Exhibitor", related_name="+", blank=True, verbose_name=_("exhibitors")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(
        _("updated"), auto_now=True, help_text=_("Last time an item was starred or unstarred.")
    )

    objects = FavouriteListQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("favourites list")
        verbose_name_plural = _("favourites lists")

    def __str__(self):
        return self.key[:8] + "…"

    def get_absolute_url(self):
        """The private link: opening it on another device adopts the list there."""
        return reverse("favourites:shared_list", kwargs={"key": self.key})

    def items(self, kind):
        """The many-to-many manager of `kind`: "session", "speaker" or "exhibitor"."""
        return getattr(self, KINDS[kind])

    def count(self):
        """How many published items the list holds, as starred.json lists them."""
        return sum(self.items(kind).published().count() for kind in KINDS)

    def star(self, kind, item, starred):
        """Add or remove `item`; the list's `updated_at` moves, so its calendar feed changes."""
        if starred:
            self.items(kind).add(item)
        else:
            self.items(kind).remove(item)
        self.save(update_fields=["updated_at"])


# What may be starred: kind (as in forms and JSON) → the list's many-to-many field.
KINDS = {"session": "sessions", "speaker": "speakers", "exhibitor": "exhibitors"}
