"""The care rule's edges as the sweep sees them: 89/90/91 days after a visit, 13/14/15 days
after a canceled initial appointment or a rematch, and coming back after going past."""

from datetime import timedelta

import pytest
from carethread.services.audit import audit_for_person
from carethread.services.feed import rematch, upsert_appointment
from carethread.services.sweep import SWEEP_ACTOR, run_sweep

from tests.integration.care.helpers import status_of, stored
from tests.support.feed_builders import SYSTEM_ACTOR, T0, appointment_model, at, rematch_model

ONE_US = timedelta(microseconds=1)


def feed(appointment_id, *pair, now=T0, **kwargs):
    model = appointment_model(*pair, **kwargs)
    return upsert_appointment(appointment_id, model, actor_id=SYSTEM_ACTOR, now=now)


@pytest.mark.parametrize(
    ("swept_at", "expected", "changed"),
    [
        (at(89), ("current", "recent_visit"), 0),
        (at(90) - ONE_US, ("current", "recent_visit"), 0),
        (at(90), ("past", "no_recent_visit"), 1),
        (at(91), ("past", "no_recent_visit"), 1),
    ],
    ids=["89d", "90d-1us", "90d", "91d"],
)
def test_a_visit_keeps_the_client_current_for_exactly_90_days(people, swept_at, expected, changed):
    # given
    feed("a1", starts_at=T0, status="completed")

    # when
    result = run_sweep(now=swept_at)

    # then
    assert status_of() == expected
    assert (result.examined, result.changed) == (changed, changed)


@pytest.mark.parametrize(
    ("swept_at", "expected"),
    [
        (at(13), ("current", "initial_canceled_grace")),
        (at(14) - ONE_US, ("current", "initial_canceled_grace")),
        (at(14), ("past", "initial_canceled")),
        (at(15), ("past", "initial_canceled")),
    ],
    ids=["13d", "14d-1us", "14d", "15d"],
)
def test_a_canceled_initial_appointment_ends_the_relationship_after_14_days(
    people, swept_at, expected
):
    # given
    feed("a1", starts_at=at(7))
    feed("a1", starts_at=at(7), status="canceled")

    # when
    run_sweep(now=swept_at)

    # then
    assert status_of() == expected


@pytest.mark.parametrize(
    ("swept_at", "old_provider"),
    [
        (at(13), ("current", "rematched_grace")),
        (at(14), ("past", "rematched")),
        (at(15), ("past", "rematched")),
    ],
    ids=["13d", "14d", "15d"],
)
def test_after_a_rematch_the_old_provider_goes_past_and_the_new_one_stays_current(
    people, swept_at, old_provider
):
    # given: seen by prov-1, then rematched to prov-2 with a first appointment in a week
    feed("a1", "prov-1", "client-1", starts_at=at(-10), status="completed")
    rematch(rematch_model(), actor_id=SYSTEM_ACTOR, now=T0)
    feed("b1", "prov-2", "client-1", starts_at=at(7))

    # when
    run_sweep(now=swept_at)

    # then
    assert status_of("prov-1") == old_provider
    assert status_of("prov-2")[0] == "current"


def test_running_the_sweep_again_at_once_changes_nothing(people):
    # given
    feed("a1", starts_at=T0, status="completed")
    run_sweep(now=at(90))
    version = stored().version

    # when
    again = run_sweep(now=at(90))

    # then
    assert (again.examined, again.changed, again.items_read) == (0, 0, 0)
    assert stored().version == version


def test_a_relationship_that_is_not_due_is_not_read(people):
    # given: client-1's visit lapses at 90 days, client-2's not before day 120
    feed("a1", "prov-1", "client-1", starts_at=T0, status="completed")
    feed("a2", "prov-1", "client-2", starts_at=at(30), status="scheduled")

    # when
    result = run_sweep(now=at(90))

    # then
    assert (result.items_read, result.examined) == (1, 1)
    # the cached reason still says "upcoming": the sweep never touched it (status unchanged)
    assert status_of("prov-1", "client-2") == ("current", "upcoming_appointment")


def test_the_sweep_reindexes_at_the_next_transition_or_drops_the_pair(people):
    # given: one visit, now
    feed("a1", starts_at=T0, status="completed")

    # when
    run_sweep(now=at(90))

    # then: past for good, so out of the due index
    relationship = stored()
    assert (relationship.due_shard, relationship.due_at, relationship.next_transition_at) == (
        None,
        None,
        None,
    )


def test_a_new_appointment_makes_a_past_relationship_current_again(people):
    # given: past since day 90
    feed("a1", starts_at=T0, status="completed")
    run_sweep(now=at(90))

    # when: a new appointment is booked on day 91
    result = feed("a2", starts_at=at(100), now=at(91))

    # then
    assert result.relationship.status == "current"
    assert status_of() == ("current", "upcoming_appointment")
    assert stored().next_transition_at == at(190)
    assert run_sweep(now=at(91)).examined == 0


def test_every_status_change_by_the_sweep_is_audited(people):
    # given
    feed("a1", starts_at=T0, status="completed")

    # when
    run_sweep(now=at(90))

    # then
    latest = audit_for_person("client-1")[0]
    assert (latest.action, latest.actor_id, latest.subject_id) == (
        "care.status_changed",
        SWEEP_ACTOR,
        "client-1",
    )
    assert latest.detail is not None
    assert latest.detail.as_dict()["to_status"] == "past"
