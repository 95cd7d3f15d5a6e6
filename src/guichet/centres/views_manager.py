"""The centre manager's pages: today live, a day's report, and the staffing planner.

There is no centre-manager role. The window clerks of a centre (they work there and answer
for its 15-minute standard) and city leaders (every centre) may open these pages; anyone
else gets 403. The pages only read: figures from `reports`, the plan from `planning`, what a
plan achieves from `simulation`; the queue and the windows straight from their tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from babel.numbers import format_percent
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import get_language, gettext_lazy, to_locale
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role

from . import planning, reports, services
from .models import Centre, ServiceGroup, Ticket, Window
from .simulation import SimulationResult, WindowSpec, simulate_day

HISTORY_DAYS = 28  # the planner's forecast: the same weekday over the last four weeks
REFRESH_SECONDS = 30  # the live page reloads itself (a Refresh header: no script needed)
SIMULATION_SEED = 2026  # one seed: every staffing is replayed on the same visitors
STANDARD = reports.STANDARD_MINUTES


def may_manage(user, centre: Centre) -> bool:
    """City leaders see every centre; a window clerk sees the centre they work at."""
    if Role.CITY_LEADER in accounts.roles_of(user):
        return True
    return centre.code in accounts.organisation_codes(user, Role.WINDOW_CLERK)


def _managed(request: HttpRequest, code: str) -> Centre:
    centre = services.centre_by_code(code)
    if centre is None:
        raise Http404(code)
    if not may_manage(request.user, centre):
        raise PermissionDenied(_("You do not work at this centre."))
    return centre


def _percent(share: float | None) -> str:
    if share is None:
        return "—"
    locale = to_locale(get_language() or settings.LANGUAGE_CODE)
    return format_percent(share, "#,##0.0%", locale=locale.replace("zh_Hans", "zh_Hans_CN"))


def _row(figures: reports.Figures, label: str) -> dict:
    share = figures.share_within_standard
    return {
        "label": label,
        "figures": figures,
        "share": _percent(share),
        "below": share is not None and share < 0.9,
    }


# ---------------------------------------------------------------------------------------------
# Today, live


def _waiting(centre: Centre, day: date, now: datetime) -> list[dict]:
    """Per group: how many wait now and how long the longest has waited (minutes)."""
    rows = (
        Ticket.objects.filter(centre=centre, day=day, state=Ticket.State.WAITING)
        .values("group")
        .annotate(count=Count("id"), since=Min("arrived_at"))
    )
    groups = ServiceGroup.objects.in_bulk([r["group"] for r in rows])
    found = []
    for row in rows:
        longest = (now - row["since"]).total_seconds() / 60
        found.append(
            {
                "group": groups[row["group"]],
                "count": row["count"],
                "longest": longest,
                "late": longest > STANDARD,
            }
        )
    return sorted(found, key=lambda r: r["group"].code)


def _windows(centre: Centre, day: date, rows: list[reports.Figures]) -> list[dict]:
    """Every window: open or not, its clerk, the visitor it called last, its day so far."""
    current: dict[int, Ticket] = {}
    for ticket in Ticket.objects.filter(
        centre=centre,
        day=day,
        state__in=[Ticket.State.CALLED, Ticket.State.SERVING],
        window__isnull=False,
    ).order_by("called_at", "id"):
        current[ticket.window_id] = ticket  # the latest call of each window wins
    by_number = {row.label: row for row in rows}
    return [
        {
            "window": window,
            "ticket": current.get(window.pk),
            "day": _row(by_number[str(window.number)], str(window.number))
            if str(window.number) in by_number
            else None,
        }
        for window in centre.windows.select_related("clerk")
    ]


@login_required
@require_GET
def today(request: HttpRequest, code: str) -> HttpResponse:
    centre = _managed(request, code)
    now = timezone.now()
    day = timezone.localdate(now)
    figures, window_rows = reports.daily_report(centre, day)
    windows = _windows(centre, day, window_rows)
    waiting = _waiting(centre, day, now)
    response = render(
        request,
        "centres/manager/today.html",
        {
            "centre": centre,
            "page": "today",
            "now": now,
            "day": day,
            "total": _row(figures, centre.display_name),
            "waiting": waiting,
            "waiting_total": sum(row["count"] for row in waiting),
            "windows": windows,
            "open_windows": sum(1 for w in windows if w["window"].is_open),
            "refresh": REFRESH_SECONDS,
            "standard": STANDARD,
        },
    )
    response["Refresh"] = str(REFRESH_SECONDS)
    return response


# ---------------------------------------------------------------------------------------------
# A day's report


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


@login_required
@require_GET
def report(request: HttpRequest, code: str) -> HttpResponse:
    centre = _managed(request, code)
    today = timezone.localdate()
    day = _day(request.GET.get("day"))
    if day is None:
        if request.GET.get("day"):
            messages.error(request, _("Give the day as YYYY-MM-DD."))
        day = today - timedelta(days=1)  # the last full day
    figures, window_rows = reports.daily_report(centre, day)
    total = _row(figures, centre.display_name)
    group_rows = reports.group_report(centre, day)
    names = {
        g.code: g.display_name
        for g in ServiceGroup.objects.filter(code__in=[r.label for r in group_rows])
    }
    return render(
        request,
        "centres/manager/report.html",
        {
            "centre": centre,
            "page": "report",
            "day": day,
            "previous": day - timedelta(days=1),
            "next": day + timedelta(days=1) if day < today else None,
            "total": total,
            "total_rows": [total],
            "windows": [_row(r, r.label) for r in window_rows],
            "groups": [_row(r, names.get(r.label, r.label)) for r in group_rows],
            "standard": STANDARD,
        },
    )


# ---------------------------------------------------------------------------------------------
# The staffing planner


class PlannerForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=gettext_lazy("Weekday"), choices=sorted(WEEKDAYS.items()), coerce=int
    )
    target = forms.FloatField(
        label=gettext_lazy("Share called within 15 minutes"),
        min_value=0.5,
        max_value=0.99,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
        help_text=gettext_lazy("Between 0.5 and 0.99, for example 0.9 for 90 %."),
    )


@dataclass(frozen=True)
class History:
    days: int
    forecast: dict[tuple[int, str], float]
    samples: dict[str, list[float]]


def _history(centre: Centre, weekday: int, today: date) -> History:
    """Arrivals per hour and group on that weekday, and recorded service times, from the
    centre's last four weeks of tickets."""
    tickets = Ticket.objects.filter(
        centre=centre,
        day__gte=today - timedelta(days=HISTORY_DAYS),
        day__lt=today,
        day__iso_week_day=weekday + 1,
    )
    rows = list(tickets.values_list("day", "arrived_at", "group__code"))
    arrivals = [(timezone.localtime(at), group) for _day, at, group in rows]
    served = tickets.filter(started_at__isnull=False, ended_at__isnull=False)
    return History(
        days=len({day for day, _at, _group in rows}),
        forecast=planning.forecast_from_history(arrivals, weekday=weekday),
        samples=planning.service_samples_from_history(
            served.values_list("group__code", "started_at", "ended_at")
        ),
    )


