"""`FacetedListView`: a listing page bound to its query string, paginated, answering bad input
with a clear message and a 4xx status."""

import re

from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from .fields import clean_text

PAGE_SIZES = (12, 24, 48)
DEFAULT_PAGE_SIZE = 24


class ListingProblem(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class FacetedListView(FilterView):
    """A FilterView that always binds the query string and answers bad input with a message
    and a 4xx status: 400 for invalid filters or page numbers, 404 for a page past the end."""

    paginate_by = DEFAULT_PAGE_SIZE

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.object_list = self.filterset.queryset.none()
        if not self.filterset.is_valid():
            return self.problem(400, _("Some filters could not be understood."))
        self.object_list = self.filterset.qs
        try:
            context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        except ListingProblem as problem:
            return self.problem(problem.status, problem.message)
        return self.render_to_response(context)

    def problem(self, status, message):
        self.has_problem = True
        self.object_list = self.filterset.queryset.none()
        context = self.get_context_data(
            filter=self.filterset, object_list=self.object_list, problem=message
        )
        return self.render_to_response(context, status=status)

    def get_paginate_by(self, queryset):
        if getattr(self, "has_problem", False):
            return None
        raw = self.request.GET.get("per_page")
        if raw is None or raw == "":
            return self.paginate_by
        if raw not in {str(size) for size in PAGE_SIZES}:
            raise ListingProblem(
                400,
                _("Results per page can be 12, 24 or 48; “%(value)s” is none of these.")
                % {"value": clean_text(raw)[:20]},
            )
        return int(raw)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        if self.filterset.listing_counts:  # counted already, with the facets
            paginator.count = self.filterset.listing_counts[1]
        raw = self.request.GET.get("page") or "1"
        if not re.fullmatch(r"[0-9]{1,9}", raw) or int(raw) < 1:
            raise ListingProblem(
                400, _("“%(value)s” is not a page number.") % {"value": clean_text(raw)[:20]}
            )
        number = int(raw)
        if number > paginator.num_pages:
            raise ListingProblem(
                404,
                _("There is no page %(number)s: these results fill %(pages)s page(s).")
                % {"number": number, "pages": paginator.num_pages},
            )
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_sizes"] = PAGE_SIZES
        context["default_page_size"] = DEFAULT_PAGE_SIZE
        paginator = context.get("paginator")
        context["per_page"] = paginator.per_page if paginator else DEFAULT_PAGE_SIZE
        return context
