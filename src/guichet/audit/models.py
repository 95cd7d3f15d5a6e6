"""The append-only audit trail and the record of who read whose personal data.

Both tables refuse UPDATE and DELETE in the database itself (triggers, see migrations), so
neither a bug nor a careless administrator can rewrite history through the application.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # The label survives the user's deletion and names system actors ("worker", "demo").
    actor_label = models.CharField(max_length=200, blank=True)
    on_behalf_of = models.CharField(_("acting for"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=80, blank=True)
    summary = models.JSONField(default=dict)
    request_id = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.target_type}:{self.target_id}"

    def canonical(self) -> bytes:
        """The bytes the hash covers: every field but the id and the hash, in a fixed form.

        The id is left out because it is known only after the insert; the order of the
        trail is the chain itself (each row names its predecessor's hash).
        """
        body = {
            "occurred_at": self.occurred_at.isoformat(timespec="microseconds"),
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "on_behalf_of": self.on_behalf_of,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "summary": self.summary,
            "request_id": self.request_id,
            "ip": self.ip,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


class PersonalDataAccess(models.Model):
    """Staff opened a person's or company's data, for a stated purpose."""

    class Subject(models.TextChoices):
        PERSON = "person", _("Person")
        COMPANY = "company", _("Company")

    occurred_at = models.DateTimeField(_("time"), db_index=True)
    accessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    accessor_label = models.CharField(max_length=200)
    organisation = models.CharField(_("department or centre"), max_length=200, blank=True)
    subject_type = models.CharField(max_length=10, choices=Subject.choices)
    subject_id = models.CharField(max_length=64)
    data_kind = models.CharField(_("data"), max_length=80)
    purpose = models.CharField(_("purpose"), max_length=200)
    case_reference = models.CharField(_("application or request"), max_length=64, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "-occurred_at"])]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")

    def __str__(self) -> str:
        return f"{self.accessor_label} read {self.subject_type}:{self.subject_id}"
