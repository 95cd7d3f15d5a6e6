"""The funnel's pages: a question at a time, the outcome as a sheet, the sheet as a PDF.

The answers live in the query string; every page is a GET that can be bookmarked and shared.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from guichet.catalog import i18n

from . import engine, outcome, selectors, sheet
from .models import Flow


def _flow(slug: str) -> Flow:
    flow = selectors.published_flow(slug)
    if flow is None:
        raise Http404(_("There is no guide with this name."))
    return flow


def _walk(request: HttpRequest, flow: Flow) -> engine.Walk:
    return engine.walk(flow.compiled(), request.GET, selectors.applicant_facts(request.user))


def _to(name: str, flow: Flow, query: str) -> str:
    url = reverse(name, kwargs={"slug": flow.slug})
    return f"{url}?{query}" if query else url


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    flows = [(f, f.display_title, i18n.text(f.intro)) for f in selectors.published_flows()]
    return render(request, "guidance/index.html", {"flows": flows})


@require_GET
def question(request: HttpRequest, slug: str) -> HttpResponse:
    flow = _flow(slug)
    walk = _walk(request, flow)
    if walk.finished:
        for error in walk.errors:
            messages.warning(request, error)
        return redirect(_to("guidance:sheet", flow, walk.query()))
    current = walk.question
    context = {
        "flow": flow,
        "flow_title": i18n.text(walk.definition.title) or flow.slug,
        "intro": i18n.text(walk.definition.intro),
        "walk": walk,
        "question": current,
        "text": current.display,
        "hint": i18n.text(current.hint),
        "unit": i18n.text(current.unit),
        "hidden": walk.pairs(),
        "changes": walk.change_links(),
        "start_url": reverse("guidance:flow", kwargs={"slug": flow.slug}),
    }
    return render(request, "guidance/question.html", context)


def _finished(request: HttpRequest, flow: Flow) -> tuple[engine.Walk | None, HttpResponse | None]:
    walk = _walk(request, flow)
    if not walk.finished or walk.errors:
        return None, redirect(_to("guidance:flow", flow, request.GET.urlencode()))
    return walk, None


@require_GET
def sheet_page(request: HttpRequest, slug: str) -> HttpResponse:
    flow = _flow(slug)
    walk, elsewhere = _finished(request, flow)
    if elsewhere:
        return elsewhere
    result = outcome.build(walk.definition, walk.context)
    return render(request, "guidance/sheet.html", sheet.context(request, flow, walk, result))


@require_GET
def sheet_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    flow = _flow(slug)
    walk, elsewhere = _finished(request, flow)
    if elsewhere:
        return elsewhere
    result = outcome.build(walk.definition, walk.context)
    pdf = sheet.render_pdf(request, sheet.context(request, flow, walk, result))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{flow.slug}-sheet.pdf"'
    return response
