"""A discrete-event simulation of one centre-day: what a staffing plan actually achieves.

Visitors arrive as a Poisson process whose rate changes by the hour (the forecast): within an
hour the gaps are exponential, and because the process is memoryless each hour can start
afresh. Each visitor has a group, may hold an appointment (they arrive a few minutes before
their slot) and may be a priority visitor; their service time is drawn when they arrive, from
the group's recorded times (bootstrap) or from an exponential with the group's mean. Windows
call visitors with ``call_rules.choose_next``, the rule the real queue uses.

Times are minutes since midnight. All randomness comes from one ``random.Random(seed)`` and is
drawn before the first visitor is called, in the same amount whatever the staffing: the same
seed gives the same visitors to every plan, so plans are compared on the same day.

At closing time the doors shut (the forecast's later hours are ignored) and the windows open in
the last hour keep calling until the hall is empty, as ticket holders are served; the result
says how many were still waiting at closing time.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from guichet.centres.call_rules import choose_next, qualified

__all__ = ["Breakdown", "SimulationResult", "Visit", "WindowSpec", "simulate_day"]

# Appointment holders arrive this many minutes before their slot, uniformly.
EARLY_ARRIVAL = (2.0, 10.0)

_DONE, _TICK, _ARRIVE, _CLOSE = 0, 1, 2, 3  # same-instant order: a freed window calls first


@dataclass(frozen=True, slots=True)
class WindowSpec:
    """A window; several specs may share a ``window_id`` to change its qualification by hour.

    ``groups=None`` serves every group; ``hours`` are the clock hours it calls visitors in
    (None: all opening hours). Busy is tracked per ``window_id``, so one clerk serves one
    visitor at a time across the specs.
    """

    window_id: str
    groups: frozenset[str] | None = None
    fast_track: bool = False
    quick_groups: frozenset[str] = frozenset()
    hours: frozenset[int] | None = None


@dataclass(frozen=True, slots=True)
class _Visitor:
    key: int
    group: str
    arrived_at: float
    priority: bool
    slot_start: float | None
    slot_end: float | None
    service: float


@dataclass(frozen=True, slots=True)
class Visit:
    """One visitor's day; ``called_at`` is None when no window qualified for them was open."""

    key: int
    group: str
    arrived_at: float
    priority: bool
    appointment: bool
    service_minutes: float
    called_at: float | None
    window_id: str | None

    @property
    def wait(self) -> float | None:
        return None if self.called_at is None else self.called_at - self.arrived_at


@dataclass(frozen=True, slots=True)
class Breakdown:
    visitors: int
    share_called_within: float  # the never-called count as late
    mean_wait: float  # minutes, over the called
    p90_wait: float
    mean_service: float
    p90_service: float


@dataclass(frozen=True)
class SimulationResult:
    seed: int
    target_wait: float
    visitors: int
    share_called_within: float
    mean_wait: float
    p90_wait: float
    mean_service: float
    p90_service: float
    still_waiting_at_close: int
    never_called: int
    by_group: dict[str, Breakdown]
    by_hour: dict[int, Breakdown]  # by hour of arrival
    visits: tuple[Visit, ...] = field(repr=False)


def _p90(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]  # nearest rank


def _breakdown(visits: Sequence[Visit], target_wait: float) -> Breakdown:
    waits = [v.wait for v in visits if v.wait is not None]
    services = [v.service_minutes for v in visits if v.called_at is not None]
    within = sum(1 for w in waits if w <= target_wait)
    return Breakdown(
        visitors=len(visits),
        share_called_within=within / len(visits) if visits else 1.0,
        mean_wait=sum(waits) / len(waits) if waits else 0.0,
        p90_wait=_p90(waits),
        mean_service=sum(services) / len(services) if services else 0.0,
        p90_service=_p90(services),
    )


def _arrivals(
    forecast: Mapping[tuple[int, str], float], rng: random.Random, open_from: int, open_until: int
) -> list[tuple[float, str]]:
    times = []
    groups = sorted({group for _hour, group in forecast})
    for hour in range(open_from, open_until):
        for group in groups:
            rate = forecast.get((hour, group), 0.0) / 60  # per minute
            if rate <= 0:
                continue
            moment, end = hour * 60.0, (hour + 1) * 60.0
            while (moment := moment + rng.expovariate(rate)) < end:
                times.append((moment, group))
    times.sort()
    return times


def _draw_service(sample: float | Sequence[float], rng: random.Random) -> float:
    if isinstance(sample, int | float):
        return rng.expovariate(1.0 / sample)
    return rng.choice(sample)


def _visitors(
    forecast: Mapping[tuple[int, str], float],
    service: Mapping[str, float | Sequence[float]],
    rng: random.Random,
    *,
    appointment_share: float,
    priority_share: float,
    slot_minutes: float,
    open_from: int,
    open_until: int,
) -> list[_Visitor]:
    visitors = []
    for key, (moment, group) in enumerate(_arrivals(forecast, rng, open_from, open_until)):
        # Four draws per visitor whatever the shares, so changing a share changes no one else.
        is_priority = rng.random() < priority_share
        has_appointment = rng.random() < appointment_share
        lead = rng.uniform(*EARLY_ARRIVAL)
        minutes = _draw_service(service[group], rng)
        slot_start = moment + lead if has_appointment else None
        slot_end = slot_start + slot_minutes if slot_start is not None else None
        visitors.append(_Visitor(key, group, moment, is_priority, slot_start, slot_end, minutes))
    return visitors


