"""The product's actions for the notification scenarios, through the real API handler:
open a thread, send a message (the API stamps the notifier's facts), read a thread."""

from __future__ import annotations

import uuid

from carethread.data import keys
from carethread.data.models import Person
from carethread.data.relationships import get_relationship

from tests.support.api_builders import call, seed_care, seed_person


def person(person_id: str, role: str, *, email: str, display_name: str) -> None:
    seed_person(person_id, role, email=email, display_name=display_name)


def client_thread(provider_id: str, client_id: str) -> str:
    _current_care(provider_id, client_id)
    return _open(provider_id, {"client_id": client_id})


def provider_thread(sender_id: str, recipient_id: str, client_id: str) -> str:
    _current_care(sender_id, client_id)
    _current_care(recipient_id, client_id)
    return _open(sender_id, {"provider_id": recipient_id, "client_id": client_id})


def send(sender_id: str, thread_id: str, body: str) -> str:
    response = call(
        "POST",
        f"/v1/threads/{thread_id}/messages",
        sender_id,
        _role(sender_id),
        {"body": body},
        {"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status == 201, response.json
    return str(response.json["message_id"])


def read(reader_id: str, thread_id: str) -> None:
    """Read everything in the thread (the marker moves to the newest message)."""
    role = _role(reader_id)
    page = call("GET", f"/v1/threads/{thread_id}/messages?limit=1", reader_id, role)
    assert page.status == 200, page.json
    [newest] = page.json["items"]
    response = call(
        "POST",
        f"/v1/threads/{thread_id}/read",
        reader_id,
        role,
        {"up_to_message_id": newest["message_id"]},
    )
    assert response.status == 200, response.json


def _open(opener_id: str, body: dict[str, str]) -> str:
    response = call("POST", "/v1/threads", opener_id, _role(opener_id), body)
    assert response.status in (200, 201), response.json
    return str(response.json["thread_id"])


def _current_care(provider_id: str, client_id: str) -> None:
    if get_relationship(provider_id, client_id) is None:
        seed_care(provider_id, client_id)


def _role(person_id: str) -> str:
    return Person.get(keys.person_pk(person_id), keys.PROFILE).role
