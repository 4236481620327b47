"""Builders for care-rule facts, anchored at NOW (the `clock` fixture's T0).

Times are given as days before/after NOW so a test reads like the rule it checks:
`facts(visit(days_ago=30), upcoming(days=7))`.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from carethread.domain.care import Appointment, AppointmentStatus, CareFacts

NOW = datetime(2026, 12, 3, 15, 0, 0, tzinfo=UTC)
ONE_US = timedelta(microseconds=1)

_ids = itertools.count(1)


def days_from_now(days: float) -> datetime:
    """NOW shifted by `days` (negative for the past)."""
    return NOW + timedelta(days=days)


def appointment(
    starts_at: datetime,
    status: AppointmentStatus = "scheduled",
    *,
    is_initial: bool = False,
    changed_at: datetime | None = None,
) -> Appointment:
    return Appointment(
        appointment_id=f"appt-{next(_ids)}",
        starts_at=starts_at,
        status=status,
        is_initial=is_initial,
        changed_at=changed_at,
    )


def visit(days_ago: float, *, status: AppointmentStatus = "completed") -> Appointment:
    """An appointment that started `days_ago` days before NOW (completed unless told)."""
    return appointment(days_from_now(-days_ago), status)


def upcoming(days: float, *, is_initial: bool = False) -> Appointment:
    """A scheduled appointment starting `days` days after NOW."""
    return appointment(days_from_now(days), "scheduled", is_initial=is_initial)


def canceled(days: float, *, canceled_days_ago: float = 1) -> Appointment:
    """A non-initial appointment at NOW + `days`, canceled `canceled_days_ago` before NOW."""
    return appointment(
        days_from_now(days), "canceled", changed_at=days_from_now(-canceled_days_ago)
    )


def initial_canceled(
    canceled_days_ago: float, *, starts_in_days: float = 7, dated: bool = True
) -> Appointment:
    """The pair's initial appointment (at NOW + `starts_in_days`), canceled before NOW.

    `dated=False` leaves `changed_at` unset (the rule then dates the cancel at the start).
    """
    return appointment(
        days_from_now(starts_in_days),
        "canceled",
        is_initial=True,
        changed_at=days_from_now(-canceled_days_ago) if dated else None,
    )


def facts(*appointments: Appointment, rematched_days_ago: float | None = None) -> CareFacts:
    """The rule's input: these appointments, and a rematch `rematched_days_ago` before NOW."""
    rematched_at = None if rematched_days_ago is None else days_from_now(-rematched_days_ago)
    return CareFacts(appointments=tuple(appointments), rematched_at=rematched_at)
