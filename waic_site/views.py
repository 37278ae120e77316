"""Pages that are not one model's list: the home page and the search across all kinds."""

from datetime import date

from django.shortcuts import render

from exhibitors.filters import ExhibitorFilter
from exhibitors.listing import clean_text
from exhibitors.models import Exhibitor, Product
from speakers.filters import SessionFilter, SpeakerFilter
from speakers.models import Session, Speaker

EVENT_DAYS = [date(2025, 7, 26), date(2025, 7, 27), date(2025, 7, 28)]
SEARCH_RESULTS_PER_KIND = 8


def home(request):
    context = {
        "event_days": EVENT_DAYS,
        "counts": {
            "exhibitors": Exhibitor.objects.published().count(),
            "products": Product.objects.published().count(),
            "speakers": Speaker.objects.published().count(),
            "sessions": Session.objects.published().count(),
        },
        "keynotes": Speaker.objects.published().filter(is_keynote=True).for_listing()[:6],
        "featured_exhibitors": Exhibitor.objects.published()
        .filter(is_featured=True)
        .for_listing()[:6],
    }
    return render(request, "home.html", context)


def search(request):
    """Speakers, sessions and exhibitors whose text contains `q`, grouped by kind, using each
    listing's own search filter, with links to the full filtered listings."""
    q = clean_text(request.GET.get("q", ""))
    groups = []
    if q:
        kinds = [
            ("speakers", SpeakerFilter, Speaker.objects.published().for_listing()),
            ("sessions", SessionFilter, Session.objects.published().for_listing()),
            ("exhibitors", ExhibitorFilter, Exhibitor.objects.published().for_listing()),
        ]
        for kind, filterset_class, queryset in kinds:
            results = filterset_class({"q": q}, queryset=queryset).qs
            groups.append(
                {
                    "kind": kind,
                    "count": results.count(),
                    "results": results[:SEARCH_RESULTS_PER_KIND],
                }
            )
    context = {"q": q, "groups": groups, "total": sum(group["count"] for group in groups)}
    return render(request, "search.html", context)
