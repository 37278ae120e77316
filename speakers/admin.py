from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from directory.admin import (
    HTTPS_URL_FIELDS,
    BilingualAdmin,
    DirectoryAdmin,
    RecordAdmin,
    TabularInline,
    flag_action,
    publish,
    thumbnail,
    unpublish,
)

from .models import Session, SessionSpeaker, Speaker, Track, Venue
from .resources import SessionResource, SpeakerResource

make_keynote = flag_action("is_keynote", True, "make_keynote", _("Mark as keynote speakers"))
unmake_keynote = flag_action("is_keynote", False, "unmake_keynote", _("Unmark as keynote speakers"))


@admin.register(Track)
class TrackAdmin(RecordAdmin, BilingualAdmin):
    list_display = ["colour_swatch", "name", "slug", "order", "session_count"]
    list_display_links = ["colour_swatch", "name"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_sessions=Count("sessions"))

    @admin.display(description=_("colour"))
    def colour_swatch(self, obj):
        return format_html(
            '<svg width="16" height="16" aria-label="{}"><rect width="16" height="16" fill="{}"/>'
            "</svg>",
            obj.colour,
            obj.colour,
        )

    @admin.display(description=_("sessions"), ordering="num_sessions")
    def session_count(self, obj):
        return obj.num_sessions


@admin.register(Venue)
class VenueAdmin(RecordAdmin, BilingualAdmin):
    list_display = ["name", "room", "floor", "building", "hall", "capacity", "order"]
    list_editable = ["order"]
    list_filter = ["building", "hall"]
    list_select_related = ["hall"]
    search_fields = ["name", "slug", "room", "building"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["hall"]


class SessionSpeakerInline(TabularInline):
    """A session's speakers in running order; drag-free: edit the order numbers."""

    model = SessionSpeaker
    extra = 1
    fields = ["order", "speaker", "role"]
    autocomplete_fields = ["speaker"]
    ordering = ["order", "id"]


class SpeakerSessionInline(TabularInline):
    model = SessionSpeaker
    extra = 0
    fields = ["session", "role", "order"]
    autocomplete_fields = ["session"]
    verbose_name = _("session")
    verbose_name_plural = _("sessions")


@admin.register(Speaker)
class SpeakerAdmin(DirectoryAdmin, BilingualAdmin):
    resource_classes = [SpeakerResource]
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = [
        "photo_thumbnail",
        "name",
        "position",
        "organization",
        "exhibitor",
        "country",
        "is_keynote",
        "is_published",
    ]
    list_display_links = ["photo_thumbnail", "name"]
    list_filter = [
        "is_published",
        "is_keynote",
        ("country", CountryFilter),  # the countries speakers come from, not all 250
        "slots__session__track",
    ]
    list_select_related = ["exhibitor"]
    search_fields = ["name", "slug", "organization", "position"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["exhibitor"]
    readonly_fields = ["created_at", "updated_at"]
    actions = [publish, unpublish, make_keynote, unmake_keynote]
    inlines = [SpeakerSessionInline]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["name", "slug", "photo", "is_published", "is_keynote"]}),
        (_("Affiliation"), {"fields": ["position", "organization", "exhibitor", "country"]}),
        (_("About"), {"fields": ["bio", "website", "linkedin", "weibo"]}),
        (_("History"), {"fields": [("created_at", "updated_at")], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("photo"))
    def photo_thumbnail(self, obj):
        return thumbnail(obj.photo, obj.name)


@admin.register(Session)
class SessionAdmin(DirectoryAdmin, BilingualAdmin):
    resource_classes = [SessionResource]
    change_list_template = "admin/speakers/session/change_list.html"
    list_display = [
        "title",
        "type",
        "when",
        "venue",
        "track",
        "language",
        "status",
        "allow_overlap",
        "is_published",
    ]
    list_filter = ["is_published", "status", "type", "language", "track", "venue"]
    list_select_related = ["track", "venue"]
    search_fields = ["title", "slug", "abstract", "speakers__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["track", "venue"]
    date_hierarchy = "starts_at"
    readonly_fields = ["created_at", "updated_at"]
    actions = [publish, unpublish]
    inlines = [SessionSpeakerInline]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "type", "is_published", "status"]}),
        (
            _("When and where (Shanghai time)"),
            {"fields": [("starts_at", "ends_at"), "venue", "allow_overlap"]},
        ),
        (_("Programme"), {"fields": ["track", "language", "abstract"]}),
        (_("History"), {"fields": [("created_at", "updated_at")], "classes": ["collapse"]}),
    ]

    def get_urls(self):
        clashes = path(
            "clashes/",
            self.admin_site.admin_view(self.clashes_view),
            name="speakers_session_clashes",
        )
        return [clashes, *super().get_urls()]

    def clashes_view(self, request):
        """Every venue and speaker clash across the programme, in two queries."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Programme clashes"),
            "venue_clashes": list(Session.objects.venue_clashes()),
            "speaker_clashes": list(Session.objects.speaker_clashes()),
        }
        return TemplateResponse(request, "admin/speakers/session/clashes.html", context)

    @admin.display(description=_("when (Shanghai time)"), ordering="starts_at")
    def when(self, obj):
        """Its day and times in one column, "Sat 26 July, 09:00–10:15": at 1280 px the
        changelist then keeps its venue and track in view."""
        starts, ends = timezone.localtime(obj.starts_at), timezone.localtime(obj.ends_at)
        start = date_format(starts, "SHORT_DATETIME_FORMAT")
        if starts.date() != ends.date():
            return f"{start}–{date_format(ends, 'SHORT_DATETIME_FORMAT')}"
        return f"{start}–{time_format(ends)}"
