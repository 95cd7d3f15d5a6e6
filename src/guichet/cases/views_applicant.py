"""The applicant's pages: start an application, my applications, one application, its actions.

The three steps of the form (details, documents, review) are in `views_applicant_steps`.
Every page reads the case through `selectors.case_for` and then insists on the applicant's
side: staff have their own pages, and anyone else gets the same 404 as for a missing number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Case as DbCase
from django.db.models import IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guichet.catalog import selectors as catalog
from guichet.datahub import services as datahub
from guichet.datahub.files import UploadRejected
from guichet.guidance import engine, outcome
from guichet.guidance import selectors as guidance

from . import permissions, review, selectors, services
from .forms import AnswerForm, LinkIdentityForm, StartForm, UploadForm
from .models import Case, InvalidTransition, Item, Material, ReviewTask

PER_PAGE = 20
MAX_SERVICES = 20  # one application bundles a funnel's outcome, not the whole catalogue


def applicant_case(request: HttpRequest, number: str) -> Case:
    """The case, if this user is on its applicant's side; 404 for everyone else."""
    case = selectors.case_for(request.user, number)
    if not permissions.is_applicant_side(request.user, case):
        raise Http404(number)
    return case


# ---------------------------------------------------------------------------------------------
# Starting: from a service page (?service=CODE) or a funnel outcome (&flow=slug&answers=…)


@dataclass
class Funnel:
    """What a finished guide said: its answers and the documents it lists per service."""

    slug: str
    title: str
    query: str
    answers: dict
    evidence: dict[str, frozenset[str]] = field(default_factory=dict)


def _funnel(request: HttpRequest, slug: str, query: str) -> Funnel | None:
    """Rebuild the outcome from the flow and the answers, as the sheet page does."""
    if not slug:
        return None
    flow = guidance.published_flow(slug)
    if flow is None:
        return None
    walk = engine.walk(flow.compiled(), QueryDict(query), guidance.applicant_facts(request.user))
    if not walk.finished or walk.errors:
        return None
    result = outcome.build(walk.definition, walk.context)
    # Answers are kept on the case as JSON (numbers as text, dates in ISO format).
    answers = json.loads(json.dumps(walk.answers, cls=DjangoJSONEncoder))
    answers["_flow"] = slug
    return Funnel(
        slug=slug,
        title=flow.display_title,
        query=walk.query(),
        answers=answers,
        evidence={s.code: frozenset(d.code for d in s.documents) for s in result.services},
    )


def _codes(params: QueryDict) -> list[str]:
    codes: list[str] = []
    for raw in params.getlist("service"):
        code = raw.strip().upper()[:80]
        if code and code not in codes:
            codes.append(code)
    return codes[:MAX_SERVICES]


def _specs(codes: list[str], funnel: Funnel | None) -> list[services.ItemSpec]:
    specs = []
    for code in codes:
        evidence = funnel.evidence.get(code) if funnel else None
        if evidence is None:
            specs.append(services.ItemSpec(code))
        else:
            # `extra` brings in documents the guide switched on beyond the requirements.
            specs.append(services.ItemSpec(code, evidence=evidence, extra=evidence))
    return specs


