"""Operations: probes for the orchestrator, request ids in answers, security headers."""

from __future__ import annotations

import os
import subprocess
import sys

from guichet.notify import services as notify
from guichet.notify.models import WorkerHeartbeat


def test_healthz_answers_while_the_process_lives(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_needs_a_recent_worker_heartbeat(client, db):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"]["ok"] and body["checks"]["migrations"]["ok"]
    assert body["checks"]["worker"]["ok"] is False

    notify.beat("worker-1")
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json()["status"] == "ready"


def test_readyz_refuses_a_stale_heartbeat(client, db):
    from datetime import timedelta

    from django.utils import timezone

    WorkerHeartbeat.objects.create(worker="old", seen_at=timezone.now() - timedelta(minutes=2))
    assert client.get("/readyz").status_code == 503


def test_every_answer_carries_a_request_id_and_keeps_a_safe_incoming_one(client, db):
    assert len(client.get("/healthz")["X-Request-ID"]) == 32
    assert (
        client.get("/healthz", HTTP_X_REQUEST_ID="lb-0123456789")["X-Request-ID"] == "lb-0123456789"
    )
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert "<" not in forged["X-Request-ID"]


def test_pages_send_security_headers(client, db):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def _settings_in_subprocess(env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "GUICHET_ENV", "ALLOWED_HOSTS", "GUICHET_DEMO_HINTS"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import guichet.config.settings as s; print(s.SECURE_HSTS_SECONDS,"
            " s.SESSION_COOKIE_SECURE, s.DEBUG)",
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_subprocess({"GUICHET_ENV": "production", "ALLOWED_HOSTS": "x.org"})
    assert result.returncode != 0 and "needs SECRET_KEY" in result.stderr


def test_production_refuses_to_start_with_debug_on():
    result = _settings_in_subprocess(
        {
            "GUICHET_ENV": "production",
            "SECRET_KEY": "k" * 50,
            "ALLOWED_HOSTS": "x.org",
            "DEBUG": "1",
        }
    )
    assert result.returncode != 0 and "DEBUG" in result.stderr


def test_production_turns_on_hsts_and_secure_cookies():
    result = _settings_in_subprocess(
        {"GUICHET_ENV": "production", "SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "x.org"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "False"]


def test_uploads_over_the_configured_size_are_refused(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(
        "/api/v1/accounts/register",
        {"email": "a@b.org", "password": "x" * 4000},
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"


def test_an_upload_over_the_limit_is_refused_before_it_is_read(client, db, settings):
    settings.MAX_UPLOAD_MB = 1
    big = b"x" * (1024 * 1024 + 1)
    page = client.post("/accounts/register/", big, content_type="application/octet-stream")
    assert page.status_code == 413 and "too large" in page.content.decode()
    api = client.post("/api/v1/accounts/register", big, content_type="application/octet-stream")
    assert api.status_code == 413 and api.json()["type"] == "urn:guichet:problem:too-large"
