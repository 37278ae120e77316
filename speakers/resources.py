"""Spreadsheet columns for speakers and sessions: what the admin imports and exports.

Times are Shanghai local time, and the column headers say so. A session's speakers are one
readable column in running order, e.g. `li-qiang:host; geoffrey-hinton:speaker`. The import
applies the programme's clash checks: a session may not take a venue or a speaker that another
overlapping session already has, unless its row says `allow_overlap`.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from directory.resources import LIST_SEPARATOR, DirectoryResource, KeyWidget, bilingual_columns
from exhibitors.models import Exhibitor

from .models import Session, SessionRole, SessionSpeaker, Speaker, Track, Venue

TIME_FORMAT = "%Y-%m-%d %H:%M"


class SpeakerResource(DirectoryResource):
    exhibitor = fields.Field(
        attribute="exhibitor", column_name="exhibitor", widget=KeyWidget(Exhibitor, "slug")
    )

    class Meta:
        model = Speaker
        fields = bilingual_columns(
            Speaker,
            [
                "slug",
                "name",
                "position",
                "organization",
                "exhibitor",
                "country",
                "bio",
                "website",
                "linkedin",
                "weibo",
                "is_keynote",
                "is_published",
            ],
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("exhibitor")


class ProgrammeWidget(widgets.Widget):
    """A session's speakers as `slug:role` pairs in running order; the role defaults to speaker."""

    def clean(self, value, row=None, **kwargs):
        entries = [entry.strip() for entry in str(value or "").split(LIST_SEPARATOR)]
        pairs = [entry.partition(":")[::2] for entry in entries if entry]
        pairs = [(slug.strip(), role.strip() or SessionRole.SPEAKER) for slug, role in pairs]
        speakers = Speaker.objects.in_bulk([slug for slug, _role in pairs], field_name="slug")
        unknown = [slug for slug, _role in pairs if slug not in speakers]
        if unknown:
            raise ValueError(_("Unknown speaker: %(slugs)s.") % {"slugs": ", ".join(unknown)})
        twice = sorted({slug for slug, _role in pairs if [s for s, _r in pairs].count(slug) > 1})
        if twice:
            raise ValueError(_("Listed twice: %(slugs)s.") % {"slugs": ", ".join(twice)})
        roles = [role for _slug, role in pairs if role not in SessionRole.values]
        if roles:
            raise ValueError(
                _("Unknown role: %(roles)s. Use one of: %(known)s.")
                % {"roles": ", ".join(roles), "known": ", ".join(SessionRole.values)}
            )
        return [(speakers[slug], role) for slug, role in pairs]

    def render(self, value, obj=None, **kwargs):
        return f"{LIST_SEPARATOR} ".join(f"{speaker.slug}:{role}" for speaker, role in value)


class ProgrammeField(fields.Field):
    """Reads the session's speakers from the database, or the sheet's once a row is read."""

    def get_value(self, instance):
        if hasattr(instance, "imported_programme"):
            return instance.imported_programme
        if instance.pk is None:
            return []
        return [(slot.speaker, slot.role) for slot in instance.slots.all()]

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance.imported_programme = self.clean(row, **kwargs)


class SessionResource(DirectoryResource):
    track = fields.Field(attribute="track", column_name="track", widget=KeyWidget(Track, "slug"))
    venue = fields.Field(attribute="venue", column_name="venue", widget=KeyWidget(Venue, "slug"))
    starts_at = fields.Field(
        attribute="starts_at",
        column_name="starts_at (Asia/Shanghai)",
        widget=widgets.DateTimeWidget(format=TIME_FORMAT),
    )
    ends_at = fields.Field(
        attribute="ends_at",
        column_name="ends_at (Asia/Shanghai)",
        widget=widgets.DateTimeWidget(format=TIME_FORMAT),
    )
    speakers = ProgrammeField(
        attribute="speakers", column_name="speakers", widget=ProgrammeWidget()
    )
    non_field_column = "ends_at (Asia/Shanghai)"

    class Meta:
        model = Session
        fields = bilingual_columns(
            Session,
            [
                "slug",
                "title",
                "type",
                "track",
                "venue",
                "starts_at",
                "ends_at",
                "language",
                "abstract",
                "status",
                "allow_overlap",
                "speakers",
                "is_published",
            ],
        )

    def import_instance(self, instance, row, **kwargs):
        # Sessions that earlier rows change are checked as those rows leave them, not as stored
        # (set here, once the row's original is copied for the preview's diff: not copied).
        instance.replaced = self.plan.replaced
        super().import_instance(instance, row, **kwargs)

    def check_row(self, instance, errors):
        if "speakers" not in errors and hasattr(instance, "imported_programme"):
            # The same check as the admin's speakers inline, with the row's new times.
            for speaker, role in instance.imported_programme:
                try:
                    SessionSpeaker(session=instance, speaker=speaker, role=role).clean()
                except ValidationError as error:
                    errors.setdefault("speakers", []).extend(error.error_list)

    def check_against_plan(self, instance, errors):
        """The clash checks of `Session.clean` and `SessionSpeaker.clean` against the sessions
        that earlier rows of the file would write."""
        if not instance.may_clash:
            return
        venue_column, speakers_column = self.fields["venue"].column_name, "speakers"
        if venue_column not in errors and instance.venue_id:
            for other in self.planned_sessions(("venue", instance.venue_id), instance):
                errors[venue_column] = [ValidationError(instance.venue_taken_message(other))]
                break
        if speakers_column not in errors:
            for speaker, _role in self.programme_of(instance):
                for other in self.planned_sessions(("speaker", speaker.pk), instance):
                    message = SessionSpeaker.clash_message(speaker, other)
                    errors.setdefault(speakers_column, []).append(ValidationError(message))
                    break

    def planned_sessions(self, place, session):
        """The planned sessions in `place` that may clash with `session` and overlap it."""
        for other in self.plan.at(place):
            overlap = other.starts_at < session.ends_at and other.ends_at > session.starts_at
            if other is not session and other.may_clash and overlap:
                yield other

    def programme_of(self, session):
        """The session's speakers and roles as the row leaves them."""
        if hasattr(session, "imported_programme"):
            return session.imported_programme
        if session.pk is None:
            return []
        return [(slot.speaker, slot.role) for slot in session.slots.select_related("speaker")]

    def add_to_plan(self, instance, new, row):
        super().add_to_plan(instance, new, row)
        places = [("venue", instance.venue_id)] if instance.venue_id else []
        places += [("speaker", speaker.pk) for speaker, _role in self.programme_of(instance)]
        self.plan.put(instance, places)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("track", "venue").prefetch_related(
            Prefetch("slots", queryset=SessionSpeaker.objects.select_related("speaker"))
        )

    def save_m2m(self, instance, row, **kwargs):
        if hasattr(instance, "imported_programme") and not self.checking(kwargs):
            self.save_programme(instance, instance.imported_programme)
        super().save_m2m(instance, row, **kwargs)

    def save_programme(self, session, programme):
        """Make the session's speakers what the sheet says, saving each slot (signals, history)."""
        wanted = {speaker.pk: (order, role) for order, (speaker, role) in enumerate(programme)}
        for slot in session.slots.all():
            if slot.speaker_id not in wanted:
                slot.delete()
            elif (slot.order, slot.role) != wanted[slot.speaker_id]:
                slot.order, slot.role = wanted.pop(slot.speaker_id)
                slot.save()
            else:
                del wanted[slot.speaker_id]
        for speaker_id, (order, role) in wanted.items():
            SessionSpeaker.objects.create(
                session=session, speaker_id=speaker_id, order=order, role=role
            )
