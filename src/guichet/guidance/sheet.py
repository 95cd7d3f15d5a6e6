"""The one-page instruction sheet: the outcome as a page and as a printable A4 PDF.

The PDF is the same outcome rendered by WeasyPrint from a compact template and its own print
stylesheet, read from the static files on disk (never over HTTP: the renderer fetches nothing).
A QR code links back to the exact answers, so the sheet can be opened, changed and printed
again. Text is in the page's language; the font stack covers Chinese and Thai, and falls back
to whatever sans-serif font the machine has.
"""

from __future__ import annotations

import html
import os
from functools import lru_cache
from typing import Any

import segno
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.catalog import i18n

from . import selectors
from .engine import Walk
from .models import Flow
from .outcome import Outcome

STYLESHEET = "guidance/sheet.css"


def short_channels() -> dict[str, str]:
    """Where to apply, in the few words a printed table has room for."""
    return {
        "online": _("Online"),
        "any_centre": _("Any centre"),
        "named_centre": _("Named centre"),
        "community": _("Community centre"),
        "kiosk": _("Kiosk"),
        "post": _("Post"),
    }


class FetchRefused(ValueError):
    """The sheet asked for an outside resource; it is rendered without it."""


def answers_url(request: HttpRequest, flow: Flow, walk: Walk, name: str = "guidance:sheet") -> str:
    """The absolute address of this sheet with these answers."""
    query = walk.query()
    path = reverse(name, kwargs={"slug": flow.slug})
    return request.build_absolute_uri(f"{path}?{query}" if query else path)


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code for `url`, labelled for screen readers."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=2, border=2, svgclass="qr-code", lineclass=None, title=label)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


def context(request: HttpRequest, flow: Flow, walk: Walk, outcome: Outcome) -> dict[str, Any]:
    """Everything the page and the PDF show."""
    definition = walk.definition
    url = answers_url(request, flow, walk)
    total, currency = outcome.total_fee
    details = selectors.applicant_details(request.user)
    company = definition.audience == Flow.Audience.COMPANY or "company_name" in details
    fields = [
        ("name", _("Full name")),
        ("id_number", _("Identity document number")),
        ("phone", _("Phone number")),
        ("address", _("Address")),
    ]
    if company:
        fields += [
            ("company_name", _("Company name")),
            ("company_code", _("Unified social credit code")),
        ]
    short = short_channels()
    checklist = outcome.checklist
    number = {entry.code: n for n, entry in enumerate(checklist, 1)}
    rows = [
        (
            item,
            ", ".join(short[c] for c in item.channels),
            ", ".join(str(number[d.code]) for d in item.documents),
        )
        for item in outcome.services
    ]
    return {
        "rows": rows,
        "checklist": checklist,
        "flow": flow,
        "flow_title": i18n.text(definition.title) or flow.slug,
        "walk": walk,
        "outcome": outcome,
        "changes": walk.change_links(),
        "sheet_url": url,
        "pdf_url": answers_url(request, flow, walk, "guidance:sheet_pdf"),
        "qr": qr_svg(url, _("QR code: open this sheet with your answers")),
        "total_fee": total,
        "currency": currency,
        "declaration": [(label, details.get(key, "")) for key, label in fields],
        "is_company": company,
        "generated": timezone.localtime(),
    }


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict:
    raise FetchRefused(url)


@lru_cache(maxsize=4)
def _stylesheet(path: str, modified: float):
    from weasyprint import CSS

    return CSS(filename=path, url_fetcher=_refuse)


def render_pdf(request: HttpRequest, data: dict[str, Any]) -> bytes:
    """The sheet as an A4 PDF, in the language of the request."""
    from weasyprint import HTML

    page = render_to_string("guidance/sheet_pdf.html", data, request=request)
    path = finders.find(STYLESHEET)
    stylesheet = _stylesheet(path, os.path.getmtime(path))
    return HTML(string=page, url_fetcher=_refuse).write_pdf(stylesheets=[stylesheet])