def _specialisation(spec: WindowSpec) -> float:
    served = spec.groups
    if spec.fast_track:
        served = spec.quick_groups if served is None else served & spec.quick_groups
    return math.inf if served is None else len(served)


def simulate_day(
    forecast: Mapping[tuple[int, str], float],
    windows: Sequence[WindowSpec],
    service: Mapping[str, float | Sequence[float]],
    *,
    seed: int,
    appointment_share: float = 0.0,
    priority_share: float = 0.0,
    open_from: int = 8,
    open_until: int = 17,
    target_wait: float = 15,
    slot_minutes: float = 15,
) -> SimulationResult:
    """Replay one day: ``forecast`` is mean arrivals per (hour, group), ``service`` per group
    either a mean in minutes (exponential) or recorded minutes to draw from.
    """
    if not open_from < open_until:
        raise ValueError("open_from must be before open_until")
    rng = random.Random(seed)  # noqa: S311 - a reproducible simulation, not a secret
    people = _visitors(
        forecast,
        service,
        rng,
        appointment_share=appointment_share,
        priority_share=priority_share,
        slot_minutes=slot_minutes,
        open_from=open_from,
        open_until=open_until,
    )
    close = open_until * 60.0
    # When several windows are free, the most specialised calls first: its clerk has nobody
    # else to call, while a generalist left free can take the next visitor of any group.
    order = sorted(range(len(windows)), key=lambda i: (_specialisation(windows[i]), i))
    specs = [windows[i] for i in order]
    groups = sorted({v.group for v in people} | {g for _h, g in forecast})
    serves = [[g for g in groups if qualified(spec, g)] for spec in specs]

    events: list[tuple[float, int, int]] = []
    for visitor in people:
        heapq.heappush(events, (visitor.arrived_at, _ARRIVE, visitor.key))
    for hour in range(open_from, open_until):
        heapq.heappush(events, (hour * 60.0, _TICK, hour))
    heapq.heappush(events, (close, _CLOSE, 0))

    ids = sorted({spec.window_id for spec in windows})
    id_of = {window_id: n for n, window_id in enumerate(ids)}
    waiting: dict[str, list[_Visitor]] = defaultdict(list)  # per group, in arrival order
    busy: dict[str, bool] = defaultdict(bool)
    called: dict[int, tuple[float, str]] = {}
    still_waiting_at_close = 0

    def is_open(spec: WindowSpec, now: float) -> bool:
        if now < open_from * 60:
            return False
        hour = min(int(now // 60), open_until - 1)  # after closing: the last hour's windows
        return spec.hours is None or hour in spec.hours

    def dispatch(now: float) -> None:
        for spec, its_groups in zip(specs, serves, strict=True):
            if busy[spec.window_id] or not is_open(spec, now):
                continue
            pool = [v for g in its_groups for v in waiting[g]]
            chosen = choose_next(pool, spec, now)
            if chosen is None:
                continue
            waiting[chosen.group].remove(chosen)
            busy[spec.window_id] = True
            called[chosen.key] = (now, spec.window_id)
            heapq.heappush(events, (now + chosen.service, _DONE, id_of[spec.window_id]))

    while events:
        now, kind, payload = heapq.heappop(events)
        if kind == _ARRIVE:
            visitor = people[payload]
            waiting[visitor.group].append(visitor)
        elif kind == _DONE:
            busy[ids[payload]] = False
        elif kind == _CLOSE:
            still_waiting_at_close = sum(len(queue) for queue in waiting.values())
        if any(waiting.values()):
            dispatch(now)

    visits = tuple(
        Visit(
            key=v.key,
            group=v.group,
            arrived_at=v.arrived_at,
            priority=v.priority,
            appointment=v.slot_start is not None,
            service_minutes=v.service,
            called_at=called[v.key][0] if v.key in called else None,
            window_id=called[v.key][1] if v.key in called else None,
        )
        for v in people
    )
    return _result(seed, target_wait, visits, still_waiting_at_close)


def _result(
    seed: int, target_wait: float, visits: tuple[Visit, ...], still_waiting: int
) -> SimulationResult:
    overall = _breakdown(visits, target_wait)
    by_group: dict[str, list[Visit]] = defaultdict(list)
    by_hour: dict[int, list[Visit]] = defaultdict(list)
    for visit in visits:
        by_group[visit.group].append(visit)
        by_hour[int(visit.arrived_at // 60)].append(visit)
    return SimulationResult(
        seed=seed,
        target_wait=target_wait,
        visitors=overall.visitors,
        share_called_within=overall.share_called_within,
        mean_wait=overall.mean_wait,
        p90_wait=overall.p90_wait,
        mean_service=overall.mean_service,
        p90_service=overall.p90_service,
        still_waiting_at_close=still_waiting,
        never_called=sum(1 for v in visits if v.called_at is None),
        by_group={g: _breakdown(v, target_wait) for g, v in sorted(by_group.items())},
        by_hour={h: _breakdown(v, target_wait) for h, v in sorted(by_hour.items())},
        visits=visits,
    )
