"""The call centre's pages: the operator's console, e-mail intake and the call-backs.

The console is one form, built for the time of a call. Three panels help while it is filled
in: the caller's earlier requests (by phone), possible duplicates (by category, place and
text) and the knowledge base (standard answers and catalogue services). With htmx each panel
refreshes by itself; without JavaScript a button posts the form to the panel's view, which
shows the whole console again with everything typed kept (files excepted).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guichet.accounts import services as accounts
from guichet.catalog import i18n
from guichet.catalog import search as catalog_search
from guichet.ops.states import InvalidTransition

from . import selectors, services
from .forms import ANSWER, CONSOLE_FIELDS, SAVE, CallbackForm, ConsoleForm, MailForm, put_error
from .models import Category, Feedback, Request
from .views_staff import page, page_of, require

KNOWLEDGE_LIMIT = 5
# Posted fields that are buttons or bookkeeping, not what the operator typed.
_NOT_TYPED = {"csrfmiddlewaretoken", "action", "duplicate_of", "seen"}


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _partial(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _initial(source) -> dict:
    if not isinstance(source, QueryDict):
        return dict(source or {})
    return {
        key: values if len(values) > 1 else values[0]
        for key, values in source.lists()
        if key not in _NOT_TYPED
    }


def _category(source) -> Category | None:
    pk = str((source or {}).get("category") or "")
    return Category.objects.filter(pk=pk, active=True).first() if pk.isdigit() else None


def _float(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if -180 <= number <= 180 else None


def _earlier(phone: str | None):
    """The caller's earlier requests; nothing for a number that cannot be called."""
    normalised = accounts.normalise_phone((phone or "").strip()) if phone else None
    return list(selectors.earlier_requests(normalised)) if normalised else []


def _duplicates(source, category: Category | None) -> list[tuple[Request, float]]:
    source = source or {}
    text = f"{source.get('title', '')} {source.get('description', '')}".strip()
    if category is None or not text:
        return []
    lat, lon = _float(source.get("lat")), _float(source.get("lon"))
    if lat is None or lon is None:
        lat = lon = None
    return services.find_duplicates(
        category=category,
        lat=lat,
        lon=lon,
        text=text,
        address=str(source.get("address", "")),
    )


def _knowledge(query: str | None) -> dict | None:
    query = (query or "").strip()[:200]
    if len(query) < 2:
        return None
    answers = [
        {
            "question": i18n.text(a.question),
            "answer": i18n.text(a.answer),
            "category": a.category,
        }
        for a in selectors.standard_answers(query, limit=KNOWLEDGE_LIMIT)
    ]
    return {
        "query": query,
        "answers": answers,
        "services": catalog_search.search(query, limit=KNOWLEDGE_LIMIT),
    }


def _console_page(
    request: HttpRequest,
    *,
    source=None,
    form: ConsoleForm | None = None,
    duplicates: list | None = None,
    confirm: bool = False,
) -> HttpResponse:
    """The whole console, its panels worked out from what was typed so far."""
    source = source if source is not None else {}
    category = form.category if form is not None else _category(source)
    if form is None:
        form = ConsoleForm(initial=_initial(source), category=category)
    saved = request.GET.get("saved", "")
    context = {
        "form": form,
        "earlier": _earlier(source.get("phone")),
        "phone_given": bool(source.get("phone")),
        "duplicates": duplicates if duplicates is not None else _duplicates(source, category),
        "confirm": confirm,
        "knowledge": _knowledge(source.get("q")),
        "saved": Request.objects.filter(number=saved).first() if saved else None,
        "files_lost": bool(request.FILES),
    }
    return page(request, "hotline/staff/console.html", context)


def _whole_console(request: HttpRequest) -> HttpResponse | None:
    """Without htmx a panel's view shows the whole console, from what the browser sent."""
    if request.method == "GET" and _is_htmx(request):
        return None
    return _console_page(request, source=request.POST if request.method == "POST" else request.GET)


