"""HTTP for pages and data that apps poll: conditional GET and cross-origin reads.

Apps poll feeds and exports often over weak connections, so their views send an ETag and
Last-Modified and answer a conditional GET with 304 Not Modified while nothing changed
(`unchanged_since`); views of public data that other sites' scripts may read add CORS
(`shared`).
"""

import hashlib
import weakref

from django.db.models import Count, Max
from django.utils.translation import get_language
from django.views.decorators.http import condition


def query_parameters_of(*sources):
    """The query parameters named by `sources`: names, and FilterSet classes for their filters'
    parameters."""
    names = set()
    for source in sources:
        names |= set(source.base_filters) if hasattr(source, "base_filters") else {source}
    return frozenset(names)


def reads_query(*sources):
    """Declares the query parameters a view function reads, as names or FilterSet classes
    (their filters' parameters), for the page cache: it keys the page by these alone and
    hands the view no others, so that an unknown parameter never forces a fresh render.
    `@reads_query()` says the view reads none. Class-based views set `query_parameters`."""

    def decorate(view):
        view.query_parameters = query_parameters_of(*sources)
        return view

    return decorate


def unchanged_since(*models, rows=None):
    """A `condition()` decorator for views over rows of `models`: ETag and Last-Modified.

    Both come from one aggregate query per model (newest `updated_at` and row count), made once
    per request. Drafts count too: unpublishing a row is a change of what the view shows. The
    counts catch deletions, which leave no newer `updated_at` behind. `rows(request, **kwargs)`,
    when given, names further rows the view depends on, e.g. one visitor's favourites list.
    """
    seen = weakref.WeakKeyDictionary()

    def changes(request, *args, **kwargs):
        if request not in seen:
            querysets = [model.objects.all() for model in models]
            if rows is not None:
                querysets.append(rows(request, *args, **kwargs))
            seen[request] = [
                queryset.aggregate(latest=Max("updated_at"), count=Count("pk"))
                for queryset in querysets
            ]
        return seen[request]

    def last_modified(request, *args, **kwargs):
        latest = (row["latest"] for row in changes(request, *args, **kwargs) if row["latest"])
        return max(latest, default=None)

    def etag(request, *args, **kwargs):
        # The language is part of it: role names and labels are translated. So is the query
        # string: a feed's filters or options (e.g. a calendar's alarms) change its content.
        query = sorted(request.GET.lists())
        stamp = repr([get_language(), query, *changes(request, *args, **kwargs)])
        return hashlib.sha256(stamp.encode()).hexdigest()[:32]

    return condition(etag_func=etag, last_modified_func=last_modified)


def shared(response):
    """Public data: other sites' scripts may fetch it too."""
    response["Access-Control-Allow-Origin"] = "*"
    return response
