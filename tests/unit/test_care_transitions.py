"""The care rule's exact edges, `next_transition_at`, and the instants it reports."""

from __future__ import annotations

from datetime import timedelta

import pytest
from carethread.domain.care import CareFacts, evaluate_care

from tests.support.care_builders import (
    NOW,
    ONE_US,
    appointment,
    canceled,
    days_from_now,
    facts,
    initial_canceled,
    upcoming,
    visit,
)

DAY = timedelta(days=1)
EDGES_90 = [
    (89 * DAY, "current"),
    (90 * DAY - ONE_US, "current"),
    (90 * DAY, "past"),
    (91 * DAY, "past"),
]
EDGES_14 = [
    (13 * DAY, "current"),
    (14 * DAY - ONE_US, "current"),
    (14 * DAY, "past"),
    (15 * DAY, "past"),
]


@pytest.mark.parametrize(("after", "expected"), EDGES_90, ids=["89d", "90d-1us", "90d", "91d"])
def test_visit_keeps_current_until_exactly_90_days(after: timedelta, expected: str) -> None:
    # given a completed visit at NOW
    given = facts(appointment(NOW, "completed"))
    # when evaluated `after` the visit
    result = evaluate_care(given, NOW + after)
    # then the 90-day instant itself already belongs to "past"
    assert result.status == expected


@pytest.mark.parametrize(("after", "expected"), EDGES_14, ids=["13d", "14d-1us", "14d", "15d"])
def test_canceled_initial_grace_ends_at_exactly_14_days(after: timedelta, expected: str) -> None:
    # given the initial appointment canceled at NOW
    given = facts(appointment(days_from_now(7), "canceled", is_initial=True, changed_at=NOW))
    # when evaluated `after` the cancel
    result = evaluate_care(given, NOW + after)
    # then
    assert result.status == expected


@pytest.mark.parametrize(("after", "expected"), EDGES_14, ids=["13d", "14d-1us", "14d", "15d"])
def test_rematch_grace_ends_at_exactly_14_days(after: timedelta, expected: str) -> None:
    # given a visit ten days ago and a rematch at NOW
    given = facts(visit(days_ago=10), rematched_days_ago=0)
    # when evaluated `after` the rematch
    result = evaluate_care(given, NOW + after)
    # then
    assert result.status == expected


def test_rematch_exactly_90_days_after_the_last_visit_gives_no_grace() -> None:
    # given a visit at NOW - 90 days (lapsing exactly at NOW) and a rematch at NOW
    given = facts(visit(days_ago=90), rematched_days_ago=0)
    # when
    result = evaluate_care(given, NOW)
    # then the pair was already past at the rematch instant
    assert (result.status, result.reason) == ("past", "rematched")


def test_next_transition_is_90_days_after_the_last_visit() -> None:
    # given visits 60 and 30 days ago
    given = facts(visit(days_ago=60), visit(days_ago=30))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert result.next_transition_at == days_from_now(60)


def test_next_transition_skips_the_upcoming_appointment_passing() -> None:
    # given an appointment in 7 days: when it passes it becomes a visit, still current
    given = facts(upcoming(days=7))
    # when
    result = evaluate_care(given, NOW)
    # then the status next changes 90 days after that appointment starts
    assert result.next_transition_at == days_from_now(97)


def test_next_transition_follows_the_latest_booked_appointment() -> None:
    # given a visit 30 days ago and appointments in 7 and 21 days
    given = facts(visit(days_ago=30), upcoming(days=7), upcoming(days=21))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert result.next_transition_at == days_from_now(111)


def test_next_transition_is_14_days_after_a_canceled_initial() -> None:
    # given the initial appointment canceled three days ago
    given = facts(initial_canceled(canceled_days_ago=3))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert result.next_transition_at == days_from_now(11)


def test_next_transition_is_14_days_after_a_rematch() -> None:
    # given a visit a month ago and a rematch four days ago
    given = facts(visit(days_ago=30), rematched_days_ago=4)
    # when
    result = evaluate_care(given, NOW)
    # then
    assert result.next_transition_at == days_from_now(10)


def test_next_transition_after_a_rebooking_is_90_days_after_the_new_appointment() -> None:
    # given a canceled initial (in grace) and a new appointment in 5 days
    given = facts(initial_canceled(canceled_days_ago=3), upcoming(days=5))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert result.next_transition_at == days_from_now(95)


@pytest.mark.parametrize(
    "given",
    [
        facts(),
        facts(visit(days_ago=200)),
        facts(visit(days_ago=200), canceled(days=10)),
        facts(initial_canceled(canceled_days_ago=30, starts_in_days=-20)),
        facts(visit(days_ago=30), rematched_days_ago=20),
    ],
    ids=["nothing", "lapsed", "only-canceled-ahead", "initial-canceled", "rematched"],
)
def test_next_transition_is_none_when_nothing_will_change(given: CareFacts) -> None:
    # when a past pair has nothing booked
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.next_transition_at) == ("past", None)


def test_next_appointment_is_the_earliest_future_scheduled_one() -> None:
    # given a canceled appointment tomorrow, scheduled ones in 5 and 9 days, a past visit
    given = facts(canceled(days=1), upcoming(days=9), upcoming(days=5), visit(days_ago=3))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert result.next_appointment_at == days_from_now(5)


def test_next_appointment_is_none_without_future_appointments() -> None:
    # given only a past visit
    result = evaluate_care(facts(visit(days_ago=3)), NOW)
    # then
    assert result.next_appointment_at is None


def test_last_visit_is_the_latest_started_counting_appointment() -> None:
    # given a completed visit 40 days ago, a passed scheduled one 20 days ago, a no-show
    # 10 days ago and an appointment tomorrow
    given = facts(
        visit(days_ago=40),
        visit(days_ago=20, status="scheduled"),
        visit(days_ago=10, status="no_show"),
        upcoming(days=1),
    )
    # when
    result = evaluate_care(given, NOW)
    # then
    assert result.last_visit_at == days_from_now(-20)


def test_first_appointment_is_the_initial_one() -> None:
    # given the initial appointment in 3 days and a follow-up in 10
    given = facts(upcoming(days=3, is_initial=True), upcoming(days=10))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert result.first_appointment_at == days_from_now(3)


def test_first_appointment_after_a_canceled_initial_is_the_rebooked_one() -> None:
    # given the initial canceled and a new appointment in 6 days
    given = facts(initial_canceled(canceled_days_ago=2, starts_in_days=2), upcoming(days=6))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert result.first_appointment_at == days_from_now(6)


def test_first_appointment_is_none_without_live_appointments() -> None:
    # given only the canceled initial
    result = evaluate_care(facts(initial_canceled(canceled_days_ago=2)), NOW)
    # then
    assert result.first_appointment_at is None
