from carethread.settings import messaging_settings

from tests.support.api_builders import call, seed_care, seed_person, send, start_thread


def test_unknown_route_is_a_404_problem(table, clock):
    # when
    status, body, headers = call("GET", "/v1/nowhere", "p1", "provider")

    # then
    assert (status, body["code"]) == (404, "not_found")
    assert headers["content-type"] == "application/problem+json"
    assert body["type"].endswith("/not_found")


def test_malformed_json_is_400_invalid_request(table, clock):
    # when
    status, body, _ = call("POST", "/v1/threads", "p1", "provider", raw_body='{"client_id": ')

    # then
    assert (status, body["code"]) == (400, "invalid_request")
    assert body["errors"] == [{"field": "body", "message": "is not valid JSON"}]


def test_validation_errors_are_400_and_name_every_failing_field(table, clock):
    # when
    status, body, _ = call("GET", "/v1/threads?limit=0&kind=group", "p1", "provider")

    # then
    assert (status, body["code"]) == (400, "invalid_request")
    assert {e["field"] for e in body["errors"]} == {"limit", "kind"}


def test_unknown_body_fields_are_refused(table, clock):
    # when
    status, body, _ = call("POST", "/v1/threads", "p1", "provider", {"client": "c1"})

    # then
    assert status == 400
    assert "client" in {e["field"] for e in body["errors"]}


def test_a_body_over_the_limit_is_413(table, clock):
    # given
    oversized = "x" * (messaging_settings().request_max_bytes + 1)

    # when
    status, body, _ = call(
        "POST", "/v1/threads", "p1", "provider", {"client_id": "c1", "pad": oversized}
    )

    # then
    assert (status, body["code"]) == (413, "body_too_large")


def test_a_valid_body_over_the_limit_is_413_too(table, clock, monkeypatch):
    # given a limit smaller than a valid request
    monkeypatch.setattr(messaging_settings(), "request_max_bytes", 10)
    seed_care("p1", "c1")

    # when
    status, body, _ = call("POST", "/v1/threads", "p1", "provider", {"client_id": "c1"})

    # then
    assert (status, body["code"]) == (413, "body_too_large")


def test_a_non_json_content_type_is_400(table, clock):
    # when
    status, body, _ = call(
        "POST",
        "/v1/threads",
        "p1",
        "provider",
        raw_body="client_id=c1",
        headers={"Content-Type": "text/plain"},
    )

    # then
    assert (status, body["code"]) == (400, "invalid_request")


def test_an_invalid_cursor_is_400(table, clock):
    # given
    seed_person("p1", "provider")

    # when
    status, body, _ = call("GET", "/v1/threads?cursor=%%%", "p1", "provider")

    # then
    assert (status, body["code"]) == (400, "invalid_request")
    assert body["errors"][0]["field"] == "cursor"


def test_a_bug_is_a_500_problem_that_reveals_nothing(table, clock, monkeypatch):
    # given a service that fails unexpectedly
    import api.routers.people as people_router

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(people_router, "me", broken)
    seed_person("p1", "provider")

    # when
    status, body, _ = call("GET", "/v1/me", "p1", "provider")

    # then
    assert (status, body["code"]) == (500, "internal_error")
    assert "secret" not in str(body)


def test_a_blank_message_body_is_400_naming_the_body(table, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")

    # when
    status, body, _ = send(thread_id, "p1", "provider", " \n\t ")

    # then
    assert (status, body["code"]) == (400, "invalid_request")
    assert [e["field"] for e in body["errors"]] == ["body"]


def test_a_message_body_over_10000_characters_is_400(table, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")

    # when
    status, body, _ = send(thread_id, "p1", "provider", "é" * 10_001)

    # then
    assert (status, body["code"]) == (400, "invalid_request")


def test_a_message_body_of_exactly_10000_characters_is_accepted(table, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")

    # when
    status, _, _ = send(thread_id, "p1", "provider", "a" * 10_000)

    # then
    assert status == 201


def test_a_send_without_idempotency_key_is_400_naming_the_header(table, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")

    # when
    status, body, _ = call(
        "POST", f"/v1/threads/{thread_id}/messages", "p1", "provider", {"body": "hi"}
    )

    # then
    assert (status, body["code"]) == (400, "invalid_request")
    assert [e["field"] for e in body["errors"]] == ["Idempotency-Key"]
