"""The verification API's types: what someone who scanned a certificate's QR code learns."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Schema
from pydantic import Field

from . import services

Outcome = Literal["valid", "expired", "suspended", "revoked", "forged", "malformed", "unknown-key"]


class VerifyIn(Schema):
    code: str = Field(
        min_length=1, max_length=2000, description="The text of the QR code (`GC1:…`)."
    )


class CertificateOut(Schema):
    number: str
    type: str = Field(description="Evidence type code.")
    type_name: str
    issuer: str = Field(description="The issuing department's name.")
    issuer_code: str
    holder_name: str
    holder_id_masked: str
    issued_on: date
    valid_until: date | None
    status: Literal["valid", "suspended", "revoked"]

    @staticmethod
    def resolve_type(obj) -> str:
        return obj.evidence_type.code

    @staticmethod
    def resolve_type_name(obj) -> str:
        return str(obj.evidence_type)

    @staticmethod
    def resolve_issuer(obj) -> str:
        return obj.issuing_department.display_name

    @staticmethod
    def resolve_issuer_code(obj) -> str:
        return obj.issuing_department.code

    @staticmethod
    def resolve_holder_name(obj) -> str:
        return obj.holder.name

    @staticmethod
    def resolve_holder_id_masked(obj) -> str:
        return services.masked(obj.holder.identifier)


class VerificationOut(Schema):
    outcome: Outcome
    message: str
    valid: bool
    certificate: CertificateOut | None = Field(
        description="The registry's record, when the code is a genuine certificate "
        "(also when expired, suspended or revoked)."
    )
