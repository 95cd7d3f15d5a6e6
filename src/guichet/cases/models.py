"""Applications ("cases"): one item per service, their materials, review tasks and pauses.

Each stateful model carries its transition table; `move_to` is the only way to change state.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guichet.ops.states import InvalidTransition, StateMachine  # noqa: F401  (re-exported)


class Case(StateMachine, models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for correction")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        ACCEPTED = "accepted", _("Accepted")
        IN_REVIEW = "in_review", _("In review")
        DECIDED = "decided", _("Decided")
        ISSUED = "issued", _("Issued")
        DELIVERED = "delivered", _("Delivered")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS: dict[str, set[str]] = {
        State.DRAFT: {State.SUBMITTED, State.WITHDRAWN},
        State.SUBMITTED: {State.RETURNED, State.ACCEPTED, State.WITHDRAWN},
        State.RETURNED: {State.RESUBMITTED, State.WITHDRAWN},
        State.RESUBMITTED: {State.RETURNED, State.ACCEPTED, State.WITHDRAWN},
        State.ACCEPTED: {State.IN_REVIEW, State.WITHDRAWN},
        # A reviewer may send the case back to acceptance.
        State.IN_REVIEW: {State.DECIDED, State.RESUBMITTED, State.WITHDRAWN},
        # Nothing to issue when every item was refused.
        State.DECIDED: {State.ISSUED, State.CLOSED},
        State.ISSUED: {State.DELIVERED},
        State.DELIVERED: {State.CLOSED},
        State.CLOSED: set(),
        State.WITHDRAWN: set(),
    }
    WITHDRAWABLE = frozenset(s for s, targets in TRANSITIONS.items() if "withdrawn" in targets)

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        WINDOW = "window", _("At a window")
        KIOSK = "kiosk", _("Self-service kiosk")
        API = "api", _("Department system (API)")

    class Delivery(models.TextChoices):
        PICKUP = "pickup", _("Pick up at a delivery window")
        POST = "post", _("By post")
        ELECTRONIC = "electronic", _("Electronic certificate only")

    number = models.CharField(_("number"), max_length=20, unique=True)
    applicant = models.ForeignKey(
        "datahub.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("applicant")
    )
    # The account that owns the draft and follows the case (the applicant or their
    # representative); a clerk starting a case for a walk-in visitor leaves it empty.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    centre_code = models.CharField(_("receiving centre"), max_length=40, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    # What the applicant answered (the funnel's answers) and the data asked once for all items.
    answers = models.JSONField(default=dict, blank=True)
    details = models.JSONField(default=dict, blank=True)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.PICKUP
    )
    delivery_address = models.CharField(_("postal address"), max_length=300, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    return_reason = models.TextField(_("why it was returned"), blank=True)
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    receipt_confirmed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["submitted_by", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="case_idempotency_key",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "-created_at"]),
            models.Index(fields=["applicant", "-created_at"]),
            models.Index(fields=["state", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.number


class Item(StateMachine, models.Model):
    """One service applied for, under the catalogue version in force when it was filed."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for acceptance")
        ACCEPTED = "accepted", _("Accepted")
        IN_REVIEW = "in_review", _("In review")
        SUSPENDED = "suspended", _("Suspended: documents missing")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        ISSUED = "issued", _("Issued")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS: dict[str, set[str]] = {
        State.PENDING: {State.ACCEPTED, State.WITHDRAWN},
        State.ACCEPTED: {State.IN_REVIEW, State.WITHDRAWN},
        State.IN_REVIEW: {
            State.APPROVED,
            State.REFUSED,
            State.SUSPENDED,
            State.PENDING,
            State.WITHDRAWN,
        },
        State.SUSPENDED: {State.IN_REVIEW, State.REFUSED, State.WITHDRAWN},
        State.APPROVED: {State.ISSUED},
        State.REFUSED: set(),
        State.ISSUED: set(),
        State.WITHDRAWN: set(),
    }
    DECIDED = {State.APPROVED, State.REFUSED, State.ISSUED}

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    service_version = models.ForeignKey(
        "catalog.ServiceVersion", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    decision_reason = models.TextField(_("reasons"), blank=True)
    legal_days = models.PositiveSmallIntegerField(_("legal time limit (working days)"))
    # Null while the clock is stopped (waiting for the applicant) or before acceptance.
    due_on = models.DateField(_("due"), null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    credential_number = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "position"], name="item_position_unique")
        ]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self) -> str:
        return f"{self.case.number}/{self.position}"


