"""Window clerks' pages: acceptance, applications on behalf of a visitor, delivery; and the
material view every staff member opens documents through (the read is logged).

Reviewers' and supervisors' pages are in `views_review.py`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.catalog import selectors as catalog
from guichet.datahub import services as datahub

from . import permissions, review, selectors, services
from .forms_staff import ACCEPT, AcceptanceForm, DeliverForm, OnBehalfForm
from .models import Case, InvalidTransition, Material

PER_PAGE = 25
# Everyone who works on applications may open their documents (each read is logged).
CASE_STAFF = (Role.WINDOW_CLERK, Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_SUPERVISOR)
GAP_LABELS = {
    "missing": _("Missing"),
    "expired": _("Expired"),
    "rejected": _("Rejected"),
}


def require_any_role(user, *roles: Role) -> None:
    """Staff pages answer 403 to anyone without one of the roles they serve."""
    if not any(permissions.has_role(user, role) for role in roles):
        raise PermissionDenied(_("Your role does not allow this."))


def clerk_centre(user) -> str:
    """The centre a clerk receives applications for: their first window-clerk membership."""
    codes = sorted(accounts.organisation_codes(user, Role.WINDOW_CLERK))
    return codes[0] if codes else ""


def page_of(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def error_messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# ---------------------------------------------------------------------------------------------
# Acceptance


@login_required
@require_GET
def acceptance(request):
    require_any_role(request.user, Role.WINDOW_CLERK)
    page = page_of(
        request,
        selectors.acceptance_queue().prefetch_related("items__service_version__service"),
    )
    rows = [(case, len(services.precheck(case))) for case in page.object_list]
    return render(request, "cases/staff/acceptance.html", {"page": page, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def accept(request, number: str):
    require_any_role(request.user, Role.WINDOW_CLERK)
    case = selectors.case_for(request.user, number)
    items = selectors.items_of(case)
    materials = [m for item in items for m in item.materials.all()]
    form = AcceptanceForm(request.POST or None, materials=materials)
    waiting = case.state in (Case.State.SUBMITTED, Case.State.RESUBMITTED)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["action"] == ACCEPT:
                services.accept(
                    case,
                    clerk=request.user,
                    verdicts=form.verdicts(),
                    tolerated=form.tolerated(),
                    centre_code=clerk_centre(request.user),
                )
                messages.success(
                    request,
                    _("Application %(number)s is accepted; the departments' review has started.")
                    % {"number": case.number},
                )
            else:
                services.return_for_correction(
                    case,
                    clerk=request.user,
                    reason=form.cleaned_data["reason"],
                    rejected=form.rejected(),
                )
                messages.success(
                    request,
                    _("Application %(number)s is returned to the applicant.")
                    % {"number": case.number},
                )
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        except InvalidTransition:
            form.add_error(None, _("This application is no longer waiting for acceptance."))
        else:
            return redirect("cases_work:acceptance")
    gaps = {gap.material.pk: GAP_LABELS[gap.problem] for gap in services.precheck(case)}
    rows = {row.material.pk: row for row in form.rows()}
    context = {
        "case": case,
        "masked_id": datahub.masked(case.applicant.identifier),
        "items": [
            (item, [(rows[m.pk], gaps.get(m.pk)) for m in item.materials.all()]) for item in items
        ],
        "form": form,
        "waiting": waiting,
    }
    return render(request, "cases/staff/accept.html", context)


# ---------------------------------------------------------------------------------------------
# On behalf of a visitor


@login_required
@require_http_methods(["GET", "POST"])
def on_behalf(request):
    require_any_role(request.user, Role.WINDOW_CLERK)
    choices = [
        (v.service.code, f"{v.display_name} ({v.service.code})") for v in catalog.published()
    ]
    form = OnBehalfForm(
        request.POST or None,
        services=choices,
        initial={"form_token": services.issue_form_token(request.user)}
        if request.method == "GET"
        else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                applicant = datahub.identify_visitor(
                    clerk=request.user,
                    kind=data["kind"],
                    identifier=data["identifier"],
                    name=data["name"],
                    legal_representative=data["legal_representative"],
                    address=data["address"],
                )
                case = services.start(
                    by=request.user,
                    applicant=applicant,
                    services=[services.ItemSpec(code) for code in data["services"]],
                    channel=Case.Channel.WINDOW,
                    centre_code=clerk_centre(request.user),
                    form_token=data["form_token"],
                )
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Application %(number)s is open for %(name)s: fill it in with the visitor.")
                % {"number": case.number, "name": applicant.name},
            )
            return redirect(reverse("cases:edit", kwargs={"number": case.number}))
    return render(request, "cases/staff/on_behalf.html", {"form": form})


# ---------------------------------------------------------------------------------------------
# Delivery


@login_required
@require_GET
def delivery(request):
    require_any_role(request.user, Role.WINDOW_CLERK)
    page = page_of(
        request, selectors.delivery_queue().prefetch_related("items__service_version__service")
    )
    return render(
        request,
        "cases/staff/delivery.html",
        {"page": page, "post": Case.Delivery.POST, "form": DeliverForm()},
    )


@login_required
@require_POST
def deliver(request, number: str):
    require_any_role(request.user, Role.WINDOW_CLERK)
    case = selectors.case_for(request.user, number)
    form = DeliverForm(request.POST)
    tracking = form.cleaned_data["tracking_number"] if form.is_valid() else ""
    try:
        review.deliver(case, clerk=request.user, tracking_number=tracking)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, f"{case.number}: {message}")
    except InvalidTransition:
        messages.error(
            request,
            _("%(number)s: this application is not waiting for delivery.")
            % {"number": case.number},
        )
    else:
        messages.success(
            request, _("Application %(number)s is delivered.") % {"number": case.number}
        )
    return redirect("cases_work:delivery")


# ---------------------------------------------------------------------------------------------
# Opening a material


@login_required
@require_GET
def material(request, number: str, material_id: int):
    """Stream a document or show a certificate's facts; the applicant sees the read logged."""
    require_any_role(request.user, *CASE_STAFF)
    case = selectors.case_for(request.user, number)
    found = get_object_or_404(
        Material.objects.select_related(
            "item__case", "evidence_type", "credential", "document__evidence_type"
        ),
        pk=material_id,
        item__case=case,
    )
    try:
        opened = services.open_material(found, staff=request.user)
    except ValidationError as error:
        raise Http404(number) from error
    if isinstance(opened, HttpResponseBase):
        return opened
    return render(
        request,
        "cases/staff/credential.html",
        {
            "case": case,
            "material": found,
            "credential": opened,
            "masked_id": datahub.masked(opened.holder.identifier),
        },
    )
