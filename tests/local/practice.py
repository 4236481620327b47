"""Builders for the local runtime's tests: people and care fed in over HTTP, as the
scheduling platform would, and the thread operations a person would do."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tests.local.http_client import RuntimeClient

FEED = ("scheduling-platform", "system")


def feed_person(client: RuntimeClient, person_id: str, role: str) -> None:
    body = {"role": role, "display_name": f"Name of {person_id}", "email": email_of(person_id)}
    reply = client.call("PUT", f"/v1/people/{person_id}", token=client.token(*FEED), body=body)
    assert reply.status == 200, reply


def feed_current_pair(client: RuntimeClient, provider_id: str, client_id: str) -> None:
    """Both people, and a completed visit 10 days before the runtime's now."""
    feed_person(client, provider_id, "provider")
    feed_person(client, client_id, "client")
    now = datetime.fromisoformat(client.call("GET", "/_local/clock").json["now"])
    body = {
        "provider_id": provider_id,
        "client_id": client_id,
        "starts_at": (now - timedelta(days=10)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "status": "completed",
    }
    path = f"/v1/appointments/visit-{provider_id}-{client_id}"
    reply = client.call("PUT", path, token=client.token(*FEED), body=body)
    assert reply.status == 200, reply


def email_of(person_id: str) -> str:
    return f"{person_id}@example.com"


def open_thread(client: RuntimeClient, token: str, **members: str) -> str:
    reply = client.call("POST", "/v1/threads", token=token, body=members)
    assert reply.status in (200, 201), reply
    return str(reply.json["thread_id"])


def send(client: RuntimeClient, token: str, thread_id: str, text: str) -> dict[str, Any]:
    reply = client.call(
        "POST",
        f"/v1/threads/{thread_id}/messages",
        token=token,
        body={"body": text},
        headers={"Idempotency-Key": f"key-{abs(hash((thread_id, text)))}"},
    )
    assert reply.status == 201, reply
    return dict(reply.json)


def emails_to(client: RuntimeClient, person_id: str) -> list[dict[str, Any]]:
    return [e for e in client.emails() if e["to"] == email_of(person_id)]
