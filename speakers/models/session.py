"""The programme's sessions, and who speaks in each, in which role and order."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from directory.addresses import slug_address
from directory.bilingual import Bilingual, localized_lookups
from directory.prepared import PreparedValues
from directory.search import SearchQuerySet

from .common import GUID_NAMESPACE, PUBLISHED, choice_label
from .places import Track, Venue
from .speaker import Speaker


class SessionType(models.TextChoices):
    OPENING = "opening", _("Opening ceremony")
    KEYNOTE = "keynote", _("Keynote")
    PLENARY = "plenary", _("Plenary")
    FORUM = "forum", _("Forum")
    PANEL = "panel", _("Panel")
    ROUNDTABLE = "roundtable", _("Roundtable")
    WORKSHOP = "workshop", _("Workshop")
    LAUNCH = "launch", _("Product launch")


class SessionLanguage(models.TextChoices):
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    BOTH = "zh-en", _("Chinese and English, with interpretation")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class SessionQuerySet(SearchQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def clashable(self):
        """Sessions that may clash: scheduled ones whose organizer did not allow an overlap.

        A cancelled session frees its venue and its speakers.
        """
        return self.filter(status=SessionStatus.SCHEDULED, allow_overlap=False)

    def overlapping(self, session):
        """Other sessions that may clash with `session` and run, at least partly, at its time;
        not those in `session.replaced`, whose stored values an import is changing."""
        sessions = (
            self.clashable()
            .filter(starts_at__lt=session.ends_at, ends_at__gt=session.starts_at)
            .exclude(pk=session.pk)
        )
        return sessions.exclude(pk__in=session.replaced) if session.replaced else sessions

    def venue_clashes(self):
        """Every pair of clashable sessions overlapping in one venue, once, in one query."""
        return self._clashes(
            self.clashable().filter(venue__isnull=False), "venue__sessions", "venue__name"
        )

    def speaker_clashes(self):
        """Every speaker booked into two overlapping clashable sessions, once, in one query."""
        return self._clashes(
            self.clashable(), "slots__speaker__slots__session", "slots__speaker__name"
        )

    def _clashes(self, sessions, other, place):
        # A self-join: `other` leads from a session back to the sessions sharing its venue or
        # one of its speakers. One filter() call keeps every condition on the same joined row.
        return (
            sessions.filter(
                **{
                    f"{other}__status": SessionStatus.SCHEDULED,
                    f"{other}__allow_overlap": False,
                    f"{other}__pk__gt": F("pk"),
                    f"{other}__starts_at__lt": F("ends_at"),
                    f"{other}__ends_at__gt": F("starts_at"),
                }
            )
            .values(
                "pk",
                "title",
                "starts_at",
                "ends_at",
                place=F(place),
                other_pk=F(f"{other}__pk"),
                other_title=F(f"{other}__title"),
                other_starts_at=F(f"{other}__starts_at"),
                other_ends_at=F(f"{other}__ends_at"),
            )
            .order_by("starts_at", "pk", "other_pk")
        )

    def of_speaker(self, speaker):
        """The sessions `speaker` speaks in."""
        return self.filter(slots__speaker=speaker)

    def track_neighbours(self, session):
        """The other published sessions of `session`'s track, which its page suggests."""
        if not session.track_id:
            return self.none()
        return self.published().filter(track=session.track_id).exclude(pk=session.pk)

    def with_speakers(self):
        """Each session's published speakers, in programme order, with their roles."""
        return self.prefetch_related(published_slots())

    def with_track_and_venue(self):
        return self.select_related("track", "venue", "venue__hall")

    def for_listing(self):
        return self.with_track_and_venue().with_speakers()

    def as_lines(self):
        """Plain rows (dicts) of what `{% session_lines %}` shows of each session: its slug,
        status, times, and its title and venue's name in each language; no model instances,
        which would cost a session's page more than all its other sessions' lines."""
        # Not modeltranslation's values(), which re-reads each row for its fallbacks: the tag
        # makes them. By start, then as entered: cheaper to build than the agenda's order
        # (which ends with the title in the active language), and as good for a few lines.
        return (
            self.rewrite(False)
            .order_by("starts_at", "pk")
            .values(
                "slug",
                "status",
                "starts_at",
                "ends_at",
                *localized_lookups(Session, "title"),
                *localized_lookups(Session, "venue__name"),
            )
        )