# ---------------------------------------------------------------------------------------------
# The console


def _report(request: HttpRequest, form: ConsoleForm, action: str, parent: Request | None):
    data = form.cleaned_data
    fields = dict(
        channel=Request.Channel.PHONE,
        kind=data["kind"],
        title=data["title"],
        description=data["description"],
        category=data["category"],
        address=data["address"],
        lat=data["lat"],
        lon=data["lon"],
        name=data["name"],
        phone=data["phone"],
        anonymous=data["anonymous"],
        company_code=data["company_code"],
        company_name=data["company_name"],
        industry=data["industry"],
        desk=data["desk"],
        urgency=data["urgency"],
        attributes=form.answers(),
        files=data["files"],
        taken_by=request.user,
    )
    if action == ANSWER:
        return services.report_answered(answer=data["answer"], **fields)
    return services.report(**fields, duplicate_of=parent)


def _saved_message(created: Request, action: str, parent: Request | None) -> str:
    number = {"number": created.number}
    if action == ANSWER:
        return _("Request %(number)s is closed as answered on the call.") % number
    if parent is not None:
        return _("Request %(number)s is saved and follows request %(parent)s.") % {
            **number,
            "parent": parent.number,
        }
    handlers = [o.department_code or str(o.worker) for o in created.orders.all()]
    if handlers:
        return _("Request %(number)s is saved and sent to %(to)s.") % {
            **number,
            "to": ", ".join(handlers),
        }
    return _("Request %(number)s is saved; a dispatcher will send it on.") % number


def _save(request: HttpRequest) -> HttpResponse:
    source = request.POST
    action = source.get("action") or SAVE
    form = ConsoleForm(source, request.FILES, category=_category(source))
    if not form.is_valid():
        return _console_page(request, source=source, form=form)
    parent = None
    parent_number = source.get("duplicate_of", "").strip()
    if parent_number:
        try:
            parent = selectors.request_for(request.user, parent_number)
        except Http404:
            form.add_error(None, _("There is no request with this number."))
            return _console_page(request, source=source, form=form)
    elif action == SAVE:
        found = _duplicates(source, form.cleaned_data["category"])
        if found and not {r.number for r, _score in found} <= set(source.getlist("seen")):
            return _console_page(request, source=source, form=form, duplicates=found, confirm=True)
    try:
        created = _report(request, form, action, parent)
    except ValidationError as error:
        put_error(form, error, CONSOLE_FIELDS)
        return _console_page(request, source=source, form=form)
    except InvalidTransition:
        form.add_error(None, _("That request is closed meanwhile: save this one as new."))
        return _console_page(request, source=source, form=form)
    messages.success(request, _saved_message(created, action, parent))
    return redirect(f"{reverse('hotline:console')}?saved={created.number}")


@login_required
@require_http_methods(["GET", "POST"])
def console(request: HttpRequest) -> HttpResponse:
    require(request, "console")
    if request.method == "POST":
        return _save(request)
    return _console_page(request, source=request.GET)


