"""No name, email address or message text in anything the functions emit outside the table:
logs (ours and every library's), metrics, stdout/stderr, the audit trail — over a whole
practice's day: the platform feed (HTTP and EventBridge), threads, messages, reads, roster
search, notifications scheduled and emailed, a rejected event, the sweep and a refusal.

`tests/integration/notifications/test_no_phi.py` covers email content and schedule
names/payloads; `tests/integration/care/test_care_events.py` a rejected event's log line.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from carethread.data.models import AuditRecord
from carethread.timefmt import format_instant

from tests.integration.notifications.pipeline import Pipeline
from tests.integration.security.output_capture import Emitted, emitted, leaks
from tests.support.api_builders import call
from tests.support.events import FakeLambdaContext
from tests.support.feed_builders import (
    appointment_body,
    appointment_upserted_event,
    at,
    person_body,
    person_upserted_event,
    rematch_body,
)

__all__ = ["emitted"]  # the fixture, re-exported for pytest

PEOPLE = {
    "prov_a": ("provider", "Dr. Balthazar Ymirsson", "balthazar.ymirsson@clinic.example"),
    "prov_b": ("provider", "Dr. Oriel Fenwyck", "oriel.fenwyck@clinic.example"),
    "client_c": ("client", "Quintessa Vorhaven", "quintessa.vorhaven@patients.example"),
    "client_e": ("client", "Ignatius Brackenbury", "ignatius.brackenbury@patients.example"),
    "client_x": ("client", "Philippa Quarrington", "philippa.q@patients.example"),
}
BODIES = (
    "the Zanzibar ferry nightmares are back",
    "we will titrate the lamotrigine slowly",
    "Quintessa mentioned the custody hearing",
)


def secrets() -> set[str]:
    found = set(BODIES)
    for _, name, email in PEOPLE.values():
        found |= {name, email, email.split("@")[0]}
        found |= {word for word in name.split() if len(word) > 4}
    found |= {word for body in BODIES for word in body.split() if len(word) > 7}
    return found


def feed(method: str, path: str, body: dict[str, Any]) -> None:
    response = call(method, path, "platform", "system", body)
    assert response.status == 200, response.json


def care_event(event: dict[str, Any]) -> dict[str, Any]:
    from care_events.handler import lambda_handler

    return lambda_handler(event, FakeLambdaContext())  # type: ignore[arg-type]


def person(person_id: str) -> dict[str, Any]:
    role, name, email = PEOPLE[person_id]
    return person_body(role, display_name=name, email=email)


def feed_the_practice() -> None:
    for person_id in ("prov_a", "prov_b", "client_c"):
        feed("PUT", f"/v1/people/{person_id}", person(person_id))
    assert care_event(person_upserted_event("client_e", person("client_e")))["status"] == "applied"
    visit = appointment_body("prov_a", "client_c", starts_at=at(-10), status="completed")
    feed("PUT", "/v1/appointments/a1", visit)
    upcoming = appointment_body("prov_b", "client_c", starts_at=at(3), is_initial=True)
    assert care_event(appointment_upserted_event("a2", upcoming))["status"] == "applied"
    feed("PUT", "/v1/appointments/a3", {**visit, "client_id": "client_e"})
    feed("POST", "/v1/rematches", rematch_body("client_e", "prov_a", "prov_b"))
    # rejected (bad zone): logged and dropped, with the name and address in the event
    bad = {**person("client_x"), "timezone": "Nowhere/Zanzibar"}
    assert care_event(person_upserted_event("client_x", bad))["status"] == "rejected"


def open_threads() -> tuple[str, str]:
    client = call("POST", "/v1/threads", "prov_a", "provider", {"client_id": "client_c"})
    colleague = call(
        "POST",
        "/v1/threads",
        "prov_a",
        "provider",
        {"provider_id": "prov_b", "client_id": "client_c"},
    )
    return client.json["thread_id"], colleague.json["thread_id"]


def converse(pipeline: Pipeline, client_thread: str, provider_thread: str) -> None:
    pipeline.send("client_c", client_thread, BODIES[0])
    pipeline.send("prov_a", provider_thread, BODIES[2])
    pipeline.deliver()
    pipeline.clock.advance(minutes=30)
    pipeline.send("prov_a", client_thread, BODIES[1])
    pipeline.deliver()


def read_everything(client_thread: str) -> None:
    for person_id, role in (("client_c", "client"), ("prov_a", "provider")):
        call("GET", f"/v1/threads/{client_thread}", person_id, role)
        call("GET", "/v1/threads", person_id, role)
        call("GET", "/v1/unread", person_id, role)
        call("GET", "/v1/me", person_id, role)
        page = call("GET", f"/v1/threads/{client_thread}/messages", person_id, role).json
        up_to = {"up_to_message_id": page["items"][0]["message_id"]}
        call("POST", f"/v1/threads/{client_thread}/read", person_id, role, up_to)
    call("GET", "/v1/clients?q=Quintessa%20Vorh", "prov_a", "provider")
    call("GET", "/v1/clients/client_c/care-team", "prov_a", "provider")
    call("GET", "/v1/care-team", "client_c", "client")


def fire_every_schedule(pipeline: Pipeline) -> int:
    fired = 0
    for schedule in pipeline.schedules():
        ids = json.loads(schedule["Target"]["Input"])
        pipeline.fire(ids["recipient_id"], ids["thread_id"])
        fired += 1
    return fired


def sweep_then_refuse(pipeline: Pipeline, client_thread: str) -> None:
    from sweep.handler import lambda_handler

    pipeline.clock.advance(days=120)
    lambda_handler({"time": format_instant(pipeline.clock.now())}, FakeLambdaContext())  # type: ignore[arg-type]
    refused = call(
        "POST",
        f"/v1/threads/{client_thread}/messages",
        "client_c",
        "client",
        {"body": BODIES[0]},
        {"Idempotency-Key": "late"},
    )
    assert refused.status == 403


@pytest.fixture
def day_of_practice(table, clock, emitted: Emitted) -> Emitted:
    feed_the_practice()
    pipeline = Pipeline(table, clock)
    client_thread, provider_thread = open_threads()
    converse(pipeline, client_thread, provider_thread)
    assert fire_every_schedule(pipeline) >= 2
    assert len(pipeline.emails()) >= 2
    read_everything(client_thread)
    sweep_then_refuse(pipeline, client_thread)
    return emitted


def test_nothing_emitted_in_a_day_of_practice_names_anyone_or_quotes_a_message(day_of_practice):
    # when
    text = day_of_practice.text()

    # then the capture saw the functions' output (so an empty capture cannot pass)
    for expected in ("message sent", "notification settled", "care event applied", "MessagesSent"):
        assert expected in text
    assert not leaks(text, secrets())


def test_the_audit_trail_of_a_day_of_practice_holds_ids_and_codes_only(day_of_practice):
    # when
    records = list(AuditRecord.scan(AuditRecord.pk.startswith("AUDIT#")))

    # then
    assert {"message.send", "thread.messages.list", "feed.person_upserted"} <= {
        r.action for r in records
    }
    assert all(r.actor_id and r.action and r.subject_id and r.at for r in records)
    assert not leaks(json.dumps([r.serialize() for r in records], default=str), secrets())


def test_every_message_of_the_day_reached_the_table_untouched(day_of_practice):
    # given the table, the one place message text belongs
    from carethread.data.models import Message

    # when
    stored = {m.body for m in Message.scan()}

    # then
    assert stored == set(BODIES)
