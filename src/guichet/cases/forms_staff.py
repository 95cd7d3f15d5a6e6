"""Forms of the staff pages: acceptance, on-behalf applications, delivery, review."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from guichet.datahub.models import Party

from .models import Material, ReviewTask
from .review import Decision

ACCEPT, RETURN = "accept", "return"


@dataclass(frozen=True)
class MaterialRow:
    """One material as the acceptance page shows it, with its controls (if any)."""

    material: Material
    verdict: forms.BoundField | None
    tolerate: forms.BoundField | None


class AcceptanceForm(forms.Form):
    """A verdict for every material provided, tolerance where the requirement allows it,
    then accept, or return with the reasons."""

    action = forms.ChoiceField(choices=[(ACCEPT, _("Accept")), (RETURN, _("Return"))])
    reason = forms.CharField(
        label=_("What the applicant must correct"),
        help_text=_("Needed to return the application; the applicant reads it as written."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    VERDICTS = [
        (Material.Verdict.ACCEPTED, _("Accept")),
        (Material.Verdict.REJECTED, _("Reject")),
    ]

    def __init__(self, *args, materials: Sequence[Material], **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = list(materials)
        for m in self.materials:
            if m.provided:
                current = m.verdict if m.verdict in dict(self.VERDICTS) else "accepted"
                self.fields[f"verdict_{m.pk}"] = forms.ChoiceField(
                    label=str(m.evidence_type),
                    choices=self.VERDICTS,
                    initial=current,
                    widget=forms.RadioSelect,
                )
            if m.tolerated_days is not None:
                self.fields[f"tolerate_{m.pk}"] = forms.BooleanField(
                    label=_("Tolerate its absence"),
                    required=False,
                    initial=not m.provided or m.verdict == Material.Verdict.TOLERATED,
                )

    def rows(self) -> list[MaterialRow]:
        def bound(name: str) -> forms.BoundField | None:
            return self[name] if name in self.fields else None

        return [
            MaterialRow(m, bound(f"verdict_{m.pk}"), bound(f"tolerate_{m.pk}"))
            for m in self.materials
        ]

    def clean(self):
        data = super().clean()
        if data.get("action") == RETURN and not data.get("reason", "").strip():
            self.add_error("reason", _("Say what the applicant must correct."))
        return data

    def verdicts(self) -> dict[int, str]:
        return {
            m.pk: self.cleaned_data[f"verdict_{m.pk}"]
            for m in self.materials
            if f"verdict_{m.pk}" in self.cleaned_data
        }

    def tolerated(self) -> list[int]:
        return [m.pk for m in self.materials if self.cleaned_data.get(f"tolerate_{m.pk}")]

    def rejected(self) -> list[int]:
        return [pk for pk, verdict in self.verdicts().items() if verdict == "rejected"]


class OnBehalfForm(forms.Form):
    """A visitor at the window: who they are (the clerk holds the card) and what they need."""

    kind = forms.ChoiceField(
        label=_("The applicant is"),
        choices=[
            (Party.Kind.PERSON, _("A person (resident identity card)")),
            (Party.Kind.COMPANY, _("A company (unified social credit code)")),
        ],
        initial=Party.Kind.PERSON,
        widget=forms.RadioSelect,
    )
    identifier = forms.CharField(
        label=_("Identity number or credit code"),
        help_text=_("As printed on the identity card or the business licence."),
        max_length=32,
    )
    name = forms.CharField(label=_("Name as on the card or licence"), max_length=200)
    legal_representative = forms.CharField(
        label=_("Legal representative (companies)"), max_length=200, required=False
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    services = forms.MultipleChoiceField(
        label=_("Services applied for"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one service.")},
    )
    form_token = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("This form has expired: open it again.")},
    )

    def __init__(self, *args, services: Iterable[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = list(services)

    def clean(self):
        data = super().clean()
        if data.get("kind") == Party.Kind.COMPANY and not data.get("legal_representative"):
            self.add_error("legal_representative", _("Give the company's legal representative."))
        return data


class DeliverForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("Postal tracking number"), max_length=60, required=False
    )


class InboxFilterForm(forms.Form):
    department = forms.ChoiceField(label=_("Department"), required=False)
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open and waiting"))] + list(ReviewTask.State.choices),
    )
    due_before = forms.DateField(
        label=_("Due on or before"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, departments: Iterable[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("All my departments"))] + list(departments)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (Decision.APPROVE, _("Approve")),
            (Decision.REFUSE, _("Refuse")),
            (Decision.ASK, _("Ask the applicant for information (the clock stops)")),
            (Decision.SEND_BACK, _("Send back to acceptance")),
        ],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Reason or question"),
        help_text=_(
            "Required unless you approve. The applicant reads a refusal's reason and a question."
        ),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    MISSING_TEXT = {
        Decision.REFUSE: _("Give the reason for the refusal."),
        Decision.ASK: _("Write the question to the applicant."),
        Decision.SEND_BACK: _("Say why the application goes back to acceptance."),
    }

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision in self.MISSING_TEXT and not data.get("text", "").strip():
            self.add_error("text", self.MISSING_TEXT[decision])
        return data
