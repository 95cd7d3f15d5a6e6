"""The 15-minute standard, measured: a day's report per centre and per window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .models import Centre, ServiceGroup, Ticket

STANDARD_MINUTES = 15


def _p90(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    # Nearest-rank percentile: the value 90 % of visitors did not exceed.
    return ordered[max(0, -(-len(ordered) * 9 // 10) - 1)]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class Figures:
    label: str
    visitors: int
    called: int
    within_standard: int
    mean_wait: float | None
    p90_wait: float | None
    mean_service: float | None
    p90_service: float | None
    missed: int

    @property
    def share_within_standard(self) -> float | None:
        return self.within_standard / self.called if self.called else None


def _figures(label: str, tickets: list[Ticket]) -> Figures:
    waits = [(t.called_at - t.arrived_at).total_seconds() / 60 for t in tickets if t.called_at]
    services = [
        (t.ended_at - t.started_at).total_seconds() / 60
        for t in tickets
        if t.started_at and t.ended_at
    ]
    return Figures(
        label=label,
        visitors=len(tickets),
        called=len(waits),
        within_standard=sum(1 for w in waits if w <= STANDARD_MINUTES),
        mean_wait=_mean(waits),
        p90_wait=_p90(waits),
        mean_service=_mean(services),
        p90_service=_p90(services),
        missed=sum(1 for t in tickets if t.state == Ticket.State.MISSED),
    )


def daily_report(centre: Centre, day: date) -> tuple[Figures, list[Figures]]:
    """The centre's day in figures, then one row per window that called anyone."""
    tickets = list(
        Ticket.objects.filter(centre=centre, day=day).select_related("window").order_by("id")
    )
    by_window: dict[int, list[Ticket]] = {}
    for ticket in tickets:
        if ticket.window is not None:
            by_window.setdefault(ticket.window.number, []).append(ticket)
    rows = [_figures(str(number), group) for number, group in sorted(by_window.items())]
    return _figures(centre.code, tickets), rows


def group_report(centre: Centre, day: date) -> list[Figures]:
    """The same day, one row per service group (labelled with the group's code)."""
    by_group: dict[int, list[Ticket]] = {}
    for ticket in Ticket.objects.filter(centre=centre, day=day).order_by("id"):
        by_group.setdefault(ticket.group_id, []).append(ticket)
    # The codes apart: joining the groups would decode their service lists on every row.
    codes = dict(ServiceGroup.objects.filter(pk__in=by_group).values_list("pk", "code"))
    return sorted(
        (_figures(codes[pk], tickets) for pk, tickets in by_group.items()), key=lambda f: f.label
    )