class Session(Bilingual, models.Model):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_(
            "The end of the session's address on the site, /sessions/…/. Avoid changing it."
        ),
    )
    type = models.CharField(
        _("type"), max_length=20, choices=SessionType, default=SessionType.FORUM
    )
    track = models.ForeignKey(
        Track,
        on_delete=models.PROTECT,
        related_name="sessions",
        null=True,
        blank=True,
        verbose_name=_("track"),
    )
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        related_name="sessions",
        null=True,
        blank=True,
        verbose_name=_("venue"),
    )
    starts_at = models.DateTimeField(_("starts at"), help_text=_("Shanghai time (GMT+8)."))
    ends_at = models.DateTimeField(_("ends at"), help_text=_("Shanghai time (GMT+8)."))
    language = models.CharField(
        _("language"), max_length=10, choices=SessionLanguage, default=SessionLanguage.CHINESE
    )
    abstract = models.TextField(_("abstract"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SessionStatus,
        default=SessionStatus.SCHEDULED,
        help_text=_(
            "A cancelled session stays visible, marked as cancelled, so nobody waits. "
            "It no longer clashes with other sessions."
        ),
    )
    allow_overlap = models.BooleanField(
        _("allow overlap"),
        default=False,
        help_text=_(
            "Tick to let this session overlap others in its venue or with the same speakers: "
            "some halls are split, some hosts move fast."
        ),
    )
    speakers = models.ManyToManyField(
        Speaker,
        through="SessionSpeaker",
        related_name="sessions",
        blank=True,
        verbose_name=_("speakers"),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published sessions are visible.")
    )
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        editable=False,
        help_text=_(
            "Counts changes of time, place or status, so calendars that subscribed to the "
            "session update it (iCalendar SEQUENCE)."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    # What the search box looks in (directory/search/): these fields, and the speakers' names
    # in the session's slots that `SessionSpeaker.objects.of_published_speakers()` gives.
    search_fields = ["title", "abstract"]
    search_related = {"slots": ("of_published_speakers", ["speaker__name"])}

    # The primary keys of other sessions whose stored time, place and speakers do not count in
    # clash checks: an import checking a row against the rows before it (speakers/resources.py).
    replaced = frozenset()

    # "now" or "next" where `agenda.mark_now_and_next` marked the session; "" elsewhere, so the
    # session card reads a plain attribute (a missing one makes the template engine run dir()
    # on the session, which cost a session page as much as its track neighbours' query).
    timing = ""

    # What a session card reads (speakers/templatetags/programme_cards.py): a speaker page's
    # cards of their sessions load only these (`Speaker.objects.with_sessions()`).
    card_fields = tuple(
        f"{field}{suffix}" for field in ("title",) for suffix in ("", "_en", "_zh_hans")
    )
    card_fields += ("slug", "type", "status", "starts_at", "ends_at", "track", "venue")
    card_fields += ("track__name", "track__name_en", "track__name_zh_hans", "track__colour")
    card_fields += ("venue__name", "venue__name_en", "venue__name_zh_hans", "venue__hall__code")

    # Changing any of these bumps `sequence` (RFC 5546 counts STATUS as significant too).
    RESCHEDULING_FIELDS = ("starts_at", "ends_at", "venue_id", "status")
    slug_source = "title"

    class Meta:
        ordering = ["starts_at", "ends_at", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]
        # Partial indexes over published rows, the only ones listings read: one per filter,
        # facet count and sort order of the agenda (checked by `manage.py explain_listings`).
        indexes = [
            # The listing's track, type and language counts and its total, in one pass over
            # this index (`FacetedFilterSet.listing_counts`, which groups by these columns).
            models.Index(
                fields=["track", "type", "language"],
                condition=PUBLISHED,
                name="session_pub_facets_idx",
            ),
            models.Index(fields=["starts_at"], condition=PUBLISHED, name="session_pub_start_idx"),
            models.Index(
                fields=["track", "starts_at"], condition=PUBLISHED, name="session_pub_track_idx"
            ),
            models.Index(
                fields=["venue", "starts_at"], condition=PUBLISHED, name="session_pub_venue_idx"
            ),
            models.Index(fields=["type"], condition=PUBLISHED, name="session_pub_type_idx"),
            models.Index(fields=["language"], condition=PUBLISHED, name="session_pub_lang_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, update_fields=None, **kwargs):
        if self._reschedules(update_fields):
            self.sequence += 1
            if update_fields is not None:
                update_fields = {*update_fields, "sequence"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self):
        return slug_address("speakers:session_detail", self.slug)

    def get_type_display(self):
        return choice_label(SessionType, self.type)

    def get_language_display(self):
        return choice_label(SessionLanguage, self.language)

    def get_status_display(self):
        return choice_label(SessionStatus, self.status)

    def clean(self):
        super().clean()  # a title in either language, a slug from it
        if self.allow_overlap or self.is_cancelled or not (self.venue_id and self.times_known):
            return
        other = Session.objects.overlapping(self).filter(venue=self.venue_id).first()
        if other:
            raise ValidationError({"venue": self.venue_taken_message(other)})

    def venue_taken_message(self, other):
        return _(
            "%(venue)s is taken by “%(other)s” at %(when)s. Change the time or the venue, or "
            "tick “allow overlap”."
        ) % {"venue": self.venue, "other": other, "when": other.local_times}

    @property
    def may_clash(self):
        """Whether clash checks apply: scheduled, times known, no overlap allowed."""
        return not (self.allow_overlap or self.is_cancelled) and self.times_known

    @property
    def times_known(self):
        """Whether both times are set and in order, so that overlaps can be looked for."""
        return bool(self.starts_at and self.ends_at and self.starts_at < self.ends_at)

    @property
    def local_times(self):
        """Day and times in Shanghai in the active language, e.g. "Sat 26 July, 09:00–10:30"."""
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{date_format(start, 'SHORT_DATETIME_FORMAT')}–{time_format(end)}"

    def _reschedules(self, update_fields):
        """Whether this save moves the stored session in time or place, or (un)cancels it."""
        fields = [
            field
            for field in self.RESCHEDULING_FIELDS
            if update_fields is None or {field, field.removesuffix("_id")} & {*update_fields}
        ]
        if self._state.adding or not fields:
            return False
        stored = Session.objects.filter(pk=self.pk).values_list(*fields).first()
        return stored is not None and stored != tuple(getattr(self, field) for field in fields)

    @property
    def guid(self):
        return uuid.uuid5(GUID_NAMESPACE, f"session:{self.slug}")

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED

    @property
    def local_day(self):
        return timezone.localtime(self.starts_at).date()


TRACK_LINES = PreparedValues(
    Session,
    lambda track, session: (
        Session.objects.published().filter(track=track).exclude(pk=session).as_lines()[:6]
    ),
)


def track_lines(session):
    """`as_lines()` rows of up to six other published sessions of `session`'s track (its
    `track_neighbours()`), by start: what its page lists. Compiled once (`PreparedValues`):
    building this query took a session page a tenth of its time, running it a hundredth."""
    if not session.track_id:
        return []
    return TRACK_LINES(track=session.track_id, session=session.pk)


def published_slots():
    """Each session's published speakers, in programme order, with their roles, as its
    `published_slots`: for `with_speakers()`. (A session's page reads its own from
    `speakers_of()`.)"""
    slots = SessionSpeaker.objects.of_published_speakers().select_related("speaker")
    return Prefetch("slots", queryset=slots, to_attr="published_slots")


class SessionRole(models.TextChoices):
    HOST = "host", _("Host")
    MODERATOR = "moderator", _("Moderator")
    SPEAKER = "speaker", _("Speaker")
    PANELIST = "panelist", _("Panelist")


class SessionSpeakerQuerySet(models.QuerySet):
    def in_published_sessions(self):
        """Places in published sessions: what "speaks in" means on a speaker's page and in the
        speaker listing's filters."""
        return self.filter(session__is_published=True)

    def of_published_speakers(self):
        """Places of published speakers: who a session's page and exports name."""
        return self.filter(speaker__is_published=True)


class SessionSpeaker(models.Model):
    """A speaker's place in a session's programme: their role and running order."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="slots", verbose_name=_("session")
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="slots", verbose_name=_("speaker")
    )
    role = models.CharField(
        _("role"), max_length=20, choices=SessionRole, default=SessionRole.SPEAKER
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Running order within the session, lowest first.")
    )

    objects = SessionSpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("session speaker")
        verbose_name_plural = _("session speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "speaker"],
                name="session_speaker_once",
                violation_error_message=_("This speaker is already in this session."),
            ),
        ]

    def __str__(self):
        return f"{self.speaker} — {self.get_role_display()} — {self.session}"

    def get_role_display(self):
        return choice_label(SessionRole, self.role)

    def clean(self):
        """Refuse to put a speaker into two overlapping sessions, unless this one allows it.

        The session may be unsaved or carry new times (the admin's session form), so its
        values are read from the object, not the database.
        """
        try:
            session = self.session
        except Session.DoesNotExist:
            return
        if not self.speaker_id or session.allow_overlap or session.is_cancelled:
            return
        if not session.times_known:
            return
        other = Session.objects.overlapping(session).filter(slots__speaker=self.speaker_id).first()
        if other:
            # Not tied to one field: on a speaker's page, the session is the field that changed.
            raise ValidationError(self.clash_message(self.speaker, other))

    @staticmethod
    def clash_message(speaker, other):
        return _(
            "%(speaker)s already speaks in “%(other)s” at %(when)s. Tick “allow overlap” on "
            "this session if they really can be in both."
        ) % {"speaker": speaker, "other": other, "when": other.local_times}


SESSION_SPEAKERS = PreparedValues(
    SessionSpeaker,
    lambda session: (
        SessionSpeaker.objects.filter(session=session)
        .of_published_speakers()
        .values("role", *(f"speaker__{field}" for field in ("id", *Speaker.card_fields)))
    ),
)


def speakers_of(session):
    """`session`'s places of published speakers in running order, each with its speaker's
    card columns (`Speaker.card_fields`): its page's `published_slots`, from one prepared query
    (`PreparedValues`) instead of one the ORM builds again on every page."""
    wanted = {"id", *Speaker.card_fields}  # from_db() takes them in the model's order
    fields = [field.attname for field in Speaker._meta.concrete_fields if field.attname in wanted]
    database = router.db_for_read(Speaker)
    return [
        SessionSpeaker(
            session=session,
            speaker=Speaker.from_db(database, fields, [row[f"speaker__{f}"] for f in fields]),
            role=row["role"],
        )
        for row in SESSION_SPEAKERS(session=session.pk)
    ]
