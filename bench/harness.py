"""The benchmark runner that every benchmark imports.

A benchmark module either calls ``run_endpoints`` or builds its own run from the pieces:
``with serve(options) as server:`` gives a running site; ``measure`` (the ceiling and some
endpoints in interleaved rounds), ``measure_ceiling`` and ``run_wrk`` (one wrk run) measure it;
``__main__`` prints the returned ``Report`` with ``print_report``.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import statistics
from dataclasses import asdict, replace
from pathlib import Path

from bench._base import BenchError, Endpoint, Options, Report, Result
from bench._server import Server, choose_database, postgres_answers, request, serve
from bench._wrk import parse_wrk, require_wrk, run_wrk

__all__ = [
    "BenchError",
    "Endpoint",
    "Options",
    "Report",
    "Result",
    "Server",
    "choose_database",
    "machine_info",
    "measure",
    "measure_ceiling",
    "parse_wrk",
    "postgres_answers",
    "print_report",
    "report_json",
    "request",
    "require_wrk",
    "run_endpoints",
    "run_wrk",
    "serve",
]

CEILING_PATH = "/api/v1/system/ping"
NOISE_LIMIT = 0.10  # other work using more than this share of the CPUs skews the numbers
SPREAD_LIMIT = 1.5  # rounds this far apart: the machine's speed changed under us


def measure(server: Server, endpoints: list[Endpoint], options: Options) -> list[Result]:
    """The ceiling and then each endpoint, interleaved in rounds; the ceiling's row comes first.

    Shared machines change speed for seconds at a time, so every endpoint gets a slice of
    each round: rps, p50 and p99 are medians over the rounds, and the ratio is the median of
    the same-round ratios, so a slow spell moves one round rather than the answer.
    """
    targets = [Endpoint(CEILING_PATH), *endpoints]
    rounds = max(1, min(options.rounds, options.duration))
    each = replace(options, duration=max(1, round(options.duration / rounds)), warmup=0)
    runs: list[list[Result]] = [[] for _ in targets]
    for number in range(rounds):
        for target, target_runs in zip(targets, runs, strict=True):
            slice_options = replace(each, warmup=options.warmup) if number == 0 else each
            target_runs.append(run_wrk(server, target, slice_options))
    return [_combine(t.name, r, runs[0]) for t, r in zip(targets, runs, strict=True)]


def measure_ceiling(server: Server, options: Options) -> Result:
    """The framework ceiling alone: the bare ping endpoint that every benchmark divides by."""
    return measure(server, [], options)[0]


def _combine(name: str, runs: list[Result], ceiling_runs: list[Result]) -> Result:
    med = statistics.median
    rates = [run.rps for run in runs]
    others = [run.other_cpu for run in runs if run.other_cpu is not None]
    ratios = [run.rps / c.rps for run, c in zip(runs, ceiling_runs, strict=True) if c.rps]
    return Result(
        endpoint=name,
        rps=med(rates),
        p50_ms=med(run.p50_ms for run in runs),
        p99_ms=med(run.p99_ms for run in runs),
        requests=sum(run.requests for run in runs),
        non_2xx_3xx=sum(run.non_2xx_3xx for run in runs),
        socket_errors={k: sum(run.socket_errors[k] for run in runs) for k in runs[0].socket_errors},
        other_cpu=max(others) if others else None,
        ratio=med(ratios) if ratios else None,
        spread=max(rates) / min(rates) if min(rates) > 0 else None,
        rounds=len(runs),
    )


def machine_info(database: str) -> dict[str, object]:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "database": database,
    }


def run_endpoints(bench: str, endpoints: list[Endpoint], options: Options) -> Report:
    """The common benchmark: one server, the ceiling first, then each endpoint in turn."""
    with serve(options) as server:
        results = measure(server, endpoints, options)
    return Report(bench, machine_info(server.database), results, results[0].rps, options)


def report_json(report: Report) -> dict[str, object]:
    def ratio(result: Result) -> float:
        if result.ratio is not None:
            return round(result.ratio, 3)
        return round(result.rps / report.ceiling_rps, 3) if report.ceiling_rps else 0.0

    results = [
        {
            "endpoint": r.endpoint,
            "rps": round(r.rps, 1),
            "p50_ms": round(r.p50_ms, 2),
            "p99_ms": round(r.p99_ms, 2),
            "errors": r.errors,
            "ratio": ratio(r),
            "spread": round(r.spread, 2) if r.spread else None,
            "other_cpu": r.other_cpu,
        }
        for r in report.results
    ]
    return {
        "bench": report.bench,
        "ok": report.ok,
        "machine": report.machine,
        "options": asdict(report.options),
        "results": results,
        "ceiling_rps": round(report.ceiling_rps, 1),
    }


def print_report(report: Report) -> None:
    """A table for people, then exactly one JSON line for scripts."""
    data = report_json(report)
    opts = report.options
    print(
        f"\n{report.bench}: {opts.duration}s per endpoint, {opts.connections} connections, "
        f"{opts.workers} web processes, {report.machine['database']}, "
        f"{report.machine['cpu_count']} CPUs"
    )
    print(f"{'endpoint':<34} {'rps':>10} {'p50 ms':>9} {'p99 ms':>9} {'errors':>8} {'ratio':>7}")
    for row, result in zip(data["results"], report.results, strict=True):
        flag = "  FAILED: " + _describe_errors(result) if result.errors else ""
        noise = _describe_noise(result)
        flag += f"  NOISY: {noise}" if noise else ""
        print(
            f"{row['endpoint']:<34} {row['rps']:>10.1f} {row['p50_ms']:>9.2f} "
            f"{row['p99_ms']:>9.2f} {row['errors']:>8} {row['ratio']:>7.3f}{flag}"
        )
    if not report.ok:
        print("!!! Some runs had errors: their numbers are not a valid measurement. !!!")
    if any(_describe_noise(r) for r in report.results):
        print("!!! NOISY rows: the machine was busy or changed speed; measure again. !!!")
    print(json.dumps(data))


def _describe_errors(result: Result) -> str:
    parts = [f"{result.non_2xx_3xx} non-2xx/3xx"] if result.non_2xx_3xx else []
    parts += [f"{n} socket {kind}" for kind, n in result.socket_errors.items() if n]
    return ", ".join(parts)


def _describe_noise(result: Result) -> str:
    parts = []
    if result.other_cpu is not None and result.other_cpu > NOISE_LIMIT:
        parts.append(f"other work used {result.other_cpu:.0%} of the CPUs")
    if result.spread is not None and result.spread > SPREAD_LIMIT:
        parts.append(f"rounds ranged {result.spread:.1f}x in rps")
    return ", ".join(parts)
