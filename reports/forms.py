"""The "report a problem" form: no account, no personal data, and three guards against spam that need no
third-party service — a rate limit (views.py), a field only robots fill in, and the time the form was open."""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import MESSAGE_MAX_LENGTH, ProblemKind

SIGNING_SALT = "reports.form-opened"
# A person reads the form and picks a problem: faster than this is a robot. A form open for more than a day
# is sent again after a fresh page.
FASTEST_HUMAN_SECONDS = 3
OLDEST_FORM_SECONDS = 24 * 3600


def opened_stamp():
    return signing.dumps(time.time(), salt=SIGNING_SALT)


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is wrong?"), choices=ProblemKind.choices, widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("What did you find? (optional)"),
        help_text=_(
            "For example the new opening hours, or where the place is now. Please write no name, phone "
            "number or e-mail address: the report is published to the tourism staff only."
        ),
        max_length=MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Hidden from people by CSS and from screen readers; robots that fill every field fill this one.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    opened = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["opened"] = opened_stamp()

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This report could not be sent. Please try again."), code="honeypot")
        return ""

    def clean_opened(self):
        try:
            opened_at = float(
                signing.loads(self.cleaned_data["opened"], salt=SIGNING_SALT, max_age=OLDEST_FORM_SECONDS)
            )
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                _("This form is too old or was changed. Please send it again from this page."), code="stale"
            ) from None
        if time.time() - opened_at < FASTEST_HUMAN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Please check your report and send it again."), code="too-fast"
            )
        return self.cleaned_data["opened"]
