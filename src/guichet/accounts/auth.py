"""How API callers prove who they are: a browser session, or a scoped bearer token."""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import BaseThrottle

from guichet.ops.middleware import client_ip

from . import services


class TokenAuth(HttpBearer):
    """A department system or partner with a token; each route names the scope it needs."""

    def __init__(self, *scopes: str) -> None:
        super().__init__()
        self.scopes = frozenset(scopes)

    def authenticate(self, request, token: str):
        api_token = services.authenticate_token(token)
        if api_token is None or not self.scopes <= set(api_token.scopes):
            return None
        request.api_token = api_token
        request.user = api_token.owner
        return api_token.owner


class VerifiedSession(SessionAuth):
    """A logged-in browser; staff only once their second factor is done."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None and services.needs_second_factor(user) and not user.is_verified():
            return None
        return user


_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


# A sliding-window budget kept in the cache: per process by default, city-wide with a
# shared cache such as Redis. Rates read "20/h", "5/m"…


def _parse_rate(rate: str) -> tuple[int, int]:
    count, _, period = rate.partition("/")
    return int(count), _PERIODS[period.strip()[0]]


def _recent(key: str, window: int, now: float) -> list[float]:
    return [t for t in cache.get(key, []) if t > now - window]


def budget_wait(key: str, rate: str) -> float | None:
    """Seconds until this budget allows another use, or None when it allows one now."""
    limit, window = _parse_rate(rate)
    now = time.time()
    history = _recent(key, window, now)
    return window - (now - history[-1]) if len(history) >= limit else None


def spend_budget(key: str, rate: str) -> None:
    limit, window = _parse_rate(rate)
    now = time.time()
    cache.set(key, [now, *_recent(key, window, now)][:limit], window)


class PublicWriteThrottle(BaseThrottle):
    """Public endpoints that write: a sliding-window budget per client address.

    The rate is read from settings on every call (so a city can tune it without a code
    change) and the request's state stays in local variables, because one instance serves
    every thread of a process. The window lives in the cache: per process by default,
    city-wide with a shared cache such as Redis.
    """

    scope = "public-write"

    def __init__(self) -> None:
        self._local = threading.local()

    def allow_request(self, request) -> bool:
        key = f"throttle:{self.scope}:{client_ip(request) or '-'}"
        wait = budget_wait(key, settings.PUBLIC_WRITE_RATE)
        if wait is not None:
            self._local.wait = wait
            return False
        spend_budget(key, settings.PUBLIC_WRITE_RATE)
        return True

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


class ScopedTokenAuth(TokenAuth):
    """A genuine token without the route's scope is refused (403, RFC 6750 insufficient_scope)
    rather than treated as no credentials at all (401)."""

    def authenticate(self, request, token: str):
        api_token = services.authenticate_token(token)
        if api_token is None:
            return None
        missing = sorted(self.scopes - set(api_token.scopes))
        if missing:
            raise PermissionDenied(
                _("This token lacks the scope: %(scopes)s.") % {"scopes": ", ".join(missing)}
            )
        request.api_token = api_token
        request.user = api_token.owner
        return api_token.owner


def session_or_token(*scopes: str) -> list:
    """Token first: a system sending a bearer token has no cookies, so the session's CSRF
    check must not run (and refuse it) before the token is looked at. Browsers never send
    the Authorization header on their own, so checking the token first opens no CSRF hole."""
    return [ScopedTokenAuth(*scopes), VerifiedSession()]
