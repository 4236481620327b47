"""The platform feed: people, appointments and rematches from the scheduling platform.

Used by the API's feed router and by the care-events Lambda, so an HTTP call and an
EventBridge event with the same content have the same effect. Every operation is idempotent.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import TypeAdapter, ValidationError

from carethread.contracts.common import PersonId
from carethread.contracts.feed import (
    AppointmentId,
    AppointmentResult,
    AppointmentUpsert,
    PersonUpsert,
    PersonView,
    Rematch,
    RematchResult,
)
from carethread.data import keys
from carethread.data.models import AppointmentFact, Person, Relationship
from carethread.data.transactions import transact_write
from carethread.domain.errors import InvalidRequest
from carethread.services.appointment_facts import (
    appointment_fact,
    appointment_view,
    claim_appointment_id,
    same_fact,
)
from carethread.services.audit import audit_record
from carethread.services.care_status import FactChange, relationship_view, update_relationship
from carethread.services.people import people_by_id

_PERSON_ID = TypeAdapter(PersonId)
_APPOINTMENT_ID = TypeAdapter(AppointmentId)


def upsert_person(
    person_id: str, body: PersonUpsert, *, actor_id: str, now: datetime
) -> PersonView:
    """Create or update a provider or client profile; a person's role never changes."""
    _require_id(_PERSON_ID, person_id, "person_id")
    existing = people_by_id([person_id]).get(person_id)
    if existing is not None and existing.role != body.role:
        raise _invalid("role", f"this person is already a {existing.role}; a role cannot change")
    fields = body.model_dump()
    if existing is not None and all(getattr(existing, k) == v for k, v in fields.items()):
        return _person_view(existing)
    person = Person(
        pk=keys.person_pk(person_id), sk=keys.PROFILE, person_id=person_id, updated_at=now, **fields
    )
    audit = audit_record(
        actor_id=actor_id,
        actor_role="system",
        action="feed.person_upserted",
        subject_type="person",
        subject_id=person_id,
        at=now,
        detail={"role": body.role, "created": existing is None},
    )
    with transact_write() as transaction:
        transaction.save(person)
        transaction.save(audit)
    return _person_view(person)


def upsert_appointment(
    appointment_id: str, body: AppointmentUpsert, *, actor_id: str, now: datetime
) -> AppointmentResult:
    """Record one appointment fact on its pair's relationship and re-evaluate the pair."""
    _require_id(_APPOINTMENT_ID, appointment_id, "appointment_id")
    _require_roles({"provider_id": body.provider_id}, {"client_id": body.client_id})
    claim_appointment_id(appointment_id, body.provider_id, body.client_id)
    stored: list[AppointmentFact] = []

    def record(relationship: Relationship) -> list[FactChange]:
        facts = list(relationship.appointments or [])
        previous = next((f for f in facts if f.appointment_id == appointment_id), None)
        others = [f for f in facts if f.appointment_id != appointment_id]
        fact = appointment_fact(appointment_id, body, previous, has_others=bool(others), now=now)
        stored.append(fact)
        if previous is not None and same_fact(previous, fact):
            return []
        relationship.appointments = [fact if f is previous else f for f in facts]
        if previous is None:
            relationship.appointments.append(fact)
        detail = {"appointment_id": appointment_id, "status": fact.status}
        return [FactChange("feed.appointment_upserted", detail)]

    relationship, evaluation, _ = update_relationship(
        body.provider_id, body.client_id, record, actor_id=actor_id, now=now
    )
    return AppointmentResult(
        appointment=appointment_view(stored[-1], relationship),
        relationship=relationship_view(relationship, evaluation),
    )


def rematch(body: Rematch, *, actor_id: str, now: datetime) -> RematchResult:
    """The client leaves `from_provider_id` for `to_provider_id` (at `rematched_at`).

    Returns the relationship the client left; the new pair's relationship is created if needed.
    """
    _require_roles(
        {"from_provider_id": body.from_provider_id, "to_provider_id": body.to_provider_id},
        {"client_id": body.client_id},
    )

    def leave(relationship: Relationship) -> list[FactChange]:
        if relationship.rematched_to == body.to_provider_id and body.rematched_at in (
            None,
            relationship.rematched_at,
        ):
            return []  # a replay keeps the original instant
        relationship.rematched_at = body.rematched_at or now
        relationship.rematched_to = body.to_provider_id
        return [FactChange("feed.rematched", {"to_provider_id": body.to_provider_id})]

    def join(relationship: Relationship) -> list[FactChange]:
        # Coming back to a provider the client once left: that old rematch no longer ends it.
        if relationship.rematched_at is None:
            return []
        relationship.rematched_at = None
        relationship.rematched_to = None
        return [FactChange("feed.rematch_joined", {"from_provider_id": body.from_provider_id})]

    left, evaluation, _ = update_relationship(
        body.from_provider_id, body.client_id, leave, actor_id=actor_id, now=now, create=False
    )
    update_relationship(body.to_provider_id, body.client_id, join, actor_id=actor_id, now=now)
    return RematchResult(relationship=relationship_view(left, evaluation))


def _require_roles(providers: dict[str, str], clients: dict[str, str]) -> None:
    """Every named person must exist with the role the field implies (else 400 on the field)."""
    wanted = {f: (p, "provider") for f, p in providers.items()}
    wanted.update({f: (c, "client") for f, c in clients.items()})
    people = people_by_id(person_id for person_id, _ in wanted.values())
    for field, (person_id, role) in wanted.items():
        person = people.get(person_id)
        if person is None or person.role != role:
            raise _invalid(field, f"must name a known {role}")


def _require_id(adapter: TypeAdapter[str], value: str, field: str) -> None:
    try:
        adapter.validate_python(value)
    except ValidationError as error:
        raise _invalid(field, "is not a valid id") from error


def _invalid(field: str, message: str) -> InvalidRequest:
    return InvalidRequest(f"{field} {message}.", fields=[{"field": field, "message": message}])


def _person_view(person: Person) -> PersonView:
    return PersonView(
        person_id=person.person_id,
        role=person.role,
        display_name=person.display_name,
        email=person.email,
        timezone=person.timezone,
    )
