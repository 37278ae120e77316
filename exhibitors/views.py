from django.views.generic import DetailView

from directory.listing.views import FacetedListView

from .filters import ExhibitorFilter
from .models import Category, Exhibitor, Hall
from .plans import plan, plans_for

# What the exhibitors' pages show, for the page cache (waic_site/cache.py): exhibitors with
# their booths, products and categories, and the halls. An exhibitor's own page shows the
# speakers who work there and their sessions too (the speakers app's models, named by string:
# exhibitors never import speakers).
EXHIBITORS = (Exhibitor, Hall, Category)


class ExhibitorListView(FacetedListView):
    queryset = Exhibitor.objects.published().for_listing()
    filterset_class = ExhibitorFilter
    template_name = "exhibitors/exhibitor_list.html"
    shown_models = EXHIBITORS


class ExhibitorDetailView(DetailView):
    queryset = Exhibitor.objects.published().for_detail()
    query_parameters = ()  # the page cache hands it none
    shown_models = (*EXHIBITORS, "speakers.Speaker", "speakers.Session")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["speakers"] = self.object.speakers.published().with_sessions()
        context["plans"] = plans_for([self.object.pk])
        return context


class HallDetailView(DetailView):
    """A hall's map with every booth, and the same booths as a list."""

    queryset = Hall.objects.all()
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "exhibitors/hall_detail.html"
    query_parameters = ()
    shown_models = EXHIBITORS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plan"] = plan(self.object)
        return context
