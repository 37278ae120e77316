"""Which speaker and programme fields exist in English and Chinese (django-modeltranslation).

Each field listed gets `<field>_en` and `<field>_zh_hans` columns; `<field>` reads the visitor's
language and falls back to the other one (settings.MODELTRANSLATION_FALLBACK_LANGUAGES).
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Session, Speaker, Track, Venue


@register(Track)
class TrackTranslationOptions(TranslationOptions):
    fields = ["name", "description", "sort_name"]


@register(Venue)
class VenueTranslationOptions(TranslationOptions):
    fields = ["name", "building", "room", "sort_name"]


@register(Speaker)
class SpeakerTranslationOptions(TranslationOptions):
    fields = ["name", "position", "organization", "bio", "sort_name"]


@register(Session)
class SessionTranslationOptions(TranslationOptions):
    fields = ["title", "abstract"]
