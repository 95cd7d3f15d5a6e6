"""Legal time limits in working days: China's public holidays and adjusted working days (调休)
from the `holidays` package, the deployment's own closures and openings, and a clock that
stops during pauses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from guichet import working_days
from guichet.working_days import Pause, add, count_between, due_date, elapsed, is_working_day

# National Day week 2025: 1-8 October off; Sunday 28 September and Saturday 11 October worked.
NATIONAL_DAY_2025 = [date(2025, 10, day) for day in range(1, 9)]


# --- The calendar ------------------------------------------------------------------------------


def test_national_day_week_is_off():
    assert not any(is_working_day(day) for day in NATIONAL_DAY_2025)


def test_weekend_days_moved_for_national_day_are_working_days():
    assert is_working_day(date(2025, 9, 28))  # Sunday
    assert is_working_day(date(2025, 10, 11))  # Saturday


def test_spring_festival_2025_and_its_moved_weekend_days():
    assert not any(is_working_day(date(2025, 1, 28) + timedelta(days=n)) for n in range(8))
    assert is_working_day(date(2025, 1, 26))  # Sunday
    assert is_working_day(date(2025, 2, 8))  # Saturday


def test_ordinary_weekend_is_off_and_weekday_is_on():
    assert not is_working_day(date(2025, 10, 18))  # Saturday
    assert not is_working_day(date(2025, 10, 19))  # Sunday
    assert is_working_day(date(2025, 10, 20))  # Monday


def test_a_weekend_day_moved_across_new_year_is_a_working_day():
    # The 2002 New Year holiday was paid for by Saturday and Sunday 29-30 December 2001.
    assert is_working_day(date(2001, 12, 29))
    assert is_working_day(date(2001, 12, 30))
    assert not is_working_day(date(2002, 1, 2))


# --- Adding and counting -----------------------------------------------------------------------


def test_a_limit_runs_over_the_national_day_week_and_uses_the_moved_sunday():
    # Accepted Friday 26 September: 28, 29, 30 September, then 9 and 10 October.
    assert add(date(2025, 9, 26), 5) == date(2025, 10, 10)
    assert add(date(2025, 9, 30), 1) == date(2025, 10, 9)
    # The moved Saturday counts too.
    assert add(date(2025, 10, 10), 1) == date(2025, 10, 11)
    assert add(date(2025, 10, 11), 1) == date(2025, 10, 13)


def test_adding_zero_days_gives_the_start_even_on_a_holiday():
    assert add(date(2025, 10, 3), 0) == date(2025, 10, 3)


def test_adding_from_a_holiday_counts_from_the_next_working_day():
    assert add(date(2025, 10, 3), 1) == date(2025, 10, 9)


def test_a_negative_limit_is_refused():
    with pytest.raises(ValueError):
        add(date(2025, 10, 3), -1)


def test_count_between_leaves_out_the_start_and_includes_the_end():
    assert count_between(date(2025, 9, 26), date(2025, 10, 12)) == 6
    assert count_between(date(2025, 9, 29), date(2025, 9, 30)) == 1
    assert count_between(date(2025, 9, 30), date(2025, 9, 30)) == 0
    assert count_between(date(2025, 10, 9), date(2025, 9, 30)) == 0


# --- Pauses ---------------------------------------------------------------------------------


def test_a_pause_in_the_middle_pushes_the_due_date_back_by_its_working_days():
    start = date(2025, 3, 3)  # Monday
    assert due_date(start, 10) == date(2025, 3, 17)
    # Stopped on Wednesday 5 (which still counts), restarted on Friday 7 (which does not).
    pause = Pause(date(2025, 3, 5), date(2025, 3, 7))
    assert due_date(start, 10, [pause]) == date(2025, 3, 19)


def test_elapsed_leaves_out_the_paused_days():
    start = date(2025, 3, 3)
    pause = Pause(date(2025, 3, 5), date(2025, 3, 7))
    # 4 and 5 March count, 6 and 7 are paused, the weekend is off, 10 March counts.
    assert elapsed(start, date(2025, 3, 10), [pause]) == 3
    assert elapsed(start, date(2025, 3, 10)) == 5


def test_an_open_pause_means_no_due_date_yet_but_elapsed_stops_growing():
    start = date(2025, 3, 3)
    pause = Pause(date(2025, 3, 5))
    assert due_date(start, 10, [pause]) is None
    assert elapsed(start, date(2025, 3, 5), [pause]) == 2
    assert elapsed(start, date(2025, 6, 30), [pause]) == 2


def test_an_open_pause_started_after_the_limit_ran_out_keeps_the_due_date():
    start = date(2025, 3, 3)
    assert due_date(start, 3, [Pause(date(2025, 3, 20))]) == date(2025, 3, 6)


def test_overlapping_pauses_and_a_pause_before_the_start_are_counted_once():
    start = date(2025, 3, 3)
    pauses = [
        Pause(date(2025, 2, 20), date(2025, 3, 4)),  # 4 March paused
        Pause(date(2025, 3, 5), date(2025, 3, 7)),  # 6 and 7 March paused
        Pause(date(2025, 3, 6), date(2025, 3, 10)),  # adds 10 March
    ]
    # Counted: 5, 11, 12, 13, 14 March.
    assert due_date(start, 5, pauses) == date(2025, 3, 14)
    assert elapsed(start, date(2025, 3, 14), pauses) == 5


def test_a_pause_spanning_national_day_only_stops_working_days():
    start = date(2025, 9, 26)
    pause = Pause(date(2025, 9, 29), date(2025, 10, 9))  # 30 Sept and 9 Oct paused
    # Counted: 28 and 29 September, 10 and 11 (the moved Saturday) and 13 October.
    assert due_date(start, 5, [pause]) == date(2025, 10, 13)


def test_a_pause_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Pause(date(2025, 3, 5), date(2025, 3, 4))


# --- The deployment's settings -------------------------------------------------------------


def test_an_extra_holiday_from_settings_is_a_day_off(settings):
    assert add(date(2025, 3, 3), 1) == date(2025, 3, 4)
    settings.GUICHET_EXTRA_HOLIDAYS = ["2025-03-04"]
    assert not is_working_day(date(2025, 3, 4))
    assert add(date(2025, 3, 3), 1) == date(2025, 3, 5)


def test_an_extra_working_day_from_settings_counts(settings):
    assert not is_working_day(date(2025, 3, 8))
    settings.GUICHET_EXTRA_WORKING_DAYS = ["2025-03-08"]
    assert is_working_day(date(2025, 3, 8))
    assert add(date(2025, 3, 7), 1) == date(2025, 3, 8)


def test_another_country_uses_its_own_holidays(settings):
    settings.GUICHET_HOLIDAY_COUNTRY = "FR"
    assert not is_working_day(date(2025, 7, 14))  # Fête nationale
    assert is_working_day(date(2025, 10, 1))
    assert not is_working_day(date(2025, 9, 28))  # an ordinary Sunday in France


def test_a_date_both_closed_and_opened_is_a_configuration_error(settings):
    settings.GUICHET_EXTRA_HOLIDAYS = ["2025-03-08"]
    settings.GUICHET_EXTRA_WORKING_DAYS = ["2025-03-08"]
    with pytest.raises(ImproperlyConfigured, match="2025-03-08"):
        is_working_day(date(2025, 3, 8))


def test_a_malformed_extra_date_is_a_configuration_error(settings):
    settings.GUICHET_EXTRA_HOLIDAYS = ["8 March"]
    with pytest.raises(ImproperlyConfigured, match="GUICHET_EXTRA_HOLIDAYS"):
        is_working_day(date(2025, 3, 8))


def test_an_unknown_country_is_a_configuration_error(settings):
    settings.GUICHET_HOLIDAY_COUNTRY = "XX"
    with pytest.raises(ImproperlyConfigured, match="XX"):
        is_working_day(date(2025, 3, 8))


def test_reset_cache_changes_nothing_but_timing():
    before = add(date(2025, 9, 26), 5)
    working_days.reset_cache()
    assert add(date(2025, 9, 26), 5) == before


# --- Properties ---------------------------------------------------------------------------------

starts = st.dates(date(2000, 1, 1), date(2030, 12, 31))
limits = st.integers(0, 60)


@given(starts, limits)
def test_counting_back_what_was_added_gives_the_limit(start, days):
    assert count_between(start, add(start, days)) == days


@given(starts, st.integers(1, 60))
def test_the_result_of_add_is_a_working_day(start, days):
    end = add(start, days)
    assert is_working_day(end)
    # ... and the first day on which the limit is reached.
    assert count_between(start, end - timedelta(days=1)) == days - 1


closed_pauses = st.builds(
    lambda start, length: Pause(start, start + timedelta(days=length)),
    starts,
    st.integers(0, 40),
)


@given(starts, limits, st.lists(closed_pauses, max_size=3))
def test_closed_pauses_only_push_the_due_date_back_and_use_up_exactly_the_limit(
    start, days, pauses
):
    due = due_date(start, days, pauses)
    assert due is not None
    assert due >= add(start, days)
    assert elapsed(start, due, pauses) == days


@given(starts, st.dates(date(2000, 1, 1), date(2031, 12, 31)))
def test_elapsed_without_pauses_is_count_between(start, today):
    assert elapsed(start, today) == count_between(start, today)


def test_public_holidays_are_known_whatever_the_weekday(settings):
    settings.GUICHET_HOLIDAY_COUNTRY = "CN"
    settings.GUICHET_EXTRA_HOLIDAYS = ["2025-06-03"]
    assert working_days.is_public_holiday(date(2025, 10, 1))  # National Day
    assert working_days.is_public_holiday(date(2025, 6, 3))  # the city's own closure
    assert not working_days.is_public_holiday(date(2025, 10, 18))  # an ordinary Saturday
    assert not working_days.is_public_holiday(date(2025, 10, 15))
