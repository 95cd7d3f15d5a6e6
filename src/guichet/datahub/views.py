"""Pages of the data hub: my documents and certificates, who used my data, verification.

A holder (or a representative of a holder company) sees their own records; anyone else gets
the 404 a missing record gets. `/verify` and the key set are public.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from guichet.accounts.auth import PublicWriteThrottle
from guichet.catalog import selectors as catalog

from . import certificate, services, signing
from .models import Party

PER_PAGE = 25
# The page shares the public API's budget: one address, one budget, whichever door it uses.
_VERIFICATIONS = PublicWriteThrottle()


def _parties(request: HttpRequest) -> list[Party]:
    return services.parties_of(request.user)


# ---------------------------------------------------------------------------------------------
# My documents and certificates


@login_required
@require_GET
def documents(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    sections = [
        {
            "party": party,
            "masked": services.masked(party.identifier),
            "credentials": services.credentials_of(party),
            "documents": services.documents_of(party),
        }
        for party in _parties(request)
    ]
    return render(
        request,
        "datahub/documents.html",
        {"sections": sections, "today": today, "linked": services.person_of(request.user)},
    )


@login_required
@require_GET
def document_file(request: HttpRequest, pk: int) -> HttpResponse:
    document = services.document_by_id(pk)
    if document is None or not services.may_act_for(request.user, document.holder):
        raise Http404(pk)
    return services.owner_document_response(document)


@login_required
@require_GET
def certificate_pdf(request: HttpRequest, number: str) -> HttpResponse:
    credential = services.credential_by_number(number)
    if credential is None or not services.may_act_for(request.user, credential.holder):
        raise Http404(number)
    response = HttpResponse(
        certificate.render_pdf(request, credential), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{credential.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------------
# Who used my data


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    sections = []
    for party in _parties(request):
        # Each party pages on its own, so one long list never hides another's.
        key = "page" if not party.is_company else f"page-{party.pk}"
        page = Paginator(services.accesses_to(party), PER_PAGE).get_page(request.GET.get(key))
        sections.append(
            {
                "party": party,
                "masked": services.masked(party.identifier),
                "page": page,
                "key": key,
                "query": {k: v for k, v in request.GET.items() if k != key},
            }
        )
    _name_the_data([a for section in sections for a in section["page"].object_list])
    return render(
        request,
        "datahub/my_data.html",
        {"sections": sections, "linked": services.person_of(request.user)},
    )


def _name_the_data(accesses: list) -> None:
    """Give each access a `what` the holder reads ("Certificate: …"), not its stored code."""
    codes = {a.data_kind.partition(":")[2] for a in accesses if ":" in a.data_kind}
    names = {e.code: str(e) for e in catalog.evidence_types().filter(code__in=codes)}
    kinds = {"credential": _("Certificate: %(name)s"), "document": _("Document: %(name)s")}
    for access in accesses:
        kind, _sep, code = access.data_kind.partition(":")
        if kind in kinds and code:
            access.what = kinds[kind] % {"name": names.get(code, code)}
        elif kind == "record":
            access.what = _("Registered details (name, number, address)")
        else:
            access.what = access.data_kind
        access.why = PURPOSES.get(access.purpose, access.purpose)


# Purposes are stored as codes and read in the holder's language.
PURPOSES = {
    "acceptance": _("Checking the documents of the application"),
    "review": _("Reviewing the application"),
}


# ---------------------------------------------------------------------------------------------
# Verification (public)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        help_text=_(
            "Scan the QR code on the certificate with any QR reader and paste the text it "
            "shows (it starts with GC1:), or type the code printed under the QR code."
        ),
        max_length=5000,  # a QR code holds at most 4,296 characters
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": _("Paste the certificate's code.")},
    )


def _clean_code(text: str) -> str:
    # A code copied from print may be broken over lines; spaces are part of the alphabet.
    return "".join(text.splitlines()).strip()


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    result = None
    if request.method == "POST":
        form = VerifyForm(request.POST)
        if not _VERIFICATIONS.allow_request(request):
            form.is_valid()
            form.add_error(None, _("Too many checks from this address. Try again later."))
            return render(request, "datahub/verify.html", {"form": form}, status=429)
        if form.is_valid():
            result = services.verify(_clean_code(form.cleaned_data["code"]))
    elif request.GET.get("code"):
        form = VerifyForm(request.GET)
        if form.is_valid():
            result = services.verify(_clean_code(form.cleaned_data["code"]))
    else:
        form = VerifyForm()
    genuine = result is not None and result.credential is not None
    facts = None
    if genuine:
        credential = result.credential
        facts = {
            "type": str(credential.evidence_type),
            "number": credential.number,
            "issuer": credential.issuing_department.display_name,
            "holder": credential.holder.name,
            "holder_id": services.masked(credential.holder.identifier),
            "issued_on": credential.issued_on,
            "valid_until": credential.valid_until,
            "status_reason": credential.status_reason,
        }
    return render(
        request,
        "datahub/verify.html",
        {"form": form, "result": result, "facts": facts},
    )


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    """The platform's public keys, for anyone who checks seals offline."""
    response = JsonResponse(signing.public_keys_jwks())
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response
