import pytest
from carethread.data.models import AuditRecord
from carethread.domain.errors import InvalidRequest
from carethread.services.audit import audit_for_person
from carethread.services.care_status import due_at_key
from carethread.services.feed import upsert_appointment

from tests.integration.care.helpers import stored
from tests.support.feed_builders import SYSTEM_ACTOR, T0, appointment_model, at


def feed(appointment_id: str, *pair: str, now=T0, **kwargs):
    return upsert_appointment(
        appointment_id, appointment_model(*pair, **kwargs), actor_id=SYSTEM_ACTOR, now=now
    )


def test_a_first_appointment_creates_a_current_relationship(people):
    # when
    result = feed("a1", starts_at=at(7))

    # then
    assert result.relationship.model_dump(mode="json") == {
        "provider_id": "prov-1",
        "client_id": "client-1",
        "status": "current",
        "status_reason": "upcoming_appointment",
        "next_appointment_at": "2026-12-10T15:00:00Z",
        "last_visit_at": None,
        "first_appointment_at": "2026-12-10T15:00:00Z",
        "next_transition_at": "2027-03-10T15:00:00Z",
    }
    assert result.appointment.is_initial is True
    relationship = stored()
    assert (relationship.gsi1pk, relationship.gsi1sk) == ("CLIENT#client-1", "PROVIDER#prov-1")


def test_the_relationship_is_indexed_as_due_at_its_next_transition(people):
    # when
    feed("a1", starts_at=at(7))

    # then
    relationship = stored()
    assert relationship.due_at == "2027-03-10T15:00:00.000000Z"
    assert relationship.due_at == due_at_key(at(97))
    assert relationship.due_shard is not None
    assert relationship.due_shard.startswith("DUE#")


def test_a_relationship_with_no_future_transition_leaves_the_due_index(people):
    # given
    feed("a1", starts_at=at(7))

    # when: the only appointment is canceled (not initial): past for good
    feed("a1", starts_at=at(7), status="canceled", is_initial=False)

    # then
    relationship = stored()
    assert (relationship.status, relationship.next_transition_at) == ("past", None)
    assert (relationship.due_shard, relationship.due_at) == (None, None)


def test_the_same_body_twice_keeps_one_fact_and_one_audit(people):
    # given
    feed("a1", starts_at=at(7))
    first = stored()

    # when
    again = feed("a1", starts_at=at(7), now=at(1))

    # then
    relationship = stored()
    assert len(relationship.appointments) == 1
    assert relationship.version == first.version
    assert again.appointment.is_initial is True
    actions = [r.action for r in audit_for_person("client-1")]
    assert actions.count("feed.appointment_upserted") == 1


def test_an_upsert_with_the_same_id_replaces_the_fact(people):
    # given
    feed("a1", starts_at=at(7))

    # when
    feed("a1", starts_at=at(9), status="scheduled")

    # then
    facts = stored().appointments
    assert [(f.appointment_id, f.starts_at) for f in facts] == [("a1", at(9))]


def test_only_the_pairs_first_appointment_defaults_to_initial(people):
    # given
    feed("a1", starts_at=at(7))

    # when
    second = feed("a2", starts_at=at(14))

    # then
    assert second.appointment.is_initial is False
    assert [f.is_initial for f in stored().appointments] == [True, False]


def test_a_cancellation_is_dated_now_by_default_and_keeps_that_date_on_replay(people, clock):
    # given
    feed("a1", starts_at=at(7))
    feed("a1", starts_at=at(7), status="canceled", now=at(1))

    # when
    replay = feed("a1", starts_at=at(7), status="canceled", now=at(2))

    # then
    assert replay.appointment.changed_at == at(1)
    assert replay.relationship.status_reason == "initial_canceled_grace"
    assert replay.relationship.next_transition_at == at(15)


def test_changed_at_is_only_kept_for_a_cancellation(people):
    # when
    result = feed("a1", starts_at=at(-1), status="completed", changed_at=at(-1))

    # then
    assert result.appointment.changed_at is None


def test_an_appointment_id_cannot_move_to_another_pair(people):
    # given
    feed("a1", "prov-1", "client-1")

    # when
    with pytest.raises(InvalidRequest) as refused:
        feed("a1", "prov-2", "client-1")

    # then
    assert refused.value.fields[0]["field"] == "appointment_id"
    assert stored("prov-1", "client-1").appointments[0].appointment_id == "a1"


@pytest.mark.parametrize(
    ("provider_id", "client_id", "field"),
    [
        ("prov-404", "client-1", "provider_id"),
        ("prov-1", "client-404", "client_id"),
        ("client-2", "client-1", "provider_id"),
        ("prov-1", "prov-2", "client_id"),
    ],
)
def test_the_people_must_exist_with_the_right_roles(people, provider_id, client_id, field):
    # when
    with pytest.raises(InvalidRequest) as refused:
        feed("a1", provider_id, client_id)

    # then
    assert refused.value.fields[0]["field"] == field


def test_a_status_change_writes_an_audit_record_without_phi(people):
    # given: a visit 100 days ago makes a past relationship
    feed("a1", starts_at=at(-100), status="completed")

    # when
    feed("a2", starts_at=at(7))

    # then
    changes = [r for r in audit_for_person("client-1") if r.action == "care.status_changed"]
    latest: AuditRecord = changes[0]
    assert latest.detail is not None
    assert latest.detail.as_dict() == {
        "provider_id": "prov-1",
        "from_status": "past",
        "to_status": "current",
        "reason": "upcoming_appointment",
    }
    assert (latest.subject_type, latest.subject_id, latest.actor_id) == (
        "person",
        "client-1",
        SYSTEM_ACTOR,
    )
