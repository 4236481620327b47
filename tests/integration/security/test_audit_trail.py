"""The HIPAA trail: every attempt on a thread — read, send, marker move, and every refusal,
whoever refused it — leaves a record with actor, action, subject, time and outcome (never text).

`tests/integration/api/test_audit.py` covers the successful actions, rule refusals and a
non-member opening a thread; this file covers the other endpoints' refusals. The cases share
one module-wide practice, so each looks for its own record rather than the newest one.
"""

from __future__ import annotations

import uuid

import pytest
from carethread.services.audit import audit_by_actor, audit_for_person, audit_for_thread

from tests.conftest import T0
from tests.support.api_builders import call

THREAD_ROUTES = {
    "thread.open": ("GET", ""),
    "thread.messages.list": ("GET", "/messages"),
    "message.send": ("POST", "/messages"),
    "thread.mark_read": ("POST", "/read"),
}


def attempt(world, action: str, person: str, role: str):
    method, suffix = THREAD_ROUTES[action]
    body = {
        "message.send": {"body": "a private thought"},
        "thread.mark_read": {"up_to_message_id": world.provider_message},
    }.get(action)
    path = f"/v1/threads/{world.client_thread}{suffix}"
    return call(method, path, person, role, body, {"Idempotency-Key": str(uuid.uuid4())})


def trail(records) -> set[tuple[str, str, str, str, str, str]]:
    return {
        (r.actor_id, r.actor_role, r.action, r.subject_type, r.subject_id, r.outcome)
        for r in records
    }


@pytest.mark.parametrize("action", THREAD_ROUTES)
def test_a_non_member_attempt_on_any_thread_endpoint_is_audited(shared_world, action):
    # when p9 (no part of the thread) tries it
    response = attempt(shared_world, action, "p9", "provider")

    # then
    assert response.status == 404
    expected = ("p9", "provider", action, "thread", shared_world.client_thread)
    assert (*expected, "refused:not_found") in trail(audit_by_actor("p9"))


@pytest.mark.parametrize("action", THREAD_ROUTES)
def test_a_role_refusal_on_any_thread_endpoint_is_audited_under_the_thread(shared_world, action):
    # when the platform's system account tries it
    response = attempt(shared_world, action, "platform", "system")

    # then
    method, suffix = THREAD_ROUTES[action]
    thread_id = shared_world.client_thread
    tried = f"{method} /v1/threads/{thread_id}{suffix}"
    records = [r for r in audit_for_thread(thread_id) if r.action == tried]
    assert response.status == 403
    assert trail(records) == {
        ("platform", "system", tried, "thread", thread_id, "refused:role_not_allowed")
    }
    assert [r.at for r in records] == [T0]


@pytest.mark.parametrize("action", THREAD_ROUTES)
def test_a_token_contradicting_the_record_is_audited_when_refused(shared_world, action):
    # when c1 (a client) comes with a provider token
    attempt(shared_world, action, "c1", "provider")

    # then
    method, suffix = THREAD_ROUTES[action]
    thread_id = shared_world.client_thread
    tried = f"{method} /v1/threads/{thread_id}{suffix}"
    expected = ("c1", "provider", tried, "thread", thread_id, "refused:role_not_allowed")
    assert expected in trail(audit_for_thread(thread_id))


def test_a_role_refusal_without_a_thread_is_audited_under_the_caller(shared_world):
    # when a client asks for a provider's roster
    call("GET", "/v1/clients", "c9", "client")

    # then
    expected = ("c9", "client", "GET /v1/clients", "person", "c9", "refused:role_not_allowed")
    assert expected in trail(audit_by_actor("c9"))


def test_a_refused_send_keeps_its_text_out_of_the_trail(shared_world):
    # when
    attempt(shared_world, "message.send", "platform", "system")
    attempt(shared_world, "message.send", "p9", "provider")

    # then
    records = audit_for_thread(shared_world.client_thread)
    assert records
    assert all("private thought" not in str(r.serialize()) for r in records)


def test_a_reused_key_with_other_words_is_audited_as_a_refused_send(shared_world):
    # given c1 sent with a key
    thread_id = shared_world.client_thread
    headers = {"Idempotency-Key": "audit-reuse"}
    path = f"/v1/threads/{thread_id}/messages"
    call("POST", path, "c1", "client", {"body": "first words"}, headers)

    # when the key comes back with other words
    response = call("POST", path, "c1", "client", {"body": "other words"}, headers)

    # then
    assert response.status == 409
    expected = ("c1", "client", "message.send", "thread", thread_id)
    assert (*expected, "refused:idempotency_key_reused") in trail(audit_for_thread(thread_id))


def test_reading_a_clients_care_team_is_audited_under_the_client(shared_world):
    # when
    call("GET", "/v1/clients/c1/care-team", "p2", "provider")

    # then
    expected = ("p2", "provider", "client.care_team.read", "person", "c1", "ok")
    assert expected in trail(audit_for_person("c1"))


def test_asking_for_the_team_of_a_client_never_had_is_audited_as_refused(shared_world):
    # when
    response = call("GET", "/v1/clients/c1/care-team", "p9", "provider")

    # then
    assert response.status == 404
    expected = ("p9", "provider", "client.care_team.read", "person", "c1", "refused:not_found")
    assert expected in trail(audit_for_person("c1"))
