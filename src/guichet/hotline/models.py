"""The 12345 hotline: requests, where they are, who handles them, and what reporters said.

A `Request` is what a reporter asked or reported, on any channel; `WorkOrder`s are the parts of
it a department, a community worker or a business-desk manager must handle. Both are state
machines; every change of either goes through `services` and lands in the audit trail, and the
changes a reporter may see are also written as `RequestUpdate`s (Open311's request updates).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KeyTransform
from django.utils.translation import gettext_lazy as _

from guichet.ops.states import StateMachine


class Kind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    COMPLAINT = "complaint", _("Complaint")
    HELP = "help", _("Request for help")
    SUGGESTION = "suggestion", _("Suggestion")
    REPORT = "report", _("Report")
    PRAISE = "praise", _("Praise")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")


class Desk(models.TextChoices):
    """The business desk's three counters (the seed's policy, financing and legal help)."""

    POLICY = "policy", _("Policy advice")
    FINANCING = "financing", _("Financing matchmaking")
    LEGAL = "legal", _("Legal services")


class Category(models.Model):
    """What a request is about; reportable categories are the Open311 services."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.JSONField(_("name"), default=dict)  # {"en": …, "zh-hans": …}
    description = models.JSONField(_("description"), default=dict, blank=True)
    group = models.CharField(_("group"), max_length=60, blank=True)
    # Who handles it when no routing rule says otherwise (a catalogue department code).
    department_code = models.CharField(_("department"), max_length=40, blank=True)
    # The catalogue service this category reports on, if any (shown in Open311 and on pages).
    service_code = models.CharField(_("catalogue service"), max_length=40, blank=True)
    # Handled by the community worker of the request's grid cell rather than a department.
    by_community = models.BooleanField(_("handled by community workers"), default=False)
    desk = models.CharField(_("business desk"), max_length=20, choices=Desk.choices, blank=True)
    reportable = models.BooleanField(_("reportable by the public (Open311)"), default=True)
    # Open311 attributes: [{"code", "datatype", "required", "description", "order", "values"}]
    attributes = models.JSONField(_("attributes"), default=list, blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("request category")
        verbose_name_plural = _("request categories")

    def __str__(self) -> str:
        return self.code

    @property
    def display_name(self) -> str:
        from guichet.catalog import i18n

        return i18n.text(self.name) or self.code


class GridCell(models.Model):
    """One community's cell of the city grid: the unit community workers are responsible for."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    district = models.CharField(_("district"), max_length=80)
    street = models.CharField(_("street"), max_length=80)
    community = models.CharField(_("community"), max_length=80)
    # A bounding box: a city imports its real cells; requests fall in the first box that holds them.
    min_lat = models.FloatField()
    max_lat = models.FloatField()
    min_lon = models.FloatField()
    max_lon = models.FloatField()

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["min_lat", "max_lat", "min_lon", "max_lon"])]
        verbose_name = _("grid cell")
        verbose_name_plural = _("grid cells")

    def __str__(self) -> str:
        return f"{self.district} / {self.street} / {self.community}"


class CellWorker(models.Model):
    """A community worker responsible for a grid cell (data, not code: cities reassign often)."""

    cell = models.ForeignKey(GridCell, on_delete=models.CASCADE, related_name="workers")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hotline_cells"
    )
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cell", "worker"], name="cell_worker_once")]

    def __str__(self) -> str:
        return f"{self.cell_id} → {self.worker_id}"


class DeskManager(models.Model):
    """A business-desk service manager and what they know about."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hotline_desks"
    )
    desk = models.CharField(_("desk"), max_length=20, choices=Desk.choices)
    expertise = models.JSONField(_("expertise"), default=list, blank=True)  # industry tags
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "desk"], name="desk_manager_once")]

    def __str__(self) -> str:
        return f"{self.desk}: {self.user_id}"


