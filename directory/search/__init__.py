"""Text search for every listing and the search page: `.search(text)` on a `SearchQuerySet`.

A model says what its visitors search in:
- `search_fields`: its own fields (a translated field stands for its columns in every language);
- `search_related`: rows of other models that point at it, {relation: (method, fields)}, such
  as an exhibitor's {"products": ("listed", ["name", "description"])}: `method` is the related
  QuerySet's method giving the rows to look in (their visibility is decided there, not here),
  `fields` are theirs and may follow a relation ("speaker__name").

A row matches when one of those contains the text, case-insensitively, in English or Chinese,
exactly as `icontains`. Each database has a module that keeps indexes answering it:
- SQLite (sqlite.py): FTS5 tables with the trigram tokenizer, which a search asks for the list
  of their matches (`MATCH`), and beside them tables of CJK tokens for texts of one or two
  Chinese characters, which have no trigram (cjk.py);
- PostgreSQL (postgresql.py): trigram indexes over `icontains`'s own expression, which its
  planner uses by itself (nothing changes in the query), and GIN indexes of CJK tokens, which a
  search of one or two Chinese characters asks for.

`index_for` decides, once per search, whether it asks an index for its matches or tests each
row with `icontains`.
"""

import operator
from functools import reduce

from django.db import connection, models
from django.db.models import Exists, OuterRef, Q

from directory.bilingual import localized_lookups

from . import postgresql, sqlite

# The databases with a full-text index that a search asks for its list of matches.
MATCHING_BACKENDS = {"sqlite": sqlite, "postgresql": postgresql}


def index_for(text, index=True):
    """The backend module whose index lists the rows containing `text` here, or None: then each
    row is tested with `icontains`. None too where the caller asks for that test (`index=False`,
    see `FacetedFilterSet.search`), or no index this search asks for answers this text (SQLite:
    without FTS5, or a text shorter than three characters but one or two CJK ones; PostgreSQL:
    all but one or two CJK characters, which its trigram indexes serve within `icontains`)."""
    backend = MATCHING_BACKENDS.get(connection.vendor)
    return backend if index and backend and backend.answers(text) else None


def contains(model, paths, text, backend=None):
    """A Q object for the rows whose `paths` contain `text` (case-insensitive), in any language:
    from the `backend`'s index where it covers these fields, else with `icontains`."""
    if backend and (matched := backend.match(model, paths, text)) is not None:
        return matched
    condition = Q()
    for path in paths:
        for lookup in localized_lookups(model, path):
            condition |= Q(**{f"{lookup}__icontains": text})
    return condition


def pointed_at(model, relation, method, fields, text, backend=None):
    """A Q object for the rows of `model` that a row of `relation` (a reverse foreign key, such as
    an exhibitor's "products") points at, among the related QuerySet's `method()`, whose `fields`
    contain `text`.

    Where an index lists the related matches, `IN` their list, which the database computes once
    per query; otherwise an EXISTS per outer row, which reads only the rows the listing's other
    filters leave, instead of scanning every related row for the substring."""
    related = model._meta.get_field(relation)
    rows = getattr(related.related_model._default_manager, method)()
    rows = rows.filter(contains(related.related_model, fields, text, backend))
    if backend:
        return Q(pk__in=rows.values(related.field.name))
    return Q(Exists(rows.filter(**{related.field.name: OuterRef("pk")})))


class SearchQuerySet(models.QuerySet):
    """The QuerySet of a model with `search_fields` (and perhaps `search_related`)."""

    def search(self, text, *, index=True):
        """The rows whose search fields, or a related row's, contain `text` in English or
        Chinese. `index=False`: by testing each row, not through an index that lists every
        match (see `FacetedFilterSet.search`)."""
        backend = index_for(text, index)
        conditions = [contains(self.model, self.model.search_fields, text, backend)]
        for relation, (method, fields) in getattr(self.model, "search_related", {}).items():
            conditions.append(pointed_at(self.model, relation, method, fields, text, backend))
        if any_of := getattr(backend, "any_of", None):
            return self.filter(any_of(self.model, conditions))
        return self.filter(reduce(operator.or_, conditions))
