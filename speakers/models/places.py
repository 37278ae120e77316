"""Where the programme happens: its tracks and the venues (rooms) of its sessions."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.addresses import view_address
from directory.bilingual import Bilingual, join_phrases
from directory.collation import SortKeyField, by_name


class Track(Bilingual, models.Model):
    name = models.CharField(_("name"), max_length=160)
    sort_name = SortKeyField(max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#1f5fbf",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour such as #1f5fbf."))],
        help_text=_("Shown as a stripe on the track's sessions, as #RRGGBB."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["order", *by_name()]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return view_address("speakers:session_list") + f"?track={self.slug}"


class VenueQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("hall")


class Venue(Bilingual, models.Model):
    name = models.CharField(_("name"), max_length=160)
    sort_name = SortKeyField(max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True, blank=True)
    building = models.CharField(
        _("building"), max_length=160, blank=True, help_text=_("e.g. Shanghai World Expo Center.")
    )
    room = models.CharField(_("room"), max_length=120, blank=True)
    floor = models.CharField(_("floor"), max_length=20, blank=True, help_text=_("e.g. 1F, B1."))
    hall = models.ForeignKey(
        "exhibitors.Hall",
        on_delete=models.PROTECT,
        related_name="venues",
        null=True,
        blank=True,
        verbose_name=_("hall"),
        help_text=_("The exhibition hall this stage is in, if any."),
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VenueQuerySet.as_manager()

    class Meta:
        ordering = ["order", *by_name()]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return view_address("speakers:session_list") + f"?venue={self.slug}"

    @property
    def place(self):
        """Where to walk to: name, room, floor and building in one line."""
        return join_phrases([self.name, self.room, self.floor, self.building])
