"""No input produces a 5xx: hostile requests against every route of the app.

Each test seeds one small practice, then hypothesis sends hostile bodies, path parameters,
query strings, headers, methods and callers at routes read from the app itself. Every answer
must be below 500, and every non-2xx must be a problem+json with the contract's five fields.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from api.app import app
from carethread.contracts.common import encode_cursor
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from ulid import ULID

from tests.support.api_builders import appointment, call, seed_care, seed_relationship, send
from tests.support.api_builders import start_thread as open_thread
from tests.support.hostile_requests import (
    CALLERS,
    callers,
    fill,
    headers,
    hostile_call,
    methods,
    queries,
    raw_bodies,
    segments,
    valid_bodies,
)

ROUTES = sorted((r.method, r.path) for r in app._static_routes + app._dynamic_routes)
DYNAMIC_ROUTES = [route for route in ROUTES if "<" in route[1]]
BODY_ROUTES = [route for route in ROUTES if route[0] in ("POST", "PUT")]
FEED_ROUTES = {route for route in BODY_ROUTES if not route[1].startswith("/v1/threads")}
PROBLEM_FIELDS = {"type", "title", "status", "detail", "code"}
JSON = {"Content-Type": "application/json", "Idempotency-Key": "fuzz-key"}
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PLAUSIBLE_SEGMENT = {
    "thread_id": "{thread}",
    "client_id": "cm",
    "person_id": "newcomer",
    "appointment_id": "appt-1",
}


@pytest.fixture
def ids(table, clock) -> dict[str, str]:
    """A small practice: pm and po share the current client cm; pp had cm, long ago."""
    clock.set(clock.now() - timedelta(days=100))
    seed_care("pp", "cm")
    past_thread = open_thread("pp", "provider", client_id="cm")
    clock.set(clock.now() + timedelta(days=100))
    seed_care("pm", "cm")
    seed_care("po", "cm")
    seed_relationship("pf", "cf", [appointment(clock.now() + timedelta(days=2), is_initial=True)])
    thread = open_thread("pm", "provider", client_id="cm")
    message = send(thread, "cm", "client", "hello").json["message_id"]
    provider_thread = open_thread("pm", "provider", client_id="cm", provider_id="po")
    return {
        "thread": thread,
        "provider_thread": provider_thread,
        "past_thread": past_thread,
        "message": message,
    }


def concrete(path: str, segment: str | None = None) -> str:
    """The route's path with every `<name>` replaced by `segment` (or a plausible value)."""
    return re.sub(r"<(\w+)>", lambda m: segment or PLAUSIBLE_SEGMENT[m.group(1)], path)


def assert_no_server_error(answer: Any) -> None:
    event(f"status {answer.status}")  # `--hypothesis-show-statistics` shows what the fuzz reached
    assert answer.status < 500, answer
    if answer.status >= 300:
        assert answer.content_type == "application/problem+json", answer
        problem = json.loads(answer.text)
        assert set(problem) - {"errors"} == PROBLEM_FIELDS, problem
        assert problem["status"] == answer.status, problem


def _usual_callers(route: tuple[str, str]) -> list[tuple[str, str]]:
    if route in FEED_ROUTES:
        return [("platform", "system")]
    return [("pm", "provider"), ("cm", "client")]


def _with_body_and_caller(route: tuple[str, str]) -> Any:
    """The route, a body for it, and a caller: often one its rules let through."""
    caller = st.one_of(st.sampled_from(_usual_callers(route)), st.sampled_from(CALLERS))
    return st.tuples(st.just(route), raw_bodies(route), caller)


def _with_valid_body_and_caller(route: tuple[str, str]) -> Any:
    return st.tuples(st.just(route), valid_bodies(route), st.sampled_from(_usual_callers(route)))


@FUZZ
@given(
    case=st.sampled_from(BODY_ROUTES).flatmap(_with_body_and_caller),
    key=st.uuids().map(str),
)
@example(
    case=(
        ("PUT", "/v1/appointments/<appointment_id>"),
        '{"provider_id": "pm", "client_id": "cm", "status": "scheduled", '
        '"starts_at": "0001-01-01T00:00:00+01:00"}',
        ("platform", "system"),
    ),
    key="k",
)
def test_hostile_bodies_are_never_a_server_error(ids, case, key):
    # given
    (method, path), raw_body, caller = case
    sent_headers = {**JSON, "Idempotency-Key": key}

    # when
    answer = hostile_call(
        method,
        fill(concrete(path), ids),
        caller,
        raw_body=fill(raw_body, ids),
        headers=sent_headers,
    )

    # then
    assert_no_server_error(answer)


@FUZZ
@given(case=st.sampled_from(BODY_ROUTES).flatmap(_with_valid_body_and_caller))
def test_well_formed_bodies_at_the_edges_are_never_a_server_error(ids, case):
    # given
    (method, path), raw_body, caller = case
    sent_headers = {**JSON, "Idempotency-Key": f"k-{ULID()}"}

    # when
    answer = hostile_call(
        method,
        fill(concrete(path), ids),
        caller,
        raw_body=fill(raw_body, ids),
        headers=sent_headers,
    )

    # then
    assert_no_server_error(answer)


@FUZZ
@given(route=st.sampled_from(DYNAMIC_ROUTES), caller=st.sampled_from(CALLERS), segment=segments)
def test_hostile_path_parameters_are_never_a_server_error(ids, route, caller, segment):
    # given
    method, path = route
    body = json.dumps({"body": "hi", "up_to_message_id": ids["message"]})

    # when
    answer = hostile_call(
        method, fill(concrete(path, segment), ids), caller, raw_body=body, headers=JSON
    )

    # then
    assert_no_server_error(answer)


@FUZZ
@given(route=st.sampled_from(ROUTES), caller=st.sampled_from(CALLERS), query=queries)
@example(
    route=("GET", "/v1/threads"),
    caller=("pm", "provider"),
    query={"cursor": encode_cursor({"at": "0001-01-01T00:00:00+01:00", "t": "t_x"})},
)
def test_hostile_query_strings_are_never_a_server_error(ids, route, caller, query):
    # given
    method, path = route

    # when
    answer = hostile_call(method, fill(concrete(path), ids), caller, query=query, headers=JSON)

    # then
    assert_no_server_error(answer)


@FUZZ
@given(
    route=st.sampled_from(ROUTES),
    method=st.one_of(st.none(), methods),
    caller=callers,
    sent_headers=headers,
    body=st.sampled_from(('{"body": "hi", "client_id": "cm"}', "aGk=", "!!", None)),
    base64_encoded=st.booleans(),
)
def test_hostile_headers_methods_and_callers_are_never_a_server_error(
    ids, route, method, caller, sent_headers, body, base64_encoded
):
    # given
    route_method, path = route
    if base64_encoded and body and body.startswith("{"):
        body = base64.b64encode(body.encode()).decode()

    # when
    answer = hostile_call(
        method or route_method,
        fill(concrete(path), ids),
        caller,
        raw_body=body,
        headers=sent_headers,
        base64_encoded=base64_encoded,
    )

    # then
    assert_no_server_error(answer)


def test_the_practice_is_reachable(ids):
    # given the fuzz leans on the seeded ids reaching real code paths

    # when
    answer = call("GET", f"/v1/threads/{ids['thread']}/messages", "pm", "provider")

    # then
    assert (answer.status, len(answer.json["items"])) == (200, 1)
