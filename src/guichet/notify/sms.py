"""SMS gateways are pluggable: a city sets GUICHET_SMS_BACKEND to its provider's class."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("guichet.sms")


class BaseSmsBackend(ABC):
    @abstractmethod
    def send(self, *, to: str, text: str) -> None:
        """Send one text message; raise to have the outbox retry later."""


class LoggingSmsBackend(BaseSmsBackend):
    """The demo gateway: writes each message to the log instead of a phone."""

    def send(self, *, to: str, text: str) -> None:
        logger.info("sms", extra={"to": to, "text": text})


class MemorySmsBackend(BaseSmsBackend):
    """For tests: keeps messages in a list, like Django's locmem mail backend."""

    outbox: list[dict] = []

    def send(self, *, to: str, text: str) -> None:
        MemorySmsBackend.outbox.append({"to": to, "text": text})


def get_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()
