"""The data hub: parties, the credentials departments issued them, their document vault,
their consents, and the platform's signing keys."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Party(models.Model):
    """A person or a company the platform knows, by its national identifier."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        COMPANY = "company", _("Company")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # Resident identity number (persons) or unified social credit code (companies).
    identifier = models.CharField(_("identifier"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    district = models.CharField(_("registered district"), max_length=40, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=200, blank=True)
    business_scope = models.TextField(_("business scope"), blank=True)
    # A person's login, once their identity has been checked (verified login or a clerk).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="party",
    )
    identity_verified = models.BooleanField(_("identity verified"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.identifier})"

    @property
    def is_company(self) -> bool:
        return self.kind == self.Kind.COMPANY


class SigningKey(models.Model):
    """One of the platform's signing keys; retired keys stay published to verify old seals."""

    kid = models.CharField(max_length=16, unique=True)
    algorithm = models.CharField(max_length=10, default="ES256")
    public_key_pem = models.TextField()
    # PKCS#8, encrypted under GUICHET_SIGNING_KEY_SECRET (or SECRET_KEY).
    private_key_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")

    def __str__(self) -> str:
        return self.kid


class Credential(models.Model):
    """A certificate a department issued to a party, sealed by the platform."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    number = models.CharField(_("number"), max_length=40, unique=True)
    evidence_type = models.ForeignKey(
        "catalog.EvidenceType", on_delete=models.PROTECT, related_name="+"
    )
    holder = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="credentials")
    issuing_department = models.ForeignKey(
        "catalog.Department", on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    # The sealed QR payload (see datahub.signing) and the key that sealed it.
    seal = models.TextField(blank=True)
    kid = models.CharField(max_length=16, blank=True)
    case_number = models.CharField(_("application"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        indexes = [models.Index(fields=["holder", "evidence_type", "status"])]

    def __str__(self) -> str:
        return self.number

    def usable_on(self, day: date) -> bool:
        return self.status == self.Status.VALID and (
            self.valid_until is None or self.valid_until >= day
        )


class Document(models.Model):
    """A file a party handed in, kept in their vault to be reused once verified."""

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Not yet checked")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    holder = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="documents")
    evidence_type = models.ForeignKey(
        "catalog.EvidenceType", on_delete=models.PROTECT, related_name="+"
    )
    file = models.CharField(max_length=300)  # name in the "documents" storage
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    verification = models.CharField(
        _("verification"),
        max_length=12,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["holder", "evidence_type", "verification"])]

    def __str__(self) -> str:
        return self.original_name

    def reusable_on(self, day: date) -> bool:
        return self.verification == self.Verification.VERIFIED and (
            self.valid_until is None or self.valid_until >= day
        )


class Consent(models.Model):
    """The applicant's yes or no to reusing the hub's records for one application."""

    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("application"), max_length=40)
    granted = models.BooleanField(_("granted"))
    # What was shown: [{"kind": "credential"|"document"|"platform", "id": …, "department": …}]
    records = models.JSONField(default=list)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["party", "purpose"], name="one_consent_per_purpose")
        ]
        indexes = [models.Index(fields=["purpose"])]

    def __str__(self) -> str:
        return f"{self.purpose}: {'yes' if self.granted else 'no'}"
