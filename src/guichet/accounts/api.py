from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from . import services
from .auth import PublicWriteThrottle, VerifiedSession, session_or_token
from .models import ApiToken
from .schemas import MeOut, RegisterIn, TokenCreatedOut, TokenIn, TokenOut

router = Router(tags=["accounts"])


def _me(user) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "phone": user.phone,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "roles": sorted(role.value for role in services.roles_of(user)),
        "memberships": list(services.memberships_of(user)),
    }


@router.get("/me", response=MeOut, auth=session_or_token("profile"))
def me(request):
    """Who the caller is and which roles they hold."""
    return _me(request.auth)


@router.post("/register", response={201: MeOut}, auth=None, throttle=[PublicWriteThrottle()])
def register(request, body: RegisterIn):
    """Open a citizen account (public, rate-limited per client)."""
    if body.preferred_language not in dict(settings.LANGUAGES):
        body.preferred_language = "en"
    user = services.register_citizen(**body.dict())
    return Status(201, _me(user))


@router.get("/tokens", response=list[TokenOut], auth=VerifiedSession())
def list_tokens(request):
    return ApiToken.objects.filter(owner=request.auth).order_by("-created_at")[:200]


@router.post("/tokens", response={201: TokenCreatedOut}, auth=VerifiedSession())
def create_token(request, body: TokenIn):
    """Issue a scoped token for a system acting as you; the secret is shown once."""
    token, secret = services.issue_api_token(
        request.auth, name=body.name, scopes=body.scopes, expires_at=body.expires_at
    )
    return Status(201, {**TokenOut.from_orm(token).dict(), "secret": secret})


@router.delete("/tokens/{token_id}", response={204: None}, auth=VerifiedSession())
def revoke_token(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, owner=request.auth)
    services.revoke_api_token(token, by=request.auth)
    return Status(204, None)
