"""The two lists people open most, with 200,000 applications in the database.

A throwaway PostgreSQL database with the demo city, then ``bench.bulk_cases`` writes 200,000
cases (items, materials, review tasks; the demo citizen owns ~50, MKT is competent for about
a quarter of the items). The citizen (Li Wei) and the MKT reviewer (Wang Fang, with her TOTP
second factor) log in through the real login pages; wrk then reads, with their session:
"my applications" (``/applications/`` and ``GET /api/v1/cases``) and the reviewer's inbox
(``/applications/work/inbox/`` and ``GET /api/v1/cases/tasks``), at one client (the latency
of one person) and at the usual concurrency. p50, p95 (from wrk's Lua summary) and p99.
``python -m bench case_lists``.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import re
import struct
import sys
import time
from dataclasses import replace
from urllib.parse import urlencode

from bench import bulk_cases
from bench.case_submit import django_child, run_lua, server_env
from bench.harness import (
    BenchError,
    Endpoint,
    Options,
    Report,
    Result,
    Server,
    machine_info,
    request,
    serve,
)

DESCRIPTION = "my applications and the reviewer inbox with 200,000 cases (p50/p95/p99)"
ROWS = bulk_cases.ROWS
PASSWORD = "guichet-demo-2026"  # guichet.demo.people.DEMO_PASSWORD
CITIZEN = "citizen@demo.example"
REVIEWER = "reviewer@demo.example"

LISTS = [
    ("my applications (page)", "/applications/", CITIZEN),
    ("my applications (API)", "/api/v1/cases", CITIZEN),
    ("reviewer inbox (page)", "/applications/work/inbox/", REVIEWER),
    ("reviewer inbox (API)", "/api/v1/cases/tasks", REVIEWER),
]


def demo_totp(email: str, at: float | None = None) -> str:
    """The current code of a demo staff account's authenticator (RFC 6238, 30 s, 6 digits);
    the key is derived as guichet.demo.people.demo_totp_key derives it."""
    key = bytes.fromhex(hashlib.sha256(f"guichet-demo-totp:{email}".encode()).hexdigest()[:40])
    counter = int((at or time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class Browser:
    """Just enough of a browser to log in: cookies and the CSRF token of each form."""

    def __init__(self, server: Server):
        self.server = server
        self.cookies: dict[str, str] = {}

    def call(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie = value.split(";", 1)[0]
                    key, _, val = cookie.partition("=")
                    self.cookies[key.strip()] = val.strip()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def submit(self, path: str, fields: dict) -> int:
        status, page = self.call("GET", path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not token:
            raise BenchError(f"GET {path} answered {status} without a form to fill in.")
        status, _page = self.call("POST", path, {**fields, "csrfmiddlewaretoken": token.group(1)})
        return status

    def log_in(self, email: str, *, second_factor: bool) -> str:
        if self.submit("/accounts/login/", {"login": email, "password": PASSWORD}) != 302:
            raise BenchError(f"{email} could not log in with the demo password.")
        if (
            second_factor
            and self.submit("/accounts/second-factor/", {"token": demo_totp(email)}) != 302
        ):
            raise BenchError(f"{email}: the demo TOTP code was refused.")
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


def run(options: Options) -> Report:
    rows: list[Result] = []
    table = []
    with serve(options) as server:
        loaded = django_child(server_env(server), "bench.bulk_cases", "--rows", str(ROWS))
        print(f"\nbulk loader: {json.dumps(loaded)}")
        cookies = {
            CITIZEN: Browser(server).log_in(CITIZEN, second_factor=False),
            REVIEWER: Browser(server).log_in(REVIEWER, second_factor=True),
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
                table.append(_row(label, path, clients, result, p95, len(body)))
        machine = machine_info(server.database)
    _print(table, loaded, options, machine)
    return Report("case_lists_runs", machine, rows, 0.0, options)


def _row(label: str, path: str, clients: int, result: Result, p95: float, size: int) -> dict:
    return {
        "list": label,
        "path": path,
        "clients": clients,
        "rps": round(result.rps, 1),
        "p50_ms": round(result.p50_ms, 2),
        "p95_ms": round(p95, 2),
        "p99_ms": round(result.p99_ms, 2),
        "errors": result.errors,
        "bytes": size,
    }


def _print(table: list[dict], loaded: dict, options: Options, machine: dict) -> None:
    counts = loaded["bulk_cases"]
    print(
        f"\ncase_lists: {counts['case']:,} cases, {counts['item']:,} items, "
        f"{counts['material']:,} materials, {counts['task']:,} review tasks "
        f"(loaded in {loaded['seconds']} s); {options.duration}s per run, "
        f"{options.workers} web processes, {machine['database']}, {machine['cpu_count']} CPUs"
    )
    print(
        f"{'list':<26} {'clients':>7} {'rps':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'errors':>7} {'bytes':>8}"
    )
    for row in table:
        print(
            f"{row['list']:<26} {row['clients']:>7} {row['rps']:>8.1f} {row['p50_ms']:>8.2f} "
            f"{row['p95_ms']:>8.2f} {row['p99_ms']:>8.2f} {row['errors']:>7} {row['bytes']:>8}"
        )
    single = {row["list"]: row for row in table if row["clients"] == 1}
    print(
        json.dumps(
            {
                "bench": "case_lists",
                "rows": counts["case"],
                "my_applications_p95_ms": _p95(single, "my applications"),
                "inbox_p95_ms": _p95(single, "reviewer inbox"),
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
    parser = argparse.ArgumentParser(prog="python -m bench.case_lists")
    parser.add_argument("--totp", help="print a demo staff account's current TOTP code")
    args = parser.parse_args(argv)
    if args.totp:
        print(demo_totp(args.totp))
        return 0
    parser.error("run the benchmark with `python -m bench case_lists`")
    return 2


if __name__ == "__main__":
    sys.exit(main())
