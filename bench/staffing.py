"""Staffing: the seed's peak day simulated under the planner's staffing and a naive even one.

In-process and without a database: ``guichet.centres.planning`` plans the day and
``guichet.centres.simulation`` replays it, for ``DAYS`` days drawn from seeds ``SEED``,
``SEED + 1``, ... (each staffing meets the same visitors on the same seed). Printed per
staffing: the window-hours it costs, the share of visitors called within 15 minutes, mean and
p90 wait, visitors still waiting at closing time, and the simulator's run time per day.

The day (assumptions, written down because the seed gives only the totals): Jing'an's peak of
1,788 visitors, open 8:00-17:00, arrivals peaking mid-morning (10:00, 14 %) and early afternoon
(14:00, 14 %) per ``PROFILE``; 30 % of visitors hold an appointment and 5 % are priority
visitors. The groups, their share of visitors, mean service time (exponential) and the window
type that serves them are in ``GROUPS``. 25 windows: 15 general, 2 fast track, 3 market,
3 construction, 2 delivery. A group's windows are its own type's first, then general windows
set to that group for the hour; an hour's general windows are handed out to the general group
first, since no other window can serve it.

Staffings compared:
- planner: ``plan_day`` for 90 % within 15 minutes, at most 25 windows open in any hour;
- planner, pooled: the same windows open, but the general ones serve every group;
- even: all 25 windows open all day, split evenly across the five groups (5 each), the
  staffing that ignores the forecast;
- all open, pooled: all 25 open all day with the general windows serving every group, for
  reference (it costs every window-hour).

``python -m bench staffing`` (the harness), or ``python -m bench.staffing [--seed N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict

from bench.harness import Options, Report, Result, machine_info
from guichet.centres.planning import StaffingPlan, even_plan, plan_day
from guichet.centres.simulation import SimulationResult, WindowSpec, simulate_day

DESCRIPTION = "staffing: seed peak day (1,788 visitors, 25 windows), planner vs even staffing"
SEED = 1788
DAYS = 20
VISITORS = 1788
OPEN_FROM, OPEN_UNTIL = 8, 17
TARGET_SHARE, TARGET_WAIT = 0.9, 15
APPOINTMENT_SHARE, PRIORITY_SHARE = 0.30, 0.05
# Share of the day's visitors arriving in each clock hour (percent).
PROFILE = {8: 7, 9: 11, 10: 14, 11: 12, 12: 8, 13: 10, 14: 14, 15: 13, 16: 11}
# group: (share of visitors, mean service minutes, window type serving it)
GROUPS = {
    "general": (0.40, 5.0, "general"),  # certificates, social insurance, residence
    "market": (0.15, 9.0, "market"),  # business registration and changes
    "construction": (0.10, 12.0, "construction"),  # permits, completion filings
    "delivery": (0.15, 3.0, "delivery"),  # collecting licences and certificates
    "quick": (0.20, 2.0, "fast_track"),  # printouts, look-ups, drop-offs
}
WINDOWS = {"general": 15, "fast_track": 2, "market": 3, "construction": 3, "delivery": 2}
QUICK = frozenset({"quick"})


def forecast() -> dict[tuple[int, str], float]:
    return {
        (hour, group): VISITORS * percent / 100 * share
        for hour, percent in PROFILE.items()
        for group, (share, _minutes, _kind) in GROUPS.items()
    }


def service_minutes() -> dict[str, float]:
    return {group: minutes for group, (_share, minutes, _kind) in GROUPS.items()}


def window_ids() -> dict[str, list[str]]:
    ids, number = {}, 0
    for kind, count in WINDOWS.items():
        ids[kind] = [f"{kind}-{number + n + 1:02d}" for n in range(count)]
        number += count
    return ids


def _spec(window_id: str, kind: str, groups: frozenset[str] | None, hours) -> WindowSpec:
    return WindowSpec(
        window_id,
        groups=groups,
        fast_track=kind == "fast_track",
        quick_groups=QUICK,
        hours=frozenset(hours) if hours is not None else None,
    )


def windows_for(plan: StaffingPlan, *, pooled: bool = False) -> tuple[list[WindowSpec], int]:
    """The plan's windows per hour and group set on the centre's windows; and how many of the
    plan's window-hours found no window of a type that can serve the group.

    ``pooled``: the general windows the plan opens serve every group rather than the one
    they were opened for.
    """
    ids = window_ids()
    kind_of = {window_id: kind for kind, its in ids.items() for window_id in its}
    hours_of: dict[tuple[str, str], set[int]] = defaultdict(set)  # (window, group or "") -> hours
    unplaced = 0
    for hour in plan.hours:
        general = list(ids["general"])
        for group in sorted(GROUPS, key=lambda g: g != "general"):
            wanted = plan.windows(hour, group)
            own = ids[GROUPS[group][2]] if GROUPS[group][2] != "general" else []
            chosen = own[:wanted] + general[: max(0, wanted - len(own))]
            general = general[max(0, wanted - len(own)) :]
            unplaced += wanted - len(chosen)
            for window_id in chosen:
                pool = pooled and kind_of[window_id] == "general"
                hours_of[window_id, "" if pool else group].add(hour)
    specs = [
        _spec(window_id, kind_of[window_id], frozenset({group}) if group else None, hours)
        for (window_id, group), hours in sorted(hours_of.items())
    ]
    return specs, unplaced


def all_open_pooled() -> list[WindowSpec]:
    ids = window_ids()
    specs = [_spec(window_id, "general", None, None) for window_id in ids["general"]]
    for group, (_share, _minutes, kind) in GROUPS.items():
        if kind != "general":
            specs += [_spec(window_id, kind, frozenset({group}), None) for window_id in ids[kind]]
    return specs


def _simulate(windows: list[WindowSpec], seed: int, days: int) -> tuple[list, list[float]]:
    results: list[SimulationResult] = []
    times = []
    for day in range(days):
        started = time.perf_counter()
        results.append(
            simulate_day(
                forecast(),
                windows,
                service_minutes(),
                seed=seed + day,
                appointment_share=APPOINTMENT_SHARE,
                priority_share=PRIORITY_SHARE,
                open_from=OPEN_FROM,
                open_until=OPEN_UNTIL,
                target_wait=TARGET_WAIT,
            )
        )
        times.append((time.perf_counter() - started) * 1000)
    return results, times


def _summary(label: str, results: list, times: list[float], window_hours: int) -> dict:
    mean = statistics.fmean
    return {
        "staffing": label,
        "window_hours": window_hours,
        "visitors": round(mean(r.visitors for r in results), 1),
        "share_15min": round(mean(r.share_called_within for r in results), 4),
        "worst_day_share_15min": round(min(r.share_called_within for r in results), 4),
        "mean_wait_min": round(mean(r.mean_wait for r in results), 2),
        "p90_wait_min": round(mean(r.p90_wait for r in results), 2),
        "still_waiting_at_close": round(mean(r.still_waiting_at_close for r in results), 1),
        "run_ms_p50": round(statistics.median(times), 2),
        "run_ms_max": round(max(times), 2),
    }


def measure(seed: int = SEED, days: int = DAYS) -> dict:
    """Plan, staff and simulate; everything the table and the JSON line show."""
    started = time.perf_counter()
    planned = plan_day(
        forecast(),
        service_minutes(),
        target_share=TARGET_SHARE,
        target_wait=TARGET_WAIT,
        max_windows=sum(WINDOWS.values()),
    )
    plan_ms = (time.perf_counter() - started) * 1000
    even = even_plan(
        sum(WINDOWS.values()), list(GROUPS), forecast(), service_minutes=service_minutes()
    )
    planner_windows, planner_unplaced = windows_for(planned)
    pooled_windows, _same = windows_for(planned, pooled=True)
    even_windows, even_unplaced = windows_for(even)
    rows = []
    for label, windows, window_hours in (
        ("planner", planner_windows, planned.window_hours() - planner_unplaced),
        ("planner, pooled", pooled_windows, planned.window_hours() - planner_unplaced),
        ("even", even_windows, even.window_hours() - even_unplaced),
        ("all open, pooled", all_open_pooled(), sum(WINDOWS.values()) * len(PROFILE)),
    ):
        results, times = _simulate(windows, seed, days)
        rows.append(_summary(label, results, times, window_hours))
    by_label = {row["staffing"]: row for row in rows}
    return {
        "bench": "staffing",
        "seed": seed,
        "days": days,
        "visitors_forecast": VISITORS,
        "windows": sum(WINDOWS.values()),
        "target": f"{TARGET_SHARE:.0%} within {TARGET_WAIT} min",
        "plan_ms": round(plan_ms, 2),
        "plan_windows_by_hour": planned.windows_by_hour(),
        "plan_expected_share": round(planned.expected_share() or 0.0, 4),
        "even_expected_share": round(even.expected_share() or 0.0, 4),
        "unplaced_window_hours": {"planner": planner_unplaced, "even": even_unplaced},
        "planner_share_15min": by_label["planner"]["share_15min"],
        "even_share_15min": by_label["even"]["share_15min"],
        "run_ms_p50": by_label["planner"]["run_ms_p50"],
        "ok": by_label["planner"]["share_15min"] > by_label["even"]["share_15min"],
        "results": rows,
    }


def print_table(data: dict) -> None:
    print(
        f"\nstaffing: seed peak day, {data['visitors_forecast']} visitors expected, "
        f"{data['windows']} windows, {data['days']} simulated days from seed {data['seed']}; "
        f"target {data['target']}"
    )
    hours = " ".join(f"{h}h:{n}" for h, n in data["plan_windows_by_hour"].items())
    print(f"planner's windows open per hour: {hours} (planned in {data['plan_ms']} ms)")
    print(
        f"{'staffing':<18} {'win-h':>6} {'visitors':>8} {'<=15 min':>9} {'worst':>7} "
        f"{'mean w':>7} {'p90 w':>7} {'at close':>8} {'ms/day':>7}"
    )
    for row in data["results"]:
        print(
            f"{row['staffing']:<18} {row['window_hours']:>6} {row['visitors']:>8.0f} "
            f"{row['share_15min']:>9.1%} {row['worst_day_share_15min']:>7.1%} "
            f"{row['mean_wait_min']:>7.1f} {row['p90_wait_min']:>7.1f} "
            f"{row['still_waiting_at_close']:>8.1f} {row['run_ms_p50']:>7.1f}"
        )
    print(
        f"Erlang C expected {data['plan_expected_share']:.1%} for the plan and "
        f"{data['even_expected_share']:.1%} for even staffing (per hour, steady state)."
    )
    print(json.dumps(data))


def run(options: Options) -> Report:
    data = measure()
    print_table(data)
    results = [
        Result(
            endpoint=f"simulate_day ({row['staffing']})",
            rps=1000 / row["run_ms_p50"] if row["run_ms_p50"] else 0.0,
            p50_ms=row["run_ms_p50"],
            p99_ms=row["run_ms_max"],
            requests=data["days"],
            non_2xx_3xx=0,
            socket_errors={},
        )
        for row in data["results"]
    ]
    return Report("staffing_runs", machine_info("none (in-process)"), results, 0.0, options)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.staffing")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--days", type=int, default=DAYS)
    args = parser.parse_args(argv)
    print_table(measure(args.seed, max(1, args.days)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
