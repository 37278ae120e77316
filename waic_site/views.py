from django.shortcuts import render

from exhibitors.models import Exhibitor
from speakers.models import Session, Speaker


def home(request):
    context = {
        "keynotes": Speaker.objects.published().filter(is_keynote=True).for_listing()[:8],
        "featured_exhibitors": Exhibitor.objects.published()
        .filter(is_featured=True)
        .for_listing()[:8],
        "upcoming_sessions": Session.objects.published().for_listing()[:6],
    }
    return render(request, "home.html", context)
