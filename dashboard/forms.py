from django import forms
from django.conf import settings

from .counting import COUNTED


class BeaconForm(forms.Form):
    """What a page's beacon says: which listing, in which language. Nothing about the visitor."""

    kind = forms.ChoiceField(choices=[(kind, kind) for kind in COUNTED])
    slug = forms.SlugField(max_length=100)
    lang = forms.ChoiceField(choices=settings.LANGUAGES)
