"""Every route, for every kind of caller → the status the rules give.

The routes come from the app itself: a route without a row here fails the suite.

The world (built once per module; no case changes what another case sees):
- `pm` (member provider) has `cm` (member client) as a current client; thread T is their
  client thread, with a message from `cm`.
- `po` (other provider) and `co` (other client) are a current pair with nothing to do with T.
- `pp` (past participant) was `cm`'s provider; the relationship is past now. Thread routes
  give `pp` their own old client thread with `cm` (read-only now) instead of T.
- `platform` is the scheduling platform (role `system`); "no token" carries no claims.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import boto3
import pytest
from api.app import app
from carethread import clock as clock_module
from carethread.data import keys, models
from moto import mock_aws

from tests.conftest import T0, TEST_TABLE
from tests.support.api_builders import call, seed_care, seed_person
from tests.support.feed_builders import appointment_body, person_body, rematch_body

COLUMNS = (
    "member provider",
    "member client",
    "other provider",
    "other client",
    "past participant",
    "system",
    "no token",
)
CALLERS = {
    "member provider": ("pm", "provider"),
    "member client": ("cm", "client"),
    "other provider": ("po", "provider"),
    "other client": ("co", "client"),
    "past participant": ("pp", "provider"),
    "system": ("platform", "system"),
    "no token": (None, None),
}


@dataclass(frozen=True)
class Row:
    path: str  # `{thread}`/`{message}`: the caller's thread (T, or pp's old one) and a message
    statuses: tuple[int, ...]  # in COLUMNS order
    body: Any = None  # a value, or a function of the caller's role


def _thread_body(role: str | None) -> dict[str, str]:
    return {"provider_id": "pm"} if role == "client" else {"client_id": "cm"}


MATRIX: dict[tuple[str, str], Row] = {
    # People: `any` signed-in person, providers or clients only.
    ("GET", "/v1/me"): Row("/v1/me", (200, 200, 200, 200, 200, 200, 401)),
    ("GET", "/v1/unread"): Row("/v1/unread", (200, 200, 200, 200, 200, 200, 401)),
    ("GET", "/v1/clients"): Row("/v1/clients", (200, 403, 200, 403, 200, 403, 401)),
    ("GET", "/v1/clients/<client_id>/care-team"): Row(
        "/v1/clients/cm/care-team", (200, 403, 404, 403, 200, 403, 401)
    ),
    ("GET", "/v1/care-team"): Row("/v1/care-team", (403, 200, 403, 200, 403, 403, 401)),
    # Threads: members read; only a current relationship creates or sends; others get 404.
    ("POST", "/v1/threads"): Row("/v1/threads", (200, 200, 403, 403, 200, 403, 401), _thread_body),
    ("GET", "/v1/threads"): Row("/v1/threads", (200, 200, 200, 200, 200, 403, 401)),
    ("GET", "/v1/threads/<thread_id>"): Row(
        "/v1/threads/{thread}", (200, 200, 404, 404, 200, 403, 401)
    ),
    ("GET", "/v1/threads/<thread_id>/messages"): Row(
        "/v1/threads/{thread}/messages", (200, 200, 404, 404, 200, 403, 401)
    ),
    ("POST", "/v1/threads/<thread_id>/messages"): Row(
        "/v1/threads/{thread}/messages", (201, 201, 404, 404, 403, 403, 401), {"body": "hello"}
    ),
    ("POST", "/v1/threads/<thread_id>/read"): Row(
        "/v1/threads/{thread}/read",
        (200, 200, 404, 404, 200, 403, 401),
        {"up_to_message_id": "{message}"},
    ),
    # Platform feed: role `system` only (idempotent bodies: repeating them changes nothing).
    ("PUT", "/v1/people/<person_id>"): Row(
        "/v1/people/newcomer", (403, 403, 403, 403, 403, 200, 401), person_body("client")
    ),
    ("PUT", "/v1/appointments/<appointment_id>"): Row(
        "/v1/appointments/matrix-appt",
        (403, 403, 403, 403, 403, 200, 401),
        appointment_body("pf1", "cf", starts_at=T0 + timedelta(days=7)),
    ),
    ("POST", "/v1/rematches"): Row(
        "/v1/rematches", (403, 403, 403, 403, 403, 200, 401), rematch_body("cf", "pf1", "pf2")
    ),
    # The API description is public.
    ("GET", "/openapi.json"): Row("/openapi.json", (200, 200, 200, 200, 200, 200, 200)),
}


@dataclass(frozen=True)
class World:
    thread: str
    message: str
    past_thread: str
    past_message: str


def _start_thread_with_message(provider: str, client: str) -> tuple[str, str]:
    thread = call("POST", "/v1/threads", provider, "provider", {"client_id": client})
    sent = call(
        "POST",
        f"/v1/threads/{thread.json['thread_id']}/messages",
        client,
        "client",
        {"body": "hello"},
        {"Idempotency-Key": "world"},
    )
    assert (thread.status, sent.status) == (201, 201)
    return thread.json["thread_id"], sent.json["message_id"]


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    """One table and one frozen clock for every case of this module."""
    clock = clock_module.FixedClock(T0 - timedelta(days=100))
    previous = clock_module.get_clock()
    clock_module.set_clock(clock)
    with mock_aws():
        boto3.client("dynamodb").create_table(**keys.create_table_arguments(TEST_TABLE))
        models.bind_table(TEST_TABLE, region="us-east-1", host=None)
        # 100 days ago pp and cm were a current pair (a visit 20 days before) and wrote.
        seed_care("pp", "cm", "current")
        past_thread, past_message = _start_thread_with_message("pp", "cm")
        clock.set(T0)
        seed_care("pm", "cm", "current")
        seed_care("po", "co", "current")
        seed_care("pf1", "cf", "current")
        seed_person("pf2", "provider")
        thread, message = _start_thread_with_message("pm", "cm")
        yield World(thread, message, past_thread, past_message)
    clock_module.set_clock(previous)


def _cases() -> Iterator[Any]:
    for (method, route), row in MATRIX.items():
        for column, status in zip(COLUMNS, row.statuses, strict=True):
            yield pytest.param(method, row, column, status, id=f"{method} {route} · {column}")


def _fill(value: Any, thread: str, message: str) -> Any:
    if isinstance(value, str):
        return value.replace("{thread}", thread).replace("{message}", message)
    if isinstance(value, dict):
        return {k: _fill(v, thread, message) for k, v in value.items()}
    return value


def registered_routes() -> set[tuple[str, str]]:
    return {(r.method, r.path) for r in app._static_routes + app._dynamic_routes}


def test_every_route_of_the_app_has_a_row():
    # then
    assert registered_routes() == set(MATRIX), "add the new route's row to MATRIX"


@pytest.mark.parametrize(("method", "row", "column", "expected"), list(_cases()))
def test_the_caller_gets_the_status_the_rules_give(world, method, row, column, expected):
    # given
    person, role = CALLERS[column]
    past = column == "past participant"
    thread = world.past_thread if past else world.thread
    message = world.past_message if past else world.message
    body = row.body(role) if callable(row.body) else row.body
    headers = {"Idempotency-Key": str(uuid.uuid4())}

    # when
    status, answer, _ = call(
        method,
        _fill(row.path, thread, message),
        person,
        role,
        _fill(body, thread, message),
        headers,
    )

    # then
    assert status == expected, answer
