"""The hotline's work lists, with 1,000,000 requests of history in the database.

A throwaway PostgreSQL database with the demo city, then ``bench.bulk_requests`` writes a
million requests (two years; work orders, updates, call-back answers; a dispatcher's queue of
some hundreds, late and escalated orders, reopened and escalated requests). The dispatcher
(Zhao Lei), the Market Regulation Bureau's reviewer (Wang Fang) and its supervisor (Chen
Jie) log in through the real pages with their second factor; wrk then reads, with their
session, the dispatcher's queue, the department's open orders and the supervisor's board,
each as a page and through the API, at one client (one person's latency) and at the usual
concurrency. p50, p95 (from wrk's Lua summary) and p99. ``python -m bench hotline_lists``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from bench import bulk_requests
from bench.case_lists import Browser
from bench.case_submit import django_child, run_lua, server_env
from bench.harness import Endpoint, Options, Report, Result, machine_info, request, serve

DESCRIPTION = "dispatcher queue, department orders, supervisor board with 1,000,000 requests"
ROWS = bulk_requests.ROWS
DISPATCHER = "dispatcher@demo.example"
REVIEWER = "reviewer@demo.example"
SUPERVISOR = "supervisor@demo.example"
SLOW_P95_MS = 150.0

LISTS = [
    ("dispatch queue (page)", "/hotline/work/dispatch/", DISPATCHER),
    ("dispatch queue (API)", "/api/v1/hotline/dispatch-queue", DISPATCHER),
    ("department orders (page)", "/hotline/work/orders/", REVIEWER),
    ("department orders (API)", "/api/v1/hotline/orders", REVIEWER),
    ("supervisor board (page)", "/hotline/work/board/", SUPERVISOR),
    ("supervisor board (API)", "/api/v1/hotline/board", SUPERVISOR),
]


def run(options: Options) -> Report:
    rows: list[Result] = []
    table = []
    with serve(options) as server:
        loaded = django_child(
            server_env(server), "bench.bulk_requests", "--rows", str(ROWS), timeout=7200
        )
        print(f"\nbulk loader: {json.dumps(loaded)}")
        cookies = {
            who: Browser(server).log_in(who, second_factor=True)
            for who in (DISPATCHER, REVIEWER, SUPERVISOR)
        }
        for label, path, who in LISTS:
            endpoint = Endpoint(path, headers={"Cookie": cookies[who]}, label=label)
            status, body = request(server, endpoint)
            if status != 200:
                print(f"{label}: {path} answered {status}; not measured. {body[:200]!r}")
                continue
            for clients in (1, options.connections):
                level = replace(options, connections=clients, threads=min(options.threads, clients))
                result, p95 = run_lua(server, endpoint, level)
                result.endpoint = f"{label}, {clients} clients"
                rows.append(result)
                table.append(_row(label, path, clients, result, p95, body))
        machine = machine_info(server.database)
    _print(table, loaded, options, machine)
    return Report("hotline_lists_runs", machine, rows, 0.0, options)


def _row(label: str, path: str, clients: int, result: Result, p95: float, body: bytes) -> dict:
    return {
        "list": label,
        "path": path,
        "clients": clients,
        "rps": round(result.rps, 1),
        "p50_ms": round(result.p50_ms, 2),
        "p95_ms": round(p95, 2),
        "p99_ms": round(result.p99_ms, 2),
        "errors": result.errors,
        "bytes": len(body),
        "slow": clients == 1 and p95 > SLOW_P95_MS,
    }


def _print(table: list[dict], loaded: dict, options: Options, machine: dict) -> None:
    counts = loaded["bulk_requests"]
    print(
        f"\nhotline_lists: {counts['request']:,} requests, {counts['order']:,} work orders, "
        f"{counts['update']:,} updates, {counts['feedback']:,} call-back answers "
        f"(loaded in {loaded['seconds']} s); {options.duration}s per run, "
        f"{options.workers} web processes, {machine['database']}, {machine['cpu_count']} CPUs"
    )
    print(
        f"{'list':<26} {'clients':>7} {'rps':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7} {'bytes':>8}"
    )
    for row in table:
        flag = "  SLOW (p95 > 150 ms)" if row["slow"] else ""
        print(
            f"{row['list']:<26} {row['clients']:>7} {row['rps']:>8.1f} {row['p50_ms']:>8.2f} "
            f"{row['p95_ms']:>8.2f} {row['p99_ms']:>8.2f} {row['errors']:>7} "
            f"{row['bytes']:>8}{flag}"
        )
    single = {row["list"]: row for row in table if row["clients"] == 1}
    print(
        json.dumps(
            {
                "bench": "hotline_lists",
                "rows": counts["request"],
                "dispatch_queue_p95_ms": _p95(single, "dispatch queue"),
                "department_orders_p95_ms": _p95(single, "department orders"),
                "supervisor_board_p95_ms": _p95(single, "supervisor board"),
                "slow": sorted(row["list"] for row in single.values() if row["slow"]),
                "ok": bool(table) and all(row["errors"] == 0 for row in table),
                "results": table,
                "loaded": loaded,
                "machine": machine,
            }
        )
    )


def _p95(single: dict, name: str) -> float | None:
    """The page's p95 at one client, or the API's when the page is not there."""
    for suffix in (" (page)", " (API)"):
        if name + suffix in single:
            return single[name + suffix]["p95_ms"]
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hotline_lists")
    parser.parse_args(argv)
    parser.error("run the benchmark with `python -m bench hotline_lists`")
    return 2


if __name__ == "__main__":
    sys.exit(main())
