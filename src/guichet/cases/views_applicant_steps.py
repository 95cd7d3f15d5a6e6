"""The application form in three steps: details, documents, check and submit.

Each step saves at once (a draft is never lost): the applicant may leave and come back from
"My applications". The documents step asks each kind of document once for the whole bundle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from guichet.datahub import services as datahub
from guichet.datahub.files import UploadRejected

from . import services
from .forms import DetailsForm, UploadForm
from .models import Case, Material
from .views_applicant import applicant_case

STEPS = (
    ("details", gettext_lazy("Your details")),
    ("documents", gettext_lazy("Documents")),
    ("review", gettext_lazy("Check and submit")),
)
EDITABLE = (Case.State.DRAFT, Case.State.RETURNED)


def step_url(case: Case, step: str) -> str:
    return f"{reverse('cases:edit', args=[case.number])}?step={step}"


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, number: str) -> HttpResponse:
    case = applicant_case(request, number)
    if case.state not in EDITABLE:
        messages.info(request, _("This application has been handed in and can no longer change."))
        return redirect("cases:detail", number=case.number)
    step = request.GET.get("step", "details")
    handler = {"details": _details, "documents": _documents, "review": _review}.get(step, _details)
    return handler(request, case)


def _render(request: HttpRequest, case: Case, step: str, context: dict) -> HttpResponse:
    steps = [
        {"name": name, "label": label, "url": step_url(case, name), "current": name == step}
        for name, label in STEPS
    ]
    position = next(i for i, s in enumerate(steps, 1) if s["current"])
    return render(
        request,
        f"cases/applicant/edit_{step}.html",
        {"case": case, "steps": steps, "position": position, "total": len(steps), **context},
    )


def _after_save(request: HttpRequest, case: Case, next_step: str) -> HttpResponse:
    if request.POST.get("then") == "later":
        messages.success(
            request,
            _("Saved. Continue whenever you like from “My applications”."),
        )
        return redirect("cases:mine")
    return redirect(step_url(case, next_step))


# ---------------------------------------------------------------------------------------------
# Step 1: the data asked once


def _details(request: HttpRequest, case: Case) -> HttpResponse:
    initial = {
        **case.details,
        "delivery": case.delivery,
        "delivery_address": case.delivery_address,
    }
    if not initial.get("phone"):
        initial["phone"] = getattr(request.user, "phone", "") or ""
    form = DetailsForm(
        request.POST if request.method == "POST" else None,
        company=case.applicant.is_company,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(
                case,
                by=request.user,
                details=form.details(),
                delivery=form.cleaned_data["delivery"],
                delivery_address=form.cleaned_data["delivery_address"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return _after_save(request, case, "documents")
    return _render(request, case, "details", {"form": form})


# ---------------------------------------------------------------------------------------------
# Step 2: documents, each asked once


@dataclass
class DocumentGroup:
    """One kind of document the application needs, with every service that asks for it."""

    code: str
    name: str
    evidence_type: object
    services: list[str] = field(default_factory=list)
    mandatory: bool = False
    # Working days after acceptance it may follow in, when every service tolerates that.
    tolerated_days: int | None = None
    material: Material | None = None
    error: str = ""

    @property
    def source(self) -> str:
        return self.material.source

    @property
    def reused(self) -> bool:
        return self.material.reused

    @property
    def uploaded(self) -> bool:
        return self.material.source == Material.Source.UPLOAD

    @property
    def made(self) -> bool:
        """The application itself is this document (the application form)."""
        return self.material.source == Material.Source.APPLICATION

    @property
    def missing(self) -> bool:
        return not self.material.provided

    @property
    def rejected(self) -> bool:
        return self.material.verdict == Material.Verdict.REJECTED

    @property
    def valid_until(self) -> date | None:
        record = self.material.credential or self.material.document
        return getattr(record, "valid_until", None)


def document_groups(case: Case) -> list[DocumentGroup]:
    groups: dict[str, DocumentGroup] = {}
    tolerable: dict[str, list[int | None]] = {}
    materials = (
        Material.objects.filter(item__case=case)
        .select_related("evidence_type", "credential", "document", "item__service_version")
        .order_by("item__position", "id")
    )
    for m in materials:
        code = m.evidence_type.code
        group = groups.get(code)
        if group is None:
            group = groups[code] = DocumentGroup(code, str(m.evidence_type), m.evidence_type)
            group.material = m
        name = m.item.service_version.display_name
        if name not in group.services:
            group.services.append(name)
        if m.mandatory:
            group.mandatory = True
            tolerable.setdefault(code, []).append(m.tolerated_days)
        if m.verdict == Material.Verdict.REJECTED:
            group.material = m  # the clerk's note is what the applicant must see
    for code, days in tolerable.items():
        if days and all(d is not None for d in days):
            groups[code].tolerated_days = min(days)
    return list(groups.values())


def _documents(request: HttpRequest, case: Case) -> HttpResponse:
    errors: dict[str, str] = {}
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "consent":
        granted = request.POST.get("consent") == "yes"
        try:
            services.give_consent(case, by=request.user, granted=granted)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The records will be used for this application.")
                if granted
                else _("The records will not be used: upload the documents yourself below."),
            )
        return redirect(step_url(case, "documents"))
    groups = document_groups(case)
    if action == "upload":
        by_code = {g.code: g for g in groups}
        form = UploadForm(request.POST, request.FILES)
        code = request.POST.get("evidence", "")
        group = by_code.get(code)
        if group is None:
            messages.error(request, _("This application does not ask for that document."))
        elif not form.is_valid():
            errors[code] = _("Choose a file to upload.")
        else:
            try:
                services.attach_upload(
                    case,
                    by=request.user,
                    evidence_type=group.evidence_type,
                    upload=form.cleaned_data["file"],
                )
            except UploadRejected as refusal:
                errors[code] = refusal.message
            except ValidationError as error:
                errors[code] = " ".join(error.messages)
            else:
                messages.success(request, _("%(document)s was added.") % {"document": group.name})
                return redirect(f"{step_url(case, 'documents')}#doc-{code}")
    elif action in ("continue", "later"):
        return _after_save(request, case, "review")
    for group in groups:
        group.error = errors.get(group.code, "")
    consent = datahub.consent_for(case.applicant, purpose=case.number)
    reused = [g for g in groups if g.reused]
    declined = []
    if consent is not None and not consent.granted:
        names = {g.code: g.name for g in groups}
        declined = [
            {"name": names.get(r.get("evidence"), r.get("evidence")), "provider": r.get("provider")}
            for r in consent.records
        ]
    context = {
        "groups": groups,
        "errors": errors,
        "consent": consent,
        "reused": reused,
        "declined": declined,
        "limit_mb": settings.MAX_DOCUMENT_MB,
        "Source": Material.Source,
    }
    return _render(request, case, "documents", context)


# ---------------------------------------------------------------------------------------------
# Step 3: check and submit


def _review(request: HttpRequest, case: Case) -> HttpResponse:
    problems: list[str] = []
    if request.method == "POST" and request.POST.get("action") == "submit":
        try:
            services.submit(case, by=request.user)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                _("Application %(number)s was handed in. We will tell you at each step.")
                % {"number": case.number},
            )
            return redirect("cases:detail", number=case.number)
    groups = document_groups(case)
    names = {g.code: g for g in groups}
    gaps: dict[str, dict] = {}
    for gap in services.precheck(case):
        code = gap.material.evidence_type.code
        entry = gaps.setdefault(
            code, {"group": names.get(code), "problem": gap.problem, "tolerable": True}
        )
        entry["tolerable"] = entry["tolerable"] and gap.tolerable
    consent = datahub.consent_for(case.applicant, purpose=case.number)
    labels = {
        "name": _("Company name") if case.applicant.is_company else _("Name"),
        "address": _("Address"),
        "phone": _("Phone number"),
        "legal_representative": _("Legal representative"),
    }
    details = [
        (label, case.details.get(key, ""))
        for key, label in labels.items()
        if key != "legal_representative" or case.applicant.is_company
    ]
    context = {
        "groups": groups,
        "gaps": list(gaps.values()),
        "blocking": any(not g["tolerable"] for g in gaps.values()),
        "needs_consent": consent is None and any(g.reused for g in groups),
        "details": details,
        "items": list(case.items.select_related("service_version__competent_department")),
        "problems": problems,
    }
    return _render(request, case, "review", context)
