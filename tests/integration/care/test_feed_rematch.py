import pytest
from carethread.domain.errors import InvalidRequest, NotFound
from carethread.services.audit import audit_for_person
from carethread.services.feed import rematch, upsert_appointment
from pydantic import ValidationError

from tests.integration.care.helpers import status_of, stored
from tests.support.feed_builders import (
    SYSTEM_ACTOR,
    T0,
    appointment_model,
    at,
    rematch_model,
)


@pytest.fixture
def seen_by_prov_1(people):
    """client-1 saw prov-1 ten days ago."""
    model = appointment_model("prov-1", "client-1", starts_at=at(-10), status="completed")
    upsert_appointment("a1", model, actor_id=SYSTEM_ACTOR, now=T0)


def test_a_rematch_starts_the_grace_period_on_the_relationship_left(seen_by_prov_1):
    # when
    result = rematch(rematch_model(), actor_id=SYSTEM_ACTOR, now=T0)

    # then
    assert result.relationship.provider_id == "prov-1"
    assert result.relationship.status_reason == "rematched_grace"
    assert result.relationship.next_transition_at == at(14)
    relationship = stored("prov-1")
    assert (relationship.rematched_at, relationship.rematched_to) == (T0, "prov-2")


def test_a_rematch_creates_the_new_pairs_relationship(seen_by_prov_1):
    # when
    rematch(rematch_model(), actor_id=SYSTEM_ACTOR, now=T0)

    # then: no appointment with prov-2 yet
    assert status_of("prov-2") == ("past", "no_recent_visit")


def test_a_replayed_rematch_keeps_the_original_instant(seen_by_prov_1):
    # given
    rematch(rematch_model(), actor_id=SYSTEM_ACTOR, now=T0)

    # when
    rematch(rematch_model(), actor_id=SYSTEM_ACTOR, now=at(1))

    # then
    assert stored("prov-1").rematched_at == T0
    actions = [r.action for r in audit_for_person("client-1")]
    assert actions.count("feed.rematched") == 1


def test_rematched_at_dates_the_rematch_when_given(seen_by_prov_1):
    # when
    result = rematch(rematch_model(rematched_at=at(-3)), actor_id=SYSTEM_ACTOR, now=T0)

    # then
    assert result.relationship.next_transition_at == at(11)


def test_a_rematch_from_a_provider_the_client_never_had_is_not_found(people):
    # when / then
    with pytest.raises(NotFound):
        rematch(rematch_model(), actor_id=SYSTEM_ACTOR, now=T0)


def test_a_rematch_to_an_unknown_provider_is_refused_on_that_field(seen_by_prov_1):
    # when
    with pytest.raises(InvalidRequest) as refused:
        rematch(rematch_model(to_provider_id="prov-404"), actor_id=SYSTEM_ACTOR, now=T0)

    # then
    assert refused.value.fields[0]["field"] == "to_provider_id"


def test_a_rematch_to_the_same_provider_is_invalid():
    # when / then
    with pytest.raises(ValidationError):
        rematch_model(from_provider_id="prov-1", to_provider_id="prov-1")


def test_returning_to_a_provider_once_left_lifts_the_old_rematch(seen_by_prov_1):
    # given: client-1 left prov-1 for prov-2
    rematch(rematch_model(), actor_id=SYSTEM_ACTOR, now=T0)

    # when: and comes back a day later
    back = rematch_model(from_provider_id="prov-2", to_provider_id="prov-1")
    rematch(back, actor_id=SYSTEM_ACTOR, now=at(1))

    # then
    assert stored("prov-1").rematched_at is None
    assert status_of("prov-1") == ("current", "recent_visit")
