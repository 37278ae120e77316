from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.include_format_suffixes = False
router.register("speakers", views.SpeakerViewSet)
router.register("sessions", views.SessionViewSet)
router.register("exhibitors", views.ExhibitorViewSet)
router.register("products", views.ProductViewSet)
router.register("tracks", views.TrackViewSet)
router.register("venues", views.VenueViewSet)
router.register("halls", views.HallViewSet)
router.register("categories", views.CategoryViewSet)

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    *router.urls,
    # Any other address under the API, a record's with characters no slug has too: JSON.
    re_path(r"", views.not_found),
]
