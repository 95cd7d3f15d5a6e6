"""National identifiers: the resident identity number (GB 11643-1999) of a person and the
unified social credit code (GB 32100-2015) of a company or other organisation.

Both end in a check character that catches nearly every single typing mistake, so a form can
refuse a mistyped number before anything is looked up. A deployment in another country plugs
its own person rule through ``settings.GUICHET_PERSON_ID_VALIDATOR``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

__all__ = [
    "CREDIT_CODE_CHARSET",
    "ResidentIdFacts",
    "make_credit_code",
    "make_resident_id",
    "person_id_validator",
    "resident_id_facts",
    "validate_credit_code",
    "validate_resident_id",
]

# --- Resident identity number (GB 11643-1999) ---------------------------------------------

# ISO 7064 MOD 11-2: weight of position i (1-based, left to right) is 2^(18 - i) mod 11.
_RESIDENT_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RESIDENT_CHECK = "10X98765432"
_RESIDENT_FORMAT = re.compile(r"[0-9]{17}[0-9X]")
_EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class ResidentIdFacts:
    """What a resident identity number says about its holder."""

    region_code: str
    birth_date: date
    sex: Literal["male", "female"]


def _normalise(value: object) -> str:
    # NFKC turns the full-width digits and letters a Chinese input method types into ASCII.
    if not isinstance(value, str):
        return ""
    return "".join(unicodedata.normalize("NFKC", value).split()).upper()


def _resident_check_character(first17: str) -> str:
    total = sum(int(char) * weight for char, weight in zip(first17, _RESIDENT_WEIGHTS, strict=True))
    return _RESIDENT_CHECK[total % 11]


def _birth_date(number: str) -> date | None:
    """The birth date written in the number, or None if it is not a plausible one."""
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    if born.year < _EARLIEST_BIRTH_YEAR or born > timezone.localdate():
        return None
    return born


def validate_resident_id(value: str) -> str:
    """Check an 18-character resident identity number; return it normalised (uppercase X)."""
    number = _normalise(value)
    if not _RESIDENT_FORMAT.fullmatch(number):
        raise ValidationError(
            _(
                "A resident identity number has 18 characters: 17 digits, then a digit or "
                "the letter X."
            ),
            code="format",
        )
    if _birth_date(number) is None:
        raise ValidationError(
            _(
                "The birth date in this identity number (characters 7 to 14, written "
                "YYYYMMDD) is not a real date between 1900 and today."
            ),
            code="birth-date",
        )
    if _resident_check_character(number[:17]) != number[17]:
        raise ValidationError(
            _(
                "This identity number is not valid: its last character does not match the "
                "others. Please check it for a typing mistake."
            ),
            code="check-digit",
        )
    return number


def resident_id_facts(value: str) -> ResidentIdFacts:
    """Region, birth date and sex written in a resident identity number (validated first)."""
    number = validate_resident_id(value)
    born = _birth_date(number)
    assert born is not None  # validate_resident_id refused the number otherwise
    # The sequence number is odd for men and even for women.
    sex: Literal["male", "female"] = "male" if int(number[14:17]) % 2 else "female"
    return ResidentIdFacts(region_code=number[:6], birth_date=born, sex=sex)


def make_resident_id(region_code: str, birth_date: date, sequence: int) -> str:
    """Build a valid resident identity number (for demo data and tests)."""
    if not re.fullmatch(r"[0-9]{6}", region_code):
        raise ValueError(f"region_code must be 6 digits, not {region_code!r}")
    if not 0 <= sequence <= 999:
        raise ValueError(f"sequence must be between 0 and 999, not {sequence}")
    if not date(_EARLIEST_BIRTH_YEAR, 1, 1) <= birth_date <= timezone.localdate():
        raise ValueError(f"birth_date must be between 1900 and today, not {birth_date}")
    first17 = f"{region_code}{birth_date:%Y%m%d}{sequence:03d}"
    return first17 + _resident_check_character(first17)


# --- Unified social credit code (GB 32100-2015) -------------------------------------------

# The 31 characters of the code, in value order: no I, O, S, V or Z (read as 1, 0, 5, U, 2).
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Weight of position i (1-based) is 3^(i - 1) mod 31.
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CODE_CHAR = f"[{CREDIT_CODE_CHARSET}]"
# Authority, entity type, 6-digit region code, 9-character organisation code, check.
_CREDIT_FORMAT = re.compile(f"{_CODE_CHAR}{{2}}[0-9]{{6}}{_CODE_CHAR}{{10}}")


def _credit_check_character(first17: str) -> str:
    total = sum(
        CREDIT_CODE_CHARSET.index(char) * weight
        for char, weight in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> str:
    """Check an 18-character unified social credit code; return it normalised (uppercase)."""
    code = _normalise(value)
    if not _CREDIT_FORMAT.fullmatch(code):
        raise ValidationError(
            _(
                "A unified social credit code has 18 characters: digits and capital letters "
                "other than I, O, S, V and Z, with digits in places 3 to 8."
            ),
            code="format",
        )
    if _credit_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _(
                "This unified social credit code is not valid: its last character does not "
                "match the others. Please check it for a typing mistake."
            ),
            code="check-digit",
        )
    return code


def make_credit_code(
    region_code: str, organisation_code: str, authority: str = "9", kind: str = "1"
) -> str:
    """Build a valid unified social credit code (for demo data and tests)."""
    first17 = f"{authority}{kind}{region_code}{organisation_code}"
    if not re.fullmatch(f"{_CODE_CHAR}{{2}}[0-9]{{6}}{_CODE_CHAR}{{9}}", first17):
        raise ValueError(
            "authority and kind must be one code character each, region_code 6 digits and "
            f"organisation_code 9 code characters ({CREDIT_CODE_CHARSET}); got {first17!r}"
        )
    return first17 + _credit_check_character(first17)


# --- The deployment's rule for persons ----------------------------------------------------


def person_id_validator() -> Callable[[str], str]:
    """The deployment's check for a person's identity number (GUICHET_PERSON_ID_VALIDATOR).

    Looked up on each call, so a changed setting takes effect at once; the callable returns
    the normalised number or raises ValidationError.
    """
    return import_string(settings.GUICHET_PERSON_ID_VALIDATOR)
