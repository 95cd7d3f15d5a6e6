"""Submitting an application over the API: two items, evidence resolution, 1, 8 and 32 clients.

The demo company (Jing'an Noodle House) applies through ``POST /api/v1/cases`` for a tax
registration (TAX) and the employer's social insurance registration (HRSS, with MEDINS and TAX
collaborating), as its representative's system would: bearer token, a fresh
``Idempotency-Key`` on every request (a wrk Lua script numbers them), consent given. Every
request creates, resolves (the hub attaches the business licence, the legal representative's
identity card and three verified vault documents; the labour contracts may follow within 30
days) and submits one case, answered 201. Each concurrency level is measured beside the
framework ceiling (``/api/v1/system/ping``) at the same concurrency; the ratio is the share
of the ceiling a submission reaches. ``python -m bench case_submit``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench import _cpu
from bench._server import PROJECT_DIR, _server_env
from bench.harness import (
    BenchError,
    Endpoint,
    Options,
    Report,
    Result,
    Server,
    machine_info,
    parse_wrk,
    request,
    require_wrk,
    run_wrk,
    serve,
)

DESCRIPTION = "POST /api/v1/cases (two items, evidence resolution) at 1, 8, 32 clients"
LEVELS = (1, 8, 32)
COMPANY = "91310106MA1FY5XK2J"
REPRESENTATIVE = "business@demo.example"
SERVICES = ("TAX-REGISTRATION-INFO", "EMPLOYER-SOCIAL-INSURANCE-REGISTRATION")
BODY = {
    "applicant": COMPANY,
    "services": [{"code": code} for code in SERVICES],
    "answers": {"new_company": False},
    "consent": True,
}
CEILING = "/api/v1/system/ping"

# A wrk script whose every request may carry a header no other request carried, and whose
# summary adds the 95th percentile (wrk --latency prints 50, 75, 90 and 99 only).
LUA = """
wrk.method = {method}
wrk.body = {body}
{headers}
local threads = {{}}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  prefix = (args[1] or "run") .. "-" .. tostring(id) .. "-"
  counter = 0
end
function request()
  {unique}
  return wrk.format(nil, nil, wrk.headers, wrk.body)
