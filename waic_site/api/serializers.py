"""What the open data API says about each record: published data only, absolute URLs.

Translated fields (names, titles, descriptions...) are in the request's language, falling back to
the other one, like the pages (see views.in_requested_language).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from exhibitors.models import Category, Exhibitor, Hall, Product
from speakers.exports.rows import url_maker
from speakers.models import Session, Speaker, Track, Venue


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField(help_text=_("A WebP rendition, absolute URL."))
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField(help_text=_("The original (cleaned) image, absolute URL."))
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    renditions = RenditionSerializer(
        many=True, help_text=_("Smaller WebP copies as the site shows them, smallest first.")
    )


@extend_schema_field(ImageSerializer(allow_null=True))
class ImageField(serializers.Field):
    """An uploaded image: the original and the renditions of `preset`, or null."""

    def __init__(self, preset, **kwargs):
        self.preset = preset
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, file):
        if not file:
            return None
        absolute = self.context["request"].build_absolute_uri
        return {
            "url": absolute(file.url),
            "width": getattr(file.instance, file.field.width_field),
            "height": getattr(file.instance, file.field.height_field),
            "renditions": [
                {"url": absolute(r.url), "width": r.width, "height": r.height}
                for r in file.renditions(self.preset)
            ],
        }


@extend_schema_field(OpenApiTypes.URI)
class PageField(serializers.Field):
    """The record's page on the site, absolute."""

    def __init__(self, **kwargs):
        super().__init__(source="get_absolute_url", read_only=True, **kwargs)

    def to_representation(self, path):
        return self.context["request"].build_absolute_uri(path)


def country_code():
    return serializers.CharField(
        source="country.code", read_only=True, help_text=_("ISO 3166 code; empty when unknown.")
    )


def api_link(view_name, lookup_field="slug"):
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view_name}", lookup_field=lookup_field, help_text=_("This record here.")
    )


class TrackSerializer(serializers.ModelSerializer):
    url = PageField(help_text=_("The agenda of this track."))
    api_url = api_link("track-detail")

    class Meta:
        model = Track
        fields = ["slug", "name", "description", "colour", "url", "api_url"]


class HallSerializer(serializers.ModelSerializer):
    floor_plan = ImageField("floor-plan")
    url = PageField(help_text=_("The exhibitors in this hall."))
    api_url = api_link("hall-detail", lookup_field="code")

    class Meta:
        model = Hall
        fields = ["code", "name", "building", "description", "floor_plan", "url", "api_url"]


class VenueSerializer(serializers.ModelSerializer):
    hall = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    url = PageField(help_text=_("The agenda of this venue."))
    api_url = api_link("venue-detail")

    class Meta:
        model = Venue
        fields = [
            *("slug", "name", "building", "room", "floor", "hall", "capacity"),
            *("url", "api_url"),
        ]


class CategorySerializer(serializers.ModelSerializer):
    url = PageField(help_text=_("The exhibitors in this category."))
    api_url = api_link("category-detail")

    class Meta:
        model = Category
        fields = ["slug", "name", "description", "url", "api_url"]


class SpeakerSerializer(serializers.ModelSerializer):
    photo = ImageField("portrait-detail")
    country = country_code()
    exhibitor = serializers.CharField(
        source="public_employer.slug",
        read_only=True,
        allow_null=True,
        help_text=_("The exhibitor the speaker works for."),
    )
    sessions = serializers.SerializerMethodField(help_text=_("Published sessions, by time."))
    url = PageField()
    api_url = api_link("speaker-detail")

    class Meta:
        model = Speaker
        fields = [
            *("slug", "name", "position", "organization", "country", "bio", "photo"),
            *("website", "linkedin", "weibo", "is_keynote", "exhibitor", "sessions"),
            *("url", "api_url"),
        ]

    def get_sessions(self, speaker) -> list[str]:
        return [slot.session.slug for slot in speaker.published_slots]


class SlotSerializer(serializers.Serializer):
    slug = serializers.SlugField(source="speaker.slug")
    name = serializers.CharField(source="speaker.name")
    role = serializers.CharField()


class SessionSerializer(serializers.ModelSerializer):
    track = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    venue = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    hall = serializers.SlugRelatedField(
        source="venue.hall", slug_field="code", read_only=True, allow_null=True
    )
    speakers = SlotSerializer(
        source="published_slots", many=True, help_text=_("Published speakers, in running order.")
    )
    calendar_url = serializers.SerializerMethodField(help_text=_("This session as iCalendar."))
    url = PageField()
    api_url = api_link("session-detail")

    class Meta:
        model = Session
        fields = [
            *("slug", "title", "type", "language", "status", "starts_at", "ends_at"),
            *("abstract", "track", "venue", "hall", "speakers", "url", "calendar_url", "api_url"),
        ]

    def get_calendar_url(self, session) -> str:
        path = reverse("speakers:session_calendar", kwargs={"slug": session.slug})
        return self.context["request"].build_absolute_uri(path)

    @classmethod
    def from_rows(cls, sessions, request):
        """What the serializer says about each of `sessions`, rows from
        `speakers.exports.rows.programme_of()`: the list is built from rows, as the exports
        are, at a tenth of the cost of instances through every field's `to_representation`."""
        moment = serializers.DateTimeField().to_representation
        page = url_maker(request.build_absolute_uri, "speakers:session_detail")
        calendar = url_maker(request.build_absolute_uri, "speakers:session_calendar")
        api_url = url_maker(request.build_absolute_uri, "api:session-detail")
        return [
            {
                "slug": session["slug"],
                "title": session["title"],
                "type": session["type"],
                "language": session["language"],
                "status": session["status"],
                "starts_at": moment(session["starts_at"]),
                "ends_at": moment(session["ends_at"]),
                "abstract": session["abstract"],
                "track": session["track"]["slug"] if session["track"] else None,
                "venue": session["venue"]["slug"] if session["venue"] else None,
                "hall": session["venue"]["hall_code"] if session["venue"] else None,
                "speakers": [
                    {"slug": speaker["slug"], "name": speaker["name"], "role": role}
                    for speaker, role in session["speakers"]
                ],
                "url": page(session["slug"]),
                "calendar_url": calendar(session["slug"]),
                "api_url": api_url(session["slug"]),
            }
            for session in sessions
        ]


class ExhibitorSerializer(serializers.ModelSerializer):
    logo = ImageField("logo-detail")
    country = country_code()
    hall = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    categories = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = PageField()
    api_url = api_link("exhibitor-detail")

    class Meta:
        model = Exhibitor
        fields = [
            *("slug", "name", "tagline", "description", "logo", "website", "country"),
            *("hall", "booth", "categories", "is_featured", "sponsor_level", "url", "api_url"),
        ]


class ProductSerializer(serializers.ModelSerializer):
    image = ImageField("product-card")
    exhibitor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = PageField(help_text=_("The product on its exhibitor's page."))
    api_url = api_link("product-detail")

    class Meta:
        model = Product
        fields = ["slug", "name", "description", "image", "premiere", "exhibitor", "url", "api_url"]
