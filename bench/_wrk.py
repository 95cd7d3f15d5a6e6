"""wrk: one endpoint under load for a while, its text output read into a Result."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench import _cpu
from bench._base import BenchError, Endpoint, Options, Result
from bench._server import Server, request


def require_wrk() -> str:
    path = shutil.which("wrk")
    if not path:
        raise BenchError("wrk is not on PATH: install Debian's wrk (apt-get install wrk).")
    return path


def _lua_string(text: str) -> str:
    # Decimal byte escapes are valid in every Lua (wrk embeds LuaJIT), whatever the text holds.
    escaped = "".join(
        chr(b) if 32 <= b < 127 and chr(b) not in '"\\' else f"\\{b:03d}" for b in text.encode()
    )
    return f'"{escaped}"'


def _lua_script(endpoint: Endpoint) -> str:
    lines = [f"wrk.method = {_lua_string(endpoint.method)}"]
    if endpoint.body is not None:
        lines.append(f"wrk.body = {_lua_string(endpoint.body)}")
    for name, value in endpoint.headers.items():
        lines.append(f"wrk.headers[{_lua_string(name)}] = {_lua_string(value)}")
    return "\n".join(lines) + "\n"


_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_PERCENTILE = re.compile(r"^\s*(\d+)(?:\.\d+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.M)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.M)
_REQUESTS = re.compile(r"^\s*(\d+) requests in", re.M)
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")


def parse_wrk(name: str, output: str) -> Result:
    """Read wrk --latency's text output; latencies come back in milliseconds."""
    percentiles = {int(p): float(v) * _TO_MS[unit] for p, v, unit in _PERCENTILE.findall(output)}
    rps, requests = _RPS.search(output), _REQUESTS.search(output)
    if not rps or not requests or 50 not in percentiles or 99 not in percentiles:
        raise BenchError(f"could not read wrk's output for {name}:\n{output}")
    sockets = _SOCKET.search(output)
    counts = [int(n) for n in sockets.groups()] if sockets else [0, 0, 0, 0]
    non_2xx = _NON_2XX.search(output)
    return Result(
        endpoint=name,
        rps=float(rps.group(1)),
        p50_ms=percentiles[50],
        p99_ms=percentiles[99],
        requests=int(requests.group(1)),
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=dict(zip(("connect", "read", "write", "timeout"), counts, strict=True)),
    )


def run_wrk(server: Server, endpoint: Endpoint, options: Options) -> Result:
    """Check the endpoint answers as expected, warm up, then measure it for the duration."""
    wrk = require_wrk()
    status, body = request(server, endpoint)
    if status != endpoint.expect_status:
        raise BenchError(
            f"{endpoint.method} {endpoint.path} answered {status}, not {endpoint.expect_status}: "
            f"{body[:300]!r}\nserver's last lines:\n{server.log_tail()}"
        )
    threads = max(1, min(options.threads, options.connections))
    argv = [wrk, "--latency", f"--threads={threads}", f"--connections={options.connections}"]
    argv.append("--timeout=5s")
    with tempfile.TemporaryDirectory(prefix="guichet-wrk-") as tmp:
        if endpoint.method != "GET" or endpoint.body is not None or endpoint.headers:
            script = Path(tmp) / "request.lua"
            script.write_text(_lua_script(endpoint))
            argv.append(f"--script={script}")
        url = server.base_url + endpoint.path
        if options.warmup > 0:
            warm = [*argv, f"--duration={options.warmup}s", url]
            subprocess.run(warm, capture_output=True, timeout=options.warmup + 60)
        before = _cpu.sample(server.process.pid)
        proc = subprocess.run(
            [*argv, f"--duration={options.duration}s", url],
            capture_output=True,
            text=True,
            timeout=options.duration + 60,
        )
        after = _cpu.sample(server.process.pid)
    if proc.returncode != 0:
        raise BenchError(f"wrk failed ({proc.returncode}) on {url}:\n{proc.stderr or proc.stdout}")
    result = parse_wrk(endpoint.name, proc.stdout)
    result.other_cpu = _cpu.other_share(before, after)
    return result
