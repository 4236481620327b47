"""Client-supplied handles — Idempotency-Keys, cursors, read-marker ids — only ever reach the
caller's own data in the thread named in the path."""

from __future__ import annotations

from typing import Any

from carethread.contracts.common import encode_cursor
from carethread.services.inbox import get_entry as stored_entry
from ulid import ULID

from tests.integration.security.world import build_world
from tests.support.api_builders import call, send


def messages(thread_id: str, person: str, role: str, cursor: str) -> tuple[int, Any]:
    response = call("GET", f"/v1/threads/{thread_id}/messages?cursor={cursor}", person, role)
    return response.status, response.json


def read_marker(thread_id: str) -> str | None:
    entry = stored_entry("c1", thread_id)
    assert entry is not None
    return entry.last_read_message_id


def test_someone_else_reusing_my_key_in_my_thread_sends_their_own_message(table, clock):
    # given p1 sent with a key
    world = build_world()
    send(world.client_thread, "p1", "provider", "my words", key="shared-key")

    # when c1 uses the same key with other words
    status, message, headers = send(world.client_thread, "c1", "client", "theirs", key="shared-key")

    # then
    assert (status, message["sender_id"], message["body"]) == (201, "c1", "theirs")
    assert "idempotent-replayed" not in headers


def test_someone_in_another_thread_reusing_my_key_learns_nothing(table, clock):
    # given
    world = build_world()
    send(world.client_thread, "p1", "provider", "my words", key="shared-key")
    other_thread = call("POST", "/v1/threads", "p9", "provider", {"client_id": "c9"}).json

    # when p9 uses my key in their own thread (no 409 that would tell the key is taken)
    status, message, _ = send(other_thread["thread_id"], "p9", "provider", "x", key="shared-key")

    # then
    assert (status, message["sender_id"], message["body"]) == (201, "p9", "x")


def test_a_cursor_from_another_thread_pages_only_the_named_thread(table, clock):
    # given a cursor positioned after p1's newest message in the provider thread
    world = build_world()
    clock.advance(minutes=1)
    later = send(world.provider_thread, "p2", "provider", "later").json["message_id"]
    cursor = encode_cursor({"m": later})

    # when it is used on the client thread (all of whose messages are older)
    status, page = messages(world.client_thread, "c1", "client", cursor)

    # then
    assert status == 200
    assert {m["thread_id"] for m in page["items"]} == {world.client_thread}
    assert [m["message_id"] for m in page["items"]] == [
        world.provider_message,
        world.client_message,
    ]


def test_a_cursor_with_crafted_keys_cannot_point_at_another_partition(table, clock):
    # given a cursor naming the provider thread's partition in every shape a parser might take
    world = build_world()
    crafted = encode_cursor(
        {
            "m": str(ULID()),
            "pk": f"THREAD#{world.provider_thread}",
            "thread_id": world.provider_thread,
            "ExclusiveStartKey": {"pk": {"S": f"THREAD#{world.provider_thread}"}},
        }
    )

    # when c1 pages the client thread with it
    status, page = messages(world.client_thread, "c1", "client", crafted)

    # then
    assert status == 200
    assert world.colleague_message not in {m["message_id"] for m in page["items"]}
    assert {m["thread_id"] for m in page["items"]} <= {world.client_thread}


def test_a_cursor_smuggling_a_sort_key_is_400(table, clock):
    # given
    world = build_world()
    smuggled = encode_cursor({"m": f"{world.client_message}#META"})

    # when
    status, problem = messages(world.client_thread, "c1", "client", smuggled)

    # then
    assert (status, problem["errors"][0]["field"]) == (400, "cursor")


def test_a_read_marker_beyond_every_message_is_refused_and_nothing_moves(table, clock):
    # given a well-formed id later than anything in the thread (it would hide future messages)
    world = build_world()
    future = str(ULID.from_datetime(clock.now().replace(year=2099)))
    marker = read_marker(world.client_thread)

    # when
    status, problem, _ = call(
        "POST",
        f"/v1/threads/{world.client_thread}/read",
        "c1",
        "client",
        {"up_to_message_id": future},
    )

    # then
    assert (status, problem["code"]) == (400, "invalid_request")
    assert read_marker(world.client_thread) == marker


def test_a_read_marker_with_a_message_of_a_thread_i_am_not_in_is_refused(table, clock):
    # given c1 names p1's message in the provider thread about c1
    world = build_world()
    marker = read_marker(world.client_thread)

    # when
    status, problem, _ = call(
        "POST",
        f"/v1/threads/{world.client_thread}/read",
        "c1",
        "client",
        {"up_to_message_id": world.colleague_message},
    )

    # then
    assert (status, problem["code"]) == (400, "invalid_request")
    assert read_marker(world.client_thread) == marker
