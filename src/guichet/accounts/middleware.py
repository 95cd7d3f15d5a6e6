"""Staff who logged in with a password alone get no further than the second-factor step."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from guichet.config.problems import problem_response

from . import services

# Paths a half-logged-in staff user may still reach: the second-factor pages and assets.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz", "/readyz")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
            and services.needs_second_factor(user)
        ):
            if request.path.startswith("/api/"):
                return problem_response(
                    request,
                    401,
                    "second-factor-required",
                    "Second factor required",
                    "Staff accounts must complete two-factor login before using the API.",
                )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:second_factor')}?{query}")
        return self.get_response(request)
