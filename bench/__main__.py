"""``python -m bench NAME|all [options]``, or ``python -m bench --list``."""

from __future__ import annotations

import argparse
import signal
import sys

from bench import discover, harness


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Load benchmarks: wrk against `guichet serve` in production mode.",
    )
    parser.add_argument("name", nargs="?", help="a benchmark's name, or 'all'")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint (10)")
    parser.add_argument("--connections", type=int, default=32, help="open connections (32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="web processes (2)")
    parser.add_argument(
        "--server-threads", type=int, default=None, help="threads per web process (serve's)"
    )
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured seconds first (2)")
    parser.add_argument(
        "--rounds", type=int, default=5, help="interleaved rounds the duration is split into (5)"
    )
    parser.add_argument(
        "--database",
        choices=["sqlite", "postgres", "auto"],
        default="auto",
        help="auto: PostgreSQL if it answers, else SQLite",
    )
    return parser


def _stop_on_sigterm(signum: int, frame: object) -> None:
    # SystemExit unwinds the `finally` blocks that stop the server and drop the database.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    benchmarks = discover()
    if args.list:
        for name, module in benchmarks.items():
            print(f"{name:<16} {module.DESCRIPTION}")
        return 0
    if not args.name:
        parser.error("name a benchmark, 'all', or --list")
    if args.name != "all" and args.name not in benchmarks:
        parser.error(f"no benchmark {args.name!r}; there are: {', '.join(benchmarks)}")
    for flag in ("duration", "connections", "threads", "workers", "rounds"):
        if getattr(args, flag) < 1:
            parser.error(f"--{flag} must be at least 1")
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        harness.require_wrk()
        database = harness.choose_database(args.database)
    except harness.BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    options = harness.Options(
        duration=args.duration,
        connections=args.connections,
        threads=args.threads,
        workers=args.workers,
        server_threads=args.server_threads,
        database=database,
        warmup=max(args.warmup, 0),
        rounds=args.rounds,
    )
    names = list(benchmarks) if args.name == "all" else [args.name]
    failed = []
    try:
        for name in names:
            try:
                report = benchmarks[name].run(options)
            except harness.BenchError as error:
                print(f"\n{name}: FAILED to run: {error}", file=sys.stderr)
                failed.append(name)
                continue
            harness.print_report(report)
            if not report.ok:
                failed.append(name)
    except KeyboardInterrupt:
        print("\ninterrupted; the server was stopped.", file=sys.stderr)
        return 130
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
