"""Someone outside a thread or a care team learns nothing: the answer is the one a
nonexistent id gets, byte for byte, on every route that names the thing.

All calls here are reads or refusals, so they share one module-wide practice (`shared_world`).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.api_builders import ApiResponse, call


def thread_routes(thread_id: str, message_id: str) -> list[tuple[str, str, Any]]:
    path = f"/v1/threads/{thread_id}"
    return [
        ("GET", path, None),
        ("GET", f"{path}/messages", None),
        ("POST", f"{path}/messages", {"body": "hello"}),
        ("POST", f"{path}/read", {"up_to_message_id": message_id}),
    ]


def ask(method: str, path: str, person: str, role: str, body: Any) -> ApiResponse:
    return call(method, path, person, role, body, {"Idempotency-Key": "same-key"})


def answer(response: ApiResponse) -> tuple[int, object]:
    return response.status, response.json


def test_a_provider_who_never_had_the_client_sees_the_care_team_as_nonexistent(shared_world):
    # when p9 asks for c1's team, and for an id nobody has
    real = call("GET", "/v1/clients/c1/care-team", "p9", "provider")
    unknown = call("GET", "/v1/clients/nobody/care-team", "p9", "provider")

    # then
    assert answer(real) == answer(unknown)
    assert real.status == 404


@pytest.mark.parametrize("route", range(4))
def test_a_non_member_gets_the_unknown_thread_answer(shared_world, route):
    # given
    world = shared_world
    method, path, body = thread_routes(world.client_thread, world.client_message)[route]
    _, unknown_path, _ = thread_routes("t_" + "0" * 30, world.client_message)[route]

    # when
    outsider = ask(method, path, "p9", "provider", body)
    nothing = ask(method, unknown_path, "p9", "provider", body)

    # then
    assert answer(outsider) == answer(nothing)
    assert outsider.status == 404


@pytest.mark.parametrize("route", range(4))
def test_a_care_team_provider_outside_a_provider_thread_gets_404(shared_world, route):
    # given p3 is on c1's care team, but the provider thread about c1 is p1's and p2's
    world = shared_world
    method, path, body = thread_routes(world.provider_thread, world.colleague_message)[route]

    # when
    status, problem, _ = ask(method, path, "p3", "provider", body)

    # then
    assert (status, problem["code"]) == (404, "not_found")


@pytest.mark.parametrize("route", range(4))
def test_the_client_cannot_read_the_providers_thread_about_them(shared_world, route):
    # given
    world = shared_world
    method, path, body = thread_routes(world.provider_thread, world.colleague_message)[route]

    # when
    status, problem, _ = ask(method, path, "c1", "client", body)

    # then
    assert (status, problem["code"]) == (404, "not_found")


def test_starting_a_thread_with_someone_elses_client_answers_as_for_nobody(shared_world):
    # when
    real = call("POST", "/v1/threads", "p9", "provider", {"client_id": "c1"})
    unknown = call("POST", "/v1/threads", "p9", "provider", {"client_id": "nobody"})

    # then
    assert answer(real) == answer(unknown)
    assert real.json["code"] == "no_relationship"


def test_a_provider_thread_about_someone_elses_client_does_not_probe_their_team(shared_world):
    # when p9 names c1 with a provider on c1's team, and with one who is not
    on_team = call(
        "POST", "/v1/threads", "p9", "provider", {"provider_id": "p2", "client_id": "c1"}
    )
    off_team = call(
        "POST", "/v1/threads", "p9", "provider", {"provider_id": "p9x", "client_id": "c1"}
    )

    # then
    assert answer(on_team) == answer(off_team)
    assert on_team.json["code"] == "no_relationship"


def test_a_client_cannot_probe_for_providers(shared_world):
    # when c9 names a provider they never saw, and an id nobody has
    real = call("POST", "/v1/threads", "c9", "client", {"provider_id": "p1"})
    unknown = call("POST", "/v1/threads", "c9", "client", {"provider_id": "nobody"})

    # then
    assert answer(real) == answer(unknown)


def test_roster_search_never_reaches_another_providers_clients(shared_world):
    # when p9 searches for c1's name
    status, page, _ = call("GET", "/v1/clients?q=Name%20of%20c1", "p9", "provider")

    # then
    assert (status, page["items"]) == (200, [])


def test_the_thread_list_holds_only_my_threads(shared_world):
    # when p3 (on c1's team, in no thread) lists threads
    page = call("GET", "/v1/threads", "p3", "provider").json

    # then
    assert page["items"] == []
