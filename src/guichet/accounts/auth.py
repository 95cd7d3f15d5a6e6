"""How API callers prove who they are: a browser session, or a scoped bearer token."""

from __future__ import annotations

from django.conf import settings
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import SimpleRateThrottle

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


def session_or_token(*scopes: str) -> list:
    return [VerifiedSession(), TokenAuth(*scopes)]


class PublicWriteThrottle(SimpleRateThrottle):
    """Public endpoints that write: a budget per client address, logged in or not.

    The budget lives in the cache: per process by default, city-wide with a shared cache.
    """

    scope = "public-write"

    def __init__(self) -> None:
        super().__init__(settings.PUBLIC_WRITE_RATE)

    def get_cache_key(self, request) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request) or "-"}
