"""The care rule (DESIGN.md §1): which facts make a provider-client pair current or past."""

from __future__ import annotations

from carethread.domain.care import evaluate_care

from tests.support.care_builders import (
    NOW,
    canceled,
    days_from_now,
    facts,
    initial_canceled,
    upcoming,
    visit,
)


def test_upcoming_appointment_makes_the_pair_current() -> None:
    # given a scheduled appointment next week
    given = facts(upcoming(days=7))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("current", "upcoming_appointment")


def test_completed_visit_within_90_days_makes_the_pair_current() -> None:
    # given a visit a month ago
    given = facts(visit(days_ago=30))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("current", "recent_visit")


def test_scheduled_appointment_whose_start_has_passed_counts_as_a_visit() -> None:
    # given an appointment still marked scheduled that started ten days ago
    given = facts(visit(days_ago=10, status="scheduled"))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("current", "recent_visit")


def test_canceled_appointments_do_not_count() -> None:
    # given only canceled appointments, one past and one future
    given = facts(canceled(days=-10), canceled(days=10))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("past", "no_recent_visit")


def test_no_show_does_not_count_as_a_visit() -> None:
    # given a no-show ten days ago
    given = facts(visit(days_ago=10, status="no_show"))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("past", "no_recent_visit")


def test_no_appointments_is_past() -> None:
    # given a pair with no appointment facts
    given = facts()
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("past", "no_recent_visit")


def test_visit_older_than_90_days_is_past() -> None:
    # given the last visit four months ago
    given = facts(visit(days_ago=120))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("past", "no_recent_visit")


def test_canceled_initial_keeps_the_pair_current_for_the_grace_period() -> None:
    # given the initial appointment canceled five days ago
    given = facts(initial_canceled(canceled_days_ago=5))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("current", "initial_canceled_grace")


def test_canceled_initial_is_past_after_the_grace_period() -> None:
    # given the initial appointment canceled twenty days ago, nothing booked since
    given = facts(initial_canceled(canceled_days_ago=20, starts_in_days=-10))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("past", "initial_canceled")


def test_booking_after_a_canceled_initial_makes_the_pair_current_again() -> None:
    # given a canceled initial twenty days ago and a new appointment booked for next week
    given = facts(initial_canceled(canceled_days_ago=20, starts_in_days=-10), upcoming(days=7))
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("current", "upcoming_appointment")


def test_undated_cancel_of_the_initial_is_dated_at_its_start() -> None:
    # given an initial appointment five days ago, canceled with no changed_at
    given = facts(initial_canceled(canceled_days_ago=0, starts_in_days=-5, dated=False))
    # when
    result = evaluate_care(given, NOW)
    # then grace runs 14 days from the appointment's start
    assert (result.status, result.reason) == ("current", "initial_canceled_grace")
    assert result.next_transition_at == days_from_now(9)


def test_rematch_keeps_the_pair_current_for_the_grace_period() -> None:
    # given a visit a month ago and a rematch to another provider five days ago
    given = facts(visit(days_ago=30), rematched_days_ago=5)
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("current", "rematched_grace")


def test_rematch_is_past_after_the_grace_period_even_with_a_recent_visit() -> None:
    # given a visit 30 days ago (inside 90 days) and a rematch 20 days ago
    given = facts(visit(days_ago=30), rematched_days_ago=20)
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("past", "rematched")


def test_later_appointment_with_the_old_provider_after_rematch_makes_current_again() -> None:
    # given a rematch twenty days ago, then a new appointment with the old provider
    given = facts(visit(days_ago=30), upcoming(days=3), rematched_days_ago=20)
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("current", "upcoming_appointment")


def test_visit_with_the_old_provider_after_rematch_makes_current_again() -> None:
    # given a rematch twenty days ago and a completed visit with the old provider since
    given = facts(visit(days_ago=30), visit(days_ago=10), rematched_days_ago=20)
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("current", "recent_visit")


def test_rematch_of_an_already_lapsed_pair_gives_no_grace() -> None:
    # given a last visit 200 days ago and a rematch yesterday
    given = facts(visit(days_ago=200), rematched_days_ago=1)
    # when
    result = evaluate_care(given, NOW)
    # then
    assert (result.status, result.reason) == ("past", "rematched")
    assert result.next_transition_at is None


def test_rematch_during_canceled_initial_grace_grants_its_own_grace() -> None:
    # given the initial canceled 10 days ago (in grace, so current) and a rematch 2 days ago
    given = facts(initial_canceled(canceled_days_ago=10), rematched_days_ago=2)
    # when
    result = evaluate_care(given, NOW)
    # then the pair was current at the rematch, so the rematch's 14 days apply
    assert (result.status, result.reason) == ("current", "rematched_grace")
    assert result.next_transition_at == days_from_now(12)


def test_rematch_after_canceled_initial_lapsed_does_not_revive_the_pair() -> None:
    # given a visit 40 days ago, the initial canceled 30 days ago (past since day 14), and
    # a rematch 5 days ago
    given = facts(
        visit(days_ago=40),
        initial_canceled(canceled_days_ago=30, starts_in_days=-29),
        rematched_days_ago=5,
    )
    # when
    result = evaluate_care(given, NOW)
    # then the pair was already past at the rematch: no grace
    assert (result.status, result.reason) == ("past", "rematched")


def test_lapsed_booking_after_a_canceled_initial_is_past_for_no_recent_visit() -> None:
    # given the initial canceled 200 days ago, then a visit 150 days ago, nothing since
    given = facts(initial_canceled(canceled_days_ago=200, starts_in_days=-199), visit(150))
    # when
    result = evaluate_care(given, NOW)
    # then the reason names the lapse, not the long-superseded cancel
    assert (result.status, result.reason) == ("past", "no_recent_visit")
