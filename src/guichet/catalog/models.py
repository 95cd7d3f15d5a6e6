"""The service catalogue: departments, services ("matters") in versions, evidence, requirements.

A service is a stable code; what it says lives in `ServiceVersion` rows. Administrators edit a
draft and publish it; a published version never changes again (a case keeps the version it
was filed under), publishing a new one supersedes it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import i18n


class Department(models.Model):
    class Level(models.TextChoices):
        DISTRICT = "district", _("District")
        CITY = "city", _("City")
        PROVINCE = "province", _("Province")
        NATIONAL = "national", _("National")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.JSONField(_("name"), default=dict)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.CITY)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return i18n.text(self.name) or self.code

    @property
    def display_name(self) -> str:
        return i18n.text(self.name) or self.code


class Event(models.Model):
    """A life event (birth of a child) or business event (opening a restaurant)."""

    class Kind(models.TextChoices):
        LIFE = "life", _("Life event")
        BUSINESS = "business", _("Business event")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.JSONField(_("name"), default=dict)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("life or business event")
        verbose_name_plural = _("life and business events")

    def __str__(self) -> str:
        return i18n.text(self.name) or self.code


class EvidenceType(models.Model):
    """A kind of document or certificate: identity card, business licence, lease contract…"""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    issuing_department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issuing department"),
    )
    validity_months = models.PositiveIntegerField(_("valid for (months)"), null=True, blank=True)
    # The data hub may hand this evidence to other departments (with the holder's consent).
    shareable = models.BooleanField(_("shareable by the data hub"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("evidence type")
        verbose_name_plural = _("evidence types")

    def __str__(self) -> str:
        return i18n.text(self.name) or self.code


class Service(models.Model):
    """The stable identity of a matter; its content lives in versions."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.code


class Audience(models.TextChoices):
    PERSON = "person", _("People")
    COMPANY = "company", _("Companies")
    BOTH = "both", _("People and companies")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    ANY_CENTRE = "any_centre", _("Any service centre in the city")
    NAMED_CENTRE = "named_centre", _("A named service centre")
    COMMUNITY = "community", _("Community service centres")
    KIOSK = "kiosk", _("Self-service kiosk")
    POST = "post", _("By post")


class WindowType(models.TextChoices):
    GENERAL = "general", _("General window")
    MARKET = "market", _("Market window")
    CONSTRUCTION = "construction", _("Construction window")
    COMPREHENSIVE = "comprehensive", _("Comprehensive window")
    DELIVERY = "delivery", _("Delivery window")


class ServiceVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED},
        Status.PUBLISHED: {Status.SUPERSEDED, Status.WITHDRAWN},
        Status.SUPERSEDED: set(),
        Status.WITHDRAWN: set(),
    }

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    keywords = models.JSONField(
        _("keywords"),
        default=dict,
        blank=True,
        help_text=_('Per language, a list: {"en": ["cafe", "food"]}'),
    )
    who_can_apply = models.JSONField(_("who can apply"), default=dict, blank=True)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PERSON
    )
    competent_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("competent department"),
    )
    collaborating_departments = models.ManyToManyField(
        Department, blank=True, related_name="+", verbose_name=_("collaborating departments")
    )
    events = models.ManyToManyField(
        Event,
        blank=True,
        related_name="service_versions",
        verbose_name=_("life and business events"),
    )
    legal_basis = models.JSONField(_("legal basis"), default=dict, blank=True)
    legal_reference = models.CharField(_("legal reference"), max_length=300, blank=True)
    legal_time_limit_days = models.PositiveIntegerField(_("legal time limit (working days)"))
    promised_time_limit_days = models.PositiveIntegerField(_("promised time limit (working days)"))
    fee_amount = models.DecimalField(_("fee"), max_digits=12, decimal_places=2, default=0)
    fee_currency = models.CharField(_("currency"), max_length=3, default="CNY")
    fee_waiver = models.JSONField(_("fee waiver conditions"), default=dict, blank=True)
    channels = models.JSONField(_("channels"), default=list)
    named_centre_code = models.CharField(_("named centre"), max_length=40, blank=True)
    visits = models.PositiveSmallIntegerField(
        _("visits needed"), default=1, help_text=_("0 means fully online.")
    )
    window_type = models.CharField(
        _("window type"), max_length=15, choices=WindowType.choices, default=WindowType.GENERAL
    )
    output = models.ForeignKey(
        EvidenceType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("output (what it issues)"),
    )
    prerequisites = models.ManyToManyField(
        Service, blank=True, related_name="+", verbose_name=_("prerequisite services")
    )
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["service__code", "-number"]
        verbose_name = _("service version")
        verbose_name_plural = _("service versions")
        constraints = [
            models.UniqueConstraint(fields=["service", "number"], name="service_version_number"),
            # At most one published and one draft version of a service at any time.
            models.UniqueConstraint(
                fields=["service"],
                condition=models.Q(status="published"),
                name="one_published_version",
            ),
            models.UniqueConstraint(
                fields=["service"], condition=models.Q(status="draft"), name="one_draft_version"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "competent_department"]),
            models.Index(fields=["status", "audience"]),
        ]

    def __str__(self) -> str:
        return f"{self.service.code} v{self.number} ({self.get_status_display()})"

    # What publishing and withdrawing may still write on a version that left draft.
    _LIFECYCLE_FIELDS = frozenset({"status", "published_at", "published_by", "change_note"})

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or set(update_fields) - self._LIFECYCLE_FIELDS):
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored not in (None, self.Status.DRAFT):
                raise ValidationError(
                    _("A published version never changes: start a new draft instead.")
                )
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return i18n.text(self.name) or self.service.code

    @property
    def fully_online(self) -> bool:
        return self.visits == 0

    @property
    def city_wide(self) -> bool:
        return Channel.ANY_CENTRE in self.channels

    @property
    def community_orderable(self) -> bool:
        return Channel.COMMUNITY in self.channels

    def move_to(self, status: Status) -> None:
        if status not in self.TRANSITIONS[self.status]:
            raise ValidationError(
                _("A %(current)s version cannot become %(new)s.")
                % {"current": self.get_status_display(), "new": status.label}
            )
        self.status = status


class Requirement(models.Model):
    """A document a service asks for, under a condition, in a given form."""

    class Form(models.TextChoices):
        ORIGINAL = "original", _("Original")
        COPY = "copy", _("Copy")
        ORIGINAL_AND_COPY = "original_and_copy", _("Original and copy")
        ELECTRONIC = "electronic", _("Electronic")

    version = models.ForeignKey(
        ServiceVersion, on_delete=models.CASCADE, related_name="requirements"
    )
    evidence_type = models.ForeignKey(
        EvidenceType, on_delete=models.PROTECT, related_name="requirements"
    )
    position = models.PositiveSmallIntegerField(default=0)
    # An expression over the funnel's answers and the applicant's facts (see conditions.py);
    # empty means always required. `condition_text` says the same in plain words.
    condition = models.CharField(_("condition"), max_length=500, blank=True)
    condition_text = models.JSONField(_("condition in plain words"), default=dict, blank=True)
    form = models.CharField(_("form"), max_length=20, choices=Form.choices, default=Form.ORIGINAL)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    mandatory = models.BooleanField(_("mandatory at acceptance"), default=True)
    # Tolerated absence: the case may be accepted without it; it follows within N days.
    tolerated_days = models.PositiveSmallIntegerField(
        _("may follow within (days)"), null=True, blank=True
    )
    note = models.JSONField(_("note"), default=dict, blank=True)

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self) -> str:
        return f"{self.version}: {self.evidence_type}"

    def save(self, *args, **kwargs) -> None:
        self._require_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._require_draft()
        return super().delete(*args, **kwargs)

    def _require_draft(self) -> None:
        status = (
            ServiceVersion.objects.filter(pk=self.version_id)
            .values_list("status", flat=True)
            .first()
        )
        if status not in (None, ServiceVersion.Status.DRAFT):
            raise ValidationError(
                _("A published version never changes: start a new draft instead.")
            )

    def clean(self) -> None:
        from .conditions import ConditionError, parse

        if not self.mandatory and not self.tolerated_days:
            raise ValidationError({"tolerated_days": _("Say within how many days it may follow.")})
        try:
            parse(self.condition)
        except ConditionError as error:
            raise ValidationError({"condition": str(error)}) from error
