"""The local-only endpoints: the clock, the sweep, and the documentation."""

from __future__ import annotations

from tests.local.conftest import START


def test_the_clock_starts_where_it_was_set_and_runs(client):
    # when
    reply = client.call("GET", "/_local/clock")

    # then
    assert reply.status == 200
    assert reply.json["now"] >= START.strftime("%Y-%m-%dT%H:%M:%S")


def test_the_clock_moves_forward_to_a_given_instant(client):
    # when
    reply = client.call("POST", "/_local/clock", body={"now": "2027-01-01T09:00:00Z"})

    # then
    assert reply.status == 200
    assert reply.json["now"] == "2027-01-01T09:00:00Z"


def test_the_clock_refuses_to_move_backwards(client):
    # when
    reply = client.call("POST", "/_local/clock", body={"now": "2020-01-01T00:00:00Z"})

    # then
    assert reply.status == 400
    assert reply.json["code"] == "invalid_request"


def test_the_clock_refuses_a_negative_advance(client):
    # when
    reply = client.call("POST", "/_local/clock", body={"advance_seconds": -1})

    # then
    assert reply.status == 400


def test_the_clock_refuses_a_body_naming_both_ways_to_move(client):
    # when
    body = {"now": "2027-01-01T09:00:00Z", "advance_seconds": 5}
    reply = client.call("POST", "/_local/clock", body=body)

    # then
    assert reply.status == 400


def test_the_sweep_reports_what_it_examined_and_changed(client):
    # when
    reply = client.call("POST", "/_local/sweep")

    # then
    assert reply.status == 200
    assert set(reply.json) == {"examined", "changed"}


def test_swagger_ui_is_served_without_the_internet(client):
    # when
    page = client.call("GET", "/docs")
    script = client.call("GET", "/docs/swagger-ui-bundle.min.js")

    # then
    assert page.status == 200
    assert b"/docs/swagger-ui-bundle.min.js" in page.json
    assert script.status == 200
    assert len(script.json) > 100_000


def test_the_openapi_document_points_at_the_runtime(client, runtime):
    # when
    reply = client.call("GET", "/openapi.json")

    # then
    assert reply.status == 200
    assert "/v1/threads" in reply.json["paths"]
    assert reply.json["servers"][0]["url"] == runtime.url


def test_the_clock_refuses_an_advance_beyond_a_century(client):
    # when
    reply = client.call("POST", "/_local/clock", body={"advance_seconds": 10**12})

    # then
    assert reply.status == 400
