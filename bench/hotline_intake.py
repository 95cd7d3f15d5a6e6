"""Taking 12345 requests in: Open311 and the JSON API, at 1, 8 and 32 clients.

A partner's system reports noise nuisances, as a city's app would: ``POST
/open311/v2/requests.json`` (form-encoded: ``api_key`` of a token with the ``hotline:report``
scope, ``service_code``, ``lat``/``long`` inside Jing'an, a ``description``) and ``POST
/api/v1/hotline/requests`` (JSON, the same token as a bearer). A wrk Lua script gives every
request its own description (the demo's texts, numbered per connection), so nothing is
cached and every request is numbered, placed in its grid cell, checked for rules and
dispatched to its department with a work order, audited and notified, answered 200/201.

The rate limits are lifted for the bench's server (its environment sets them to a million a
second): a city's partner has its own budget, and a limit would be all the bench measured.
Each level is measured beside the framework ceiling (``/api/v1/system/ping``) at the same
concurrency. ``python -m bench hotline_intake``.
"""

from __future__ import annotations

import argparse
import contextlib
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
from urllib.parse import quote_plus

from bench import _cpu
from bench.case_submit import _lua_string, django_child, server_env
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

DESCRIPTION = "POST Open311 requests.json and /api/v1/hotline/requests at 1, 8, 32 clients"
LEVELS = (1, 8, 32)
SERVICE = "noise"
CEILING = "/api/v1/system/ping"
OPEN311 = "/open311/v2/requests.json"
API = "/api/v1/hotline/requests"
NO_LIMIT = "1000000/s"
LIFTED = ("GUICHET_OPEN311_RATE", "GUICHET_PUBLIC_WRITE_RATE")

# Every request's body is `head .. text .. " " .. unique .. tail`, the text drawn in turn.
LUA = """
wrk.method = "POST"
{headers}
local texts = {{ {texts} }}
local head = {head}
local tail = {tail}
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
  counter = counter + 1
  local body = head .. texts[(counter % #texts) + 1] .. {space} .. prefix .. counter .. tail
  return wrk.format(nil, nil, nil, body)
end
function done(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
end
"""


class Scripted:
    """An endpoint whose body changes on every request: a Lua script and a first body to probe."""

    def __init__(
        self, label: str, path: str, headers: dict, head: str, tail: str, texts: list, space: str
    ) -> None:
        self.label, self.path, self.headers = label, path, headers
        self.head, self.tail, self.texts, self.space = head, tail, texts, space

    def probe(self) -> Endpoint:
        body = self.head + self.texts[0] + self.space + "probe-" + secrets.token_hex(4) + self.tail
        return Endpoint(self.path, "POST", body, self.headers, label=self.label)

    def script(self) -> str:
        return LUA.format(
            headers="\n".join(
                f"wrk.headers[{_lua_string(k)}] = {_lua_string(v)}" for k, v in self.headers.items()
            ),
            texts=", ".join(_lua_string(t) for t in self.texts),
            head=_lua_string(self.head),
            tail=_lua_string(self.tail),
            space=_lua_string(self.space),
        )


def endpoints(info: dict) -> list[Scripted]:
    form = {
        "api_key": info["token"],
        "service_code": SERVICE,
        "lat": info["lat"],
        "long": info["lon"],
    }
    head = "&".join(f"{k}={quote_plus(str(v))}" for k, v in form.items()) + "&description="
    body = {"kind": "complaint", "category": SERVICE, "lat": info["lat"], "lon": info["lon"]}
    api_head = json.dumps(body)[:-1] + ', "description": "'
    return [
        Scripted(
            "POST open311 requests.json",
            OPEN311,
            {"Content-Type": "application/x-www-form-urlencoded"},
            head,
            "",
            [quote_plus(text) for text in info["texts"]],
            "+",
        ),
        Scripted(
            "POST api hotline/requests",
            API,
            {"Content-Type": "application/json", "Authorization": f"Bearer {info['token']}"},
            api_head,
            '"}',
            [json.dumps(text)[1:-1] for text in info["texts"]],
            " ",
        ),
    ]


def run_script(server: Server, scripted: Scripted, options: Options) -> tuple[Result, float]:
    """One wrk run with the endpoint's script (warm-up first); the result and its p95 in ms."""
    wrk = require_wrk()
    threads = max(1, min(options.threads, options.connections))
    argv = [wrk, "--latency", f"--threads={threads}", f"--connections={options.connections}"]
    argv.append("--timeout=10s")
    url = server.base_url + scripted.path
    with tempfile.TemporaryDirectory(prefix="guichet-wrk-") as tmp:
        path = Path(tmp) / "request.lua"
        path.write_text(scripted.script())
        argv.append(f"--script={path}")
        if options.warmup > 0:
            warm = [*argv, f"--duration={options.warmup}s", url, "--", secrets.token_hex(4)]
            subprocess.run(warm, capture_output=True, timeout=options.warmup + 60)
            time.sleep(min(5.0, 0.1 * options.connections))  # let the backlog drain
        before = _cpu.sample(server.process.pid)
        run = [*argv, f"--duration={options.duration}s", url, "--", secrets.token_hex(4)]
        proc = subprocess.run(run, capture_output=True, text=True, timeout=options.duration + 90)
        after = _cpu.sample(server.process.pid)
    if proc.returncode != 0:
        raise BenchError(f"wrk failed ({proc.returncode}) on {url}:\n{proc.stderr or proc.stdout}")
    result = parse_wrk(scripted.label, proc.stdout)
    result.other_cpu = _cpu.other_share(before, after)
    p95 = re.search(r"^P95_US (\d+)", proc.stdout, re.M)
    return result, (int(p95.group(1)) / 1000 if p95 else float("nan"))


