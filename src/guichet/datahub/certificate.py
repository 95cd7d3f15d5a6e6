"""A certificate as an A4 PDF: its facts, and the sealed QR code anyone can verify.

Rendered by WeasyPrint from an HTML template whose print stylesheet is inside it (the
renderer fetches nothing: no network, no files). The QR code holds the raw seal ("GC1:…"),
printed below it in small type for people who type it in; the verify address says where.
The font stack covers Chinese and Thai and falls back to the machine's sans-serif font.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import services, signing
from .models import Credential


class FetchRefused(ValueError):
    """The certificate asked for an outside resource; it is rendered without it."""


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict:
    raise FetchRefused(url)


def verify_url() -> str:
    """Where people check a certificate: the platform's public address, as sealed in `iss`."""
    return settings.GUICHET_PUBLIC_BASE_URL.rstrip("/") + reverse("datahub:verify")


def context(credential: Credential) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "credential": credential,
        "type": str(credential.evidence_type),
        "issuer": credential.issuing_department.display_name,
        "holder": credential.holder,
        "holder_id": services.masked(credential.holder.identifier),
        "expired": bool(credential.valid_until and credential.valid_until < today),
        "qr": signing.qr_svg(credential.seal) if credential.seal else "",
        "verify_url": verify_url(),
        "generated": timezone.localtime(),
    }


def render_pdf(request: HttpRequest, credential: Credential) -> bytes:
    """The certificate as an A4 PDF, in the language of the request."""
    from weasyprint import HTML

    page = render_to_string("datahub/certificate_pdf.html", context(credential), request=request)
    return HTML(string=page, url_fetcher=_refuse).write_pdf()
