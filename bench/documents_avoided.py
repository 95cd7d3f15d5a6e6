"""Documents avoided: the demo scenario set on a fresh database, and the once-only figure.

A throwaway database (PostgreSQL when it answers, else SQLite in a temporary directory) gets
the demo city (`guichet demo`: accounts, catalogue, flows and the data hub's population), then
every scenario of ``guichet.demo.scenarios`` is applied for as a person would (the hub
resolves, consent, an upload for each document still missing, submit). Per scenario: the
documents the application asked for, how many were satisfied without an upload (a
department's certificate, a verified vault document, data the platform holds, the application
form the platform makes from what was entered) and how many were uploaded. The seed
claims 60 % fewer documents; the aim is 75 %. ``python -m bench documents_avoided``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.case_submit import django_child
from bench.harness import Options, Report, Result, choose_database, machine_info

DESCRIPTION = "documents avoided: the demo scenario set, required vs reused documents"
BENCH_DB = "guichet_bench_reuse"
TARGET = 0.75
SEED_CLAIM = 0.60


def run(options: Options) -> Report:
    from bench._server import PG_HOST, PG_PORT, PG_USER, _postgres

    database = choose_database(options.database)
    with tempfile.TemporaryDirectory(prefix="guichet-bench-reuse-") as tmp:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
        env.update(
            DJANGO_SETTINGS_MODULE="guichet.config.settings",
            GUICHET_VAR_DIR=str(Path(tmp) / "var"),
            GUICHET_STATIC_ROOT=str(Path(tmp) / "static"),
            GUICHET_MEDIA_ROOT=str(Path(tmp) / "media"),
            GUICHET_LOG_LEVEL="WARNING",
        )
        if database == "postgres":
            version = _postgres(
                f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)", f"CREATE DATABASE {BENCH_DB}"
            )
            env["DATABASE_URL"] = f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{BENCH_DB}"
            label = f"postgresql {version}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            label = f"sqlite {sqlite3.sqlite_version}"
        try:
            data = django_child(env, "bench.documents_avoided", "--json")
        finally:
            if database == "postgres":
                _postgres(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    data["machine"] = machine_info(label)
    print_table(data)
    timings = [
        Result(name, 1 / seconds if seconds else 0.0, seconds * 1000, seconds * 1000, 1, 0, {})
        for name, seconds in (
            ("demo load (city and data hub)", data["load_seconds"]),
            ("scenario set (start to submit)", data["run_seconds"]),
        )
    ]
    return Report("documents_avoided_timing", data["machine"], timings, 0.0, options)


def measure() -> dict:
    """In this process, on the database in DATABASE_URL: load the demo, run the scenarios."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    call_command("demo", "--quiet", stdout=io.StringIO())
    loaded = time.perf_counter()
    from guichet.cases import selectors
    from guichet.demo import scenarios

    made = scenarios.run(scenarios.SCENARIOS)
    ran = time.perf_counter()
    rows = []
    for scenario, case, tally in zip(
        scenarios.SCENARIOS, made, scenarios.tallies(made, scenarios.SCENARIOS), strict=True
    ):
        rows.append(
            {
                "scenario": scenario.slug,
                "applicant": scenario.applicant[0],
                "case": case.number,
                "state": case.state,
                "services": len(scenario.services),
                "required": tally.required,
                "reused": tally.reused,
                "uploaded": tally.uploaded,
                "share": round(tally.share, 3),
                "sources": tally.by_source,
            }
        )
    required = sum(r["required"] for r in rows)
    reused = sum(r["reused"] for r in rows)
    overall, _per_service = selectors.documents_avoided()
    return {
        "bench": "documents_avoided",
        "required": required,
        "reused": reused,
        "uploaded": sum(r["uploaded"] for r in rows),
        "share": round(reused / required, 4) if required else 0.0,
        "scenarios": len(rows),
        "target": TARGET,
        "seed_claim": SEED_CLAIM,
        "ok": required > 0 and reused / required >= TARGET,
        "public_figure": {"required": overall.required, "reused": overall.reused},
        "load_seconds": round(loaded - started, 2),
        "run_seconds": round(ran - loaded, 2),
        "results": rows,
    }


def print_table(data: dict) -> None:
    print(
        f"\ndocuments_avoided: {data['scenarios']} scenarios on a fresh database "
        f"({data['machine']['database']}); demo loaded in {data['load_seconds']} s, "
        f"scenarios applied in {data['run_seconds']} s"
    )
    print(
        f"{'scenario':<30} {'applicant':<9} {'items':>5} {'required':>8} {'reused':>7} "
        f"{'uploaded':>8} {'share':>6}"
    )
    for row in data["results"]:
        print(
            f"{row['scenario']:<30} {row['applicant']:<9} {row['services']:>5} "
            f"{row['required']:>8} {row['reused']:>7} {row['uploaded']:>8} {row['share']:>6.0%}"
        )
    print(
        f"{'all':<30} {'':<9} {'':>5} {data['required']:>8} {data['reused']:>7} "
        f"{data['uploaded']:>8} {data['share']:>6.0%}"
    )
    verdict = "reached" if data["ok"] else "NOT reached"
    print(
        f"Documents avoided: {data['share']:.1%} (seed claims {data['seed_claim']:.0%}, "
        f"target {data['target']:.0%}: {verdict})."
    )
    print(json.dumps(data))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.documents_avoided")
    parser.add_argument("--json", action="store_true", help="measure here; print only JSON")
    args = parser.parse_args(argv)
    if args.json:
        print(json.dumps(measure()))
        return 0
    parser.error("run the benchmark with `python -m bench documents_avoided`")
    return 2


if __name__ == "__main__":
    sys.exit(main())
