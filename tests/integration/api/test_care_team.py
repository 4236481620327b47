"""Care teams: `GET /v1/clients/{client_id}/care-team` (provider), `GET /v1/care-team` (client)."""

from __future__ import annotations

from carethread.data import keys

from tests.support.api_builders import call, seed_care, seed_inbox_entry, seed_person


def team_of_c1() -> None:
    """c1 sees Dr Ames (p1, current), Dr Bell (p2, current) and Dr Cruz (p3, past)."""
    for provider_id, name in (("p1", "Dr Ames"), ("p2", "Dr Bell"), ("p3", "Dr Cruz")):
        seed_person(provider_id, "provider", display_name=name)
    seed_care("p3", "c1", "past")
    seed_care("p2", "c1", "current")
    seed_care("p1", "c1", "current")


def test_a_provider_sees_the_whole_team_of_their_client(table, clock):
    # given
    team_of_c1()

    # when
    status, body, _ = call("GET", "/v1/clients/c1/care-team", "p1", "provider")

    # then
    assert status == 200
    assert [
        (i["provider_id"], i["display_name"], i["status"], i["is_me"]) for i in body["items"]
    ] == [
        ("p1", "Dr Ames", "current", True),
        ("p2", "Dr Bell", "current", False),
        ("p3", "Dr Cruz", "past", False),
    ]
    assert body["next_cursor"] is None


def test_the_team_view_links_the_callers_threads(table, clock):
    # given p1 has a client thread with c1 and a provider thread with p2 about c1
    team_of_c1()
    own = keys.thread_id_for("client", ["p1", "c1"])
    peer = keys.thread_id_for("provider", ["p2", "p1", "c1"])
    seed_inbox_entry("p1", own, kind="client", counterpart_id="c1", client_id="c1", unread=1)
    seed_inbox_entry("p1", peer, kind="provider", counterpart_id="p2", client_id="c1", unread=4)

    # when
    _, body, _ = call("GET", "/v1/clients/c1/care-team", "p1", "provider")

    # then: the caller's own row links the client thread; no thread with p3 yet
    assert [(i["provider_id"], i["thread_id"], i["unread_count"]) for i in body["items"]] == [
        ("p1", own, 1),
        ("p2", peer, 4),
        ("p3", None, 0),
    ]


def test_a_past_provider_still_sees_the_team(table, clock):
    # given
    team_of_c1()

    # when
    status, body, _ = call("GET", "/v1/clients/c1/care-team", "p3", "provider")

    # then
    assert status == 200
    assert [i["provider_id"] for i in body["items"] if i["is_me"]] == ["p3"]


def test_a_provider_who_never_had_the_client_gets_a_404(table, clock):
    # given
    team_of_c1()
    seed_care("p9", "c2")

    # when
    stranger = call("GET", "/v1/clients/c1/care-team", "p9", "provider")
    unknown = call("GET", "/v1/clients/nobody/care-team", "p9", "provider")

    # then: the same answer whether or not the client exists
    assert (stranger.status, stranger.json["code"]) == (404, "not_found")
    assert unknown.json == stranger.json


def test_the_team_pages_through_the_cursor(table, clock):
    # given
    team_of_c1()

    # when
    first = call("GET", "/v1/clients/c1/care-team?limit=2", "p1", "provider").json
    cursor = first["next_cursor"]
    second = call("GET", f"/v1/clients/c1/care-team?limit=2&cursor={cursor}", "p1", "provider").json

    # then
    assert [i["provider_id"] for i in first["items"] + second["items"]] == ["p1", "p2", "p3"]
    assert second["next_cursor"] is None


def test_a_client_may_not_read_a_team_through_the_provider_route(table, clock):
    # given
    team_of_c1()

    # when
    status, body, _ = call("GET", "/v1/clients/c1/care-team", "c1", "client")

    # then
    assert (status, body["code"]) == (403, "role_not_allowed")


def test_a_client_sees_their_providers_and_where_they_can_send(table, clock):
    # given c1 has a thread with p2 with two unread messages
    team_of_c1()
    thread_id = keys.thread_id_for("client", ["p2", "c1"])
    seed_inbox_entry("c1", thread_id, kind="client", counterpart_id="p2", client_id="c1", unread=2)

    # when
    status, body, _ = call("GET", "/v1/care-team", "c1", "client")

    # then
    assert status == 200
    assert body["items"] == [
        {
            "provider_id": "p1",
            "display_name": "Dr Ames",
            "status": "current",
            "thread_id": None,
            "unread_count": 0,
            "can_send": True,
        },
        {
            "provider_id": "p2",
            "display_name": "Dr Bell",
            "status": "current",
            "thread_id": thread_id,
            "unread_count": 2,
            "can_send": True,
        },
        {
            "provider_id": "p3",
            "display_name": "Dr Cruz",
            "status": "past",
            "thread_id": None,
            "unread_count": 0,
            "can_send": False,
        },
    ]


def test_a_client_without_providers_has_an_empty_team(table, clock):
    # given
    seed_person("c1", "client")

    # when
    status, body, _ = call("GET", "/v1/care-team", "c1", "client")

    # then
    assert (status, body) == (200, {"items": [], "next_cursor": None})


def test_the_clients_view_follows_the_clock(table, clock):
    # given a relationship whose last visit (10 days ago) turns 90 days old in 80 days
    seed_care("p1", "c1", "current")
    clock.advance(days=80)

    # when
    _, body, _ = call("GET", "/v1/care-team", "c1", "client")

    # then
    assert [(i["status"], i["can_send"]) for i in body["items"]] == [("past", False)]


def test_a_provider_may_not_read_the_client_team_route(table, clock):
    # when
    status, body, _ = call("GET", "/v1/care-team", "p1", "provider")

    # then
    assert (status, body["code"]) == (403, "role_not_allowed")
