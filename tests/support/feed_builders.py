"""Builders for platform feed bodies (the API's JSON) and their EventBridge events.

Bodies are plain dicts in the API's shape; `*_model` helpers give the pydantic contract the
services take. Times default relative to T0 (the `clock` fixture's instant).
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from carethread.contracts.feed import AppointmentUpsert, PersonUpsert, Rematch
from carethread.timefmt import format_instant

T0 = datetime(2026, 12, 3, 15, 0, 0, tzinfo=UTC)
SYSTEM_ACTOR = "platform"

_appointment_ids = itertools.count(1)


def at(days: float = 0, **delta: float) -> datetime:
    """T0 shifted by `days` (negative for the past) and any other timedelta fields."""
    return T0 + timedelta(days=days, **delta)


def person_body(
    role: str = "client",
    *,
    display_name: str = "Alex Rivera",
    email: str | None = "alex@example.com",
    timezone: str | None = "America/New_York",
) -> dict[str, Any]:
    body: dict[str, Any] = {"role": role, "display_name": display_name}
    if email is not None:
        body["email"] = email
    if timezone is not None:
        body["timezone"] = timezone
    return body


def appointment_body(
    provider_id: str = "prov-1",
    client_id: str = "client-1",
    *,
    starts_at: datetime | None = None,
    status: str = "scheduled",
    is_initial: bool | None = None,
    changed_at: datetime | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "provider_id": provider_id,
        "client_id": client_id,
        "starts_at": format_instant(starts_at or at(7)),
        "status": status,
    }
    if is_initial is not None:
        body["is_initial"] = is_initial
    if changed_at is not None:
        body["changed_at"] = format_instant(changed_at)
    return body


def rematch_body(
    client_id: str = "client-1",
    from_provider_id: str = "prov-1",
    to_provider_id: str = "prov-2",
    *,
    rematched_at: datetime | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client_id": client_id,
        "from_provider_id": from_provider_id,
        "to_provider_id": to_provider_id,
    }
    if rematched_at is not None:
        body["rematched_at"] = format_instant(rematched_at)
    return body


def new_appointment_id() -> str:
    return f"appt-{next(_appointment_ids)}"


def person_model(**kwargs: Any) -> PersonUpsert:
    return PersonUpsert.model_validate(person_body(**kwargs))


def appointment_model(*args: Any, **kwargs: Any) -> AppointmentUpsert:
    return AppointmentUpsert.model_validate(appointment_body(*args, **kwargs))


def rematch_model(*args: Any, **kwargs: Any) -> Rematch:
    return Rematch.model_validate(rematch_body(*args, **kwargs))


def eventbridge_event(
    detail_type: str, detail: dict[str, Any], *, source: str = "com.example.scheduling"
) -> dict[str, Any]:
    """An EventBridge event as a rule target Lambda receives it (one event per invocation)."""
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": detail_type,
        "source": source,
        "account": "000000000000",
        "time": format_instant(T0),
        "region": "us-east-1",
        "resources": [],
        "detail": detail,
    }


def person_upserted_event(person_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    return eventbridge_event("PersonUpserted", {"person_id": person_id, **(body or person_body())})


def appointment_upserted_event(appointment_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return eventbridge_event("AppointmentUpserted", {"appointment_id": appointment_id, **body})


def client_rematched_event(body: dict[str, Any]) -> dict[str, Any]:
    return eventbridge_event("ClientRematched", body)
