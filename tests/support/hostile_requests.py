"""Hostile HTTP requests for the no-5xx fuzz: hypothesis strategies and a raw event caller.

Values may hold placeholders (`{thread}`, `{message}`, ...) that the test fills with the ids of
the practice it seeded, so generated requests also reach the code behind a real thread.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from carethread.contracts.common import encode_cursor
from hypothesis import strategies as st

from tests.support.events import FakeLambdaContext, api_event

PLACEHOLDER = re.compile(r"\{(thread|provider_thread|past_thread|message)\}")

# Strings that have broken parsers, validators and key builders elsewhere.
ODD_STRINGS = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "\ufeff",
    "\u202e",
    "😀" * 3,
    "Zoë",
    "x" * 65,
    "x" * 129,
    "x" * 10_001,
    "../../etc/passwd",
    "%2F",
    "a/b",
    "null",
    "<script>",
    "01ARZ3NDEKTSV4RRFFQ69G5FAV",
    "ZZZZZZZZZZZZZZZZZZZZZZZZZZ",
    "{thread}",
    "{message}",
)
ODD_TIMES = (
    "2026-12-03T15:00:00Z",
    "2026-12-03T15:00:00",
    "2026-12-03",
    "2026-13-45T99:99:99Z",
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-01:00",
    "1970-01-01T00:00:00Z",
    "2026-12-03T15:00:00.123456789Z",
    "now",
)
ODD_QUERY_VALUES = ("-1", "0", "1", "50", "100", "101", "abc", "1.5", "1e2", " 5", "9" * 30)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=40),
    st.sampled_from(ODD_STRINGS + ODD_TIMES),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)

# Per field: values the contract accepts (so requests reach the services), then odd ones.
VALID_TIMES = (
    "2026-12-10T15:00:00Z",
    "2026-11-01T09:30:00-05:00",
    "2026-12-03T15:00:00.5Z",
    "1900-01-01T00:00:00Z",
    "2199-12-31T23:59:59Z",
)
VALID_VALUES: dict[str, tuple[Any, ...]] = {
    "body": ("hello", "  padded  ", "x" * 10_000, "\x00", "😀" * 10_000),
    "client_id": ("cm", "cf", "nobody"),
    "provider_id": ("pm", "po", "pp", "pf", "nobody"),
    "up_to_message_id": ("{message}", "01ARZ3NDEKTSV4RRFFQ69G5FAV"),
    "role": ("provider", "client"),
    "display_name": ("Zoë Ångström-Lee", "\u202eA"),
    "email": ("a@example.com",),
    "timezone": ("UTC", "America/New_York"),
    "status": ("scheduled", "completed", "canceled", "no_show"),
    "is_initial": (True, False),
    "from_provider_id": ("pm", "pp", "pf"),
    "to_provider_id": ("pm", "po", "pf"),
    "starts_at": VALID_TIMES,
    "changed_at": VALID_TIMES,
    "rematched_at": VALID_TIMES,
}
ODD_VALUES: dict[str, tuple[Any, ...]] = {
    "display_name": ("x" * 201, " "),
    "email": ("not an email", "a@b"),
    "timezone": ("Nope/Zone", "../etc/zone", "Etc/GMT+99", "\x00"),
    "role": ("system",),
    "status": ("current",),
    "starts_at": ODD_TIMES,
    "changed_at": ODD_TIMES,
    "rematched_at": ODD_TIMES,
}
FIELD_VALUES = {name: (*valid, *ODD_VALUES.get(name, ())) for name, valid in VALID_VALUES.items()}


# The fields each write route reads; other routes get any of them.
ROUTE_FIELDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("POST", "/v1/threads"): ("client_id", "provider_id"),
    ("POST", "/v1/threads/<thread_id>/messages"): ("body",),
    ("POST", "/v1/threads/<thread_id>/read"): ("up_to_message_id",),
    ("PUT", "/v1/people/<person_id>"): ("role", "display_name", "email", "timezone"),
    ("PUT", "/v1/appointments/<appointment_id>"): (
        "provider_id",
        "client_id",
        "starts_at",
        "status",
        "is_initial",
        "changed_at",
    ),
    ("POST", "/v1/rematches"): ("client_id", "from_provider_id", "to_provider_id", "rematched_at"),
}


def _field(name: str) -> st.SearchStrategy[Any]:
    plausible = st.sampled_from(FIELD_VALUES[name])
    return st.one_of(plausible, plausible, plausible, json_values)  # mostly plausible


def valid_bodies(route: tuple[str, str]) -> st.SearchStrategy[str]:
    """Well-formed bodies for `route` whose values sit at the contract's edges."""
    fields = ROUTE_FIELDS.get(route, ())
    valid = {name: st.sampled_from(VALID_VALUES[name]) for name in fields}
    return st.fixed_dictionaries(valid).map(json.dumps)


