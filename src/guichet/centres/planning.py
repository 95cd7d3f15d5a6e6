"""The staffing planner: how many windows to open per hour and service group for a day.

Each (hour, group) is planned on its own as an M/M/c queue (``erlang``): the fewest windows
that call ``target_share`` of that hour's visitors within ``target_wait`` minutes. Planning per
group ignores that a generalist window can pool groups, so the plan is on the safe side; the
simulator (``simulation``) replays the day with the real windows and call rules to show what
the plan achieves, backlog carried from hour to hour included.

Units: forecasts are mean arrivals per clock hour (a rate per hour); times are minutes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from guichet.centres import erlang

__all__ = [
    "Forecast",
    "PlanRow",
    "StaffingPlan",
    "even_plan",
    "forecast_from_history",
    "plan_day",
    "service_minutes_from_history",
    "service_samples_from_history",
]

# (clock hour, service group) -> mean arrivals in that hour.
Forecast = Mapping[tuple[int, str], float]


@dataclass(frozen=True, slots=True)
class PlanRow:
    hour: int
    group: str
    arrivals: float
    windows: int
    # Erlang C's share called within the target; None when no service time was given.
    expected_service_level: float | None


@dataclass(frozen=True)
class StaffingPlan:
    rows: tuple[PlanRow, ...]
    target_share: float = 0.9
    target_wait: float = 15.0

    def windows(self, hour: int, group: str) -> int:
        """Windows planned for this group in this hour (0 when the plan has no row)."""
        return sum(r.windows for r in self.rows if r.hour == hour and r.group == group)

    @property
    def hours(self) -> list[int]:
        return sorted({r.hour for r in self.rows})

    @property
    def groups(self) -> list[str]:
        return sorted({r.group for r in self.rows})

    def windows_by_hour(self) -> dict[int, int]:
        """Windows open in each hour, all groups together."""
        totals: dict[int, int] = defaultdict(int)
        for row in self.rows:
            totals[row.hour] += row.windows
        return dict(sorted(totals.items()))

    def window_hours(self) -> int:
        """Clerk-hours the plan costs."""
        return sum(r.windows for r in self.rows)

    def expected_share(self) -> float | None:
        """Erlang's share called within the target over the day, weighted by arrivals."""
        rows = [r for r in self.rows if r.arrivals > 0]
        if any(r.expected_service_level is None for r in rows):
            return None
        total = sum(r.arrivals for r in rows)
        if not total:
            return 1.0
        return sum(r.arrivals * (r.expected_service_level or 0.0) for r in rows) / total

    def short_rows(self) -> list[PlanRow]:
        """Rows expected to miss the target (the window cap was reached)."""
        return [
            r
            for r in self.rows
            if r.expected_service_level is not None and r.expected_service_level < self.target_share
        ]


def _level(
    arrivals: float, minutes: float | None, windows: int, target_wait: float
) -> float | None:
    if minutes is None:
        return None
    return erlang.service_level(arrivals, minutes, windows, target_wait)


def _share_out(
    needs: dict[str, int],
    arrivals: dict[str, float],
    minutes: Mapping[str, float],
    cap: int,
    target_wait: float,
) -> dict[str, int]:
    """Fewer windows than needed: keep every queue stable, then call the most visitors in time.

    When the cap covers every group's stable count (more windows than its offered load), the
    windows beyond those go where Erlang says they call the most visitors within the target:
    exact, by dynamic programming over the groups (a small knapsack). Below that the hour is
    overloaded whatever the split, and Erlang's long run would rather abandon a whole group;
    the windows are shared in proportion to the work instead, so every queue grows at the
    same pace and nobody is left without a window.
    """
    groups = sorted(needs)
    loads = {g: erlang.offered_load(arrivals[g], minutes[g]) for g in groups}
    stable = {g: min(needs[g], math.floor(loads[g]) + 1) if arrivals[g] else 0 for g in groups}
    if sum(stable.values()) > cap:
        return _in_proportion(loads, needs, cap)
    called = {
        g: [
            arrivals[g] * erlang.service_level(arrivals[g], minutes[g], c, target_wait)
            for c in range(needs[g] + 1)
        ]
        for g in groups
    }
    # windows used -> (visitors called in time, windows per group so far)
    table: dict[int, tuple[float, tuple[int, ...]]] = {0: (0.0, ())}
    for group in groups:
        following: dict[int, tuple[float, tuple[int, ...]]] = {}
        for used, (value, split) in table.items():
            for count in range(stable[group], min(needs[group], cap - used) + 1):
                option = (value + called[group][count], (*split, count))
                known = following.get(used + count)
                if known is None or option[0] > known[0] + 1e-9:
                    following[used + count] = option
        table = following
    _used, (_value, split) = max(table.items(), key=lambda item: (round(item[1][0], 9), item[0]))
    return dict(zip(groups, split, strict=True))


