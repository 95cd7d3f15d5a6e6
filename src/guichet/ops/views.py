"""Liveness and readiness probes for the load balancer and the orchestrator."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from guichet.config.problems import problem_response

from . import services


@never_cache
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    checks = services.readiness()
    ready = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "not ready", "checks": checks},
        status=200 if ready else 503,
    )


def api_not_found(request, *args, **kwargs):
    """Unknown API paths answer in the API's error shape, not with an HTML page."""
    return problem_response(request, 404, "not-found", "Not found", "No such API endpoint.")
