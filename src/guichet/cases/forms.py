"""The applicant's forms: who applies, the data asked once, documents, answers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Case

# What the file inputs offer to pick; the server decides the real type from the content.
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class LinkIdentityForm(forms.Form):
    """A person without a linked identity says who they are (not verified by a password)."""

    identifier = forms.CharField(
        label=_("Resident identity number"),
        max_length=18,
        min_length=18,
        help_text=_("The 18 characters on your resident identity card."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = forms.CharField(
        label=_("Full name, as on the card"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class StartForm(forms.Form):
    """Who applies: the linked person or one of the companies represented."""

    token = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("This form has expired: open it again.")},
    )
    applicant = forms.TypedChoiceField(
        label=_("Who is applying?"), coerce=int, widget=forms.RadioSelect
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant"].choices = [(p.pk, _label(p)) for p in parties]
        if len(parties) == 1:
            self.fields["applicant"].initial = parties[0].pk


def _label(party) -> str:
    if party.is_company:
        return _("%(name)s (company I represent)") % {"name": party.name}
    return _("Myself: %(name)s") % {"name": party.name}


class DetailsForm(forms.Form):
    """The data every service of the application shares, asked once."""

    name = forms.CharField(label=_("Name"), max_length=200)
    address = forms.CharField(
        label=_("Address"), max_length=300, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    legal_representative = forms.CharField(label=_("Legal representative"), max_length=200)
    delivery = forms.ChoiceField(
        label=_("How do you want to receive the result?"),
        choices=Case.Delivery.choices,
        widget=forms.RadioSelect,
    )
    delivery_address = forms.CharField(
        label=_("Postal address for delivery"),
        max_length=300,
        required=False,
        help_text=_("Needed only for delivery by post."),
    )

    def __init__(self, *args, company: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if company:
            self.fields["name"].label = _("Company name")
            self.fields["address"].label = _("Registered address")
        else:
            del self.fields["legal_representative"]
            self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean(self):
        data = super().clean()
        if data.get("delivery") == Case.Delivery.POST and not data.get("delivery_address"):
            self.add_error("delivery_address", _("Give the postal address for delivery by post."))
        return data

    def details(self) -> dict[str, str]:
        return {
            k: v for k, v in self.cleaned_data.items() if k not in ("delivery", "delivery_address")
        }


class UploadForm(forms.Form):
    evidence = forms.CharField(max_length=80, widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("File"),
        error_messages={"required": _("Choose a file to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your answer.")},
    )
