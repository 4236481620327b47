"""The response shapes of /work/shared/API.md, transcribed by hand, and a checker for them.

A shape is a dict (exactly these keys), a one-item list (a list of that shape), a type
(`str`, `int`, `bool`), `TIME` (RFC 3339 UTC, whole seconds, `Z`), a frozenset (one of these
values) or `nullable(shape)`. Written from API.md, not from the code's models, so a field that
drifts from the contract fails here even when the OpenAPI document drifted with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from carethread.clock import FixedClock

from tests.support.api_builders import ApiResponse, seed_care, send, start_thread

TIME_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
TIME = "RFC 3339 UTC time"
PERSON_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class Nullable:
    shape: Any


def nullable(shape: Any) -> Nullable:
    return Nullable(shape)


ROLE = frozenset({"provider", "client"})
CARE_STATUS = frozenset({"current", "past"})
STATUS_REASON = frozenset(
    {
        "upcoming_appointment",
        "recent_visit",
        "initial_canceled",
        "rematched",
        "no_recent_visit",
        "initial_canceled_grace",
        "rematched_grace",
    }
)
REFUSAL_CODE = frozenset(
    {"relationship_past", "client_not_current", "not_on_care_team", "no_relationship"}
    | {"role_not_allowed"}
)

PROBLEM = {"type": str, "title": str, "status": int, "detail": str, "code": str}
PROBLEM_CONTENT_TYPE = "application/problem+json"

ME = {"person_id": str, "role": str, "display_name": nullable(str), "unread_total": int}
UNREAD = {
    "total": int,
    "by_counterpart": [{"person_id": str, "display_name": nullable(str), "unread_count": int}],
    "by_thread": [{"thread_id": str, "unread_count": int}],
}
ROSTER_CLIENT = {
    "client_id": str,
    "display_name": nullable(str),
    "status": CARE_STATUS,
    "status_reason": STATUS_REASON,
    "next_appointment_at": nullable(TIME),
    "last_visit_at": nullable(TIME),
    "thread_id": nullable(str),
    "unread_count": int,
}
CARE_TEAM_MEMBER = {
    "provider_id": str,
    "display_name": nullable(str),
    "status": CARE_STATUS,
    "is_me": bool,
    "thread_id": nullable(str),
    "unread_count": int,
}
MY_PROVIDER = {
    "provider_id": str,
    "display_name": nullable(str),
    "status": CARE_STATUS,
    "thread_id": nullable(str),
    "unread_count": int,
    "can_send": bool,
}

PERSON_REF = {"person_id": str, "display_name": nullable(str), "role": ROLE}
CLIENT_REF = {"person_id": str, "display_name": nullable(str)}
CRISIS_NOTICE = {
    "kind": frozenset({"crisis"}),
    "text": str,
    "resources": [{"name": str, "contact": str}],
}
NEW_CLIENT_NOTICE = {"kind": frozenset({"new_client"}), "first_appointment_at": TIME, "text": str}
THREAD = {
    "thread_id": str,
    "kind": frozenset({"client", "provider"}),
    "participants": [PERSON_REF],
    "client": CLIENT_REF,
    "can_send": bool,
    "cannot_send": nullable({"code": REFUSAL_CODE, "detail": str}),
    "notices": [dict],  # each checked against its kind's shape by the tests
    "unread_count": int,
    "last_read_message_id": nullable(str),
    "last_message_at": nullable(TIME),
}
THREAD_SUMMARY = {
    "thread_id": str,
    "kind": frozenset({"client", "provider"}),
    "counterpart": PERSON_REF,
    "client": CLIENT_REF,
    "can_send": bool,
    "unread_count": int,
    "last_message_at": nullable(TIME),
}
MESSAGE = {
    "message_id": str,
    "thread_id": str,
    "sender_id": str,
    "sender_role": ROLE,
    "mine": bool,
    "body": str,
    "sent_at": TIME,
}
READ_RESULT = {"unread_count": int}

RELATIONSHIP = {
    "provider_id": str,
    "client_id": str,
    "status": CARE_STATUS,
    "status_reason": STATUS_REASON,
    "next_appointment_at": nullable(TIME),
    "last_visit_at": nullable(TIME),
    "first_appointment_at": nullable(TIME),
    "next_transition_at": nullable(TIME),
}
APPOINTMENT_RESULT = {"appointment": dict, "relationship": RELATIONSHIP}
REMATCH_RESULT = {"relationship": RELATIONSHIP}


def page(item: Any) -> dict[str, Any]:
    """`{"items": [...], "next_cursor": "..." | null}`."""
    return {"items": [item], "next_cursor": nullable(str)}


def shape_errors(value: Any, shape: Any, where: str = "$") -> list[str]:
    """Every way `value` differs from `shape` (empty when it conforms)."""
    if isinstance(shape, Nullable):
        return [] if value is None else shape_errors(value, shape.shape, where)
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return [f"{where}: expected an object, got {value!r}"]
        if set(value) != set(shape):
            return [f"{where}: keys {sorted(value)} != contract {sorted(shape)}"]
        return [e for key in shape for e in shape_errors(value[key], shape[key], f"{where}.{key}")]
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {value!r}"]
        return [e for i, v in enumerate(value) for e in shape_errors(v, shape[0], f"{where}[{i}]")]
    return _scalar_errors(value, shape, where)


def _scalar_errors(value: Any, shape: Any, where: str) -> list[str]:
    if shape == TIME:
        ok = isinstance(value, str) and bool(TIME_FORMAT.match(value))
    elif isinstance(shape, frozenset):
        ok = value in shape
    elif shape is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, shape)
    return [] if ok else [f"{where}: {value!r} is not {shape}"]


def assert_shape(value: Any, shape: Any) -> None:
    errors = shape_errors(value, shape)
    assert not errors, "\n".join(errors)


def ok(status: int, answer: ApiResponse) -> Any:
    """The JSON of a success answered with `status` as `application/json`."""
    assert answer.status == status, answer
    assert answer.headers["content-type"] == "application/json", answer.headers
    return answer.json


def assert_problem(answer: ApiResponse, status: int, code: str) -> dict[str, Any]:
    """A problem+json with the five fields (plus `errors` on a 400) for `status` and `code`."""
    assert answer.status == status, answer
    assert answer.headers["content-type"] == PROBLEM_CONTENT_TYPE, answer.headers
    problem = dict(answer.json)
    errors = problem.pop("errors", None)
    assert_shape(problem, PROBLEM)
    assert (problem["status"], problem["code"]) == (status, code), problem
    assert problem["type"].endswith("/" + code), problem
    if errors is not None:
        assert status == 400, answer
        assert_shape(errors, [{"field": str, "message": str}])
    return answer.json


@dataclass(frozen=True)
class Practice:
    """`cm` is a new client of `pm` (first appointment in 3 days) and a current client of
    `po`; `pp` was `cm`'s provider 100 days ago and wrote to them then."""

    thread: str  # pm ↔ cm, with one unread message from cm
    provider_thread: str  # pm ↔ po about cm
    past_thread: str  # pp ↔ cm, read-only now
    message: str  # cm's message in `thread`


def seed_practice(clock: FixedClock) -> Practice:
    clock.set(clock.now() - timedelta(days=100))
    seed_care("pp", "cm")
    past_thread = start_thread("pp", "provider", client_id="cm")
    assert send(past_thread, "pp", "provider", "long ago").status == 201
    clock.set(clock.now() + timedelta(days=100))
    seed_care("pm", "cm", "new")
    seed_care("po", "cm")
    thread = start_thread("pm", "provider", client_id="cm")
    message = send(thread, "cm", "client", "hello").json["message_id"]
    provider_thread = start_thread("pm", "provider", client_id="cm", provider_id="po")
    return Practice(thread, provider_thread, past_thread, message)