class RoutingRule(models.Model):
    """An administrator's rule: it overrides the classifier when it matches."""

    class Target(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        COMMUNITY = "community", _("Community worker of the cell")
        DESK = "desk", _("Business desk")

    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveIntegerField(_("order"), default=100)
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="rules"
    )
    # Any one of these words (comma separated) in the title or description; empty = any text.
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    district = models.CharField(_("district"), max_length=80, blank=True)
    target = models.CharField(_("send to"), max_length=20, choices=Target.choices)
    department_code = models.CharField(_("department"), max_length=40, blank=True)
    desk = models.CharField(_("desk"), max_length=20, choices=Desk.choices, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return self.name


class DeadlinePolicy(models.Model):
    """How long a work order may take, by kind and urgency (hours, or working days)."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, blank=True)
    hours = models.PositiveIntegerField(_("hours"), null=True, blank=True)
    working_days = models.PositiveIntegerField(_("working days"), null=True, blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(fields=["kind", "urgency"], name="deadline_once"),
            models.CheckConstraint(
                condition=Q(hours__isnull=False) | Q(working_days__isnull=False),
                name="deadline_has_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind or '*'}/{self.urgency or '*'}"


class Request(StateMachine, models.Model):
    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        WEB = "web", _("Web")
        APP = "app", _("App")
        EMAIL = "email", _("E-mail")
        KIOSK = "kiosk", _("Kiosk")
        API = "api", _("API")

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")  # waiting for dispatch
        DISPATCHED = "dispatched", _("Dispatched")
        IN_PROGRESS = "in_progress", _("In progress")
        REPLIED = "replied", _("Replied")
        ESCALATED = "escalated", _("With the supervisor")
        CLOSED = "closed", _("Closed")
        DUPLICATE = "duplicate", _("Duplicate")

    TRANSITIONS = {
        State.RECEIVED: {State.DISPATCHED, State.CLOSED, State.DUPLICATE},
        State.DISPATCHED: {
            State.IN_PROGRESS,
            State.RECEIVED,
            State.REPLIED,
            State.DUPLICATE,
            State.CLOSED,
        },
        State.IN_PROGRESS: {State.REPLIED, State.RECEIVED, State.CLOSED},
        State.REPLIED: {State.CLOSED, State.IN_PROGRESS, State.ESCALATED},
        State.ESCALATED: {State.CLOSED, State.IN_PROGRESS},
        State.CLOSED: set(),
        State.DUPLICATE: {State.CLOSED, State.RECEIVED},
    }
    OPEN_STATES = (
        State.RECEIVED,
        State.DISPATCHED,
        State.IN_PROGRESS,
        State.REPLIED,
        State.ESCALATED,
    )

    number = models.CharField(_("number"), max_length=30, unique=True)
    # Open311's token: the reporter's handle before a number is known to them.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)  # Open311 answers
    address = models.CharField(_("address"), max_length=300, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    cell = models.ForeignKey(
        GridCell, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests"
    )
    district = models.CharField(_("district"), max_length=80, blank=True)  # copied from the cell

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hotline_requests",
    )
    reporter_name = models.CharField(_("name"), max_length=200, blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    reporter_email = models.EmailField(_("e-mail"), blank=True)
    # Anonymous by choice: only the operators who took the call may see who it was.
    anonymous = models.BooleanField(_("anonymous"), default=False)
    company_code = models.CharField(_("company"), max_length=18, blank=True)
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    industry = models.CharField(_("industry"), max_length=60, blank=True)
    desk = models.CharField(_("business desk"), max_length=20, choices=Desk.choices, blank=True)

    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    # What the classifier said, kept for the record and for the dispatcher's queue.
    suggestions = models.JSONField(default=list, blank=True)
    classifier_version = models.PositiveIntegerField(null=True, blank=True)
    dispatched_how = models.CharField(max_length=20, blank=True)  # auto, rule, dispatcher
    answered_first_contact = models.BooleanField(_("answered on first contact"), default=False)
    reply = models.TextField(_("reply"), blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    unhappy_count = models.PositiveSmallIntegerField(default=0)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hotline_taken",
    )
    submitted_via_key = models.CharField(max_length=40, blank=True)  # Open311 api_key's prefix

    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("hotline request")
        verbose_name_plural = _("hotline requests")
        indexes = [
            models.Index(fields=["state", "created_at"]),
            models.Index(fields=["category", "state"]),
            models.Index(fields=["district", "created_at"]),
            models.Index(
                fields=["created_at"], name="hotline_to_dispatch", condition=Q(state="received")
            ),
            models.Index(
                fields=["state"], name="hotline_request_reopened", condition=Q(reopen_count__gt=0)
            ),
            # E-mail intake skips a message it already took, by its Message-ID.
            models.Index(
                KeyTransform("message_id", "attributes"),
                name="hotline_mail_message_id",
                condition=Q(channel="email"),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def masked_phone(self) -> str:
        phone = self.reporter_phone
        return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 8 else ("****" if phone else "")


class WorkOrder(StateMachine, models.Model):
    class Assignee(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        COMMUNITY = "community", _("Community worker")
        DESK = "desk", _("Business desk manager")

    class State(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")
        REPLIED = "replied", _("Replied")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {
        State.ASSIGNED: {State.ACCEPTED, State.RETURNED, State.CANCELLED},
        State.ACCEPTED: {State.REPLIED, State.RETURNED, State.CANCELLED},
        State.REPLIED: {State.ACCEPTED},  # reopened after an unhappy call-back
        State.RETURNED: set(),
        State.CANCELLED: set(),
    }
    OPEN_STATES = (State.ASSIGNED, State.ACCEPTED)

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="orders")
    number = models.CharField(_("number"), max_length=40, unique=True)
    part = models.TextField(_("part to handle"), blank=True)  # set when a request is split
    assignee = models.CharField(max_length=20, choices=Assignee.choices)
    department_code = models.CharField(_("department"), max_length=40, blank=True, db_index=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hotline_orders",
    )
    desk = models.CharField(max_length=20, choices=Desk.choices, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.ASSIGNED)
    due_at = models.DateTimeField(_("due"))
    escalation = models.PositiveSmallIntegerField(default=0)  # 1 supervisor, 2 city leaders
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dispatched_how = models.CharField(max_length=20, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    reply = models.TextField(_("reply"), blank=True)
    resolution = models.TextField(_("what was done"), blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(_("reporter's feedback"), blank=True)  # when reopened
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["department_code", "state", "due_at"]),
            models.Index(fields=["worker", "state", "due_at"]),
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["escalation", "state"]),
            # The supervisor board: a department's requests, recent returns, open orders by due.
            models.Index(fields=["department_code", "request"], name="hotline_order_dept_request"),
            models.Index(
                fields=["updated_at"], name="hotline_order_returned", condition=Q(state="returned")
            ),
            models.Index(
                fields=["due_at"],
                name="hotline_order_open_due",
                condition=Q(state__in=["assigned", "accepted"]),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


class Attachment(models.Model):
    class Purpose(models.TextChoices):
        REPORT = "report", _("Sent with the request")
        RESOLUTION = "resolution", _("Photo of the fix")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="attachments")
    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.REPORT)
    stored_name = models.CharField(max_length=200)
    thumbnail_name = models.CharField(max_length=200, blank=True)
    original_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)  # datahub.files.Kind
    content_type = models.CharField(max_length=60)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    # An Open311 media_url given by the reporter instead of a file (never fetched by us).
    url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind in ("jpeg", "png", "webp")

    @property
    def is_video(self) -> bool:
        return self.kind in ("mp4", "webm", "mov")


class RequestUpdate(models.Model):
    """A change the reporter and the public may see (Open311's service request updates)."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="updates")
    state = models.CharField(max_length=20, choices=Request.State.choices)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.state}"


class Feedback(models.Model):
    """The reporter's answer to the satisfaction call-back (or to the link we sent)."""

    class How(models.TextChoices):
        CALL = "call", _("Call-back by an operator")
        LINK = "link", _("Link by SMS or e-mail")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="feedback")
    round = models.PositiveSmallIntegerField(default=1)
    rating = models.PositiveSmallIntegerField(_("satisfaction (1–5)"))
    resolved = models.BooleanField(_("resolved"))
    useful = models.BooleanField(_("useful"), null=True, blank=True)  # business desk survey
    comment = models.TextField(_("comment"), blank=True)
    how = models.CharField(max_length=10, choices=How.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["created_at"], name="hotline_feedback_recent")]
        constraints = [
            models.UniqueConstraint(fields=["request", "round"], name="feedback_once_per_round"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} #{self.round}: {self.rating}"

    @property
    def happy(self) -> bool:
        return self.resolved and self.rating >= 3


class StandardAnswer(models.Model):
    """An answer operators read out to common questions (the knowledge base)."""

    question = models.JSONField(_("question"), default=dict)
    answer = models.JSONField(_("answer"), default=dict)
    category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("standard answer")
        verbose_name_plural = _("standard answers")

    def __str__(self) -> str:
        from guichet.catalog import i18n

        return i18n.text(self.question) or str(self.pk)


class ClassifierVersion(models.Model):
    """A trained dispatch model: versioned, stored in the database so every process loads it."""

    version = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    samples = models.PositiveIntegerField()
    metrics = models.JSONField(default=dict)
    model = models.BinaryField()
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version}"
