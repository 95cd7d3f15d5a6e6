from datetime import datetime

from ninja import Schema
from pydantic import Field


class RegisterIn(Schema):
    email: str = ""
    phone: str = ""
    full_name: str = Field("", max_length=200)
    password: str
    preferred_language: str = "en"


class MembershipOut(Schema):
    role: str
    organisation_kind: str
    organisation_code: str
    organisation_name: str


class MeOut(Schema):
    id: int
    email: str | None
    phone: str | None
    full_name: str
    preferred_language: str
    roles: list[str]
    memberships: list[MembershipOut]


class TokenIn(Schema):
    name: str = Field(..., max_length=100)
    scopes: list[str]
    expires_at: datetime | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    secret: str = Field(..., description="Shown once; store it now.")
