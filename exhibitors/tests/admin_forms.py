"""Read an admin change page back into the POST data its Save button would send."""

from django.forms import FileField, MultiWidget


def form_data(response, **changes):
    """The values of the page's form and inlines, as posted; `changes` override fields."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field, FileField) or value is None or value is False:
                continue
            if isinstance(bound.field.widget, MultiWidget):
                parts = bound.field.widget.decompress(value)
                data.update({f"{bound.html_name}_{i}": part for i, part in enumerate(parts)})
            elif value is True:
                data[bound.html_name] = "on"
            else:
                data[bound.html_name] = value
    data.update(changes)
    return data
