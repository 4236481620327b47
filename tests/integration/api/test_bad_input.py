"""No input produces a 5xx: odd bodies, cursors and ids on every thread endpoint are 4xx."""

import pytest

from tests.support.api_builders import call, seed_care, start_thread

ODD_BODIES = [
    None,
    "",
    "[]",
    "null",
    "123",
    '"text"',
    '{"body": null}',
    '{"body": 5}',
    '{"body": "\\ud800"}',
    '{"up_to_message_id": []}',
    '{"client_id": "not an id"}',
    '{"client_id": "' + "x" * 70 + '"}',
    "[" * 5000 + "]" * 5000,
]


@pytest.fixture
def thread_id(table, clock):
    seed_care("p1", "c1")
    return start_thread("p1", "provider", client_id="c1")


def test_odd_bodies_are_refused_with_4xx(thread_id):
    # given
    endpoints = [
        "/v1/threads",
        f"/v1/threads/{thread_id}/messages",
        f"/v1/threads/{thread_id}/read",
    ]

    # when
    statuses = {
        (path, raw_body): call(
            "POST", path, "p1", "provider", raw_body=raw_body, headers={"Idempotency-Key": "k"}
        ).status
        for path in endpoints
        for raw_body in ODD_BODIES
    }

    # then
    assert {k: s for k, s in statuses.items() if not 400 <= s < 500} == {}


ODD_QUERIES = [
    "/v1/threads/{t}/messages?cursor=" + "A" * 500,
    "/v1/threads/{t}/messages?cursor=eyJtIjoiMDFNOFk2UFJDMFFESlE2Ujc0Tko1Q0JINkQifQ&limit=x",
    "/v1/threads?cursor=eyJhdCI6IjIwMjYiLCJ0IjoxfQ",
    "/v1/threads?cursor=eyJhdCI6MSwidCI6MX0",
    "/v1/threads/" + "x" * 100,
]


def test_odd_queries_and_ids_are_refused_with_4xx(thread_id):
    # when
    codes = {
        path: call("GET", path.format(t=thread_id), "p1", "provider").json["code"]
        for path in ODD_QUERIES
    }

    # then
    assert set(codes.values()) <= {"invalid_request", "not_found"}


def test_a_non_ascii_idempotency_key_is_400(thread_id):
    # when
    status, body, _ = call(
        "POST",
        f"/v1/threads/{thread_id}/messages",
        "p1",
        "provider",
        {"body": "hi"},
        {"Idempotency-Key": "clé"},
    )

    # then
    assert (status, body["errors"][0]["field"]) == (400, "Idempotency-Key")
