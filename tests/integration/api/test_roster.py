"""`GET /v1/clients`: the calling provider's roster."""

from __future__ import annotations

from datetime import timedelta

from carethread.data import keys

from tests.support.api_builders import (
    appointment,
    call,
    seed_care,
    seed_inbox_entry,
    seed_person,
    seed_relationship,
)
from tests.support.care_builders import NOW


def names(body: dict) -> list[str]:
    return [item["display_name"] for item in body["items"]]


def test_an_empty_roster_is_an_empty_list(table, clock):
    # given a provider without clients
    seed_person("p1", "provider")

    # when
    status, body, _ = call("GET", "/v1/clients", "p1", "provider")

    # then
    assert status == 200
    assert body == {"items": [], "next_cursor": None}


def test_a_client_row_carries_the_status_and_the_visit_facts(table, clock):
    # given a client with a visit 10 days ago and the next session in 4 days
    seed_person("p1", "provider")
    seed_person("c1", "client", display_name="Ana Lima")
    seed_relationship(
        "p1",
        "c1",
        [
            appointment(NOW - timedelta(days=10), "completed", is_initial=True),
            appointment(NOW + timedelta(days=4)),
        ],
    )

    # when
    _, body, _ = call("GET", "/v1/clients", "p1", "provider")

    # then
    assert body["items"] == [
        {
            "client_id": "c1",
            "display_name": "Ana Lima",
            "status": "current",
            "status_reason": "upcoming_appointment",
            "next_appointment_at": "2026-12-07T15:00:00Z",
            "last_visit_at": "2026-11-23T15:00:00Z",
            "thread_id": None,
            "unread_count": 0,
        }
    ]


def test_the_status_is_evaluated_now_not_read_from_the_cache(table, clock):
    # given a client whose last visit turns 90 days old tomorrow (cached as current)
    seed_person("p1", "provider")
    seed_relationship("p1", "c1", [appointment(NOW - timedelta(days=89), "completed")])
    # and time moves two days on without a sweep
    clock.advance(days=2)

    # when
    _, body, _ = call("GET", "/v1/clients", "p1", "provider")

    # then
    assert [(i["status"], i["status_reason"]) for i in body["items"]] == [
        ("past", "no_recent_visit")
    ]


def test_the_status_filter_selects_current_or_past_clients(table, clock):
    # given one current and one past client
    seed_care("p1", "c_now", "current")
    seed_care("p1", "c_then", "past")

    # when
    current = call("GET", "/v1/clients?status=current", "p1", "provider").json
    past = call("GET", "/v1/clients?status=past", "p1", "provider").json
    every = call("GET", "/v1/clients?status=all", "p1", "provider").json
    default = call("GET", "/v1/clients", "p1", "provider").json

    # then
    assert [i["client_id"] for i in current["items"]] == ["c_now"]
    assert [i["client_id"] for i in past["items"]] == ["c_then"]
    assert sorted(i["client_id"] for i in every["items"]) == ["c_now", "c_then"]
    assert default == every


def test_an_unknown_status_filter_is_a_400(table, clock):
    # when
    status, body, _ = call("GET", "/v1/clients?status=former", "p1", "provider")

    # then
    assert status == 400
    assert body["code"] == "invalid_request"
    assert [e["field"] for e in body["errors"]] == ["status"]


def test_the_search_matches_any_word_prefix_ignoring_case_and_accents(table, clock):
    # given three clients
    for client_id, name in (("c1", "Zoë Ångström-Lee"), ("c2", "Joe Strom"), ("c3", "Léa Zola")):
        seed_person(client_id, "client", display_name=name)
        seed_care("p1", client_id)

    # when
    def search(q: str) -> list[str]:
        return names(call("GET", f"/v1/clients?q={q}", "p1", "provider").json)

    # then
    assert search("ANG") == ["Zoë Ångström-Lee"]
    assert search("zo") == ["Léa Zola", "Zoë Ångström-Lee"]
    assert search("lee") == ["Zoë Ångström-Lee"]
    assert search("strom") == ["Joe Strom"]
    assert search("lea%20zo") == ["Léa Zola"]
    assert search("ström") == ["Joe Strom"]
    assert search("xyz") == []


