"""The small practice the security tests share, built through the real API handler.

`p1` has `c1` as a current client (client thread `client_thread`, one message from each side);
`p1` and `p2` share `c1` (provider thread `provider_thread`, one message from `p1`);
`p3` is also on `c1`'s care team but takes part in neither thread; `p9` and `c9` are a current
pair with nothing to do with `c1`.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.support.api_builders import seed_care, send, start_thread


@dataclass(frozen=True)
class World:
    client_thread: str
    provider_thread: str
    client_message: str  # c1's message in the client thread
    provider_message: str  # p1's message in the client thread
    colleague_message: str  # p1's message in the provider thread


def build_world() -> World:
    for provider in ("p1", "p2", "p3"):
        seed_care(provider, "c1")
    seed_care("p9", "c9")
    client_thread = start_thread("p1", "provider", client_id="c1")
    provider_thread = start_thread("p1", "provider", provider_id="p2", client_id="c1")
    return World(
        client_thread=client_thread,
        provider_thread=provider_thread,
        client_message=send(client_thread, "c1", "client").json["message_id"],
        provider_message=send(client_thread, "p1", "provider").json["message_id"],
        colleague_message=send(provider_thread, "p1", "provider").json["message_id"],
    )


def every_person_route(world: World) -> list[tuple[str, str, object]]:
    """(method, path, body) for every route a provider or client may call, aimed at `c1`'s
    client thread and care team, with bodies that would succeed for the right caller."""
    thread = f"/v1/threads/{world.client_thread}"
    return [
        ("GET", "/v1/me", None),
        ("GET", "/v1/unread", None),
        ("GET", "/v1/clients", None),
        ("GET", "/v1/clients/c1/care-team", None),
        ("GET", "/v1/care-team", None),
        ("POST", "/v1/threads", {"client_id": "c1"}),
        ("POST", "/v1/threads", {"provider_id": "p1"}),
        ("GET", "/v1/threads", None),
        ("GET", thread, None),
        ("GET", f"{thread}/messages", None),
        ("POST", f"{thread}/messages", {"body": "hello"}),
        ("POST", f"{thread}/read", {"up_to_message_id": world.provider_message}),
    ]
