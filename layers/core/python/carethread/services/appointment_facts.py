"""Appointment facts from feed bodies: building the stored fact, and the id's pair claim."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from pynamodb.exceptions import PutError

from carethread.contracts.feed import AppointmentStatus, AppointmentUpsert, AppointmentView
from carethread.data import keys
from carethread.data.models import AppointmentFact, AppointmentRef, Relationship
from carethread.domain.errors import InvalidRequest


def appointment_fact(
    appointment_id: str,
    body: AppointmentUpsert,
    previous: AppointmentFact | None,
    *,
    has_others: bool,
    now: datetime,
) -> AppointmentFact:
    """The fact to store for `body`, given the fact already stored under the same id."""
    if body.is_initial is not None:
        is_initial = body.is_initial
    else:
        is_initial = bool(previous.is_initial) if previous is not None else not has_others
    changed_at = None
    if body.status == "canceled":
        kept = (
            previous.changed_at if previous is not None and previous.status == "canceled" else None
        )
        changed_at = body.changed_at or kept or now
    return AppointmentFact(
        appointment_id=appointment_id,
        starts_at=body.starts_at,
        status=body.status,
        is_initial=is_initial,
        changed_at=changed_at,
    )


def same_fact(a: AppointmentFact, b: AppointmentFact) -> bool:
    return (a.starts_at, a.status, bool(a.is_initial), a.changed_at) == (
        b.starts_at,
        b.status,
        bool(b.is_initial),
        b.changed_at,
    )


def claim_appointment_id(appointment_id: str, provider_id: str, client_id: str) -> None:
    """An appointment id belongs to one pair for ever; moving it is refused (400)."""
    try:
        ref = AppointmentRef.get(keys.appointment_pk(appointment_id), keys.PAIR)
    except AppointmentRef.DoesNotExist:
        ref = AppointmentRef(
            pk=keys.appointment_pk(appointment_id),
            sk=keys.PAIR,
            appointment_id=appointment_id,
            provider_id=provider_id,
            client_id=client_id,
        )
        try:
            ref.save(condition=AppointmentRef.pk.does_not_exist())
            return
        except PutError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise
            ref = AppointmentRef.get(keys.appointment_pk(appointment_id), keys.PAIR)
    if (ref.provider_id, ref.client_id) != (provider_id, client_id):
        message = "this appointment belongs to another provider and client"
        raise InvalidRequest(
            f"appointment_id: {message}.", fields=[{"field": "appointment_id", "message": message}]
        )


def appointment_view(fact: AppointmentFact, relationship: Relationship) -> AppointmentView:
    return AppointmentView(
        appointment_id=fact.appointment_id,
        provider_id=relationship.provider_id,
        client_id=relationship.client_id,
        starts_at=fact.starts_at,
        status=cast(AppointmentStatus, fact.status),
        is_initial=bool(fact.is_initial),
        changed_at=fact.changed_at,
    )
