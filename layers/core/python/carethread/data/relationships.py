"""Reading relationships and turning their stored facts into the pure rule's input."""

from __future__ import annotations

from typing import cast

from carethread.data import keys
from carethread.data.models import Relationship
from carethread.domain.care import Appointment, AppointmentStatus, CareFacts


def get_relationship(provider_id: str, client_id: str) -> Relationship | None:
    """The stored relationship of a provider–client pair, or None (one GetItem)."""
    try:
        return Relationship.get(keys.provider_pk(provider_id), keys.client_sk(client_id))
    except Relationship.DoesNotExist:
        return None


def care_facts(relationship: Relationship) -> CareFacts:
    """The pure rule's input from a stored relationship."""
    return CareFacts(
        appointments=tuple(
            Appointment(
                appointment_id=a.appointment_id,
                starts_at=a.starts_at,
                status=cast(AppointmentStatus, a.status),
                is_initial=bool(a.is_initial),
                changed_at=a.changed_at,
            )
            for a in relationship.appointments or []
        ),
        rematched_at=relationship.rematched_at,
    )