def objects(fields: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    """JSON objects over `fields`: all valid, mostly plausible, a subset, or an extra key."""
    values = {name: _field(name) for name in fields}
    valid = {name: st.sampled_from(VALID_VALUES[name]) for name in fields}
    return st.one_of(
        st.fixed_dictionaries(valid),
        st.fixed_dictionaries(values),
        st.fixed_dictionaries({}, optional=values),
        st.fixed_dictionaries(values, optional={"extra": json_values}),
    )


RAW_ODDITIES = (
    "",
    "{",
    "[]",
    "null",
    '"text"',
    "NaN",
    '{"body": 1e999}',
    '{"body": "\\ud800"}',
    '{"body": "\\u0000"}',
    "\ufeff{}",
    "{}" + "\x00",
    "[" * 50_000 + "]" * 50_000,
    '{"a":' * 3_000 + "1" + "}" * 3_000,
    "x" * 200_000,
)


def raw_bodies(route: tuple[str, str]) -> st.SearchStrategy[str | None]:
    """Request bodies for `route`: its own fields first, then anything at all."""
    fields = ROUTE_FIELDS.get(route, tuple(sorted(FIELD_VALUES)))
    anything = st.one_of(
        st.none(),
        json_values.map(json.dumps),
        st.sampled_from(RAW_ODDITIES),
        st.text(max_size=100),
    )
    return st.one_of(
        objects(fields).map(json.dumps),
        objects(fields).map(lambda o: json.dumps(o, ensure_ascii=False)),
        anything,
    )


segments = st.one_of(
    st.sampled_from(
        ("{thread}", "{provider_thread}", "{past_thread}", "{message}", "cm", "pm", "appt-1")
    ),
    st.sampled_from(ODD_STRINGS),
    st.text(max_size=80),
)

cursors = st.one_of(
    st.sampled_from(("", "!!!", "A" * 600, "%%", "e30", "W10", "bnVsbA")),
    st.dictionaries(
        st.sampled_from(("m", "at", "t", "after")),
        st.one_of(json_values, st.sampled_from(ODD_TIMES)),
        max_size=3,
    ).map(encode_cursor),
    json_values.map(lambda v: encode_cursor(v)),  # type: ignore[arg-type]  # not a dict: hostile
)
query_values = st.one_of(
    st.sampled_from(ODD_QUERY_VALUES + ODD_STRINGS + ("current", "past", "all", "client")),
    st.text(max_size=30),
    cursors,
)
queries = st.dictionaries(
    st.sampled_from(("limit", "cursor", "status", "kind", "q", "zzz")),
    st.one_of(query_values, st.lists(query_values, min_size=2, max_size=3)),
    max_size=4,
)

MISSING = None
content_types = st.sampled_from(
    (
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "text/plain",
        "application/problem+json",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "",
        MISSING,
    )
)
idempotency_keys = st.one_of(
    st.sampled_from((MISSING, "", " ", "k" * 128, "k" * 129, "k" * 5_000, "clé", "😀", "a b")),
    st.text(max_size=20),
    st.uuids().map(str),
)
headers = st.fixed_dictionaries(
    {"Content-Type": content_types, "Idempotency-Key": idempotency_keys},
    optional={"X-Odd": st.text(max_size=20), "idempotency-key": idempotency_keys},
)

CALLERS = (
    ("pm", "provider"),
    ("cm", "client"),
    ("po", "provider"),
    ("pp", "provider"),
    ("platform", "system"),
    (None, None),
)
# Claims as a verified token could still carry them: every value a string.
ODD_CLAIMS: tuple[dict[str, str], ...] = (
    {"sub": "pm", "cognito:groups": "provider,client"},
    {"sub": "pm", "cognito:groups": "[provider client]"},
    {"sub": "pm", "cognito:groups": "admin"},
    {"sub": "pm", "cognito:groups": "", "custom:role": "client"},
    {"sub": "p" * 65, "cognito:groups": "provider"},
    {"sub": "pé", "cognito:groups": "provider"},
    {"sub": "", "cognito:groups": "client"},
    {},
)
callers = st.one_of(st.sampled_from(CALLERS), st.sampled_from(ODD_CLAIMS))
methods = st.sampled_from(("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"))


class Answer(NamedTuple):
    status: int
    content_type: str
    text: str


def fill(value: Any, ids: dict[str, str]) -> Any:
    """`value` with each placeholder replaced by the seeded id of that name."""
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda m: ids[m.group(1)], value)
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


def hostile_call(
    method: str,
    path: str,
    caller: tuple[str | None, str | None] | dict[str, str],
    *,
    query: dict[str, str | list[str]] | None = None,
    raw_body: str | None = None,
    headers: Mapping[str, str | None] | None = None,
    base64_encoded: bool = False,
) -> Answer:
    """Invoke the real API handler with exactly these parts (no encoding or clean-up)."""
    from api.handler import lambda_handler  # late: the table is bound by fixtures

    person, role = caller if isinstance(caller, tuple) else (None, None)
    event = api_event(method, "/", person_id=person, role=role, raw_body=raw_body)
    if isinstance(caller, dict):
        event["requestContext"]["authorizer"] = {"claims": caller}
    sent = {k: v for k, v in (headers or {}).items() if v is not None}
    event["headers"] = sent or None
    event["multiValueHeaders"] = {k: [v] for k, v in sent.items()} or None
    multi = {k: v if isinstance(v, list) else [v] for k, v in (query or {}).items()}
    event["queryStringParameters"] = {k: v[-1] for k, v in multi.items()} or None
    event["multiValueQueryStringParameters"] = multi or None
    event["path"] = event["resource"] = event["requestContext"]["resourcePath"] = path
    event["body"], event["isBase64Encoded"] = raw_body, base64_encoded
    result = lambda_handler(event, FakeLambdaContext())  # type: ignore[arg-type]
    result_headers = {k.lower(): v for k, v in (result.get("headers") or {}).items()}
    for name, values in (result.get("multiValueHeaders") or {}).items():
        result_headers.setdefault(name.lower(), ",".join(values))
    return Answer(result["statusCode"], result_headers.get("content-type", ""), result["body"])
