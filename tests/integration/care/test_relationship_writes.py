"""Optimistic locking: a write based on a stale copy is retried on a fresh read, never lost."""

import pytest
from carethread.services.care_status import FactChange, update_relationship
from carethread.services.feed import upsert_appointment

from tests.integration.care.helpers import stored
from tests.support.feed_builders import SYSTEM_ACTOR, T0, appointment_model, at


@pytest.mark.parametrize("atomic", [True, False], ids=["transaction", "put-then-audit"])
def test_a_stale_copy_loses_the_race_and_the_change_is_reapplied(people, atomic):
    # given: a copy read before another writer added an appointment
    upsert_appointment("a1", appointment_model(starts_at=at(7)), actor_id=SYSTEM_ACTOR, now=T0)
    stale = stored()
    upsert_appointment("a2", appointment_model(starts_at=at(14)), actor_id=SYSTEM_ACTOR, now=T0)
    seen: list[int] = []

    def mark(relationship):
        seen.append(len(relationship.appointments))
        relationship.rematched_to = "prov-2"
        return [FactChange("test.marked", {})]

    # when
    update_relationship(
        "prov-1", "client-1", mark, actor_id=SYSTEM_ACTOR, now=T0, loaded=stale, atomic=atomic
    )

    # then: tried on the stale copy (1 appointment), then on a fresh read (2)
    assert seen == [1, 2]
    relationship = stored()
    assert (len(relationship.appointments), relationship.rematched_to) == (2, "prov-2")
