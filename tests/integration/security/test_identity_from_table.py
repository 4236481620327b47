"""Identity is the verified claims *and* the platform's person record: a token whose role
contradicts the record, or a token for someone the platform never sent, acts as nobody.

Every case here is refused, so they share one module-wide practice (`shared_world`).
"""

from __future__ import annotations

import uuid

import pytest
from api.identity import current_caller
from carethread.data import keys
from carethread.data.models import Message
from carethread.domain.errors import Unauthenticated

from tests.integration.security.world import World, every_person_route
from tests.support.api_builders import call
from tests.support.events import api_event

ROUTES = range(12)  # indexes into every_person_route(world)


def call_route(world: World, index: int, person: str, role: str):
    method, path, body = every_person_route(world)[index]
    return call(method, path, person, role, body, {"Idempotency-Key": str(uuid.uuid4())})


@pytest.mark.parametrize("index", ROUTES)
def test_a_client_holding_a_provider_token_is_refused_everywhere(shared_world, index):
    # given c1 is stored as a client, but their token says provider
    # when
    status, body, _ = call_route(shared_world, index, "c1", "provider")

    # then
    assert (status, body["code"]) == (403, "role_not_allowed")


@pytest.mark.parametrize("index", ROUTES)
def test_a_provider_holding_a_client_token_is_refused_everywhere(shared_world, index):
    # given p1 is stored as a provider, but their token says client
    # when
    status, body, _ = call_route(shared_world, index, "p1", "client")

    # then
    assert (status, body["code"]) == (403, "role_not_allowed")


@pytest.mark.parametrize("index", ROUTES)
@pytest.mark.parametrize("role", ["provider", "client"])
def test_a_token_for_someone_the_platform_never_sent_is_refused(shared_world, index, role):
    # given a verified token whose person has no record at all
    # when
    status, body, _ = call_route(shared_world, index, "ghost", role)

    # then
    assert (status, body["code"]) == (403, "role_not_allowed")


def test_a_mismatched_token_writes_nothing_to_the_clinical_record(shared_world):
    # given
    world = shared_world
    before = Message.count(keys.thread_pk(world.client_thread))

    # when c1 tries to send as a provider
    call(
        "POST",
        f"/v1/threads/{world.client_thread}/messages",
        "c1",
        "provider",
        {"body": "as a provider"},
        {"Idempotency-Key": "k1"},
    )

    # then
    assert Message.count(keys.thread_pk(world.client_thread)) == before


def test_the_system_role_never_comes_from_a_custom_attribute():
    # given claims a user could write themselves (custom attributes), asking for `system`
    event = api_event("GET", "/v1/me")
    event["requestContext"]["authorizer"] = {"claims": {"sub": "p1", "custom:role": "system"}}

    # when / then
    with pytest.raises(Unauthenticated):
        current_caller(event)