def plan_specs(plan: planning.StaffingPlan) -> list[WindowSpec]:
    """A plan as windows: each group gets as many windows as its busiest hour needs, each open
    in the hours the plan has that many."""
    specs = []
    for group in plan.groups:
        counts = {hour: plan.windows(hour, group) for hour in plan.hours}
        for k in range(max(counts.values(), default=0)):
            hours = frozenset(h for h, n in counts.items() if n > k)
            specs.append(WindowSpec(f"{group}:{k}", frozenset({group}), hours=hours))
    return specs


def centre_specs(centre: Centre) -> list[WindowSpec]:
    """The centre's own windows, every one open all day."""
    quick = frozenset(ServiceGroup.objects.filter(quick=True).values_list("code", flat=True))
    return [
        WindowSpec(
            str(window.number),
            frozenset(g.code for g in window.groups.all()) or None,
            fast_track=window.kind == Window.Kind.FAST_TRACK,
            quick_groups=quick,
        )
        for window in centre.windows.prefetch_related("groups")
    ]


def _outcome(label: str, result: SimulationResult, window_hours: int, expected) -> dict:
    return {
        "label": label,
        "window_hours": window_hours,
        "expected": _percent(expected),
        "share": result.share_called_within,
        "simulated": _percent(result.share_called_within),
        "mean_wait": result.mean_wait,
        "p90_wait": result.p90_wait,
        "left": result.still_waiting_at_close,
    }


