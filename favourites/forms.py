from django import forms
from django.utils.translation import gettext_lazy as _

from .models import KINDS


class StarForm(forms.Form):
    """One star button: what to save or remove, and the page to go back to."""

    kind = forms.ChoiceField(choices=[(kind, kind) for kind in KINDS])
    slug = forms.SlugField(max_length=255, allow_unicode=False)
    action = forms.ChoiceField(choices=[("add", _("Save")), ("remove", _("Remove"))])
    next = forms.CharField(max_length=2000, required=False)

    @property
    def starred(self):
        return self.cleaned_data["action"] == "add"
