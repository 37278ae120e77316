from django import forms
from django.utils.translation import gettext_lazy as _

from .models import KINDS


def button_id(kind, slug):
    """The id of an item's star button on a page: a save without JavaScript comes back to it."""
    return f"star-{kind}-{slug}"


class StarForm(forms.Form):
    """One star button: what to save or remove, and the page to go back to.

    The button is named `star`, not `action`: a control named `action` hides the form's own
    `action` property from scripts (favourites.js posted to "[object HTMLButtonElement]")."""

    kind = forms.ChoiceField(choices=[(kind, kind) for kind in KINDS])
    slug = forms.SlugField(max_length=255, allow_unicode=False)
    star = forms.ChoiceField(choices=[("add", _("Save")), ("remove", _("Remove"))])
    next = forms.CharField(max_length=2000, required=False)

    @property
    def starred(self):
        return self.cleaned_data["star"] == "add"
