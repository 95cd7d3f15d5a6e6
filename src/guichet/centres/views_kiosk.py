"""Public pages of a centre: the self-service kiosk and the call board.

The kiosk is not logged in and keeps nothing about the visitor: no session, no stored
page (`Cache-Control: no-store`), no form value the browser would offer the next person,
and a small script brings it back to its start after a while without a touch. A ticket or
a drop-off receipt is reached through a signed, short-lived link instead of a session.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from guichet.accounts.auth import budget_wait, spend_budget
from guichet.cases import selectors as cases
from guichet.ops.middleware import client_ip

from . import dropbox, queue, services
from .forms import CheckInForm, DropOffForm, StatusForm, TakeTicketForm, groups_served
from .models import Centre, DropOff, Ticket

_TICKET_SALT = "guichet.centres.kiosk.ticket"
_RECEIPT_SALT = "guichet.centres.kiosk.drop-off"
# A receipt link works long enough to print it, not for the next visitor.
RECEIPT_SECONDS = 15 * 60
TICKET_SECONDS = 24 * 3600
# The browser's speech voices are named by BCP 47 tags.
SPEECH_LANGUAGES = {"zh-hans": "zh-CN", "en": "en-GB", "fr": "fr-FR", "th": "th-TH"}


def idle_seconds() -> int:
    return settings.GUICHET_KIOSK_IDLE_SECONDS


def _centre(code: str) -> Centre:
    centre = services.centre_by_code(code)
    if centre is None:
        raise Http404(code)
    return centre


def _speak_centre_language(request: HttpRequest, centre: Centre) -> None:
    """A kiosk or board speaks the centre's language until a visitor chooses another."""
    if not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        translation.activate(centre.language)
        request.LANGUAGE_CODE = translation.get_language()


def _page(request, centre: Centre, template: str, context: dict | None = None, **kwargs):
    context = {
        "centre": centre,
        "idle_seconds": idle_seconds(),
        "restart_url": reverse("kiosk:restart", args=[centre.code]),
        "start_url": reverse("kiosk:start", args=[centre.code]),
        "idle": True,
        **(context or {}),
    }
    return render(request, template, context, **kwargs)


# --- A budget for lookups by number and identity number ---------------------------------------


def _failures_key(request) -> str:
    return f"kiosk-lookup:{client_ip(request) or '-'}"


def _out_of_budget(request) -> bool:
    """Wrong pairs are counted per address, so nobody tries identity numbers one by one."""
    return budget_wait(_failures_key(request), settings.GUICHET_KIOSK_LOOKUP_RATE) is not None


def _count_failure(request) -> None:
    spend_budget(_failures_key(request), settings.GUICHET_KIOSK_LOOKUP_RATE)


def _too_many(form) -> None:
    form.add_error(None, _("Too many attempts from this kiosk. Ask at the reception desk."))


# --- Start ----------------------------------------------------------------------------------


@never_cache
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The kiosk start page of the platform: the centres' kiosks and the general actions."""
    return render(request, "centres/kiosk_index.html", {"centres": services.centres()})


@never_cache
@require_GET
def start(request: HttpRequest, code: str) -> HttpResponse:
    centre = _centre(code)
    _speak_centre_language(request, centre)
    now = timezone.now()
    today = timezone.localdate(now)
    context = {
        "open_now": services.is_open_at(centre, now),
        "today": [
            (timezone.localtime(a), timezone.localtime(b)) for a, b in services.spans(centre, today)
        ],
        # The start page needs no return unless a visitor left a language behind.
        "idle": bool(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)),
    }
    return _page(request, centre, "centres/kiosk_start.html", context)


@never_cache
@require_GET
def restart(request: HttpRequest, code: str) -> HttpResponse:
    """Forget the visitor: back to the start, in the centre's language."""
    centre = _centre(code)
    response = redirect("kiosk:start", code=centre.code)
    response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


# --- Tickets --------------------------------------------------------------------------------


def _ticket_link(ticket: Ticket) -> str:
    token = signing.dumps(ticket.pk, salt=_TICKET_SALT)
    return reverse("kiosk:ticket", args=[ticket.centre.code, token])


def _closed(form, centre: Centre) -> bool:
    if services.is_open_at(centre, timezone.now()):
        return False
    form.add_error(None, _("The centre is closed now. Come back during opening hours."))
    return True