def test_the_roster_lists_only_the_callers_clients(table, clock):
    # given a client of another provider
    seed_care("p1", "c1")
    seed_care("p2", "c2")

    # when
    _, body, _ = call("GET", "/v1/clients", "p1", "provider")

    # then
    assert [i["client_id"] for i in body["items"]] == ["c1"]


def test_a_client_with_a_thread_shows_its_id_and_unread_count(table, clock):
    # given a client thread with three unread messages for the provider
    seed_care("p1", "c1")
    thread_id = keys.thread_id_for("client", ["p1", "c1"])
    seed_inbox_entry("p1", thread_id, kind="client", counterpart_id="c1", client_id="c1", unread=3)
    # and a provider thread about the same client, which is not the roster's thread
    other = keys.thread_id_for("provider", ["p1", "p2", "c1"])
    seed_inbox_entry("p1", other, kind="provider", counterpart_id="p2", client_id="c1", unread=5)

    # when
    _, body, _ = call("GET", "/v1/clients", "p1", "provider")

    # then
    assert [(i["thread_id"], i["unread_count"]) for i in body["items"]] == [(thread_id, 3)]


def test_pages_follow_the_name_order_through_the_cursor(table, clock):
    # given five clients
    for client_id, name in (
        ("c1", "Eve"),
        ("c2", "bob"),
        ("c3", "Dan"),
        ("c4", "Ann"),
        ("c5", "Cy"),
    ):
        seed_person(client_id, "client", display_name=name)
        seed_care("p1", client_id)

    # when
    first = call("GET", "/v1/clients?limit=2", "p1", "provider").json
    second = call(
        "GET", f"/v1/clients?limit=2&cursor={first['next_cursor']}", "p1", "provider"
    ).json
    third = call(
        "GET", f"/v1/clients?limit=2&cursor={second['next_cursor']}", "p1", "provider"
    ).json

    # then
    assert names(first) + names(second) + names(third) == ["Ann", "bob", "Cy", "Dan", "Eve"]
    assert third["next_cursor"] is None


def test_a_limit_outside_1_to_100_is_a_400(table, clock):
    # when
    statuses = [call("GET", f"/v1/clients?limit={n}", "p1", "provider").status for n in (0, 101)]

    # then
    assert statuses == [400, 400]


def test_a_forged_cursor_is_a_400(table, clock):
    # given
    seed_care("p1", "c1")

    # when
    status, body, _ = call("GET", "/v1/clients?cursor=bm90LWpzb24", "p1", "provider")

    # then
    assert status == 400
    assert body["code"] == "invalid_request"


def test_a_client_may_not_list_a_roster(table, clock):
    # when
    status, body, _ = call("GET", "/v1/clients", "c1", "client")

    # then
    assert (status, body["code"]) == (403, "role_not_allowed")


def test_a_thread_started_through_the_api_shows_with_its_unread_count(table, clock):
    # given the client starts a thread with the provider and sends two messages
    seed_care("p1", "c1")
    thread = call("POST", "/v1/threads", "c1", "client", {"provider_id": "p1"}).json
    for key in ("k1", "k2"):
        sent = call(
            "POST",
            f"/v1/threads/{thread['thread_id']}/messages",
            "c1",
            "client",
            {"body": "hello"},
            {"Idempotency-Key": key},
        )
        assert sent.status == 201

    # when
    _, body, _ = call("GET", "/v1/clients", "p1", "provider")

    # then
    assert [(i["thread_id"], i["unread_count"]) for i in body["items"]] == [
        (thread["thread_id"], 2)
    ]