def _start_url(codes: list[str], funnel: Funnel | None) -> str:
    pairs = [("service", code) for code in codes]
    if funnel:
        pairs += [("flow", funnel.slug), ("answers", funnel.query)]
    return f"{reverse('cases:start')}?{urlencode(pairs)}"


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    codes = _codes(params)
    funnel = _funnel(request, params.get("flow", ""), params.get("answers", ""))
    versions = {v.service.code: v for v in catalog.published().filter(service__code__in=codes)}
    unknown = [code for code in codes if code not in versions]
    chosen = [versions[code] for code in codes if code in versions]
    person = datahub.person_of(request.user)
    parties = datahub.parties_of(request.user)
    action = request.POST.get("action", "")

    link_form = LinkIdentityForm(request.POST if action == "link" else None, prefix="link")
    if action == "link" and person is None and link_form.is_valid():
        try:
            datahub.claim_identity(request.user, **link_form.cleaned_data)
        except ValidationError as error:
            link_form.add_error("identifier", error.messages)
        else:
            messages.success(request, _("Your identity number is linked to your account."))
            return redirect(_start_url(codes, funnel))

    form = StartForm(request.POST if action == "start" else None, parties=parties)
    stale = False
    if action == "start" and form.is_valid() and chosen:
        applicant = next(p for p in parties if p.pk == form.cleaned_data["applicant"])
        try:
            case = services.start(
                by=request.user,
                applicant=applicant,
                services=_specs([v.service.code for v in chosen], funnel),
                answers=funnel.answers if funnel else None,
                form_token=form.cleaned_data["token"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            stale = getattr(error, "code", "") == "stale-form"
        else:
            return redirect(f"{reverse('cases:edit', args=[case.number])}?step=details")
    token = ""
    if chosen and parties:
        # A fresh one-time token each time the form is shown; a form shown again keeps its own.
        token = (form.data.get("token") if form.is_bound and not stale else "") or (
            services.issue_form_token(request.user)
        )
    evidence_names = _evidence_names(chosen, funnel)
    context = {
        "chosen": [(v, evidence_names.get(v.service.code)) for v in chosen],
        "unknown": unknown,
        "funnel": funnel,
        "funnel_stale": bool(params.get("flow")) and funnel is None,
        "person": person,
        "parties": parties,
        "form": form,
        "token": token,
        "link_form": link_form,
        "codes": [v.service.code for v in chosen],
    }
    return render(request, "cases/applicant/start.html", context)


def _evidence_names(chosen, funnel: Funnel | None) -> dict[str, list[str]]:
    """The documents each service will ask for, to show before the application is opened."""
    names: dict[str, list[str]] = {}
    for version in chosen:
        wanted = funnel.evidence.get(version.service.code) if funnel else None
        names[version.service.code] = [
            str(r.evidence_type)
            for r in version.requirements.select_related("evidence_type")
            if wanted is None or r.evidence_type.code in wanted
        ]
    return names


# ---------------------------------------------------------------------------------------------
# My applications


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    cases = (
        selectors.cases_for(request.user)
        .annotate(
            draft_first=DbCase(
                When(state=Case.State.DRAFT, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("draft_first", "-updated_at", "-id")
        .prefetch_related("items__service_version__service")
    )
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/applicant/mine.html",
        {"page": page, "editable": {Case.State.DRAFT, Case.State.RETURNED}},
    )


# ---------------------------------------------------------------------------------------------
# One application


def _sentences() -> dict[str, str]:
    """Each audit action as a sentence the applicant reads (evaluated in their language)."""
    return {
        "case.started": _("The application was opened."),
        "case.material_uploaded": _("Document added: %(evidence)s."),
        "case.submitted": _("The application was submitted."),
        "case.resubmitted": _("The corrected application was submitted again."),
        "case.returned": _("A clerk returned the application for correction: %(reason)s"),
        "case.accepted": _("A clerk accepted the application."),
        "case.in_review": _("The departments started their review."),
        "case.sent_back": _("A department sent the application back for another check."),
        "case.material_supplied": _("Document handed in after acceptance: %(evidence)s."),
        "case.withdrawn": _("The application was withdrawn."),
        "case.decided": _("Every department has decided."),
        "case.issued": _("The certificates were issued."),
        "case.delivered": _("The result was delivered."),
        "case.closed": _("The application was closed."),
        "case.dropped_off": _(
            "Documents left in the drop box at %(centre)s (receipt %(reference)s)."
        ),
        "review.approve": _("%(department)s approved: %(service)s."),
        "review.refuse": _("%(department)s refused %(service)s: %(text)s"),
        "review.ask": _("%(department)s asked about %(service)s: %(text)s"),
        "review.send_back": _("%(department)s sent %(service)s back to acceptance: %(text)s"),
        "review.answered": _("The question about %(service)s was answered."),
        "item.approved": _("%(service)s was approved."),
        "item.refused": _("%(service)s was refused."),
        "item.suspended": _("%(service)s was suspended: documents did not arrive in time."),
        "item.escalated": _("%(service)s is late; the department's supervisor was alerted."),
    }


class _Blank(dict):
    """Missing placeholders read as empty rather than failing the page."""

    def __missing__(self, key: str) -> str:
        return ""


def timeline_entries(case: Case, items: list[Item]) -> list[dict]:
    sentences = _sentences()
    services_at = {i.position: i.service_version.display_name for i in items}
    departments = {
        t.department.code: t.department.display_name for i in items for t in i.tasks.all()
    }
    evidence = {
        m.evidence_type.code: str(m.evidence_type) for i in items for m in i.materials.all()
    }
    entries = []
    for event in selectors.timeline(case):
        summary = event.summary or {}
        params = _Blank(
            service=services_at.get(summary.get("item"), ""),
            department=departments.get(summary.get("department"), summary.get("department", "")),
            evidence=evidence.get(summary.get("evidence"), summary.get("evidence", "")),
            text=summary.get("text", ""),
            reason=summary.get("reason", ""),
            centre=summary.get("centre", ""),
            reference=summary.get("reference", ""),
        )
        sentence = sentences.get(event.action)
        entries.append(
            {
                "when": event.occurred_at,
                "text": sentence % params if sentence else event.action,
                "action": event.action,
            }
        )
    return entries


def _awaited(case: Case, items: list[Item]) -> list[dict]:
    """Documents tolerated at acceptance that the applicant may still supply, once each."""
    if case.state != Case.State.IN_REVIEW:
        return []
    awaited: dict[str, dict] = {}
    for item in items:
        for m in item.materials.all():
            if m.verdict == Material.Verdict.TOLERATED:
                entry = awaited.setdefault(
                    m.evidence_type.code,
                    {"code": m.evidence_type.code, "name": str(m.evidence_type), "until": None},
                )
                if m.tolerated_until and (
                    entry["until"] is None or m.tolerated_until < entry["until"]
                ):
                    entry["until"] = m.tolerated_until
    return list(awaited.values())


@login_required
@require_GET
def detail(request: HttpRequest, number: str) -> HttpResponse:
    case = applicant_case(request, number)
    items = selectors.items_of(case)
    questions = [
        (task, AnswerForm(prefix=f"task{task.pk}"))
        for item in items
        for task in item.tasks.all()
        if task.state == ReviewTask.State.WAITING
    ]
    answered = [t for item in items for t in item.tasks.all() if t.question and t.answer]
    context = {
        "case": case,
        "items": items,
        "questions": questions,
        "answered": answered,
        "awaited": _awaited(case, items),
        "upload_form": UploadForm(),
        "timeline": timeline_entries(case, items),
        "editable": case.state in (Case.State.DRAFT, Case.State.RETURNED),
        "withdrawable": case.state in Case.WITHDRAWABLE,
        "receivable": case.state == Case.State.DELIVERED,
        "limit_mb": settings.MAX_DOCUMENT_MB,
    }
    return render(request, "cases/applicant/detail.html", context)


def _back(case: Case) -> HttpResponse:
    return redirect("cases:detail", number=case.number)


@login_required
@require_POST
def answer(request: HttpRequest, number: str, task_id: int) -> HttpResponse:
    case = applicant_case(request, number)
    task = ReviewTask.objects.filter(pk=task_id, item__case=case).first()
    if task is None:
        raise Http404(task_id)
    form = AnswerForm(request.POST, prefix=f"task{task.pk}")
    if not form.is_valid():
        messages.error(request, _("Write your answer before sending it."))
        return _back(case)
    try:
        review.answer(task, by=request.user, text=form.cleaned_data["text"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your answer was sent; the department's clock runs again."))
    return _back(case)


@login_required
@require_POST
def supply(request: HttpRequest, number: str) -> HttpResponse:
    case = applicant_case(request, number)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to upload."))
        return _back(case)
    material = (
        Material.objects.filter(item__case=case, evidence_type__code=form.cleaned_data["evidence"])
        .select_related("evidence_type")
        .first()
    )
    if material is None:
        messages.error(request, _("Nothing is awaited for that document."))
        return _back(case)
    try:
        services.supply_missing(
            case,
            by=request.user,
            evidence_type=material.evidence_type,
            upload=form.cleaned_data["file"],
        )
    except UploadRejected as refusal:
        messages.error(request, refusal.message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Thank you: %(document)s was added.") % {"document": material.evidence_type}
        )
    return _back(case)


@login_required
@require_POST
def withdraw(request: HttpRequest, number: str) -> HttpResponse:
    case = applicant_case(request, number)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you want to withdraw."))
        return _back(case)
    try:
        services.withdraw(case, by=request.user)
    except InvalidTransition:
        messages.error(request, _("This application can no longer be withdrawn."))
    else:
        messages.success(request, _("The application was withdrawn."))
    return _back(case)


@login_required
@require_POST
def confirm(request: HttpRequest, number: str) -> HttpResponse:
    case = applicant_case(request, number)
    try:
        review.confirm_receipt(case, by=request.user)
    except InvalidTransition:
        messages.error(request, _("There is nothing to confirm for this application."))
    else:
        messages.success(request, _("Thank you for confirming. The application is closed."))
    return _back(case)


# ---------------------------------------------------------------------------------------------
# The once-only figure (public)


@require_GET
def reuse(request: HttpRequest) -> HttpResponse:
    total, per_service = selectors.documents_avoided(cached=True)
    names = {
        v.service.code: v.display_name
        for v in catalog.published().filter(service__code__in=[r.service for r in per_service])
    }
    rows = [(names.get(r.service, r.service), r) for r in per_service]
    return render(request, "cases/reuse.html", {"total": total, "rows": rows})
