"""The OpenAPI document says exactly what the API accepts and answers, so that generated clients
and schema-driven fuzzers (schemathesis, in the test suite) can trust it.

Every parameter's schema is the check the server makes: slugs and choices as enums of what
exists, integers with their range, times and days with their patterns. Every operation lists
each status it may answer with the body it then has: 200, 304 for a conditional GET, 400 (one
list of messages per bad parameter), 404 and 406 (`{"detail": …}`).
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_filters import filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent

from directory.listing.fields import CLOCK_TIME, INVISIBLE, MAX_QUERY_LENGTH, SlugListField
from directory.listing.filters import ChoicesFilter, FlagFilter, SearchFilter, SlugsFilter

BAD_PARAMETERS = {
    "type": "object",
    "description": _("Each bad parameter with what is wrong with it."),
    "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    "minProperties": 1,
    "example": {"track": ["There is no track “robotix”."]},
}
DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
SEARCH_TEXT = {
    "type": "string",
    "maxLength": MAX_QUERY_LENGTH,
    "pattern": f"^[^{INVISIBLE}]*$",
}
CLOCK_TIME_SCHEMA = {"type": "string", "pattern": f"^{CLOCK_TIME.pattern}$", "example": "09:30"}
# A path's slug or code: what the URL pattern matches (views.read_only).
LOOKUP_PATTERN = "^[-A-Za-z0-9_]+$"


def day_schema():
    """A day of the event (directory.listing.fields.DayField refuses any other)."""
    days = [day.isoformat() for day in settings.WAIC_EVENT.days]
    return {"type": "string", "format": "date", "enum": days, "example": days[0]}


def filter_schema(filter_):
    """The exact schema of one of our filters' values, or None to keep drf-spectacular's."""
    if isinstance(filter_, SearchFilter):
        return SEARCH_TEXT
    if isinstance(filter_, FlagFilter):
        return {"type": "boolean"}
    if isinstance(filter_, filters.TimeFilter):
        return CLOCK_TIME_SCHEMA
    if isinstance(filter_, filters.DateFilter):
        return day_schema()
    if isinstance(filter_, SlugsFilter | filters.ModelMultipleChoiceFilter):
        if filter_.values is None:
            return None
        values = sorted(filter_.values.all())  # a fresh query: the filter's own is never read
    elif isinstance(filter_, ChoicesFilter):
        values = [str(value) for value, label in filter_.extra["choices"]]
    else:
        return None
    if not values:  # nothing to name yet: the parameter cannot be given
        return {"type": "array", "items": {"type": "string"}, "maxItems": 0}
    items = {"type": "string", "enum": values}
    return {"type": "array", "items": items, "maxItems": SlugListField.max_values}


class FilterExtension(DjangoFilterExtension):
    """The listings' FilterSets, each filter documented by `filter_schema`."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        schema = filter_schema(filter_field)
        for parameter in parameters:
            if schema is None:
                continue
            parameter["schema"] = schema
            if schema["type"] == "array":
                parameter |= {"style": "form", "explode": True}
            else:
                parameter.pop("style", None)
                parameter.pop("explode", None)
        return parameters


class DirectoryAutoSchema(AutoSchema):
    """drf-spectacular's schema with every answer the API gives documented."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method != "GET":
            return responses
        for response in responses.values():
            response.setdefault("headers", {}).update(
                {
                    "ETag": {"schema": {"type": "string"}},
                    "Last-Modified": {"schema": {"type": "string"}},
                }
            )
        responses["304"] = {"description": _("Unchanged since the ETag or date sent.")}
        responses["400"] = self.error(
            "BadParameters",
            BAD_PARAMETERS,
            _(
                "Bad parameters: unknown values, malformed days, times or numbers, "
                "a parameter given twice or without a value."
            ),
        )
        missing = _("No such record.") if self._is_a_detail() else _("No such page.")
        responses["404"] = self.error("Detail", DETAIL, missing)
        responses["406"] = self.error("Detail", DETAIL, _("The API only answers JSON."))
        return responses

    def _is_a_detail(self):
        return not self._is_list_view()

    def error(self, name, schema, description):
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name
        )
        self.registry.register_on_missing(component)
        return {
            "description": description,
            "content": {"application/json": {"schema": component.ref}},
        }

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            parameter["schema"] = {"type": "string", "pattern": LOOKUP_PATTERN}
        return parameters
