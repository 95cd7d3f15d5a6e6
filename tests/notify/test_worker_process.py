"""The real worker process: queued tasks run, the outbox is delivered, the heart beats.

The rest of the suite runs tasks immediately; this test runs `guichet worker` as a separate
process on its own SQLite database with the database-backed queue, as `make demo` does.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

EMIT = """
from django.db import transaction
from guichet.accounts.models import User
from guichet.notify import services
with transaction.atomic():
    user = User.objects.create_user("worker-test@example.org", "pass phrase 123")
    services.notify(user, subject="Your permit is ready", channels=["inbox"])
"""


def _guichet(*args: str, env: dict, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "guichet", *args],
        env=env,
        timeout=timeout,
        capture_output=True,
        text=True,
        check=True,
    )


def _wait_for(query: str, database: Path, *, seconds: float = 30) -> tuple:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with sqlite3.connect(database, timeout=10) as connection:
            row = connection.execute(query).fetchone()
        if row and row[0]:
            return row
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for: {query}")


def test_worker_delivers_queued_events_and_reports_its_heartbeat(tmp_path):
    database = tmp_path / "worker.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "GUICHET_"))},
        "DJANGO_SETTINGS_MODULE": "guichet.config.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "GUICHET_VAR_DIR": str(tmp_path),
        "GUICHET_LOG_LEVEL": "WARNING",
    }
    _guichet("migrate", "--noinput", "-v0", env=env)
    _guichet("shell", "-c", EMIT, env=env)
    with sqlite3.connect(database) as connection:
        queued = connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult"
        ).fetchone()
    assert queued[0] == 1  # the event's delivery was queued on commit, not run in the request

    worker = subprocess.Popen(
        [sys.executable, "-m", "guichet", "worker", "--interval", "0.2", "--sweep-every", "0.5"],
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        subject = _wait_for("SELECT subject FROM notify_inboxmessage", database)
        assert subject == ("Your permit is ready",)
        _wait_for("SELECT count(*) FROM notify_workerheartbeat", database)
        state = _wait_for("SELECT state FROM notify_outboxevent", database)
        assert state == ("delivered",)
    finally:
        os.killpg(worker.pid, signal.SIGINT)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            raise
