"""Booth signs: one A4 page per booth with the exhibitor's name in both languages, the booth's
code, the hall and QR codes of the exhibitor's page, printed by organizers from the admin.

A sign is made for each booth (a `Booth` record) whose exhibitor is published: an exhibitor
with three booths gets three signs. A free booth has no sign, nor has a draft exhibitor's, whose
code would open a 404; the page says how many of each it left out."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Booth

# Each sign draws two QR codes, about 15 ms each (segno chooses the best of eight masks, as
# the standard asks, for codes that scan from a distance): a hall of 2,000 booths is printed
# a hundred signs at a time, each page a few seconds, rather than one page of a minute.
SIGNS_PER_PAGE = 100

SIGNED = Q(exhibitor__is_published=True)
FREE = Q(exhibitor__isnull=True)
OF_A_DRAFT = Q(exhibitor__is_published=False)


@dataclass(frozen=True)
class Sign:
    code: str  # "H2 · A04"
    name_en: str
    name_zh: str  # "" when the same as the English name
    hall_en: str  # "Hall H2 · Robotics"
    hall_zh: str  # "H2 馆 · 机器人"
    url_en: str  # the exhibitor's page in each language, absolute
    url_zh: str


def in_language(language, booth, request):
    """Name, hall and absolute address of the booth's exhibitor's page in `language`
    (modeltranslation falls back to English where the Chinese field is empty)."""
    with translation.override(language):
        return (
            booth.exhibitor.name,
            f"{booth.hall.label} · {booth.hall.name}",
            request.build_absolute_uri(booth.exhibitor.get_absolute_url()),
        )


def sign_for(booth, request):
    name_en, hall_en, url_en = in_language("en", booth, request)
    name_zh, hall_zh, url_zh = in_language("zh-hans", booth, request)
    return Sign(
        code=f"{booth.hall.code} · {booth.number}",
        name_en=name_en,
        name_zh="" if name_zh == name_en else name_zh,
        hall_en=hall_en,
        hall_zh=hall_zh,
        url_en=url_en,
        url_zh=url_zh,
    )


def signs_response(request, booths, title, admin_context):
    """The printable page of the signs of `booths` (a Booth queryset), by hall and booth code,
    SIGNS_PER_PAGE of them: the page that `?page=` says (the last for a page past it, the first
    for no number). Two queries however many booths: the counts, and the page's booths with
    their hall and exhibitor."""
    counts = booths.aggregate(
        signs=Count("pk", filter=SIGNED),
        free=Count("pk", filter=FREE),
        drafts=Count("pk", filter=OF_A_DRAFT),
    )
    signed = (
        booths.filter(SIGNED)
        .select_related("hall", "exhibitor")
        .defer(
            "hall__plan_areas",
            "hall__description_en",
            "hall__description_zh_hans",
            "exhibitor__description_en",
            "exhibitor__description_zh_hans",
        )
        .order_by("hall__order", "hall__code", "code")
    )
    paginator = Paginator(signed, SIGNS_PER_PAGE)
    paginator.count = counts["signs"]  # counted above with the others: no query of its own
    page = paginator.get_page(request.GET.get("page"))
    signs = [sign_for(booth, request) for booth in page.object_list]
    context = {
        **admin_context,
        "title": title,
        "signs": signs,
        "count": counts["signs"],
        "free": counts["free"],
        "drafts": counts["drafts"],
        "page": page if paginator.num_pages > 1 else None,
    }
    return TemplateResponse(request, "admin/exhibitors/booth_signs.html", context)


def hall_signs(request, hall, admin_context):
    title = _("Booth signs of %(hall)s") % {"hall": hall}
    return signs_response(request, Booth.objects.filter(hall=hall), title, admin_context)


def exhibitors_signs(request, exhibitors, admin_context):
    """The signs of the booths of `exhibitors` (a queryset, such as the admin's changelist)."""
    booths = Booth.objects.filter(exhibitor__in=exhibitors.order_by().values("pk"))
    return signs_response(request, booths, _("Booth signs"), admin_context)


def unknown_selection(request, admin_context):
    """The answer to an address whose filters the exhibitors' changelist does not know."""
    context = {
        **admin_context,
        "title": _("Booth signs"),
        "problem": _(
            "This address does not say which exhibitors to print: go back to the exhibitors, "
            "choose them again and print their signs."
        ),
    }
    return TemplateResponse(request, "admin/exhibitors/booth_signs.html", context, status=400)