@login_required
@require_http_methods(["GET", "POST"])
def caller(request: HttpRequest) -> HttpResponse:
    """The caller's earlier requests, as the phone number is typed."""
    require(request, "console")
    whole = _whole_console(request)
    if whole is not None:
        return whole
    phone = request.GET.get("phone", "")
    context = {"earlier": _earlier(phone), "phone_given": bool(phone)}
    return _partial(request, "hotline/staff/_caller.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def duplicates(request: HttpRequest) -> HttpResponse:
    """Open requests that look like this one, to link instead of sending it twice."""
    require(request, "console")
    whole = _whole_console(request)
    if whole is not None:
        return whole
    category = _category(request.GET)
    context = {"duplicates": _duplicates(request.GET, category), "confirm": False}
    if request.headers.get("HX-Trigger-Name") == "category":
        # The category's own questions come along, swapped in out of band.
        context["form"] = ConsoleForm(initial=_initial(request.GET), category=category)
        context["oob"] = True
    return _partial(request, "hotline/staff/_duplicates.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def knowledge(request: HttpRequest) -> HttpResponse:
    """Standard answers and catalogue services, to answer a question during the call."""
    require(request, "console")
    whole = _whole_console(request)
    if whole is not None:
        return whole
    context = {"knowledge": _knowledge(request.GET.get("q"))}
    return _partial(request, "hotline/staff/_knowledge.html", context)


# ---------------------------------------------------------------------------------------------
# E-mail intake


@login_required
@require_http_methods(["GET", "POST"])
def mail_upload(request: HttpRequest) -> HttpResponse:
    """An e-mail the hotline's mailbox received, turned into a request with its attachments."""
    require(request, "mail")
    form = MailForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            from . import mail
        except ImportError:
            form.add_error(None, _("E-mail intake is not available on this platform yet."))
        else:
            try:
                created = mail.intake_eml(
                    form.cleaned_data["message"].read(), taken_by=request.user
                )
            except ValidationError as error:
                put_error(form, error, {})
            except mail.UnreadableMail:
                form.add_error(
                    "message", _("This file is not an e-mail we can read: no sender or no text.")
                )
            else:
                messages.success(
                    request,
                    _("Request %(number)s is created from the e-mail.")
                    % {"number": created.number},
                )
                return redirect("hotline:request", number=created.number)
    return page(request, "hotline/staff/mail_upload.html", {"form": form})


# ---------------------------------------------------------------------------------------------
# Call-backs


def _after_feedback(found: Request, feedback: Feedback) -> str:
    number = {"number": found.number}
    if feedback.happy:
        return _("Request %(number)s is closed: the reporter is satisfied.") % number
    found.refresh_from_db(fields=["state"])
    if found.state == Request.State.ESCALATED:
        return _("Request %(number)s goes to a supervisor: the reporter is still unhappy.") % number
    return _("Request %(number)s is open again and back with its handlers.") % number


def _record_callback(request: HttpRequest) -> CallbackForm | None:
    """Record the answer; the form back when it must be shown again, None when done."""
    try:
        found = selectors.request_for(request.user, request.POST.get("number", ""))
    except Http404:
        messages.error(request, _("There is no request with this number."))
        return None
    form = CallbackForm(request.POST, request=found)
    if not form.is_valid():
        return form
    data = form.cleaned_data
    try:
        feedback = services.record_feedback(
            found,
            rating=data["rating"],
            resolved=data["resolved"],
            comment=data["comment"],
            useful=data.get("useful"),
            how=Feedback.How.CALL,
            by=request.user,
        )
    except ValidationError as error:
        put_error(form, error, {"invalid-rating": "rating"})
        return form
    except InvalidTransition:
        form.add_error(None, _("This request has changed meanwhile: reload the page."))
        return form
    messages.success(request, _after_feedback(found, feedback))
    return None


@login_required
@require_http_methods(["GET", "POST"])
def callbacks(request: HttpRequest) -> HttpResponse:
    """Replied requests whose reporter is called back for their opinion."""
    require(request, "callbacks")
    bound = None
    if request.method == "POST":
        bound = _record_callback(request)
        if bound is None:
            return redirect(request.get_full_path())
    listed = page_of(request, selectors.awaiting_callback())
    rows = []
    for found in listed.object_list:
        form = bound if bound is not None and bound.request.pk == found.pk else None
        rows.append(
            (
                found,
                selectors.reporter_identity(found, request.user),
                form or CallbackForm(request=found),
            )
        )
    if bound is not None and all(row[0].pk != bound.request.pk for row in rows):
        found = bound.request
        rows.insert(0, (found, selectors.reporter_identity(found, request.user), bound))
    context = {"page": listed, "rows": rows, "has_errors": bound is not None}
    return page(request, "hotline/staff/callbacks.html", context)
