"""Legal time limits counted in working days.

The calendar is the `holidays` package's for ``GUICHET_HOLIDAY_COUNTRY`` (and subdivision):
its public holidays are days off and, where a country moves working days onto weekends (China's
调休), those weekend days are working days (``HolidayBase.weekend_workdays``). On top of that a
deployment lists its own closures (``GUICHET_EXTRA_HOLIDAYS``) and extra opening days
(``GUICHET_EXTRA_WORKING_DAYS``) as ISO dates.

Counting follows the administrative convention: the day of the triggering event (acceptance,
a pause starting or ending) is not counted, the last day is. A case accepted on day D with a
limit of N working days is due at the end of ``add(D, N)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "Pause",
    "add",
    "count_between",
    "due_date",
    "elapsed",
    "is_working_day",
    "reset_cache",
]

_ONE_DAY = timedelta(days=1)
# The settings a calendar depends on: (country, subdivision, extra holidays, extra working days).
_CalendarKey = tuple[str, str | None, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Pause:
    """A stretch during which the clock stands still (e.g. waiting for missing documents).

    Working days after ``start`` up to and including ``end`` are not counted: the day the clock
    stops still counts, the day it restarts does not. ``end`` None means still paused.
    """

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"a pause cannot end ({self.end}) before it starts ({self.start})")

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls inside the pause (so it is not counted)."""
        return self.start < day and (self.end is None or day <= self.end)


def _current_key() -> _CalendarKey:
    # Read on every call so that override_settings in tests, or a reload, is noticed: the
    # cache below is keyed by these values, never by "whatever was configured first".
    return (
        settings.GUICHET_HOLIDAY_COUNTRY,
        settings.GUICHET_HOLIDAY_SUBDIVISION or None,
        tuple(settings.GUICHET_EXTRA_HOLIDAYS),
        tuple(settings.GUICHET_EXTRA_WORKING_DAYS),
    )


def _parse_dates(setting: str, values: tuple[str, ...]) -> frozenset[date]:
    try:
        return frozenset(date.fromisoformat(value.strip()) for value in values)
    except (ValueError, AttributeError, TypeError) as error:
        raise ImproperlyConfigured(
            f"{setting} must list ISO dates (YYYY-MM-DD), got {list(values)!r}"
        ) from error


@lru_cache(maxsize=16)
def _extra_days(key: _CalendarKey) -> tuple[frozenset[date], frozenset[date]]:
    closed = _parse_dates("GUICHET_EXTRA_HOLIDAYS", key[2])
    opened = _parse_dates("GUICHET_EXTRA_WORKING_DAYS", key[3])
    if both := closed & opened:
        raise ImproperlyConfigured(
            "GUICHET_EXTRA_HOLIDAYS and GUICHET_EXTRA_WORKING_DAYS both list "
            + ", ".join(sorted(day.isoformat() for day in both))
        )
    return closed, opened


@lru_cache(maxsize=256)
def _days_off(key: _CalendarKey, year: int) -> frozenset[date]:
    """Every day of ``year`` on which the offices are closed, for one configuration."""
    country, subdivision, _, _ = key
    # Neighbouring years too: a year's adjustments can move days across New Year.
    years = range(max(year - 1, date.min.year), min(year + 1, date.max.year) + 1)
    try:
        calendar = holidays.country_holidays(country, subdiv=subdivision, years=years)
    except NotImplementedError as error:
        raise ImproperlyConfigured(
            f"The holidays package knows no calendar for GUICHET_HOLIDAY_COUNTRY={country!r} "
            f"with GUICHET_HOLIDAY_SUBDIVISION={subdivision!r}"
        ) from error
    closed, opened = _extra_days(key)
    off = set()
    day = date(year, 1, 1)
    while day.year == year:
        # is_working_day: a holiday is off, a weekend is off unless it is an adjusted working day.
        if (day in closed or not calendar.is_working_day(day)) and day not in opened:
            off.add(day)
        if day == date.max:
            break
        day += _ONE_DAY
    return frozenset(off)


@lru_cache(maxsize=64)
def _holidays(key: _CalendarKey, year: int) -> frozenset[date]:
    country, subdivision, _, _ = key
    calendar = holidays.country_holidays(country, subdiv=subdivision, years=[year])
    return frozenset(calendar)


def is_public_holiday(day: date) -> bool:
    """A public holiday or one of the deployment's own closures, whatever the weekday
    (service centres open at weekends still close on these unless they open all year)."""
    key = _current_key()
    closed, opened = _extra_days(key)
    if day in opened:
        return False
    return day in closed or day in _holidays(key, day.year)


def reset_cache() -> None:
    """Forget computed calendars (the cache is keyed by settings, so this is rarely needed)."""
    _extra_days.cache_clear()
    _days_off.cache_clear()
    _holidays.cache_clear()


def _working_day_test() -> Callable[[date], bool]:
    """A day -> open? test for the current settings, holding on to the years it has seen."""
    key = _current_key()
    years: dict[int, frozenset[date]] = {}

    def working(day: date) -> bool:
        if day.year not in years:
            years[day.year] = _days_off(key, day.year)
        return day not in years[day.year]

    return working


def is_working_day(day: date) -> bool:
    """Whether the offices are open on ``day``."""
    return _working_day_test()(day)


def _walk(start: date, days: int, pauses: Sequence[Pause]) -> date | None:
    """The day on which the ``days``-th counted working day after ``start`` falls.

    None if an open pause stops the clock before that many days are counted.
    """
    if days < 0:
        raise ValueError(f"a time limit cannot be negative, got {days}")
    working = _working_day_test()
    # After the last open pause has started nothing more is ever counted.
    frozen_from = min((p.start for p in pauses if p.end is None), default=None)
    day, counted = start, 0
    while counted < days:
        day += _ONE_DAY
        if frozen_from is not None and day > frozen_from:
            return None
        if working(day) and not any(pause.covers(day) for pause in pauses):
            counted += 1
    return day


def add(start: date, days: int) -> date:
    """The working day that is ``days`` working days after ``start`` (``start`` not counted)."""
    result = _walk(start, days, ())
    assert result is not None  # only an open pause stops the walk
    return result


def count_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    working = _working_day_test()
    count, day = 0, start + _ONE_DAY
    while day <= end:
        count += working(day)
        day += _ONE_DAY
    return count


def due_date(start: date, days: int, pauses: Sequence[Pause] = ()) -> date | None:
    """When a limit of ``days`` working days from ``start`` runs out, pauses not counted.

    None while an open pause holds the clock before the limit is reached: the due date is not
    known until the clock restarts. A limit already reached before a pause keeps its date.
    """
    return _walk(start, days, pauses)


def elapsed(start: date, today: date, pauses: Sequence[Pause] = ()) -> int:
    """Working days of the limit used from ``start`` up to and including ``today``."""
    working = _working_day_test()
    count, day = 0, start + _ONE_DAY
    while day <= today:
        count += working(day) and not any(pause.covers(day) for pause in pauses)
        day += _ONE_DAY
    return count