def _planner_form(request: HttpRequest) -> tuple[PlannerForm, int, float]:
    tomorrow = (timezone.localdate() + timedelta(days=1)).weekday()
    defaults = {"weekday": tomorrow, "target": 0.9}
    form = PlannerForm({**defaults, **request.GET.dict()} if request.GET else defaults)
    if form.is_valid():
        return form, form.cleaned_data["weekday"], form.cleaned_data["target"]
    return form, form.cleaned_data.get("weekday", tomorrow), form.cleaned_data.get("target", 0.9)


@login_required
@require_GET
def staffing(request: HttpRequest, code: str) -> HttpResponse:
    centre = _managed(request, code)
    form, weekday, target = _planner_form(request)
    history = _history(centre, weekday, timezone.localdate())
    context = {"centre": centre, "page": "staffing", "form": form, "history": history}
    context.update(weekday_name=WEEKDAYS[weekday], standard=STANDARD, days=HISTORY_DAYS)
    capacity = centre.windows.count()
    if history.forecast and capacity:
        context.update(_plan_context(centre, history, target, capacity))
    return render(request, "centres/manager/staffing.html", context)


def _plan_context(centre: Centre, history: History, target: float, capacity: int) -> dict:
    forecast = history.forecast
    codes = sorted({group for _hour, group in forecast})
    groups = ServiceGroup.objects.in_bulk(codes, field_name="code")
    # Recorded times where the history has them, the group's set mean otherwise.
    minutes = {
        code: _mean(history.samples.get(code)) or float(groups[code].mean_service_minutes)
        for code in codes
    }
    draws = {code: history.samples.get(code) or minutes[code] for code in codes}
    plan = planning.plan_day(
        forecast, minutes, target_share=target, target_wait=STANDARD, max_windows=capacity
    )
    even = planning.even_plan(
        capacity,
        codes,
        forecast,
        service_minutes=minutes,
        target_share=target,
        target_wait=STANDARD,
    )
    hours = sorted({hour for hour, _group in forecast})

    def replay(specs: list[WindowSpec]) -> SimulationResult:
        return simulate_day(
            forecast,
            specs,
            draws,
            seed=SIMULATION_SEED,
            open_from=hours[0],
            open_until=hours[-1] + 1,
            target_wait=STANDARD,
        )

    planned, naive, everyone = (
        replay(plan_specs(plan)),
        replay(plan_specs(even)),
        replay(centre_specs(centre)),
    )
    totals = plan.windows_by_hour()
    rows = {(r.hour, r.group): r for r in plan.rows}
    table = [
        {
            "hour": hour,
            "cells": [
                {
                    "windows": rows[hour, code].windows if (hour, code) in rows else 0,
                    "level": _percent(rows[hour, code].expected_service_level)
                    if (hour, code) in rows
                    else "—",
                }
                for code in codes
            ],
            "total": totals.get(hour, 0),
            "arrivals": sum(forecast.get((hour, code), 0.0) for code in codes),
            "planned": _percent(_hour_share(planned, hour)),
            "even": _percent(_hour_share(naive, hour)),
        }
        for hour in hours
    ]
    return {
        "groups": [groups[code] for code in codes],
        "table": table,
        "visitors": sum(forecast.values()),
        "minutes": [(groups[code], minutes[code]) for code in codes],
        "short": plan.short_rows(),
        "capacity": capacity,
        "target": _percent(target),
        "seed": SIMULATION_SEED,
        "outcomes": [
            _outcome(_("Planner's staffing"), planned, plan.window_hours(), plan.expected_share()),
            _outcome(_("Even split"), naive, even.window_hours(), even.expected_share()),
            _outcome(_("Every window open"), everyone, capacity * len(hours), None),
        ],
    }


def _mean(values: list[float] | None) -> float | None:
    return sum(values) / len(values) if values else None


def _hour_share(result: SimulationResult, hour: int) -> float | None:
    breakdown = result.by_hour.get(hour)
    return breakdown.share_called_within if breakdown else None
