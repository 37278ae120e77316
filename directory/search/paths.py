"""Which model a search's fields belong to, for the backends' indexes (one table each)."""

from django.db.models import Q


def one_model(model, paths):
    """(relation, target, fields) where every path of `paths` is a search field of one model,
    `target`, reached from `model` through `relation` ("" for the model's own fields), or None.

    `paths` are fields of `model` or of one related model (["speaker__name"])."""
    relations = {path.rpartition("__")[0] for path in paths}
    if len(relations) != 1:
        return None
    relation = relations.pop()
    target = model
    for step in filter(None, relation.split("__")):
        target = target._meta.get_field(step).related_model
    fields = [path.rpartition("__")[2] for path in paths]
    if not set(fields) <= set(getattr(target, "search_fields", ())):
        return None
    return relation, target, fields


def among(relation, rows):
    """A Q object for the rows whose `relation` ("": themselves) is among `rows` (a subquery)."""
    return Q(**{f"{relation}__in" if relation else "pk__in": rows})
