"""Service centres, their windows and opening hours, appointments and tickets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guichet.ops.states import StateMachine


class Centre(models.Model):
    class Kind(models.TextChoices):
        DISTRICT = "district", _("District service centre")
        COMMUNITY = "community", _("Community service centre")
        KIOSK_SITE = "kiosk", _("Self-service kiosk site")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.JSONField(_("name"), default=dict)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=300, blank=True)
    district = models.CharField(_("district"), max_length=40, blank=True)
    # Opens on public holidays too (the seed's "open every day of the year").
    open_all_year = models.BooleanField(_("open all year"), default=False)
    language = models.CharField(
        _("announcement language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("service centre")
        verbose_name_plural = _("service centres")

    def __str__(self) -> str:
        return self.code

    @property
    def display_name(self) -> str:
        from guichet.catalog import i18n

        return i18n.text(self.name) or self.code


class OpeningHours(models.Model):
    """One opening span on one weekday (two rows make a lunch break)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"))  # 0 = Monday
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="hours_weekday"),
            models.CheckConstraint(condition=Q(opens__lt=models.F("closes")), name="hours_order"),
        ]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.weekday} {self.opens}-{self.closes}"


class ClosedDay(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="closed_days")
    day = models.DateField(_("day"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "day"], name="closed_once")]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.day}"


class ServiceGroup(models.Model):
    """Services served at the same kind of window, booked and queued together."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.JSONField(_("name"), default=dict)
    # Catalogue service codes (the catalogue is read through its selectors, not joined).
    services = models.JSONField(_("services"), default=list, blank=True)
    window_kind = models.CharField(_("window type"), max_length=15, default="general")
    # Quick services may be served at fast-track windows.
    quick = models.BooleanField(_("quick"), default=False)
    mean_service_minutes = models.PositiveSmallIntegerField(_("mean service time"), default=10)
    slot_minutes = models.PositiveSmallIntegerField(_("appointment slot"), default=15)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    @property
    def display_name(self) -> str:
        from guichet.catalog import i18n

        return i18n.text(self.name) or self.code


class Window(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", _("General window")
        MARKET = "market", _("Market window")
        CONSTRUCTION = "construction", _("Construction window")
        COMPREHENSIVE = "comprehensive", _("Comprehensive window")
        DELIVERY = "delivery", _("Delivery window")
        FAST_TRACK = "fast_track", _("Fast-track window")

    # Ticket numbers start with the letter of the window type the group is served at.
    PREFIXES = {
        "general": "A",
        "market": "B",
        "construction": "C",
        "comprehensive": "D",
        "delivery": "E",
        "fast_track": "F",
    }

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="windows")
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("type"), max_length=15, choices=Kind.choices)
    # Empty: a generalist window, qualified for every group.
    groups = models.ManyToManyField(ServiceGroup, blank=True, related_name="windows")
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_open = models.BooleanField(_("open now"), default=False)

    class Meta:
        ordering = ["centre", "number"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "number"], name="window_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.centre_id} #{self.number}"


class Appointment(models.Model):
    class State(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CHECKED_IN = "checked_in", _("Checked in")
        SERVED = "served", _("Served")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not come")

    HOLDS_A_SEAT = ("booked", "checked_in")

    code = models.CharField(_("confirmation code"), max_length=12, unique=True)
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="appointments")
    group = models.ForeignKey(ServiceGroup, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # Seats 0..capacity-1 of a slot; unique while the appointment holds it, so the last free
    # seat can be taken once, by one transaction, on SQLite and PostgreSQL alike.
    seat = models.PositiveSmallIntegerField(null=True, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appointments"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.BOOKED)
    case_number = models.CharField(_("application"), max_length=40, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "group", "starts_at", "seat"],
                condition=Q(state__in=["booked", "checked_in"]),
                name="one_booking_per_seat",
            )
        ]
        indexes = [
            models.Index(fields=["centre", "group", "starts_at"]),
            models.Index(fields=["person", "state"]),
        ]

    def __str__(self) -> str:
        return self.code


class Ticket(StateMachine, models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        CALLED = "called", _("Called")
        SERVING = "serving", _("Being served")
        DONE = "done", _("Done")
        MISSED = "missed", _("Missed")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS: dict[str, set[str]] = {
        State.WAITING: {State.CALLED, State.CANCELLED},
        State.CALLED: {State.SERVING, State.CALLED, State.MISSED, State.WAITING},
        State.SERVING: {State.DONE, State.WAITING},
        State.DONE: set(),
        State.MISSED: set(),
        State.CANCELLED: set(),
    }

    class Priority(models.TextChoices):
        NONE = "", _("None")
        ELDERLY = "elderly", _("Elderly")
        DISABLED = "disabled", _("Disability")
        PREGNANT = "pregnant", _("Pregnant")

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="tickets")
    day = models.DateField()
    number = models.CharField(_("ticket"), max_length=8)
    group = models.ForeignKey(ServiceGroup, on_delete=models.PROTECT, related_name="+")
    window_kind = models.CharField(max_length=15)
    appointment = models.OneToOneField(
        Appointment, null=True, blank=True, on_delete=models.SET_NULL, related_name="ticket"
    )
    priority = models.CharField(max_length=10, choices=Priority.choices, default="", blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    window = models.ForeignKey(
        Window, null=True, blank=True, on_delete=models.SET_NULL, related_name="tickets"
    )
    recalls = models.PositiveSmallIntegerField(default=0)
    arrived_at = models.DateTimeField()
    called_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    case_number = models.CharField(_("application"), max_length=40, blank=True)

    class Meta:
        ordering = ["arrived_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "day", "number"], name="ticket_number_daily")
        ]
        indexes = [models.Index(fields=["centre", "day", "state"])]

    def __str__(self) -> str:
        return self.number


class DropOff(models.Model):
    """Documents left in a centre's 24-hour drop box for an application, until a clerk
    collects them (the case's timeline records the deposit through the cases app)."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="drop_offs")
    reference = models.CharField(_("reference"), max_length=24, unique=True)
    case_number = models.CharField(_("application"), max_length=40)
    # A keyed digest of the identity number the depositor typed: enough to match a visitor
    # who asks about their envelopes, never shown, and no identity number kept in clear.
    identifier_digest = models.CharField(max_length=64)
    envelopes = models.PositiveSmallIntegerField(_("envelopes or files"), default=1)
    note = models.CharField(_("note"), max_length=500, blank=True)
    deposited_at = models.DateTimeField(_("deposited"))
    collected_at = models.DateTimeField(_("collected"), null=True, blank=True)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["deposited_at", "id"]
        verbose_name = _("drop-off")
        verbose_name_plural = _("drop-offs")
        indexes = [models.Index(fields=["centre", "collected_at", "deposited_at"])]

    def __str__(self) -> str:
        return self.reference
