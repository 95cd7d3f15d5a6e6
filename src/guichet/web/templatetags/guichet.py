"""Formatting in the page's language: money (with Babel's CLDR data) and numbers."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency, format_decimal
from django import template
from django.conf import settings
from django.utils.translation import get_language, to_locale

register = template.Library()


def _locale() -> str:
    return to_locale(get_language() or settings.LANGUAGE_CODE).replace("zh_Hans", "zh_Hans_CN")


@register.filter
def money(amount, currency: str = "") -> str:
    """`{{ fee|money }}` or `{{ fee|money:"EUR" }}` → "¥120.00", "120,00 €", "฿120.00"…"""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return format_currency(value, currency or settings.CURRENCY, locale=_locale())


@register.filter
def number(value) -> str:
    try:
        return format_decimal(Decimal(str(value)), locale=_locale())
    except (InvalidOperation, TypeError, ValueError):
        return ""
