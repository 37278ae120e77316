"""HTTP for pages and data that apps poll: conditional GET and cross-origin reads.

Apps poll feeds and exports often over weak connections, so their views send an ETag and
Last-Modified and answer a conditional GET with 304 Not Modified while nothing changed
(`unchanged_since`); views of public data that other sites' scripts may read add CORS
(`shared`). Views tell the page cache (waic_site/cache.py) which query parameters they read
(`reads_query`) and which records they show (`shows`, `also_shows`).
"""

import hashlib
import weakref

from django.db.models import Count, Max, Value
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


def shows(*models):
    """Declares the models whose rows a view's pages show, for the page cache: a cached page is
    rendered again after a change to a row of one of them, and only then. A model stands for
    the rows that belong to its records too: a session's speakers (`SessionSpeaker`), an
    exhibitor's booths, products and categories; a model of an app the view's may not import
    is named by its label ("speakers.Speaker"). `@shows()` says the pages show no records; a
    view that declares nothing is rendered again after any change. Class-based views set
    `shown_models`; `also_shows` adds to it while a page renders."""

    def decorate(view):
        view.shown_models = tuple(models)
        return view

    return decorate


def also_shows(request, *shown):
    """Tells the page cache what else the page being rendered shows, beyond its view's
    `shown_models`: models (the page then depends on all their rows, as if declared), or single
    records, model instances (the page then depends on that row alone, not on the other rows of
    its model: a speaker's page on the exhibitor they work for). None is ignored."""
    request.__dict__.setdefault("also_shown", []).extend(
        thing for thing in shown if thing is not None
    )


def newest_changes(querysets):
    """For each queryset, its newest `updated_at` and its row count, as [{"latest", "count"}]
    in their order: one query, a UNION ALL of one grouped row per queryset (an empty one has
    none: None and 0)."""
    parts = [
        queryset.order_by()
        .annotate(part=Value(index))
        .values("part")
        .annotate(latest=Max("updated_at"), count=Count("pk"))
        for index, queryset in enumerate(querysets)
    ]
    found = {row["part"]: row for row in parts[0].union(*parts[1:], all=True)}
    return [
        {
            "latest": found.get(index, {}).get("latest"),
            "count": found.get(index, {}).get("count", 0),
        }
        for index in range(len(querysets))
    ]


def unchanged_since(*models, rows=None):
    """A `condition()` decorator for views over rows of `models`: ETag and Last-Modified.

    Both come from one query (each model's newest `updated_at` and row count), made once per
    request. Drafts count too: unpublishing a row is a change of what the view shows. The
    counts catch deletions, which leave no newer `updated_at` behind. `rows(request, **kwargs)`,
    when given, names further rows the view depends on, e.g. one visitor's favourites list.
    """
    seen = weakref.WeakKeyDictionary()

    def changes(request, *args, **kwargs):
        if request not in seen:
            querysets = [model.objects.all() for model in models]
            if rows is not None:
                querysets.append(rows(request, *args, **kwargs))
            seen[request] = newest_changes(querysets)
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
