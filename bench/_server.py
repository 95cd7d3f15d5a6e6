"""A throwaway database and `guichet serve` in production mode on it, stopped however we exit."""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench._base import BenchError, Endpoint, Options

PROJECT_DIR = Path(__file__).resolve().parent.parent
PG_HOST = os.environ.get("PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PG_PORT", "5432"))
PG_USER = "postgres"
BENCH_DB = "guichet_bench"
START_TIMEOUT_S = 60.0
# Variables that would change what is measured: the bench sets its own or none.
_DROPPED_ENV = {"DEBUG", "GUICHET_DEMO_HINTS", "DATABASE_URL", "GUICHET_ACCESS_LOG"}


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    database: str  # what it runs on, e.g. "postgresql 15.20"
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 25) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:]) or "(no output)"

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM the whole process group (gunicorn and its workers); SIGKILL if it lingers."""
        if self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def postgres_answers(timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout=timeout):
            return True
    except OSError:
        return False


def choose_database(choice: str) -> str:
    """Resolve ``auto`` (saying what it chose when PostgreSQL is missing) and check ``postgres``."""
    if choice == "auto":
        if postgres_answers():
            return "postgres"
        print(f"PostgreSQL at {PG_HOST}:{PG_PORT} does not answer: benchmarking on SQLite.")
        return "sqlite"
    if choice == "postgres" and not postgres_answers():
        raise BenchError(f"--database postgres, but nothing answers at {PG_HOST}:{PG_PORT}.")
    if choice not in {"postgres", "sqlite"}:
        raise BenchError(f"unknown database {choice!r}: use sqlite, postgres or auto.")
    return choice


def _postgres(*statements: str) -> str:
    """Run admin statements against the server's maintenance database; return its version."""
    import psycopg

    with psycopg.connect(
        host=PG_HOST,
        port=PG_PORT,
        user=PG_USER,
        dbname="postgres",
        autocommit=True,
        connect_timeout=10,
    ) as conn:
        for statement in statements:
            conn.execute(statement)
        return str(conn.execute("SHOW server_version").fetchone()[0]).split()[0]


def _guichet(env: dict[str, str], *args: str) -> None:
    argv = [sys.executable, "-m", "guichet", *args]
    proc = subprocess.run(argv, env=env, cwd=PROJECT_DIR, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-25:])
        raise BenchError(f"`guichet {' '.join(args)}` failed ({proc.returncode}):\n{tail}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(tmp: Path, database: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _DROPPED_ENV}
    env.update(
        GUICHET_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        GUICHET_SSL_REDIRECT="0",  # wrk speaks plain HTTP; a redirect would be all it measured
        GUICHET_BEHIND_PROXY="0",
        GUICHET_VAR_DIR=str(tmp / "var"),
        GUICHET_STATIC_ROOT=str(tmp / "static"),
        GUICHET_MEDIA_ROOT=str(tmp / "media"),
    )
    if database == "postgres":
        env["DATABASE_URL"] = f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{BENCH_DB}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'var' / 'guichet.sqlite3'}"
    return env


def request(server: Server, endpoint: Endpoint) -> tuple[int, bytes]:
    """One request without following redirects, to check what wrk is about to measure."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(endpoint.method, endpoint.path, body=endpoint.body, headers=endpoint.headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(
                f"the server exited ({server.process.returncode}) before answering /healthz; "
                f"its last lines:\n{server.log_tail()}"
            )
        try:
            status, body = request(server, Endpoint("/healthz"))
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return
        raise BenchError(f"/healthz answered {status}: {body[:200]!r}\n{server.log_tail()}")
    raise BenchError(
        f"the server did not answer /healthz within {START_TIMEOUT_S:.0f}s; "
        f"its last lines:\n{server.log_tail()}"
    )


def _start(env: dict[str, str], options: Options, log: Path, database: str) -> Server:
    port = _free_port()
    argv = [sys.executable, "-m", "guichet", "serve", "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--workers", str(options.workers)]
    if options.server_threads:
        argv += ["--threads", str(options.server_threads)]
    with log.open("wb") as out:
        # Own session and process group: Ctrl-C reaches only us, and we stop the group.
        process = subprocess.Popen(
            argv,
            env=env,
            cwd=PROJECT_DIR,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Server(process, port, database, log)


@contextlib.contextmanager
def serve(options: Options) -> Iterator[Server]:
    """A migrated, demo-loaded database and the production server on it, removed afterwards."""
    database = choose_database(options.database)
    with tempfile.TemporaryDirectory(prefix="guichet-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = _server_env(tmp, database)
        if database == "postgres":
            drop = f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)"
            label = "postgresql " + _postgres(drop, f"CREATE DATABASE {BENCH_DB}")
        else:
            label = f"sqlite {sqlite3.sqlite_version}"
        try:
            _guichet(env, "migrate", "--noinput", "-v0")
            _guichet(env, "demo", "--quiet")
            _guichet(env, "collectstatic", "--noinput", "-v0")
            server = _start(env, options, tmp / "server.log", label)
            try:
                _wait_until_healthy(server)
                yield server
            finally:
                server.stop()
        finally:
            if database == "postgres":
                with contextlib.suppress(Exception):
                    _postgres(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
