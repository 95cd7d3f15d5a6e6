"""Text in every language, stored as one JSON object per field: {"en": …, "zh-hans": …}.

One column per field keeps the catalogue export, import and versioning simple; the page
language picks the text, falling back to English, then Chinese, then whatever exists.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language

FALLBACK_ORDER = ("en", "zh-hans", "fr", "th")
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def text(value: dict | str | None, language: str | None = None) -> str:
    """The text of a multilingual value in `language` (default: the active one)."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    language = (language or get_language() or "en").lower()
    for code in (language, language.split("-")[0], *FALLBACK_ORDER):
        if value.get(code):
            return value[code]
    return next((v for v in value.values() if v), "")


def clean(value: dict | None) -> dict:
    """Keep only known languages and non-empty strings."""
    return {
        code: str(v).strip()
        for code, v in (value or {}).items()
        if code in LANGUAGE_CODES and v and str(v).strip()
    }
