"""Applications over the API: apply in one call, follow a case, and the staff's work on it.

Handlers parse, call a service or a selector and shape the answer; the rules (who may do
what, which transitions exist) are the services'. Domain refusals keep their code in the
problem document (`urn:guichet:problem:<code>`), so a client can act on them.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Header, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from guichet.accounts.auth import session_or_token
from guichet.accounts.roles import Role
from guichet.catalog import selectors as catalog
from guichet.config.problems import problem_response
from guichet.datahub import services as datahub
from guichet.datahub.files import UploadRejected

from . import permissions, review, selectors, services
from .models import Case
from .schemas import (
    AcceptIn,
    AnswerIn,
    CaseFilters,
    CaseIn,
    CaseOut,
    CaseSummaryOut,
    ConsentIn,
    DecisionIn,
    ReturnIn,
    ReuseOut,
    ReviewTaskOut,
    TaskFilters,
)

router = Router(tags=["applications"])

READ = session_or_token("cases:read")
WRITE = session_or_token("cases:write")
WORK = session_or_token("cases:review")

IDEMPOTENCY_KEY_MAX = 100


def domain_problems(view: Callable) -> Callable:
    """A refused upload becomes a problem naming why (other refusals: config/problems.py)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except UploadRejected as error:
            return problem_response(
                request,
                422,
                "upload-rejected",
                _("File not accepted"),
                error.message,
                errors=[
                    {"field": "file", "in": "body", "message": error.message, "code": error.code}
                ],
            )

    return wrapper


# --- Public --------------------------------------------------------------------------------


@router.get("/reuse", response=ReuseOut, auth=None)
def documents_avoided(request):
    """The once-only figure: required documents of submitted applications that the data
    hub satisfied without an upload, in all and per service."""
    overall, per_service = selectors.documents_avoided(cached=True)
    return {"overall": overall, "services": per_service}


# --- Reviewers -----------------------------------------------------------------------------


@router.get("/tasks", response=list[ReviewTaskOut], auth=WORK)
@paginate
def review_inbox(request, filters: Query[TaskFilters]):
    """The review tasks of the caller's departments, most urgent first."""
    if not permissions.departments_of(request.auth):
        raise PermissionDenied(_("Your role does not allow this."))
    return selectors.inbox(request.auth, **filters.dict())


@router.post("/tasks/{task_id}/decision", response=ReviewTaskOut, auth=WORK)
@domain_problems
def decide(request, task_id: int, body: DecisionIn):
    """Approve, refuse, ask the applicant, or send the case back to acceptance."""
    task = selectors.task_for(request.auth, task_id)
    return review.decide(task, reviewer=request.auth, decision=body.decision, text=body.text)


# --- Applications --------------------------------------------------------------------------


@router.get("", response=list[CaseSummaryOut], auth=READ)
@paginate
def list_cases(request, filters: Query[CaseFilters]):
    """The caller's applications; for reviewers the cases their departments work on; for
    clerks, with `queue=acceptance`, the applications waiting to be accepted."""
    user = request.auth
    queue = filters.queue or ("review" if permissions.departments_of(user) else "mine")
    if queue == "acceptance":
        permissions.require_role(user, Role.WINDOW_CLERK)
        cases = selectors.acceptance_queue()
    elif queue == "review":
        if not permissions.departments_of(user):
            raise PermissionDenied(_("Your role does not allow this."))
        worked = selectors.inbox(user).values("item__case_id")
        cases = Case.objects.filter(pk__in=worked).order_by("-created_at", "-id")
    else:
        cases = selectors.cases_for(user)
    if filters.state:
        cases = cases.filter(state=filters.state)
    return cases.select_related("applicant").prefetch_related("items__service_version__service")


