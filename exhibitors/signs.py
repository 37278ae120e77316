"""Booth signs: one A4 page per booth with the exhibitor's name in both languages, the booth's
code, the hall and QR codes of the exhibitor's page, printed by organizers from the admin."""

from dataclasses import dataclass

from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Exhibitor


@dataclass(frozen=True)
class Sign:
    code: str  # "H2 · A04"
    name_en: str
    name_zh: str  # "" when the same as the English name
    hall_en: str  # "Hall H2 · Robotics"
    hall_zh: str  # "H2 馆 · 机器人"
    url_en: str  # the exhibitor's page in each language, absolute
    url_zh: str


def in_language(language, exhibitor, request):
    """Name, hall and absolute address of the exhibitor's page in `language` (modeltranslation
    falls back to English where the Chinese field is empty)."""
    with translation.override(language):
        return (
            exhibitor.name,
            f"{exhibitor.hall.label} · {exhibitor.hall.name}",
            request.build_absolute_uri(exhibitor.get_absolute_url()),
        )


def sign_for(exhibitor, request):
    name_en, hall_en, url_en = in_language("en", exhibitor, request)
    name_zh, hall_zh, url_zh = in_language("zh-hans", exhibitor, request)
    return Sign(
        code=f"{exhibitor.hall.code} · {exhibitor.booth_number}",
        name_en=name_en,
        name_zh="" if name_zh == name_en else name_zh,
        hall_en=hall_en,
        hall_zh=hall_zh,
        url_en=url_en,
        url_zh=url_zh,
    )


def signs_response(request, exhibitors, title, admin_context):
    """The printable page of the booths of `exhibitors` that visitors can find: published
    exhibitors with a hall and a booth, by hall and booth."""
    exhibitors = (
        exhibitors.published()
        .exclude(booth="")
        .filter(hall__isnull=False)
        .select_related("hall")
        .order_by("hall__order", "hall__code", "booth")
    )
    context = {
        **admin_context,
        "title": title,
        "signs": [sign_for(exhibitor, request) for exhibitor in exhibitors],
    }
    return TemplateResponse(request, "admin/exhibitors/booth_signs.html", context)


def hall_signs(request, hall, admin_context):
    title = _("Booth signs of %(hall)s") % {"hall": hall}
    return signs_response(request, Exhibitor.objects.filter(hall=hall), title, admin_context)