def _in_proportion(loads: dict[str, float], needs: dict[str, int], cap: int) -> dict[str, int]:
    """``cap`` windows in proportion to the offered load, largest remainders first."""
    total = sum(loads.values())
    shares = {g: cap * load / total for g, load in loads.items()}
    given = {g: min(needs[g], math.floor(share)) for g, share in shares.items()}
    by_remainder = sorted(loads, key=lambda g: (-(shares[g] - math.floor(shares[g])), g))
    left = cap - sum(given.values())
    while left > 0 and any(given[g] < needs[g] for g in loads):
        for group in by_remainder:
            if left and given[group] < needs[group]:
                given[group] += 1
                left -= 1
    return given


def plan_day(
    forecast: Forecast,
    service_minutes: Mapping[str, float],
    *,
    target_share: float = 0.9,
    target_wait: float = 15,
    max_windows: int | None = None,
) -> StaffingPlan:
    """Windows per hour and group meeting the target; at most ``max_windows`` open at once."""
    by_hour: dict[int, dict[str, float]] = defaultdict(dict)
    for (hour, group), arrivals in forecast.items():
        if arrivals < 0:
            raise ValueError(f"negative forecast for hour {hour}, group {group}")
        by_hour[hour][group] = arrivals
    rows = []
    for hour in sorted(by_hour):
        arrivals = by_hour[hour]
        needs = {}
        for group in sorted(arrivals):
            load = erlang.offered_load(arrivals[group], service_minutes[group])
            needs[group] = erlang.servers_needed(
                arrivals[group],
                service_minutes[group],
                target_wait,
                target_share,
                max_servers=math.floor(load) + 1000,
            )
        windows = needs
        if max_windows is not None and sum(needs.values()) > max_windows:
            windows = _share_out(needs, arrivals, service_minutes, max_windows, target_wait)
        for group in sorted(arrivals):
            level = erlang.service_level(
                arrivals[group], service_minutes[group], windows[group], target_wait
            )
            rows.append(PlanRow(hour, group, arrivals[group], windows[group], level))
    return StaffingPlan(tuple(rows), target_share, float(target_wait))


def even_plan(
    total_windows_per_hour: int,
    groups: Sequence[str],
    forecast: Forecast,
    *,
    service_minutes: Mapping[str, float] | None = None,
    target_share: float = 0.9,
    target_wait: float = 15,
) -> StaffingPlan:
    """The naive staffing: every window open every hour, split evenly across the groups.

    The forecast only supplies the hours and the arrivals shown in each row; it does not change
    the split (that is the point of the comparison). A remainder goes to the first groups.
    """
    if not groups:
        raise ValueError("even_plan needs at least one group")
    base, extra = divmod(total_windows_per_hour, len(groups))
    split = {g: base + (1 if i < extra else 0) for i, g in enumerate(groups)}
    rows = []
    for hour in sorted({hour for hour, _group in forecast}):
        for group in groups:
            arrivals = forecast.get((hour, group), 0.0)
            minutes = service_minutes.get(group) if service_minutes else None
            level = _level(arrivals, minutes, split[group], target_wait)
            rows.append(PlanRow(hour, group, arrivals, split[group], level))
    return StaffingPlan(tuple(rows), target_share, float(target_wait))


def forecast_from_history(
    arrivals: Iterable[tuple[datetime, str]], *, weekday: int, days: int | None = None
) -> dict[tuple[int, str], float]:
    """Mean arrivals per (hour, group) on one weekday (0 = Monday) from (arrival time, group).

    ``days`` is how many such weekdays the history covers; by default the days that had any
    arrival, which overstates demand if the centre was open on a day nobody came.
    """
    counts: dict[tuple[int, str], int] = defaultdict(int)
    seen = set()
    for moment, group in arrivals:
        if moment.weekday() != weekday:
            continue
        counts[moment.hour, group] += 1
        seen.add(moment.date())
    number = days if days is not None else len(seen)
    if number <= 0:
        return {}
    return {key: count / number for key, count in sorted(counts.items())}


def service_samples_from_history(
    services: Iterable[tuple[str, datetime, datetime]],
) -> dict[str, list[float]]:
    """Service times in minutes per group from (group, started, ended); the simulator's draws."""
    samples: dict[str, list[float]] = defaultdict(list)
    for group, started, ended in services:
        minutes = (ended - started).total_seconds() / 60
        if minutes > 0:  # a zero or negative span is a recording error, not a service
            samples[group].append(minutes)
    return dict(samples)


def service_minutes_from_history(
    services: Iterable[tuple[str, datetime, datetime]],
) -> dict[str, float]:
    """Mean service minutes per group from (group, started, ended)."""
    return {g: sum(s) / len(s) for g, s in service_samples_from_history(services).items()}
