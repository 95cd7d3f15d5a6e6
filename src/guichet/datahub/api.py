"""Public verification of certificates: the seal, then the registry's status and expiry."""

from ninja import Query, Router

from guichet.accounts.auth import PublicWriteThrottle

from . import services
from .schemas import VerificationOut, VerifyIn

router = Router(tags=["verification"], auth=None)


class VerifyThrottle(PublicWriteThrottle):
    """Its own budget per client: checking certificates must not use up sign-ups."""

    scope = "verify"


def _answer(code: str) -> dict:
    verification = services.verify(code)
    return {
        "outcome": verification.outcome,
        "message": verification.message,
        "valid": verification.ok,
        "certificate": verification.credential,
    }


@router.get("", response=VerificationOut, throttle=[VerifyThrottle()])
def verify_link(request, params: Query[VerifyIn]):
    """Check a certificate's code given in the address (`?code=GC1:…`), e.g. from a link."""
    return _answer(params.code)


@router.post("", response=VerificationOut, throttle=[VerifyThrottle()])
def verify(request, body: VerifyIn):
    """Check a certificate's code: genuine, and still valid in the registry?"""
    return _answer(body.code)
