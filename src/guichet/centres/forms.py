"""Forms of the kiosk (touch screen, no keyboard needed) and of the window clerk's page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import services
from .dropbox import MAX_ENVELOPES
from .models import Centre, ServiceGroup, Ticket

# Nothing typed at a kiosk may be offered to the next visitor by the browser.
_KIOSK_TEXT = {
    "autocomplete": "off",
    "autocapitalize": "characters",
    "spellcheck": "false",
    "class": "kiosk-text",
}

PRIORITY_CHOICES = [
    ("", _("No priority")),
    (Ticket.Priority.ELDERLY, _("Elderly visitor")),
    (Ticket.Priority.DISABLED, _("Visitor with a disability")),
    (Ticket.Priority.PREGNANT, _("Pregnant visitor")),
]


def groups_served(centre: Centre) -> list[ServiceGroup]:
    """The service groups at least one of the centre's windows is qualified for."""
    return [
        group
        for group in ServiceGroup.objects.order_by("code")
        if services.qualified_windows(centre, group).exists()
    ]


def _group_choices(groups: list[ServiceGroup]) -> list[tuple[str, str]]:
    return [(group.code, group.display_name) for group in groups]


# ---------------------------------------------------------------------------------------------
# Kiosk


class TakeTicketForm(forms.Form):
    group = forms.ChoiceField(
        label=_("What do you come for?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you come for.")},
    )
    priority = forms.ChoiceField(
        label=_("Do you need priority at the counter?"),
        choices=PRIORITY_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        initial="",
    )

    def __init__(self, *args, groups: list[ServiceGroup], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {group.code: group for group in groups}
        self.fields["group"].choices = _group_choices(groups)

    def chosen_group(self) -> ServiceGroup:
        return self.groups[self.cleaned_data["group"]]


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Appointment code"),
        help_text=_(
            "Hold the QR code of your appointment under the scanner, or type the eight "
            "characters of the code."
        ),
        max_length=12,
        widget=forms.TextInput(attrs={**_KIOSK_TEXT, "autofocus": True}),
        error_messages={"required": _("Enter the code of your appointment.")},
    )


class StatusForm(forms.Form):
    number = forms.CharField(
        label=_("Application number"),
        help_text=_("As on your receipt, for example GC-2026-0000123."),
        max_length=20,
        widget=forms.TextInput(attrs=_KIOSK_TEXT),
        error_messages={"required": _("Enter the application number.")},
    )
    identifier = forms.CharField(
        label=_("Applicant's identity number"),
        help_text=_("The resident identity number, or the company's unified social credit code."),
        max_length=32,
        widget=forms.TextInput(attrs=_KIOSK_TEXT),
        error_messages={"required": _("Enter the applicant's identity number.")},
    )


class DropOffForm(StatusForm):
    envelopes = forms.IntegerField(
        label=_("How many envelopes or files do you leave?"),
        min_value=1,
        max_value=MAX_ENVELOPES,
        initial=1,
        widget=forms.NumberInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    note = forms.CharField(
        label=_("A note for the clerk"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
    )


# ---------------------------------------------------------------------------------------------
# Window clerk


class TicketActionForm(forms.Form):
    """Names the ticket the clerk saw, so a second press after it moved on does nothing."""

    ticket = forms.IntegerField(widget=forms.HiddenInput)


class FinishForm(TicketActionForm):
    case_number = forms.CharField(
        label=_("Application opened or accepted"),
        max_length=40,
        required=False,
    )


class TransferForm(TicketActionForm):
    group = forms.ChoiceField(label=_("Send to"))

    def __init__(self, *args, groups: list[ServiceGroup], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.groups = {group.code: group for group in groups}
        self.fields["group"].choices = _group_choices(groups)

    def chosen_group(self) -> ServiceGroup:
        return self.groups[self.cleaned_data["group"]]
