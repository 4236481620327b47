"""Properties of the care rule over random appointment histories (hypothesis).

The sweep trusts `next_transition_at`: nothing may change before it, and something must
change at it. These properties check that against instants chosen independently of the
rule's own breakpoint list: every fact-derived edge (and one microsecond either side) plus
random instants in between.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from carethread.domain.care import (
    GRACE_PERIOD,
    RECENT_VISIT_WINDOW,
    Appointment,
    CareFacts,
    evaluate_care,
    status_at,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.care_builders import NOW, ONE_US

SPAN = timedelta(days=400)
FAR_FUTURE = (timedelta(days=1000), timedelta(days=3650), timedelta(days=36500))
CURRENT_REASONS = {"upcoming_appointment", "recent_visit", "initial_canceled_grace"}
CURRENT_REASONS |= {"rematched_grace"}
PAST_REASONS = {"no_recent_visit", "initial_canceled", "rematched"}
SETTINGS = settings(max_examples=300, deadline=None)

# Whole days hit the 90/14-day edges of other facts exactly; microseconds cover the rest.
_offsets = st.one_of(
    st.integers(-400, 400).map(lambda d: timedelta(days=d)),
    st.integers(-SPAN // ONE_US, SPAN // ONE_US).map(lambda us: us * ONE_US),
)
instants = _offsets.map(lambda offset: NOW + offset)


@st.composite
def appointments(draw: st.DrawFn) -> Appointment:
    return Appointment(
        appointment_id=f"a{draw(st.integers(0, 10**6))}",
        starts_at=draw(instants),
        status=draw(st.sampled_from(["scheduled", "completed", "canceled", "no_show"])),
        is_initial=draw(st.booleans()),
        changed_at=draw(st.none() | instants),
    )


care_facts = st.builds(
    CareFacts,
    appointments=st.lists(appointments(), max_size=6).map(tuple),
    rematched_at=st.none() | instants,
)


def edges(facts: CareFacts) -> set[datetime]:
    """Every instant the rule could plausibly turn on, and one microsecond either side."""
    points: set[datetime] = set()
    for a in facts.appointments:
        points |= {a.starts_at, a.starts_at + RECENT_VISIT_WINDOW}
        for event in (a.changed_at, a.starts_at):
            if event is not None:
                points |= {event, event + GRACE_PERIOD}
    if facts.rematched_at is not None:
        points |= {facts.rematched_at, facts.rematched_at + GRACE_PERIOD}
    return {p + d for p in points for d in (-ONE_US, timedelta(0), ONE_US)}


@st.composite
def facts_and_now(draw: st.DrawFn) -> tuple[CareFacts, datetime]:
    facts = draw(care_facts)
    # Half the time stand exactly on (or next to) an edge: that is where bugs live.
    candidates = sorted(edges(facts))
    on_edge = draw(st.booleans())
    if candidates and on_edge:
        return facts, draw(st.sampled_from(candidates))
    return facts, draw(instants)


@SETTINGS
@given(case=facts_and_now(), fractions=st.lists(st.floats(0, 1), min_size=3, max_size=3))
def test_status_is_constant_until_next_transition_and_differs_at_it(
    case: tuple[CareFacts, datetime], fractions: list[float]
) -> None:
    facts, now = case
    result = evaluate_care(facts, now)
    end = result.next_transition_at
    horizon = end if end is not None else now + FAR_FUTURE[0]
    sampled = {now + (horizon - now) * f for f in fractions} | edges(facts)
    if end is None:
        checked = {t for t in sampled if t >= now} | {now + far for far in FAR_FUTURE}
    else:
        checked = {t for t in sampled if now <= t < end} | {end - ONE_US}
    for instant in sorted(checked):
        assert status_at(facts, instant)[0] == result.status, instant
    if end is not None:
        assert status_at(facts, end)[0] != result.status


@SETTINGS
@given(case=facts_and_now())
def test_next_transition_is_none_or_after_now(case: tuple[CareFacts, datetime]) -> None:
    facts, now = case
    end = evaluate_care(facts, now).next_transition_at
    assert end is None or end > now


@SETTINGS
@given(
    case=facts_and_now(),
    ahead=st.integers(1, SPAN // ONE_US).map(lambda us: us * ONE_US),
    is_initial=st.booleans(),
)
def test_adding_a_future_appointment_never_turns_current_into_past(
    case: tuple[CareFacts, datetime], ahead: timedelta, is_initial: bool
) -> None:
    facts, now = case
    before = evaluate_care(facts, now)
    booked = Appointment("new", now + ahead, "scheduled", is_initial=is_initial)
    extended = CareFacts((*facts.appointments, booked), facts.rematched_at)
    after = evaluate_care(extended, now)
    if before.is_current:
        assert after.is_current
    # Stronger, and what "booked since" promises: a future booking always means current.
    assert (after.status, after.reason) == ("current", "upcoming_appointment")


@SETTINGS
@given(case=facts_and_now())
def test_reason_agrees_with_status(case: tuple[CareFacts, datetime]) -> None:
    facts, now = case
    result = evaluate_care(facts, now)
    assert result.reason in (CURRENT_REASONS if result.is_current else PAST_REASONS)
