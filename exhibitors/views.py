from django.views.generic import DetailView, ListView

from .models import Exhibitor


class ExhibitorListView(ListView):
    queryset = Exhibitor.objects.published().for_listing()
    paginate_by = 24


class ExhibitorDetailView(DetailView):
    queryset = Exhibitor.objects.published().select_related("hall")
