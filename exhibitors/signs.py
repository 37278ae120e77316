"""Booth signs: one A4 page per booth with the exhibitor's name in both languages, the booth's
code, the hall and QR codes of the exhibitor's page, printed by organizers from the admin."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Exhibitor

# Each sign draws two QR codes, about 15 ms each (segno chooses the best of eight masks, as
# the standard asks, for codes that scan from a distance): a hall of 2,000 booths is printed
# a hundred signs at a time, each page a few seconds, rather than one page of a minute.
SIGNS_PER_PAGE = 100


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


def signs_response(request, exhibitors, title, admin_context, paginate=False):
    """The printable page of the booths of `exhibitors` that visitors can find: published
    exhibitors with a hall and a booth, by hall and booth; with `paginate`, SIGNS_PER_PAGE of
    them, the page that `?page=` says (the last for a page past it, the first for no number)."""
    exhibitors = (
        exhibitors.published()
        .exclude(booth="")
        .filter(hall__isnull=False)
        .select_related("hall")
        .defer("hall__plan_areas", "hall__description_en", "hall__description_zh_hans")
        .order_by("hall__order", "hall__code", "booth")
    )
    page = None
    if paginate:
        page = Paginator(exhibitors, SIGNS_PER_PAGE).get_page(request.GET.get("page"))
        exhibitors = page.object_list
    signs = [sign_for(exhibitor, request) for exhibitor in exhibitors]
    context = {
        **admin_context,
        "title": title,
        "signs": signs,
        "count": page.paginator.count if page is not None else len(signs),
        "page": page if page is not None and page.paginator.num_pages > 1 else None,
    }
    return TemplateResponse(request, "admin/exhibitors/booth_signs.html", context)


def hall_signs(request, hall, admin_context):
    title = _("Booth signs of %(hall)s") % {"hall": hall}
    exhibitors = Exhibitor.objects.filter(hall=hall)
    return signs_response(request, exhibitors, title, admin_context, paginate=True)
