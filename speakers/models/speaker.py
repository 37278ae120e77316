"""Who speaks at WAIC."""

import uuid

from django.apps import apps
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from directory.addresses import slug_address
from directory.bilingual import Bilingual, join_phrases
from directory.collation import SortKeyField, by_name
from directory.images.fields import CleanImageField, RandomName
from directory.search import SearchQuerySet

from .common import GUID_NAMESPACE, PUBLISHED


def session_speakers():
    """The SessionSpeaker model, from the registry: its module imports this one."""
    return apps.get_model("speakers", "SessionSpeaker")


class SpeakerQuerySet(SearchQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def keynotes(self):
        """The published keynote speakers, whom the home page features: in English A–Z in
        every language, so that the first few are the same people on every page."""
        return self.published().filter(is_keynote=True).order_by("sort_name_en", "pk")

    def for_listing(self):
        return self.select_related("exhibitor")

    def with_sessions(self, session_fields=()):
        """Each speaker's places in published sessions, by start time, as `published_slots`;
        `session_fields`: only these columns of the sessions, e.g. `Session.card_fields`."""
        slots = (
            session_speakers()
            .objects.in_published_sessions()
            .select_related("session__track", "session__venue__hall")
            .order_by("session__starts_at", "session__title")
        )
        if session_fields:
            columns = [f"session__{field}" for field in session_fields]
            slots = slots.only("session", "speaker", "role", "order", *columns)
        return self.prefetch_related(Prefetch("slots", queryset=slots, to_attr="published_slots"))

    def for_detail(self):
        """A speaker's page: their employer and its hall, and their sessions' cards."""
        card_fields = apps.get_model("speakers", "Session").card_fields
        return self.select_related("exhibitor__hall").with_sessions(card_fields)

    def update_schedules(self):
        """Write these speakers' `schedule_tracks` and `schedule_days` from their published
        sessions, only where they changed. Called on every change that could alter them
        (speakers/signals.py) and after bulk loads, which send no signals."""
        stored = self.values_list("pk", "schedule_tracks", "schedule_days")
        current = {pk: (tracks, days) for pk, tracks, days in stored}
        slots = session_speakers().objects.in_published_sessions()
        slots = slots.filter(speaker__in=self.values("pk"))
        rows = slots.values_list("speaker", "session__track", "session__starts_at")
        schedules = summarize_schedules(rows)
        changed = []
        for pk, stored in current.items():
            tracks, days = schedules.get(pk, ("", ""))
            if (tracks, days) != stored:
                changed.append(Speaker(pk=pk, schedule_tracks=tracks, schedule_days=days))
        Speaker.objects.bulk_update(changed, ["schedule_tracks", "schedule_days"], batch_size=500)
        return len(changed)


def summarize_schedules(rows):
    """{speaker pk: (track pks, Shanghai days)} as space-separated text, sorted, from
    (speaker, track, starts_at) rows: what `Speaker.schedule_tracks` and `schedule_days` hold."""
    tracks, days = {}, {}
    for speaker, track, starts_at in rows:
        if track is not None:
            tracks.setdefault(speaker, set()).add(track)
        days.setdefault(speaker, set()).add(timezone.localdate(starts_at))
    return {
        speaker: (
            " ".join(str(track) for track in sorted(tracks.get(speaker, ()))),
            " ".join(day.isoformat() for day in sorted(days[speaker])),
        )
        for speaker in days
    }


class Speaker(Bilingual, models.Model):
    name = models.CharField(_("name"), max_length=160)
    sort_name = SortKeyField(max_length=160)
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        unique=True,
        blank=True,
        help_text=_(
            "The end of the speaker's address on the site, /speakers/…/. Avoid changing it."
        ),
    )
    photo = CleanImageField(
        _("photo"),
        upload_to=RandomName("speakers/photos"),
        presets=["portrait-card", "portrait-detail"],
        width_field="photo_width",
        height_field="photo_height",
        blank=True,
        help_text=_("JPEG, PNG, WebP or GIF; cropped square from the centre on the site."),
    )
    photo_width = models.PositiveIntegerField(_("photo width"), null=True, editable=False)
    photo_height = models.PositiveIntegerField(_("photo height"), null=True, editable=False)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("Job title, e.g. Chief Scientist.")
    )
    organization = models.CharField(
        _("organization"),
        max_length=200,
        blank=True,
        help_text=_("As the speaker wants it printed, e.g. University of Toronto."),
    )
    exhibitor = models.ForeignKey(
        "exhibitors.Exhibitor",
        on_delete=models.SET_NULL,
        related_name="speakers",
        null=True,
        blank=True,
        verbose_name=_("exhibitor"),
        help_text=_("The exhibitor this speaker works for, to link their booth."),
    )
    country = CountryField(_("country"), blank=True)
    bio = models.TextField(_("biography"), blank=True)
    website = models.URLField(_("website"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    weibo = models.URLField(_("Weibo"), blank=True)
    is_keynote = models.BooleanField(
        _("keynote speaker"),
        default=False,
        help_text=_("Keynote speakers are featured on the home page."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published speakers are visible.")
    )
    # What the speaker's published sessions are about, kept up to date from them
    # (speakers/signals.py): the listing's track and day counts group speakers by these instead
    # of joining every session speaker, which is 20 times slower at ten times WAIC's size.
    schedule_tracks = models.TextField(
        _("tracks spoken in"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Primary keys of the tracks of the published sessions, space-separated."),
    )
    schedule_days = models.TextField(
        _("days speaking"),
        blank=True,
        default="",
        editable=False,
        help_text=_("Shanghai days of the published sessions (YYYY-MM-DD), space-separated."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SpeakerQuerySet.as_manager()

    # What the search box looks in: see directory/search/.
    search_fields = ["name", "position", "organization", "bio"]

    # What a speaker card, a session card's list of speakers and a session page's JSON-LD
    # read: the columns a session page fetches of its speakers (`speakers_of()`). Both
    # languages' columns by name: the slots' values() query is not modeltranslation's.
    card_fields = tuple(
        f"{field}{suffix}"
        for field in ("name", "position", "organization")
        for suffix in ("", "_en", "_zh_hans")
    ) + ("slug", "photo", "photo_width", "photo_height", "is_keynote")

    names_a_person = True

    class Meta:
        ordering = by_name()
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        # Partial indexes over published rows, the only ones listings read: one per filter,
        # facet count and sort order of the speaker listing (their plans are checked by
        # `manage.py explain_listings`). `sort_name` is translated: one per language.
        indexes = [
            # The listing's country and keynote counts and its total, in one pass over this
            # index (`FacetedFilterSet.listing_counts`, which groups by these columns).
            models.Index(
                fields=["country", "is_keynote"],
                condition=PUBLISHED,
                name="speaker_pub_facets_idx",
            ),
            models.Index(
                fields=["sort_name_en"], condition=PUBLISHED, name="speaker_pub_sort_en_idx"
            ),
            models.Index(
                fields=["sort_name_zh_hans"], condition=PUBLISHED, name="speaker_pub_sort_zh_idx"
            ),
            models.Index(fields=["country"], condition=PUBLISHED, name="speaker_pub_country_idx"),
            models.Index(
                fields=["schedule_tracks"], condition=PUBLISHED, name="speaker_pub_tracks_idx"
            ),
            models.Index(
                fields=["schedule_days"], condition=PUBLISHED, name="speaker_pub_days_idx"
            ),
            # Keynote speakers: the facet's count and the home page (SQLite cannot seek on a
            # true/false column alone).
            models.Index(
                fields=["sort_name_en"],
                condition=PUBLISHED & Q(is_keynote=True),
                name="speaker_keynote_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_address("speakers:speaker_detail", self.slug)

    @property
    def guid(self):
        return uuid.uuid5(GUID_NAMESPACE, f"speaker:{self.slug}")

    @property
    def public_employer(self):
        """The exhibitor this speaker works for, when attendees may see it; else None."""
        if self.exhibitor_id and self.exhibitor.is_published:
            return self.exhibitor
        return None

    @property
    def affiliation(self):
        """Position and organization in one line, as printed on badges."""
        return join_phrases([self.position, self.organization])
