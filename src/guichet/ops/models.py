"""Platform plumbing shared by every domain: the counters behind readable numbers."""

from __future__ import annotations

from django.db import models


class NumberSequence(models.Model):
    """The last number handed out under one prefix (case numbers, credential numbers…)."""

    prefix = models.CharField(max_length=40, primary_key=True)
    last = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.prefix}: {self.last}"


class PeriodicRun(models.Model):
    """When a periodic job last ran, shared by every worker so it runs once per interval."""

    name = models.CharField(max_length=80, primary_key=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} at {self.last_run_at}"