@router.post("", response={200: CaseOut, 201: CaseOut}, auth=WRITE)
@domain_problems
def apply(
    request,
    body: CaseIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        description="Required. A retry with the same key returns the same application (200).",
    ),
):
    """Create and submit an application in one call; 201 the first time, 200 on a replay."""
    key = (idempotency_key or "").strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX:
        return problem_response(
            request,
            400,
            "idempotency-key-required",
            _("Idempotency key required"),
            _("Send an Idempotency-Key header of 1 to %(max)d characters, unique per application.")
            % {"max": IDEMPOTENCY_KEY_MAX},
        )
    case, created = services.submit_new(
        by=request.auth,
        applicant=_applicant(request.auth, body.applicant),
        services=[
            services.ItemSpec(
                spec.code, frozenset(spec.evidence) if spec.evidence is not None else None
            )
            for spec in body.services
        ],
        idempotency_key=key,
        answers=body.answers,
        consent=body.consent,
    )
    return Status(201 if created else 200, case)


def _applicant(user, identifier: str | None):
    if identifier is None:
        person = datahub.person_of(user)
        if person is None:
            raise ValidationError(
                {
                    "applicant": ValidationError(
                        _("Your account is not linked to a person: give the applicant."),
                        code="no-person",
                    )
                }
            )
        return person
    party = datahub.party_by_identifier(identifier)
    # Unknown and not-yours answer alike: the API does not confirm who is registered.
    if party is None or not datahub.may_act_for(user, party):
        raise PermissionDenied(_("You may not apply for this person or company."))
    return party


@router.get("/{number}", response=CaseOut, auth=READ)
def case_detail(request, number: str):
    """One application with its items, documents, review tasks and timeline."""
    return selectors.case_for(request.auth, number)


@router.post("/{number}/submit", response=CaseOut, auth=WRITE)
@domain_problems
def submit(request, number: str):
    """Submit a draft, or resubmit an application returned for correction."""
    case = selectors.case_for(request.auth, number)
    return services.submit(case, by=request.auth)


@router.post("/{number}/documents", response=CaseOut, auth=WRITE)
@domain_problems
def upload(request, number: str, evidence: Form[str], file: File[UploadedFile]):
    """Upload one document (PDF, JPEG, PNG); it answers every item asking for that type."""
    case = selectors.case_for(request.auth, number)
    evidence_type = catalog.evidence_types().filter(code=evidence).first()
    if evidence_type is None:
        raise ValidationError(
            {"evidence": ValidationError(_("Unknown evidence type."), code="unknown-evidence")}
        )
    services.attach_upload(case, by=request.auth, evidence_type=evidence_type, upload=file)
    return case


@router.post("/{number}/consent", response=CaseOut, auth=WRITE)
@domain_problems
def consent(request, number: str, body: ConsentIn):
    """Agree (or not) to the data hub's records being reused for this application."""
    case = selectors.case_for(request.auth, number)
    return services.give_consent(case, by=request.auth, granted=body.granted)


@router.post("/{number}/tasks/{task_id}/answer", response=CaseOut, auth=WRITE)
@domain_problems
def answer(request, number: str, task_id: int, body: AnswerIn):
    """Answer a department's question; the item's clock runs again."""
    case = selectors.case_for(request.auth, number)
    task = next(
        (t for item in selectors.items_of(case) for t in item.tasks.all() if t.pk == task_id),
        None,
    )
    if task is None:
        raise Http404(task_id)
    review.answer(task, by=request.auth, text=body.text)
    return case


@router.post("/{number}/withdraw", response=CaseOut, auth=WRITE)
@domain_problems
def withdraw(request, number: str):
    """Withdraw the application before a decision; open review tasks are cancelled."""
    case = selectors.case_for(request.auth, number)
    return services.withdraw(case, by=request.auth)


# --- Clerks --------------------------------------------------------------------------------


@router.post("/{number}/accept", response=CaseOut, auth=WORK)
@domain_problems
def accept(request, number: str, body: AcceptIn):
    """Accept a submitted application: verdicts per document, tolerated absences; the
    departments' review starts."""
    case = selectors.case_for(request.auth, number)
    return services.accept(
        case,
        clerk=request.auth,
        verdicts=body.verdicts,
        tolerated=body.tolerated,
        centre_code=body.centre_code,
    )


@router.post("/{number}/return", response=CaseOut, auth=WORK)
@domain_problems
def return_for_correction(request, number: str, body: ReturnIn):
    """Send a submitted application back to the applicant with what to correct."""
    case = selectors.case_for(request.auth, number)
    return services.return_for_correction(
        case, clerk=request.auth, reason=body.reason, rejected=body.rejected
    )
