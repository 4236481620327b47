"""The care relationship rule: a pure function of appointment facts and `now`.

Boundaries are exact instants and the transition instant belongs to the new state:
a visit at `v` keeps the client current on `[v, v + 90 days)`; a cancel or rematch at `e`
grants grace on `[e, e + 14 days)`.

`status_at` is piecewise constant between the facts' breakpoints (each appointment start,
start + 90 days, each ending event and event + 14 days), so `next_transition_at` is the first
breakpoint after `now` at which the status differs. That makes the property
"constant on [now, next_transition_at), different at next_transition_at" hold by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

RECENT_VISIT_WINDOW = timedelta(days=90)
GRACE_PERIOD = timedelta(days=14)

CareStatus = Literal["current", "past"]
AppointmentStatus = Literal["scheduled", "completed", "canceled", "no_show"]
COUNTING_STATUSES = ("scheduled", "completed")


@dataclass(frozen=True)
class Appointment:
    appointment_id: str
    starts_at: datetime
    status: AppointmentStatus
    is_initial: bool = False
    changed_at: datetime | None = None  # when it was canceled (dates a cancellation)


@dataclass(frozen=True)
class CareFacts:
    appointments: tuple[Appointment, ...] = ()
    rematched_at: datetime | None = None


@dataclass(frozen=True)
class CareEvaluation:
    status: CareStatus
    reason: str
    next_transition_at: datetime | None
    next_appointment_at: datetime | None = None
    last_visit_at: datetime | None = None
    first_appointment_at: datetime | None = None

    @property
    def is_current(self) -> bool:
        return self.status == "current"


@dataclass(frozen=True)
class _Ending:
    at: datetime
    kind: Literal["initial_canceled", "rematched"]
    grants_grace: bool = field(default=True)


def evaluate_care(facts: CareFacts, now: datetime) -> CareEvaluation:
    """Status, reason and the instant the status next changes, for `facts` at `now`."""
    status, reason = status_at(facts, now)
    return CareEvaluation(
        status=status,
        reason=reason,
        next_transition_at=_next_change(facts, now, status),
        next_appointment_at=_next_appointment(facts, now),
        last_visit_at=_last_visit(facts.appointments, now),
        first_appointment_at=first_appointment_at(facts),
    )


def status_at(facts: CareFacts, at: datetime) -> tuple[CareStatus, str]:
    """Status and reason of the pair at the instant `at` (no transition lookup)."""
    endings = [e for e in _endings(facts) if e.at <= at]
    ending = max(endings, key=lambda e: e.at) if endings else None
    counting = [a for a in facts.appointments if a.status in COUNTING_STATUSES]
    if ending is not None:
        # Only what was booked for after the cancel/rematch can make the client current again.
        counting = [a for a in counting if a.starts_at > ending.at]
    if any(a.starts_at > at for a in counting):
        return "current", "upcoming_appointment"
    last_visit = max((a.starts_at for a in counting if a.starts_at <= at), default=None)
    if last_visit is not None and at < last_visit + RECENT_VISIT_WINDOW:
        return "current", "recent_visit"
    if ending is not None and not counting:
        if ending.grants_grace and at < ending.at + GRACE_PERIOD:
            return "current", f"{ending.kind}_grace"
        return "past", ending.kind
    # Also after an ending that was followed by bookings which have since lapsed: the
    # relationship ended for lack of visits, not because of the cancel/rematch.
    return "past", "no_recent_visit"


def first_appointment_at(facts: CareFacts) -> datetime | None:
    """Start of the pair's initial appointment (or earliest one), unless it was canceled."""
    live = [a for a in facts.appointments if a.status not in ("canceled", "no_show")]
    initial = [a for a in live if a.is_initial]
    chosen = initial or live
    return min((a.starts_at for a in chosen), default=None)


def _endings(facts: CareFacts) -> list[_Ending]:
    endings = [
        _Ending(at=a.changed_at or a.starts_at, kind="initial_canceled")
        for a in facts.appointments
        if a.is_initial and a.status == "canceled"
    ]
    if facts.rematched_at is not None:
        # "Current at the moment of the rematch" is the full rule without the rematch, so an
        # earlier cancel (its grace, its "booked since" cut-off) is honoured and a lapsed pair
        # is not revived. No recursion: the inner facts have no rematch.
        before = status_at(replace(facts, rematched_at=None), facts.rematched_at)[0]
        grace = before == "current"
        endings.append(_Ending(facts.rematched_at, "rematched", grants_grace=grace))
    return endings


def _breakpoints(facts: CareFacts) -> set[datetime]:
    points: set[datetime] = set()
    for a in facts.appointments:
        points.update((a.starts_at, a.starts_at + RECENT_VISIT_WINDOW))
    for e in _endings(facts):
        points.update((e.at, e.at + GRACE_PERIOD))
    return points


def _next_change(facts: CareFacts, now: datetime, status: CareStatus) -> datetime | None:
    for point in sorted(p for p in _breakpoints(facts) if p > now):
        if status_at(facts, point)[0] != status:
            return point
    return None


def _next_appointment(facts: CareFacts, now: datetime) -> datetime | None:
    return min(
        (a.starts_at for a in facts.appointments if a.status == "scheduled" and a.starts_at > now),
        default=None,
    )


def _last_visit(appointments: tuple[Appointment, ...], now: datetime) -> datetime | None:
    return max(
        (a.starts_at for a in appointments if a.status in COUNTING_STATUSES and a.starts_at <= now),
        default=None,
    )
