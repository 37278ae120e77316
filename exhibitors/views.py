from django.views.generic import DetailView

from directory.listing.views import FacetedListView

from .filters import ExhibitorFilter
from .models import Exhibitor


class ExhibitorListView(FacetedListView):
    queryset = Exhibitor.objects.published().for_listing()
    filterset_class = ExhibitorFilter
    template_name = "exhibitors/exhibitor_list.html"


class ExhibitorDetailView(DetailView):
    queryset = Exhibitor.objects.published().for_detail()
    query_parameters = ()  # the page cache hands it none

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["speakers"] = self.object.speakers.published().with_sessions()
        return context
