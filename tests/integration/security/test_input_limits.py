"""Input limits: an oversized body is refused before anything parses it; a message body is
1-10,000 characters (code points), not blank in any script, and stored exactly as sent.

`tests/integration/api/test_contract_limits.py` covers the 10,000-character edge with every
character escaped and ASCII blank/empty/too-long bodies; this file covers the rest.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from carethread.settings import messaging_settings

from tests.support.api_builders import call, seed_care, send, start_thread


@pytest.fixture
def thread_id(table, clock) -> str:
    seed_care("p1", "c1")
    return start_thread("p1", "provider", client_id="c1")


@pytest.fixture
def parsed_sizes(monkeypatch) -> list[int]:
    """The length of every text `json.loads` parses while the test runs."""
    sizes: list[int] = []
    original = json.loads

    def spy(text: Any, *args: Any, **kwargs: Any) -> Any:
        sizes.append(len(text))
        return original(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", spy)
    return sizes


def test_an_oversized_body_is_refused_before_it_is_parsed(thread_id, parsed_sizes):
    # given a well-formed body just over the limit
    limit = messaging_settings().request_max_bytes
    raw = json.dumps({"body": "x" * limit})

    # when
    status, problem, _ = call(
        "POST",
        f"/v1/threads/{thread_id}/messages",
        "c1",
        "client",
        raw_body=raw,
        headers={"Idempotency-Key": "k1"},
    )

    # then
    assert (status, problem["code"]) == (413, "body_too_large")
    assert all(size <= limit for size in parsed_sizes)


def test_an_oversized_body_on_a_route_without_one_is_413(thread_id):
    # when
    status, problem, _ = call(
        "GET",
        f"/v1/threads/{thread_id}",
        "c1",
        "client",
        raw_body="x" * (messaging_settings().request_max_bytes + 1),
    )

    # then
    assert (status, problem["code"]) == (413, "body_too_large")


@pytest.mark.parametrize(
    "blank",
    [
        "\u00a0",  # no-break space
        "\u2003\u3000",  # em space, ideographic space
        "\r\n\u2028\u2029",  # line and paragraph separators
        "\u1680\u205f\x0b\x0c",  # ogham space mark, math space, vertical tab, form feed
        "\u200b\u200d\u2060\ufeff",  # zero-width space, joiner, word joiner, BOM: invisible
        " \x00\u200b ",  # a NUL among invisible characters
    ],
)
def test_a_body_blank_in_any_script_is_400(thread_id, blank):
    # when
    status, problem, _ = send(thread_id, "c1", "client", blank)

    # then
    assert (status, [e["field"] for e in problem["errors"]]) == (400, ["body"])


@pytest.mark.parametrize(("length", "status"), [(10_000, 201), (10_001, 400)])
def test_the_limit_counts_characters_not_bytes_or_utf16_units(thread_id, length, status):
    # given a body of 4-byte characters (two UTF-16 units each)
    body = "🫂" * length

    # when
    answer = send(thread_id, "c1", "client", body)

    # then
    assert answer.status == status


@pytest.mark.parametrize(
    "body",
    [
        "\u00a0 keep my spaces \u00a0",
        "caf\u0065\u0301 (decomposed) vs caf\u00e9 (composed)",
        "line one\r\nline two\rline three\n",
        "\u202eRTL override\u202c and \u200bzero\u200dwidth\ufeff",
        "👩🏽‍⚕️ family 👨‍👩‍👧 flags 🇺🇦",
        "nul\x00 and bell\x07",
    ],
)
def test_the_body_reads_back_exactly_as_sent(thread_id, body):
    # given
    message_id = send(thread_id, "c1", "client", body).json["message_id"]

    # when
    page = call("GET", f"/v1/threads/{thread_id}/messages", "p1", "provider").json

    # then
    [read_back] = [m["body"] for m in page["items"] if m["message_id"] == message_id]
    assert read_back == body