class Material(models.Model):
    """One document an item needs, and where it comes from."""

    class Source(models.TextChoices):
        CREDENTIAL = "credential", _("Certificate in the registry")
        VAULT = "vault", _("Verified document in your vault")
        PLATFORM = "platform", _("Data the platform holds")
        APPLICATION = "application", _("Made from this application")
        UPLOAD = "upload", _("Uploaded")
        MISSING = "missing", _("Not provided yet")

    class Verdict(models.TextChoices):
        UNCHECKED = "unchecked", _("Not checked")
        ACCEPTED = "accepted", _("Accepted")
        TOLERATED = "tolerated", _("Missing, tolerated until the due date")
        REJECTED = "rejected", _("Rejected")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="materials")
    requirement = models.ForeignKey(
        "catalog.Requirement", null=True, on_delete=models.PROTECT, related_name="+"
    )
    evidence_type = models.ForeignKey(
        "catalog.EvidenceType", on_delete=models.PROTECT, related_name="+"
    )
    mandatory = models.BooleanField(default=True)
    tolerated_days = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.MISSING)
    credential = models.ForeignKey(
        "datahub.Credential", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        "datahub.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Which department's record was reused (shown to the applicant before they consent).
    provider = models.CharField(max_length=200, blank=True)
    verdict = models.CharField(max_length=10, choices=Verdict.choices, default=Verdict.UNCHECKED)
    verdict_note = models.CharField(max_length=300, blank=True)
    tolerated_until = models.DateField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["verdict", "tolerated_until"])]

    def __str__(self) -> str:
        return f"{self.item} {self.evidence_type.code}"

    @property
    def provided(self) -> bool:
        return self.source != self.Source.MISSING

    # Satisfied without the applicant uploading anything (the once-only figure counts these).
    WITHOUT_UPLOAD = frozenset({"credential", "vault", "platform", "application"})

    @property
    def reused(self) -> bool:
        """A record of the data hub, shown to the applicant before they consent."""
        return self.source in {self.Source.CREDENTIAL, self.Source.VAULT, self.Source.PLATFORM}

    @property
    def without_upload(self) -> bool:
        return self.source in self.WITHOUT_UPLOAD


class ReviewTask(StateMachine, models.Model):
    """One department's part of the review of one item, worked in parallel with the others."""

    class State(models.TextChoices):
        OPEN = "open", _("To review")
        WAITING = "waiting", _("Waiting for the applicant")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        SENT_BACK = "sent_back", _("Sent back to acceptance")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS: dict[str, set[str]] = {
        State.OPEN: {
            State.APPROVED,
            State.REFUSED,
            State.WAITING,
            State.SENT_BACK,
            State.CANCELLED,
        },
        State.WAITING: {State.OPEN, State.CANCELLED},
        State.APPROVED: {State.CANCELLED},
        State.REFUSED: set(),
        State.SENT_BACK: set(),
        State.CANCELLED: set(),
    }
    DONE = {State.APPROVED, State.REFUSED}

    class Role(models.TextChoices):
        COMPETENT = "competent", _("Competent department")
        COLLABORATOR = "collaborator", _("Collaborating department")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="tasks")
    department = models.ForeignKey("catalog.Department", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=12, choices=Role.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    # Copied from the item so inbox lists sort and filter on one table.
    due_on = models.DateField(null=True, blank=True)
    question = models.TextField(_("question to the applicant"), blank=True)
    answer = models.TextField(_("applicant's answer"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["department", "state", "due_on"]),
            # The reviewer inbox: a department's live tasks, most urgent first.
            models.Index(
                fields=["department", "due_on", "id"],
                condition=Q(state__in=["open", "waiting"]),
                name="task_inbox",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} — {self.department.code}"


class Pause(models.Model):
    """The clock of an item stopped while the applicant was asked for information."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="pauses")
    task = models.ForeignKey(ReviewTask, on_delete=models.CASCADE, related_name="pauses")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.started_on} – {self.ended_on or '…'}"


class FormToken(models.Model):
    """A one-time token in the forms that create a case: a double click makes one case."""

    token = models.CharField(max_length=64, primary_key=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, null=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.token[:8]
