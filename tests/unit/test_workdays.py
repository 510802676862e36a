"""The working-day calendar and deadline arithmetic.

2026 facts from chinese_calendar (State Council schedule): 中秋 Fri 25 – Sun 27 Sept off,
Sun 20 Sept a make-up working day; 国庆 Thu 1 – Wed 7 Oct off, Sat 10 Oct a make-up working
day. Mon 28 – Thu 31 Dec 2026 are working days; 2027 is unknown to the library.
2027-01-01 is a Friday. China time is UTC+8 all year.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from desktop.clock import CHINA
from desktop.domain.enums import DeadlineColour, DeadlineUnit, SupervisionLevel
from desktop.domain.workdays import (
    WARNING_RATIO,
    DayInfo,
    Deadline,
    WorkCalendar,
    compute_deadline,
    deadline_colour,
    supervision_level,
    workday_cutoff,
    working_days_between,
)

CAL = WorkCalendar()
CAL_2027 = WorkCalendar({date(2027, 1, 1): False})
DAY, WORKDAY = DeadlineUnit.DAY, DeadlineUnit.WORKDAY


def cst(*args: int) -> datetime:
    """A China-time wall clock reading, as aware UTC."""
    return datetime(*args, tzinfo=CHINA).astimezone(UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


class TestWorkCalendar:
    @pytest.mark.parametrize(
        ("day", "working"),
        [
            (date(2026, 9, 18), True),  # Fri
            (date(2026, 9, 19), False),  # Sat
            (date(2026, 9, 20), True),  # Sun, make-up day
            (date(2026, 9, 25), False),  # Fri, 中秋
            (date(2026, 9, 28), True),
            (date(2026, 10, 1), False),
            (date(2026, 10, 5), False),  # Mon, 国庆
            (date(2026, 10, 7), False),  # Wed, 国庆
            (date(2026, 10, 8), True),
            (date(2026, 10, 10), True),  # Sat, make-up day
            (date(2026, 10, 11), False),  # Sun
        ],
    )
    def test_2026_autumn(self, day: date, working: bool) -> None:
        assert CAL.is_workday(day) is working
        assert CAL.day_info(day) == DayInfo(working, False)

    def test_unknown_year_falls_back_to_monday_to_friday(self) -> None:
        assert not CAL.is_known_year(2027)
        assert CAL.day_info(date(2027, 1, 1)) == DayInfo(True, True)  # Fri
        assert CAL.day_info(date(2027, 1, 2)) == DayInfo(False, True)  # Sat
        assert CAL.day_info(date(2027, 1, 4)) == DayInfo(True, True)  # Mon

    def test_override_makes_year_known(self) -> None:
        assert CAL_2027.is_known_year(2027)
        assert CAL_2027.day_info(date(2027, 1, 1)) == DayInfo(False, False)
        assert CAL_2027.day_info(date(2027, 1, 4)) == DayInfo(True, False)
        assert not CAL_2027.is_known_year(2028)

    def test_overrides_beat_the_library(self) -> None:
        calendar = WorkCalendar({date(2026, 10, 8): False, date(2026, 10, 3): True})
        assert not calendar.is_workday(date(2026, 10, 8))
        assert calendar.is_workday(date(2026, 10, 3))
        assert calendar.overrides == {date(2026, 10, 8): False, date(2026, 10, 3): True}

    def test_far_years_never_raise(self) -> None:
        assert CAL.day_info(date(1999, 1, 1)) == DayInfo(True, True)  # Fri, before the library
        assert CAL.day_info(date(2100, 1, 2)) == DayInfo(False, True)  # Sat

    def test_count_matches_day_by_day(self) -> None:
        first, last = date(2025, 11, 20), date(2027, 2, 10)
        day, expected = first, 0
        while day < last:
            day += timedelta(days=1)
            expected += CAL.is_workday(day)
        assert CAL.count_workdays(first, last) == expected
        assert CAL.count_workdays(last, first) == 0


class TestCalendarDayDeadlines:
    def test_runs_straight_through_national_day(self) -> None:
        deadline = compute_deadline(cst(2026, 9, 29, 10, 0), 15, DAY, CAL)
        assert deadline.due_at == cst(2026, 10, 14, 23, 59, 59) == utc(2026, 10, 14, 15, 59, 59)
        assert deadline.provisional is False

    def test_zero_means_end_of_same_local_day(self) -> None:
        # 16:30 UTC on 7 Oct is already 8 Oct in China.
        deadline = compute_deadline(utc(2026, 10, 7, 16, 30), 0, DAY, CAL)
        assert deadline.due_at == utc(2026, 10, 8, 15, 59, 59)

    def test_into_unknown_year_is_not_provisional(self) -> None:
        deadline = compute_deadline(cst(2026, 11, 10, 9, 0), 60, DAY, CAL)
        assert deadline.due_at == cst(2027, 1, 9, 23, 59, 59)
        assert deadline.provisional is False


class TestWorkdayDeadlines:
    def test_across_national_day(self) -> None:
        # After Tue 29 Sept: 30 Sept (1), 8 Oct (2), 9 Oct (3), Sat 10 Oct (4), Mon 12 Oct (5).
        deadline = compute_deadline(cst(2026, 9, 29, 10, 0), 5, WORKDAY, CAL)
        assert deadline.due_at == cst(2026, 10, 12, 23, 59, 59)
        assert deadline.provisional is False

    @pytest.mark.parametrize(
        ("start", "amount", "due_day"),
        [
            (cst(2026, 9, 30, 9, 0), 1, date(2026, 10, 8)),
            (cst(2026, 10, 3, 9, 0), 1, date(2026, 10, 8)),  # start on a holiday
            (cst(2026, 10, 3, 9, 0), 3, date(2026, 10, 10)),  # lands on the make-up Saturday
            (cst(2026, 10, 8, 9, 0), 3, date(2026, 10, 12)),  # skips Sun 11 Oct
            (cst(2026, 9, 24, 9, 0), 1, date(2026, 9, 28)),  # over 中秋
            (cst(2026, 9, 19, 9, 0), 1, date(2026, 9, 20)),  # the make-up Sunday
            (utc(2026, 10, 7, 16, 30), 1, date(2026, 10, 9)),  # local date is 8 Oct, not 7
        ],
    )
    def test_examples(self, start: datetime, amount: int, due_day: date) -> None:
        due_at = compute_deadline(start, amount, WORKDAY, CAL).due_at
        assert due_at == cst(due_day.year, due_day.month, due_day.day, 23, 59, 59)

    def test_zero_means_end_of_same_day_even_on_a_holiday(self) -> None:
        deadline = compute_deadline(cst(2026, 10, 3, 9, 0), 0, WORKDAY, CAL)
        assert deadline.due_at == cst(2026, 10, 3, 23, 59, 59)
        assert deadline.provisional is False

    def test_running_into_unknown_year_is_provisional(self) -> None:
        # After Tue 29 Dec: 30 Dec (1), 31 Dec (2), Fri 1 Jan (3, guessed), 4 Jan (4), 5 Jan (5).
        deadline = compute_deadline(cst(2026, 12, 29, 10, 0), 5, WORKDAY, CAL)
        assert deadline.due_at == cst(2027, 1, 5, 23, 59, 59)
        assert deadline.provisional is True

    def test_known_once_overrides_hold_the_year(self) -> None:
        # 1 Jan 2027 entered as a holiday: 30 Dec (1), 31 Dec (2), 4 Jan (3), 5 Jan (4), 6 Jan (5).
        deadline = compute_deadline(cst(2026, 12, 29, 10, 0), 5, WORKDAY, CAL_2027)
        assert deadline.due_at == cst(2027, 1, 6, 23, 59, 59)
        assert deadline.provisional is False

    def test_only_days_examined_count_for_provisional(self) -> None:
        deadline = compute_deadline(cst(2026, 12, 29, 10, 0), 2, WORKDAY, CAL)
        assert deadline.due_at == cst(2026, 12, 31, 23, 59, 59)
        assert deadline.provisional is False


class TestWarningTime:
    def test_eighty_percent(self) -> None:
        assert WARNING_RATIO == 0.8
        # Start one second before midnight local, 5 days: the span is exactly 5 days.
        deadline = compute_deadline(utc(2026, 10, 5, 15, 59, 59), 5, DAY, CAL)
        assert deadline == Deadline(
            due_at=utc(2026, 10, 10, 15, 59, 59),
            warn_at=utc(2026, 10, 9, 15, 59, 59),
            provisional=False,
        )

    def test_ratio_is_a_parameter(self) -> None:
        deadline = compute_deadline(utc(2026, 10, 5, 15, 59, 59), 5, DAY, CAL, warning_ratio=0.5)
        assert deadline.warn_at == utc(2026, 10, 8, 3, 59, 59)

    def test_working_day_limit_warns_on_elapsed_time(self) -> None:
        # 30 Sept 23:59:59 to 8 Oct 23:59:59 is 8 days; 80 % is 6 days 9 h 36 min.
        deadline = compute_deadline(cst(2026, 9, 30, 23, 59, 59), 1, WORKDAY, CAL)
        assert deadline.warn_at == cst(2026, 10, 7, 9, 35, 59)
        assert deadline.warn_at.tzinfo == UTC

    def test_refuses_bad_input(self) -> None:
        with pytest.raises(ValueError):
            compute_deadline(datetime(2026, 10, 5, 12), 1, DAY, CAL)
        with pytest.raises(ValueError):
            compute_deadline(utc(2026, 10, 5), -1, DAY, CAL)
        with pytest.raises(ValueError):
            compute_deadline(utc(2026, 10, 5), 1, DAY, CAL, warning_ratio=1.5)


class TestColour:
    DUE = utc(2026, 10, 10, 15, 59, 59)
    WARN = utc(2026, 10, 9, 15, 59, 59)
    TICK = timedelta(microseconds=1)

    @pytest.mark.parametrize(
        ("now", "colour"),
        [
            (WARN - TICK, DeadlineColour.GREEN),
            (WARN, DeadlineColour.YELLOW),
            (DUE - TICK, DeadlineColour.YELLOW),
            (DUE, DeadlineColour.RED),
            (DUE + timedelta(days=30), DeadlineColour.RED),
        ],
    )
    def test_boundaries(self, now: datetime, colour: DeadlineColour) -> None:
        assert deadline_colour(due_at=self.DUE, warn_at=self.WARN, now=now) is colour


class TestWorkingDaysBetween:
    def test_across_national_day(self) -> None:
        # (30 Sept, 12 Oct]: 8, 9, 10 (Sat make-up) and 12 Oct.
        assert working_days_between(cst(2026, 9, 30, 10), cst(2026, 10, 12, 9), CAL) == 4

    def test_uses_local_dates(self) -> None:
        # Both instants fall on 8 Oct in China although their UTC dates differ.
        assert working_days_between(utc(2026, 10, 7, 16, 30), utc(2026, 10, 8, 10), CAL) == 0

    def test_not_after(self) -> None:
        assert working_days_between(cst(2026, 10, 12), cst(2026, 9, 30), CAL) == 0
        assert working_days_between(cst(2026, 10, 12), cst(2026, 10, 12), CAL) == 0

    def test_across_new_year(self) -> None:
        a, b = cst(2026, 12, 30, 10), cst(2027, 1, 5, 10)
        assert working_days_between(a, b, CAL) == 4  # 31 Dec, 1 Jan, 4 Jan, 5 Jan
        assert working_days_between(a, b, CAL_2027) == 3  # 1 Jan is a holiday


class TestSupervision:
    # Due at the end of 30 Sept. Working days late: 8 Oct = 1, 9 = 2, Sat 10 = 3, 12 = 4,
    # 13 = 5, 14 = 6, 15 = 7, 16 = 8, 19 = 9, 20 = 10.
    DUE = cst(2026, 9, 30, 23, 59, 59)

    @pytest.mark.parametrize(
        ("now", "manual", "level"),
        [
            (cst(2026, 9, 30, 12), False, SupervisionLevel.NONE),
            (cst(2026, 9, 30, 12), True, SupervisionLevel.NORMAL),
            (cst(2026, 9, 30, 23, 59, 59), False, SupervisionLevel.NORMAL),  # due instant
            (cst(2026, 10, 7, 12), False, SupervisionLevel.NORMAL),  # holidays do not count
            (cst(2026, 10, 12, 23, 59), False, SupervisionLevel.NORMAL),  # 4 days
            (cst(2026, 10, 13, 0, 0), False, SupervisionLevel.YELLOW_CARD),  # 5 days
            (cst(2026, 10, 13, 0, 0), True, SupervisionLevel.YELLOW_CARD),
            (cst(2026, 10, 18, 12), False, SupervisionLevel.YELLOW_CARD),  # Sun, 8 days
            (cst(2026, 10, 19, 23, 59), False, SupervisionLevel.YELLOW_CARD),  # 9 days
            (cst(2026, 10, 20, 0, 0), False, SupervisionLevel.RED_CARD),  # 10 days
        ],
    )
    def test_levels(self, now: datetime, manual: bool, level: SupervisionLevel) -> None:
        assert supervision_level(due_at=self.DUE, now=now, manual=manual, calendar=CAL) is level

    def test_thresholds_are_parameters(self) -> None:
        def level(now: datetime) -> SupervisionLevel:
            return supervision_level(
                due_at=self.DUE, now=now, manual=False, calendar=CAL, yellow_after=1, red_after=2
            )

        assert level(cst(2026, 10, 7, 12)) is SupervisionLevel.NORMAL
        assert level(cst(2026, 10, 8, 12)) is SupervisionLevel.YELLOW_CARD
        assert level(cst(2026, 10, 9, 12)) is SupervisionLevel.RED_CARD

    def test_without_deadline(self) -> None:
        now = cst(2026, 10, 20)
        assert supervision_level(due_at=None, now=now, manual=False, calendar=CAL) is (
            SupervisionLevel.NONE
        )
        assert supervision_level(due_at=None, now=now, manual=True, calendar=CAL) is (
            SupervisionLevel.NORMAL
        )


class TestCutoff:
    def test_yellow_cutoff(self) -> None:
        # Back from Tue 13 Oct: 13 (1), 12 (2), Sat 10 (3), 9 (4), 8 (5) -> before 8 Oct local.
        cutoff = workday_cutoff(cst(2026, 10, 13, 10), 5, CAL)
        assert cutoff == utc(2026, 10, 7, 15, 59, 59, 999999)
        assert cst(2026, 10, 7, 23, 59, 59) <= cutoff
        assert not cst(2026, 10, 8, 0, 0) <= cutoff

    def test_red_cutoff(self) -> None:
        # Back from Tue 20 Oct: 20, 19, 16, 15, 14, 13, 12, 10, 9, 8 -> before 8 Oct local.
        assert workday_cutoff(cst(2026, 10, 20, 10), 10, CAL) == utc(
            2026, 10, 7, 15, 59, 59, 999999
        )

    def test_zero_is_plain_overdue(self) -> None:
        now = cst(2026, 10, 20, 10)
        assert workday_cutoff(now, 0, CAL) == now

    def test_agrees_with_supervision_level(self) -> None:
        dues = []
        for start in (date(2026, 9, 15), date(2026, 12, 10)):
            for offset in range(45):
                day = start + timedelta(days=offset)
                dues += [
                    cst(day.year, day.month, day.day, 23, 59, 59),
                    cst(*day.timetuple()[:3], 9),
                ]
        nows = [due + timedelta(hours=hours) for due in dues[::3] for hours in (-5, 0, 7, 30, 200)]
        yellow, red = SupervisionLevel.YELLOW_CARD, SupervisionLevel.RED_CARD
        for calendar in (CAL, CAL_2027):
            for now in nows:
                overdue_c = workday_cutoff(now, 0, calendar)
                yellow_c = workday_cutoff(now, 5, calendar)
                red_c = workday_cutoff(now, 10, calendar)
                for due in dues:
                    level = supervision_level(due_at=due, now=now, manual=False, calendar=calendar)
                    assert (level is not SupervisionLevel.NONE) == (due <= overdue_c)
                    assert (level in (yellow, red)) == (due <= yellow_c), (due, now)
                    assert (level is red) == (due <= red_c), (due, now)
