"""Builders for API tests: seed entities straight through the models, call the real handler.

Seeding bypasses the feed service on purpose, so API tests depend only on the table layout.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from carethread.clock import get_clock
from carethread.data import keys
from carethread.data.models import AppointmentFact, InboxEntry, Person, Relationship
from carethread.data.relationships import care_facts
from carethread.domain.care import evaluate_care
from ulid import ULID

from tests.support.events import FakeLambdaContext, api_event


class ApiResponse(NamedTuple):
    status: int
    json: Any
    headers: dict[str, str]  # keys lower-cased


def call(
    method: str,
    path: str,
    person: str | None = None,
    role: str | None = None,
    body: Any = None,
    headers: dict[str, str] | None = None,
    *,
    raw_body: str | None = None,
) -> ApiResponse:
    """Invoke the real API handler with an API Gateway REST proxy event.

    `person`/`role` become the authorizer claims (omit both for "no token").
    Returns `(status, parsed JSON body or None, lower-cased headers)`.
    """
    from api.handler import lambda_handler  # imported late: the table is bound by fixtures

    event = api_event(
        method, path, person_id=person, role=role, body=body, raw_body=raw_body, headers=headers
    )
    result = lambda_handler(event, FakeLambdaContext())  # type: ignore[arg-type]
    out_headers = {k.lower(): v for k, v in (result.get("headers") or {}).items()}
    for name, values in (result.get("multiValueHeaders") or {}).items():
        out_headers.setdefault(name.lower(), ",".join(values))
    text = result.get("body")
    return ApiResponse(result["statusCode"], json.loads(text) if text else None, out_headers)


def seed_person(
    person_id: str,
    role: str,
    *,
    display_name: str | None = None,
    email: str | None = None,
    timezone: str | None = "America/New_York",
) -> Person:
    person = Person(
        pk=keys.person_pk(person_id),
        sk=keys.PROFILE,
        person_id=person_id,
        role=role,
        display_name=display_name or f"Name of {person_id}",
        email=email or f"{person_id}@example.com",
        timezone=timezone,
        updated_at=get_clock().now(),
    )
    person.save()
    return person


def appointment(
    starts_at: datetime,
    status: str = "scheduled",
    *,
    is_initial: bool = False,
    changed_at: datetime | None = None,
    appointment_id: str | None = None,
) -> AppointmentFact:
    return AppointmentFact(
        appointment_id=appointment_id or f"a_{ULID()}",
        starts_at=starts_at,
        status=status,
        is_initial=is_initial,
        changed_at=changed_at,
    )


def seed_relationship(
    provider_id: str,
    client_id: str,
    appointments: list[AppointmentFact] | None = None,
    *,
    rematched_at: datetime | None = None,
) -> Relationship:
    """Store a relationship with its cached status evaluated at the process clock's now."""
    relationship = Relationship(
        pk=keys.provider_pk(provider_id),
        sk=keys.client_sk(client_id),
        gsi1pk=keys.client_gsi_pk(client_id),
        gsi1sk=keys.provider_gsi_sk(provider_id),
        provider_id=provider_id,
        client_id=client_id,
        appointments=appointments or [],
        rematched_at=rematched_at,
    )
    now = get_clock().now()
    evaluation = evaluate_care(care_facts(relationship), now)
    relationship.status = evaluation.status
    relationship.status_reason = evaluation.reason
    relationship.next_transition_at = evaluation.next_transition_at
    relationship.evaluated_at = now
    relationship.save()
    return relationship


def seed_care(provider_id: str, client_id: str, state: str = "current") -> Relationship:
    """A relationship in a named state at the clock's now, persons included when missing.

    `current`: a completed visit 10 days ago. `past`: the last visit was 120 days ago.
    `new`: only an initial appointment, 3 days ahead (current, shows the new-client notice).
    """
    now = get_clock().now()
    for person_id, role in ((provider_id, "provider"), (client_id, "client")):
        if _missing(person_id):
            seed_person(person_id, role)
    visits = {
        "current": [appointment(now - timedelta(days=10), "completed", is_initial=True)],
        "past": [appointment(now - timedelta(days=120), "completed", is_initial=True)],
        "new": [appointment(now + timedelta(days=3), is_initial=True)],
    }[state]
    return seed_relationship(provider_id, client_id, visits)


def _missing(person_id: str) -> bool:
    try:
        Person.get(keys.person_pk(person_id), keys.PROFILE)
    except Person.DoesNotExist:
        return True
    return False


def seed_inbox_entry(
    owner_id: str,
    thread_id: str,
    *,
    kind: str,
    counterpart_id: str,
    client_id: str,
    unread: int = 0,
) -> InboxEntry:
    """An inbox entry as a thread leaves it for one participant (views read existence from it)."""
    entry = InboxEntry(
        pk=keys.inbox_pk(owner_id),
        sk=keys.inbox_sk(thread_id),
        owner_id=owner_id,
        thread_id=thread_id,
        kind=kind,
        counterpart_id=counterpart_id,
        client_id=client_id,
        unread_count=unread,
        created_at=get_clock().now(),
    )
    entry.save()
    return entry


def start_thread(person: str, role: str, **body: str) -> str:
    """Start (or open) a thread through the API as `person`; returns its id."""
    response = call("POST", "/v1/threads", person, role, body)
    assert response.status in (200, 201), response
    return str(response.json["thread_id"])


def send(
    thread_id: str, person: str, role: str, body: str = "hello", *, key: str | None = None
) -> ApiResponse:
    """Send a message through the API (a fresh Idempotency-Key unless `key` is given)."""
    headers = {"Idempotency-Key": key or f"k-{ULID()}"}
    return call("POST", f"/v1/threads/{thread_id}/messages", person, role, {"body": body}, headers)