def _check(server: Server, scripted: Scripted) -> None:
    status, body = request(server, scripted.probe())
    if status not in (200, 201):
        raise BenchError(
            f"POST {scripted.path} answered {status}: {body[:600]!r}\n"
            f"server's last lines:\n{server.log_tail()}"
        )


@contextlib.contextmanager
def rate_limits_lifted():
    """The server inherits our environment: lift the limits for it, and put them back."""
    saved = {name: os.environ.get(name) for name in LIFTED}
    os.environ.update(dict.fromkeys(LIFTED, NO_LIMIT))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run(options: Options) -> Report:
    rows: list[Result] = []
    levels = []
    with rate_limits_lifted(), serve(options) as server:
        info = django_child(server_env(server), "bench.hotline_intake", "--prepare")
        scripted = endpoints(info)
        for each in scripted:
            _check(server, each)
        for clients in LEVELS:
            level = replace(options, connections=clients, threads=min(options.threads, clients))
            ceiling = run_wrk(server, Endpoint(CEILING), replace(level, warmup=1))
            ceiling.endpoint = f"ceiling ping, {clients} clients"
            rows.append(ceiling)
            for each in scripted:
                result, p95 = run_script(server, each, level)
                result.endpoint = f"{each.label}, {clients} clients"
                result.ratio = result.rps / ceiling.rps if ceiling.rps else None
                rows.append(result)
                levels.append(_row(each.label, clients, result, p95, ceiling.rps))
        machine = machine_info(server.database)
        taken = django_child(server_env(server), "bench.hotline_intake", "--count")
    _print(levels, options, machine, taken)
    return Report("hotline_intake_runs", machine, rows, levels[-1]["ceiling_rps"], options)


def _row(label: str, clients: int, result: Result, p95: float, ceiling: float) -> dict:
    return {
        "endpoint": label,
        "clients": clients,
        "rps": round(result.rps, 1),
        "p50_ms": round(result.p50_ms, 2),
        "p95_ms": round(p95, 2),
        "p99_ms": round(result.p99_ms, 2),
        "errors": result.errors,
        "ceiling_rps": round(ceiling, 1),
        "ratio": round(result.rps / ceiling, 4) if ceiling else 0.0,
    }


def _print(levels: list[dict], options: Options, machine: dict, taken: dict) -> None:
    print(
        f"\nhotline_intake: {SERVICE} reports, {options.duration}s per run, "
        f"{options.workers} web processes, {machine['database']}, {machine['cpu_count']} CPUs; "
        f"{taken['requests']:,} requests and {taken['orders']:,} work orders written"
    )
    print(
        f"{'endpoint':<28} {'clients':>7} {'rps':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7} {'ceiling':>8} {'ratio':>7}"
    )
    for row in levels:
        print(
            f"{row['endpoint']:<28} {row['clients']:>7} {row['rps']:>8.1f} {row['p50_ms']:>8.2f} "
            f"{row['p95_ms']:>8.2f} {row['p99_ms']:>8.2f} {row['errors']:>7} "
            f"{row['ceiling_rps']:>8.1f} {row['ratio']:>7.3f}"
        )
    top = {row["endpoint"]: row for row in levels if row["clients"] == LEVELS[-1]}
    open311, api = top.get("POST open311 requests.json"), top.get("POST api hotline/requests")
    print(
        json.dumps(
            {
                "bench": "hotline_intake",
                "rps": api["rps"] if api else None,
                "p50_ms": api["p50_ms"] if api else None,
                "p99_ms": api["p99_ms"] if api else None,
                "open311_rps": open311["rps"] if open311 else None,
                "ceiling_rps": api["ceiling_rps"] if api else None,
                "ratio": api["ratio"] if api else None,
                "clients": LEVELS[-1],
                "ok": all(row["errors"] == 0 for row in levels),
                "levels": levels,
                "written": taken,
                "machine": machine,
            }
        )
    )


# --- In a child process, on the benchmark's database -----------------------------------------


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.settings")
    import django

    django.setup()


def prepare() -> dict:
    """The demo's categories and grid, a partner token for the demo citizen, a point in
    Jing'an, and noise complaints as people write them."""
    _django()
    from django.contrib.auth import get_user_model

    from bench.bulk_requests import ensure_world
    from guichet.accounts import services as accounts
    from guichet.demo import hotline_texts

    world = ensure_world()
    cell = world["cells"].get("JA-CAOJIADU-01") or next(iter(world["cells"].values()))
    user = get_user_model().objects.get(email="citizen@demo.example")
    _token, secret = accounts.issue_api_token(
        user, name="hotline_intake bench", scopes=["hotline:report"]
    )
    texts = [s.description for s in hotline_texts.samples(3000, seed=7) if s.category == SERVICE]
    return {
        "token": secret,
        "lat": round((cell.min_lat + cell.max_lat) / 2, 6),
        "lon": round((cell.min_lon + cell.max_lon) / 2, 6),
        "texts": [t[:1500] for t in texts[:60]],
    }


def count() -> dict:
    _django()
    from guichet.hotline.models import Request, WorkOrder

    return {"requests": Request.objects.count(), "orders": WorkOrder.objects.count()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hotline_intake")
    parser.add_argument("--prepare", action="store_true", help="token, place and texts (JSON)")
    parser.add_argument("--count", action="store_true", help="requests and orders written")
    args = parser.parse_args(argv)
    if args.prepare:
        print(json.dumps(prepare()))
        return 0
    if args.count:
        print(json.dumps(count()))
        return 0
    parser.error("run the benchmark with `python -m bench hotline_intake`")
    return 2


if __name__ == "__main__":
    sys.exit(main())
