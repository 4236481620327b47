from carethread.data import keys

from tests.support.api_builders import call, seed_care, seed_person


def test_a_provider_starts_a_client_thread_with_a_current_client(table, clock):
    # given
    seed_care("p1", "c1", "current")

    # when
    status, thread, _ = call("POST", "/v1/threads", "p1", "provider", {"client_id": "c1"})

    # then
    assert status == 201
    assert thread["thread_id"] == keys.thread_id_for("client", ["p1", "c1"])
    assert thread["kind"] == "client"
    assert [(p["person_id"], p["role"]) for p in thread["participants"]] == [
        ("p1", "provider"),
        ("c1", "client"),
    ]
    assert thread["client"] == {"person_id": "c1", "display_name": "Name of c1"}
    assert (thread["can_send"], thread["cannot_send"]) == (True, None)


def test_starting_it_again_returns_the_same_thread_with_200(table, clock):
    # given
    seed_care("p1", "c1")
    first = call("POST", "/v1/threads", "p1", "provider", {"client_id": "c1"})

    # when
    again = call("POST", "/v1/threads", "p1", "provider", {"client_id": "c1"})

    # then
    assert again.status == 200
    assert again.json["thread_id"] == first.json["thread_id"]


def test_the_client_opens_the_same_thread_from_their_side(table, clock):
    # given
    seed_care("p1", "c1")
    created = call("POST", "/v1/threads", "p1", "provider", {"client_id": "c1"})

    # when
    status, thread, _ = call("POST", "/v1/threads", "c1", "client", {"provider_id": "p1"})

    # then
    assert (status, thread["thread_id"]) == (200, created.json["thread_id"])


def test_a_client_starts_a_thread_with_a_current_provider(table, clock):
    # given
    seed_care("p1", "c1")

    # when
    status, thread, _ = call("POST", "/v1/threads", "c1", "client", {"provider_id": "p1"})

    # then
    assert (status, thread["kind"]) == (201, "client")


def test_a_past_relationship_cannot_start_a_thread(table, clock):
    # given
    seed_care("p1", "c1", "past")

    # when
    status, body, _ = call("POST", "/v1/threads", "c1", "client", {"provider_id": "p1"})

    # then
    assert (status, body["code"]) == (403, "relationship_past")
    assert body["detail"]


def test_no_relationship_cannot_start_a_thread(table, clock):
    # given
    seed_person("p1", "provider")
    seed_person("c1", "client")

    # when
    status, body, _ = call("POST", "/v1/threads", "p1", "provider", {"client_id": "c1"})

    # then
    assert (status, body["code"]) == (403, "no_relationship")


def test_an_existing_thread_opens_after_the_relationship_has_passed(table, clock):
    # given a thread started while current, then 120 days without visits
    seed_care("p1", "c1")
    call("POST", "/v1/threads", "p1", "provider", {"client_id": "c1"})
    clock.advance(days=120)

    # when
    status, thread, _ = call("POST", "/v1/threads", "c1", "client", {"provider_id": "p1"})

    # then
    assert status == 200
    assert thread["can_send"] is False
    assert thread["cannot_send"]["code"] == "relationship_past"


def test_a_provider_starts_a_provider_thread_about_a_shared_client(table, clock):
    # given
    seed_care("p1", "c1")
    seed_care("p2", "c1", "past")

    # when
    status, thread, _ = call(
        "POST", "/v1/threads", "p1", "provider", {"provider_id": "p2", "client_id": "c1"}
    )

    # then
    assert status == 201
    assert thread["kind"] == "provider"
    assert thread["thread_id"] == keys.thread_id_for("provider", ["p2", "p1", "c1"])
    assert {p["person_id"] for p in thread["participants"]} == {"p1", "p2"}
    assert thread["client"]["person_id"] == "c1"


def test_a_provider_thread_needs_the_client_to_be_my_current_client(table, clock):
    # given
    seed_care("p1", "c1", "past")
    seed_care("p2", "c1")

    # when
    status, body, _ = call(
        "POST", "/v1/threads", "p1", "provider", {"provider_id": "p2", "client_id": "c1"}
    )

    # then
    assert (status, body["code"]) == (403, "client_not_current")


def test_a_provider_thread_needs_the_other_provider_on_the_care_team(table, clock):
    # given
    seed_care("p1", "c1")
    seed_person("p2", "provider")

    # when
    status, body, _ = call(
        "POST", "/v1/threads", "p1", "provider", {"provider_id": "p2", "client_id": "c1"}
    )

    # then
    assert (status, body["code"]) == (403, "not_on_care_team")


def test_a_provider_thread_about_someone_else_s_client_is_no_relationship(table, clock):
    # given
    seed_care("p2", "c1")
    seed_person("p1", "provider")

    # when
    status, body, _ = call(
        "POST", "/v1/threads", "p1", "provider", {"provider_id": "p2", "client_id": "c1"}
    )

    # then
    assert (status, body["code"]) == (403, "no_relationship")


def test_a_provider_thread_with_myself_is_400(table, clock):
    # given
    seed_care("p1", "c1")

    # when
    status, body, _ = call(
        "POST", "/v1/threads", "p1", "provider", {"provider_id": "p1", "client_id": "c1"}
    )

    # then
    assert (status, body["errors"][0]["field"]) == (400, "provider_id")


def test_a_body_variant_of_the_other_role_is_role_not_allowed(table, clock):
    # given
    seed_care("p1", "c1")

    # when
    as_client = call("POST", "/v1/threads", "c1", "client", {"client_id": "c1"})
    as_provider = call("POST", "/v1/threads", "p1", "provider", {"provider_id": "p2"})

    # then
    assert (as_client.status, as_client.json["code"]) == (403, "role_not_allowed")
    assert (as_provider.status, as_provider.json["code"]) == (403, "role_not_allowed")


def test_an_empty_body_is_400(table, clock):
    # when
    status, body, _ = call("POST", "/v1/threads", "p1", "provider", {})

    # then
    assert (status, body["code"]) == (400, "invalid_request")


def test_creating_writes_both_inbox_entries(table, clock):
    # given
    seed_care("p1", "c1")

    # when
    call("POST", "/v1/threads", "p1", "provider", {"client_id": "c1"})

    # then
    assert (
        call("GET", "/v1/threads", "p1", "provider").json["items"][0]["counterpart"]["person_id"]
        == "c1"
    )
    assert (
        call("GET", "/v1/threads", "c1", "client").json["items"][0]["counterpart"]["person_id"]
        == "p1"
    )
