"""Helpers the browser tests share: messages as a given language shows them, page paths."""

from __future__ import annotations

import re

from django.utils import translation
from playwright.sync_api import Page


def in_language(code: str, message) -> str:
    """A message (plain or lazy) as the pages in language `code` show it."""
    with translation.override(code):
        return translation.gettext(message) if isinstance(message, str) else str(message)


def english(message) -> str:
    return in_language("en", message)


def path_of(page: Page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url).split("?")[0]