end
function done(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
end
"""


def _lua_string(text: str) -> str:
    escaped = "".join(
        chr(b) if 32 <= b < 127 and chr(b) not in '"\\' else f"\\{b:03d}" for b in text.encode()
    )
    return f'"{escaped}"'


def run_lua(
    server: Server,
    endpoint: Endpoint,
    options: Options,
    *,
    unique_header: str | None = None,
) -> tuple[Result, float]:
    """One wrk run of the endpoint (warm-up first); returns the result and its p95 in ms.

    With `unique_header`, every request sends that header with a value never sent before."""
    wrk = require_wrk()
    headers = "\n".join(
        f"wrk.headers[{_lua_string(k)}] = {_lua_string(v)}" for k, v in endpoint.headers.items()
    )
    unique = (
        f"counter = counter + 1\n  wrk.headers[{_lua_string(unique_header)}] = prefix .. counter"
        if unique_header
        else ""
    )
    script = LUA.format(
        method=_lua_string(endpoint.method),
        body=_lua_string(endpoint.body) if endpoint.body is not None else "nil",
        headers=headers,
        unique=unique,
    )
    threads = max(1, min(options.threads, options.connections))
    argv = [wrk, "--latency", f"--threads={threads}", f"--connections={options.connections}"]
    argv.append("--timeout=10s")
    with tempfile.TemporaryDirectory(prefix="guichet-wrk-") as tmp:
        path = Path(tmp) / "request.lua"
        path.write_text(script)
        argv.append(f"--script={path}")
        url = server.base_url + endpoint.path
        if options.warmup > 0:
            warm = [*argv, f"--duration={options.warmup}s", url, "--", secrets.token_hex(4)]
            subprocess.run(warm, capture_output=True, timeout=options.warmup + 60)
            # wrk leaves up to one request per connection in flight: let the server finish
            # them, or a slow endpoint starts the measured run with a backlog.
            time.sleep(min(5.0, 0.1 * options.connections))
        before = _cpu.sample(server.process.pid)
        run = [*argv, f"--duration={options.duration}s", url, "--", secrets.token_hex(4)]
        proc = subprocess.run(run, capture_output=True, text=True, timeout=options.duration + 90)
        after = _cpu.sample(server.process.pid)
    if proc.returncode != 0:
        raise BenchError(f"wrk failed ({proc.returncode}) on {url}:\n{proc.stderr or proc.stdout}")
    result = parse_wrk(endpoint.name, proc.stdout)
    result.other_cpu = _cpu.other_share(before, after)
    p95 = re.search(r"^P95_US (\d+)", proc.stdout, re.M)
    return result, (int(p95.group(1)) / 1000 if p95 else float("nan"))


def django_child(env: dict[str, str], module: str, *args: str, timeout: int = 3600) -> dict:
    """Run `python -m <module> <args>` on the benchmark's database; its last line is JSON."""
    proc = subprocess.run(
        [sys.executable, "-m", module, *args],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-25:])
        raise BenchError(f"`python -m {module} {' '.join(args)}` failed:\n{tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def server_env(server: Server) -> dict[str, str]:
    """The environment of the server's database, for a child process (no signing there:
    the child's SECRET_KEY differs from the server's)."""
    kind = "postgres" if server.database.startswith("postgres") else "sqlite"
    return _server_env(server.log.parent, kind)


def submit_endpoint(token: str) -> Endpoint:
    return Endpoint(
        "/api/v1/cases",
        method="POST",
        body=json.dumps(BODY),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        expect_status=201,
        label="POST /api/v1/cases",
    )


def _check(server: Server, endpoint: Endpoint) -> None:
    probe = replace(
        endpoint, headers={**endpoint.headers, "Idempotency-Key": "probe-" + secrets.token_hex(6)}
    )
    status, body = request(server, probe)
    if status != 201:
        raise BenchError(
            f"POST /api/v1/cases answered {status}, not 201: {body[:600]!r}\n"
            f"server's last lines:\n{server.log_tail()}"
        )


def run(options: Options) -> Report:
    rows: list[Result] = []
    levels = []
    with serve(options) as server:
        token = django_child(server_env(server), "bench.case_submit", "--token")["token"]
        endpoint = submit_endpoint(token)
        _check(server, endpoint)
        for clients in LEVELS:
            level = replace(options, connections=clients, threads=min(options.threads, clients))
            ceiling = run_wrk(server, Endpoint(CEILING), replace(level, warmup=1))
            ceiling.endpoint = f"ceiling ping, {clients} clients"
            result, p95 = run_lua(server, endpoint, level, unique_header="Idempotency-Key")
            result.endpoint = f"submit case, {clients} clients"
            result.ratio = result.rps / ceiling.rps if ceiling.rps else None
            rows += [ceiling, result]
            levels.append(
                {
                    "clients": clients,
                    "rps": round(result.rps, 1),
                    "p50_ms": round(result.p50_ms, 2),
                    "p95_ms": round(p95, 2),
                    "p99_ms": round(result.p99_ms, 2),
                    "errors": result.errors,
                    "ceiling_rps": round(ceiling.rps, 1),
                    "ratio": round(result.ratio or 0.0, 4),
                }
            )
        machine = machine_info(server.database)
    _print(levels, options, machine)
    top = levels[-1]
    return Report("case_submit_runs", machine, rows, top["ceiling_rps"], options)


def _print(levels: list[dict], options: Options, machine: dict) -> None:
    print(
        f"\ncase_submit: {' + '.join(SERVICES)} for {COMPANY}, {options.duration}s per level, "
        f"{options.workers} web processes, {machine['database']}, {machine['cpu_count']} CPUs"
    )
    print(
        f"{'clients':>7} {'rps':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} "
        f"{'ceiling':>8} {'ratio':>7}"
    )
    for row in levels:
        print(
            f"{row['clients']:>7} {row['rps']:>8.1f} {row['p50_ms']:>8.2f} {row['p95_ms']:>8.2f} "
            f"{row['p99_ms']:>8.2f} {row['errors']:>7} {row['ceiling_rps']:>8.1f} "
            f"{row['ratio']:>7.3f}"
        )
    top = levels[-1]
    print(
        json.dumps(
            {
                "bench": "case_submit",
                "rps": top["rps"],
                "p50_ms": top["p50_ms"],
                "p99_ms": top["p99_ms"],
                "ceiling_rps": top["ceiling_rps"],
                "ratio": top["ratio"],
                "clients": top["clients"],
                "ok": all(row["errors"] == 0 for row in levels),
                "levels": levels,
                "machine": machine,
            }
        )
    )


# --- In a child process, on the benchmark's database -----------------------------------------


def issue_token() -> dict:
    """A token for the demo company's representative, to apply as the company."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from guichet.accounts import services as accounts

    user = get_user_model().objects.get(email=REPRESENTATIVE)
    scopes = sorted(s for s in accounts.API_SCOPES if s in {"cases:read", "cases:write"})
    _token, secret = accounts.issue_api_token(user, name="case_submit bench", scopes=scopes)
    return {"token": secret, "scopes": scopes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.case_submit")
    parser.add_argument("--token", action="store_true", help="issue the bench's API token")
    args = parser.parse_args(argv)
    if args.token:
        print(json.dumps(issue_token()))
        return 0
    parser.error("run the benchmark with `python -m bench case_submit`")
    return 2


if __name__ == "__main__":
    sys.exit(main())
