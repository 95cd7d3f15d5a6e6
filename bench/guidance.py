"""The guided funnel, in-process: one funnel step on the largest flow, and the sheet PDF.

Unlike the HTTP benchmarks this one measures the work itself, without a server in between:
``engine.walk`` (and the decision when the walk is finished) over many random partial walks of
the flow with the most paths, the same step as a whole question page through Django's test
client, and the one-page sheet PDF (walk, outcome from the catalogue, WeasyPrint). The
database is a throwaway one with the demo catalogue and flows. Rows have no ceiling ratio.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.harness import Options, Report, Result, machine_info

DESCRIPTION = "guided funnel in-process: step evaluation on the largest flow, sheet PDF"
BENCH_DB = "guichet_bench_guidance"
SEED = 12345


@contextlib.contextmanager
def _django(database: str) -> Iterator[str]:
    """Django set up in this process on a migrated, demo-loaded throwaway database."""
    from bench._server import PG_HOST, PG_PORT, PG_USER, _postgres

    with tempfile.TemporaryDirectory(prefix="guichet-bench-guidance-") as tmp:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="guichet.config.settings",
            GUICHET_VAR_DIR=str(Path(tmp) / "var"),
            GUICHET_STATIC_ROOT=str(Path(tmp)),
            GUICHET_LOG_LEVEL="WARNING",
            DEBUG="0",
        )
        if database == "postgres":
            version = _postgres(
                f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)", f"CREATE DATABASE {BENCH_DB}"
            )
            os.environ["DATABASE_URL"] = f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{BENCH_DB}"
            label = f"postgresql {version}"
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            import sqlite3

            label = f"sqlite {sqlite3.sqlite_version}"
        import django
        from django.core.management import call_command

        django.setup()
        logging.getLogger("weasyprint").setLevel(logging.WARNING)
        try:
            call_command("migrate", verbosity=0)
            from guichet.demo import flows
            from guichet.demo.flows import stand_in

            stand_in.load_demo_catalogue()
            flows.load_flows()
            yield label
        finally:
            from django.db import connections

            connections.close_all()
            if database == "postgres":
                _postgres(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def _timed(label: str, work: Callable[[int], bool], seconds: float, least: int) -> Result:
    """Run `work(i)` until `seconds` have passed (and at least `least` times); True is success."""
    times, failures, started, number = [], 0, time.perf_counter(), 0
    while number < least or time.perf_counter() - started < seconds:
        begin = time.perf_counter()
        ok = work(number)
        times.append((time.perf_counter() - begin) * 1000)
        failures += not ok
        number += 1
    times.sort()
    mean = statistics.fmean(times)
    return Result(
        endpoint=label,
        rps=1000 / mean if mean else 0.0,
        p50_ms=times[len(times) // 2],
        p99_ms=times[min(len(times) - 1, int(len(times) * 0.99))],
        requests=len(times),
        non_2xx_3xx=failures,
        socket_errors={},
    )


def run(options: Options) -> Report:
    from bench._server import choose_database

    database = choose_database(options.database)
    with _django(database) as label:
        from django.http import QueryDict
        from django.test import Client

        from guichet.guidance import engine, paths, selectors

        flows = {f.slug: f.compiled() for f in selectors.published_flows()}
        counted = {slug: sum(1 for _ in paths.enumerate_paths(d)) for slug, d in flows.items()}
        slug = max(counted, key=counted.get)
        definition = flows[slug]
        rng = random.Random(SEED)
        complete = list(paths.enumerate_paths(definition))
        partial = []
        for _ in range(2000):
            path = rng.choice(complete)
            cut = rng.randint(0, len(path.answers))
            keys = {key for key, _value in path.answers[:cut]}
            partial.append("&".join(f"{k}={v}" for k, v in path.pairs if k in keys))
        queries = [QueryDict(q) for q in partial]

        def step(i: int) -> bool:
            walk = engine.walk(definition, queries[i % len(queries)])
            if walk.finished:
                engine.decide(definition, walk.context)
            return not walk.errors

        client = Client()

        def page(i: int) -> bool:
            response = client.get(f"/guide/{slug}/?{partial[i % len(partial)]}")
            return response.status_code in (200, 302)

        def pdf(i: int) -> bool:
            query = complete[rng.randrange(len(complete))].query
            response = client.get(f"/guide/{slug}/sheet.pdf?{query}")
            return response.status_code == 200 and response.content.startswith(b"%PDF")

        seconds = max(2, options.duration)
        step(0), page(0), pdf(0)  # warm caches, fonts and templates
        results = [
            _timed(f"funnel step ({slug}, {counted[slug]} paths)", step, seconds, 5000),
            _timed("question page (test client)", page, seconds, 200),
            _timed("sheet PDF (one page, A4)", pdf, seconds, 20),
        ]
    return Report("guidance", machine_info(label), results, 0.0, options)
