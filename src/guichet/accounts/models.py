"""Users, their memberships of departments, centres and agencies, and API tokens."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self,
        email: str | None = None,
        password: str | None = None,
        *,
        phone: str | None = None,
        **fields,
    ) -> User:
        if not email and not phone:
            raise ValueError("A user needs an e-mail address or a phone number.")
        user = self.model(email=self.normalize_email(email) or None, phone=phone or None, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, login: str) -> User:
        return self.get(Q(email__iexact=login) | Q(phone=login))


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: by e-mail or by phone, optionally identified nationally."""

    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, unique=True, null=True, blank=True)
    national_id = models.CharField(
        _("national identity number"), max_length=32, unique=True, null=True, blank=True
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin site access"),
        default=False,
        help_text=_("May open the administration site (catalogue and platform administrators)."),
    )
    is_demo = models.BooleanField(default=False, editable=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__isnull=False) | Q(phone__isnull=False),
                name="user_has_email_or_phone",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email or self.phone or f"user {self.pk}"

    @property
    def login_name(self) -> str:
        return self.email or self.phone or ""

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.login_name


class Membership(models.Model):
    """A staff user's (or agency employee's) role in one department, centre or agency."""

    class Organisation(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        CENTRE = "centre", _("Service centre")
        AGENCY = "agency", _("Intermediary agency")
        CITY = "city", _("Whole city")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    organisation_kind = models.CharField(max_length=20, choices=Organisation.choices)
    # A code rather than a foreign key: departments belong to the catalogue, centres to
    # the centres app, agencies to the market; accounts must not reach into their tables.
    organisation_code = models.CharField(max_length=40, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation_kind", "organisation_code"],
                name="membership_unique",
            )
        ]
        indexes = [models.Index(fields=["organisation_kind", "organisation_code", "role"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.organisation_name or self.organisation_code}"


class CompanyRepresentation(models.Model):
    """A user who may act for a company (by its unified social credit code)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="representations")
    company_code = models.CharField(_("company code"), max_length=18)
    company_name = models.CharField(_("company name"), max_length=200)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "company_code"], name="representation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.company_name} ({self.company_code})"


class ApiToken(models.Model):
    """A scoped bearer token for a department system or partner; only its hash is kept."""

    name = models.CharField(_("name"), max_length=100)
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        # Tokens carry 256 random bits, so a fast hash is enough to make a leaked table useless.
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
