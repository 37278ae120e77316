"""`FacetedListView`: a listing page bound to its query string, paginated, answering bad input
with a clear message and a 4xx status."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from .fields import quoted

PAGE_SIZES = (12, 24, 48)
DEFAULT_PAGE_SIZE = 24


class PageForm(forms.Form):
    """A listing's own parameters beside its filters: how many results a page shows, and which
    page. Whether that page exists is known only once the listing is counted (see
    `FacetedListView.get`)."""

    # Checked in this order, and the first error is the one a page shows: a page number means
    # something only for a page size.
    per_page = forms.Field(required=False)
    page = forms.Field(required=False)

    def clean_per_page(self):
        value = self.cleaned_data["per_page"]
        if value in (None, ""):
            return DEFAULT_PAGE_SIZE
        if value not in {str(size) for size in PAGE_SIZES}:
            raise ValidationError(
                _("Results per page can be 12, 24 or 48; “%(value)s” is none of these."),
                params={"value": quoted(value)},
                code="invalid",
            )
        return int(value)

    def clean_page(self):
        value = self.cleaned_data["page"] or "1"
        if not re.fullmatch(r"[0-9]{1,9}", value) or int(value) < 1:
            raise ValidationError(
                _("“%(value)s” is not a page number."),
                params={"value": quoted(value)},
                code="invalid",
            )
        return int(value)

    def first_error(self):
        return next(iter(self.errors.values()))[0]


class FacetedListView(FilterView):
    """A FilterView that always binds the query string and answers bad input with a message
    and a 4xx status: 400 for invalid filters or page parameters (`PageForm`), 404 for a page
    past the end. All of it is checked in `get()`, before anything is rendered; the page of
    results is cut there too, rather than by ListView's `paginate_by`."""

    # What the page reads beside its FilterSet's parameters; a view showing its results in
    # other ways adds its own, e.g. ("page", "per_page", "view").
    page_parameters = ("page", "per_page")

    @classmethod
    def query_parameters(cls):
        """Every query parameter the page reads, for the page cache (waic_site/cache.py)."""
        return {*cls.filterset_class.base_filters, *cls.page_parameters}

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        form = PageForm(request.GET)
        filters_valid, page_valid = self.filterset.is_valid(), form.is_valid()
        if not filters_valid:  # every bad value is listed, the page's parameters' too
            return self.refuse_filters(form)
        if not page_valid:
            return self.problem(400, form.first_error())
        self.object_list = self.filterset.qs
        paginator = self.get_paginator(self.object_list, form.cleaned_data["per_page"])
        if self.filterset.listing_counts:  # counted already, with the facets
            paginator.count = self.filterset.listing_counts[1]
        number = form.cleaned_data["page"]
        if number > paginator.num_pages:
            return self.problem(
                404,
                _("There is no page %(number)s: these results fill %(pages)s page(s).")
                % {"number": number, "pages": paginator.num_pages},
            )
        page = paginator.page(number)
        context = self.get_context_data(
            filter=self.filterset,
            object_list=page.object_list,
            paginator=paginator,
            page_obj=page,
            is_paginated=page.has_other_pages(),
        )
        return self.render_to_response(context)

    def refuse_filters(self, *forms):
        """The 400 page of filters that could not be understood, listing every bad value: the
        FilterSet's, then those of `forms` (such as the page's)."""
        errors = [form.errors.values() for form in (self.filterset.form, *forms)]
        problems = [message for form in errors for messages in form for message in messages]
        return self.problem(400, _("Some filters could not be understood."), problems)

    def problem(self, status, message, problems=()):
        self.object_list = self.filterset.queryset.none()
        context = self.get_context_data(
            filter=self.filterset, object_list=self.object_list, problem=message, problems=problems
        )
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_sizes"] = PAGE_SIZES
        context["default_page_size"] = DEFAULT_PAGE_SIZE
        paginator = context.get("paginator")
        context["per_page"] = paginator.per_page if paginator else DEFAULT_PAGE_SIZE
        return context
