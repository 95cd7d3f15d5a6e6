"""Give every request an id (or keep the proxy's), and expose it to logs and the audit trail."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.ipv6 import clean_ipv6_address

from guichet.config.problems import problem_response

from .context import RequestContext, reset_request_context, set_request_context

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def client_ip(request) -> str | None:
    """The client's address, trusting X-Forwarded-For only as far as the configured proxies."""
    proxies = int(getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0)
    address = request.META.get("REMOTE_ADDR")
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    if not address:
        return None
    if ":" in address:
        try:
            return clean_ipv6_address(address)
        except Exception:
            return None
    return address


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = set_request_context(RequestContext(request_id=request_id, ip=client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            reset_request_context(token)
        response["X-Request-ID"] = request_id
        return response


HOTLINE_INTAKE_PATHS = ("/hotline/", "/open311/", "/api/v1/hotline/")


class RequestSizeLimitMiddleware:
    """Refuse a body over GUICHET_MAX_UPLOAD_MB before reading it (files included).

    Django's own limit counts form fields but not uploaded files; this one reads the declared
    length, so an oversized upload is refused before a byte of it is stored. The reverse
    proxy should enforce the same limit for bodies sent without a length.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit_mb = settings.MAX_UPLOAD_MB
        if request.path.startswith(HOTLINE_INTAKE_PATHS):
            # Reporters' videos may be larger than documents; the intake checks each file.
            limit_mb = max(limit_mb, settings.GUICHET_HOTLINE_VIDEO_MB + 5)
        limit = limit_mb * 1024 * 1024
        if length > limit:
            if request.path.startswith("/open311/"):
                return JsonResponse(
                    [{"code": 413, "description": f"Requests are limited to {limit_mb} MB."}],
                    status=413,
                    safe=False,
                )
            if request.path.startswith("/api/"):
                return problem_response(
                    request,
                    413,
                    "too-large",
                    "Request too large",
                    f"Uploads are limited to {limit_mb} MB.",
                )
            return render(request, "web/413.html", {"limit_mb": limit_mb}, status=413)
        return self.get_response(request)