@never_cache
@require_http_methods(["GET", "POST"])
def take_ticket(request: HttpRequest, code: str) -> HttpResponse:
    centre = _centre(code)
    _speak_centre_language(request, centre)
    form = TakeTicketForm(request.POST or None, groups=groups_served(centre))
    if request.method == "POST" and form.is_valid() and not _closed(form, centre):
        try:
            ticket = queue.take_ticket(
                centre, group=form.chosen_group(), priority=form.cleaned_data["priority"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect(_ticket_link(ticket))
    return _page(request, centre, "centres/kiosk_take.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, code: str) -> HttpResponse:
    centre = _centre(code)
    _speak_centre_language(request, centre)
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _closed(form, centre):
        try:
            ticket = queue.check_in(centre, code=form.cleaned_data["code"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("code", message)
        else:
            return redirect(_ticket_link(ticket))
    return _page(request, centre, "centres/kiosk_check_in.html", {"form": form})


@never_cache
@require_GET
def ticket(request: HttpRequest, code: str, token: str) -> HttpResponse:
    centre = _centre(code)
    _speak_centre_language(request, centre)
    try:
        pk = signing.loads(token, salt=_TICKET_SALT, max_age=TICKET_SECONDS)
    except signing.BadSignature as error:
        raise Http404(token) from error
    found = (
        Ticket.objects.select_related("group", "appointment", "window", "centre")
        .filter(pk=pk, centre=centre)
        .first()
    )
    if found is None:
        raise Http404(token)
    context = {
        "ticket": found,
        "wait": queue.estimate(found) if found.state == Ticket.State.WAITING else None,
        "priority": found.get_priority_display() if found.priority else "",
    }
    return _page(request, centre, "centres/kiosk_ticket.html", context)


# --- Status and the drop box ------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest, code: str) -> HttpResponse:
    centre = _centre(code)
    _speak_centre_language(request, centre)
    form = StatusForm(request.POST or None)
    found, http_status = None, 200
    if request.method == "POST" and form.is_valid():
        if _out_of_budget(request):
            _too_many(form)
            http_status = 429
        else:
            found = cases.status_for_kiosk(
                form.cleaned_data["number"], form.cleaned_data["identifier"]
            )
            if found is None:
                _count_failure(request)
                form.add_error(None, _("No application matches this number and identity number."))
            else:
                form = StatusForm()  # the numbers are not left on the screen
    return _page(
        request,
        centre,
        "centres/kiosk_status.html",
        {"form": form, "found": found},
        status=http_status,
    )


def _receipt_link(drop_off: DropOff) -> str:
    token = signing.dumps(drop_off.pk, salt=_RECEIPT_SALT)
    return reverse("kiosk:drop_box_receipt", args=[drop_off.centre.code, token])


@never_cache
@require_http_methods(["GET", "POST"])
def drop_box(request: HttpRequest, code: str) -> HttpResponse:
    """Open day and night: documents for an application, with a receipt to keep."""
    centre = _centre(code)
    _speak_centre_language(request, centre)
    form = DropOffForm(request.POST or None)
    http_status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _out_of_budget(request):
            _too_many(form)
            http_status = 429
        else:
            try:
                drop_off = dropbox.deposit(
                    centre,
                    case_number=data["number"],
                    identifier=data["identifier"],
                    envelopes=data["envelopes"],
                    note=data["note"],
                )
            except ValidationError as error:
                if error.code == "not-found":
                    _count_failure(request)
                for message in error.messages:
                    form.add_error(None, message)
            else:
                return redirect(_receipt_link(drop_off))
    return _page(request, centre, "centres/kiosk_drop_box.html", {"form": form}, status=http_status)


@never_cache
@require_GET
def drop_box_receipt(request: HttpRequest, code: str, token: str) -> HttpResponse:
    centre = _centre(code)
    _speak_centre_language(request, centre)
    try:
        pk = signing.loads(token, salt=_RECEIPT_SALT, max_age=RECEIPT_SECONDS)
    except signing.BadSignature as error:
        raise Http404(token) from error
    drop_off = DropOff.objects.filter(pk=pk, centre=centre).first()
    if drop_off is None:
        raise Http404(token)
    return _page(request, centre, "centres/kiosk_drop_box_receipt.html", {"drop_off": drop_off})


# --- The call board ---------------------------------------------------------------------------


@never_cache
@require_GET
def board(request: HttpRequest, code: str) -> HttpResponse:
    centre = _centre(code)
    _speak_centre_language(request, centre)
    state = _board_state(centre)
    return render(
        request,
        "centres/board.html",
        {"centre": centre, "state": state, "poll_seconds": _poll_seconds()},
    )


@never_cache
@require_GET
def board_json(request: HttpRequest, code: str) -> JsonResponse:
    return JsonResponse(_board_state(_centre(code)))


def _poll_seconds() -> float:
    return settings.GUICHET_BOARD_POLL_SECONDS


def _board_state(centre: Centre) -> dict:
    """The queue's board with what the screen says: group names, and each call as a sentence
    spoken in the centre's language."""
    state = queue.board(centre)
    with translation.override(centre.language):
        names = {group.code: group.display_name for group in groups_served(centre)}
        for call in state["called"]:
            call["say"] = _("Ticket %(number)s, please go to window %(window)s.") % {
                "number": " ".join(call["number"]),  # spelled out: "A 0 0 1"
                "window": call["window"],
            }
    return {
        **state,
        "queues": [
            {"group": group, "name": names.get(group, group), "count": count}
            for group, count in sorted(state["waiting"].items())
        ],
        "language": centre.language,
        "speech_language": SPEECH_LANGUAGES.get(centre.language, centre.language),
    }
