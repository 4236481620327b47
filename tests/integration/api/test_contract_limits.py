"""API.md's errors and limits: problem+json for every status it lists, page sizes, cursors,
message bodies and person ids at their edges."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from carethread.data import keys
from carethread.data.models import Message
from ulid import ULID

from tests.support import api_contract as contract
from tests.support.api_builders import call, send
from tests.support.feed_builders import person_body


@pytest.fixture
def practice(table, clock) -> contract.Practice:
    return contract.seed_practice(clock)


PROBLEMS = {
    "invalid_request": (
        ("POST", "/v1/threads", "pm", "provider", {"client_id": "a.b"}),
        400,
    ),
    "unauthenticated": (("GET", "/v1/me", None, None, None), 401),
    "role_not_allowed": (("GET", "/v1/clients", "cm", "client", None), 403),
    "relationship_past": (
        ("POST", "/v1/threads/{past_thread}/messages", "pp", "provider", {"body": "hi"}),
        403,
    ),
    "not_found": (("GET", "/v1/threads/{thread}", "po", "provider", None), 404),
    "body_too_large": (
        ("POST", "/v1/threads/{thread}/messages", "pm", "provider", {"body": "x" * 200_000}),
        413,
    ),
}


@pytest.mark.parametrize("code", sorted(PROBLEMS))
def test_each_listed_error_is_a_problem_with_the_five_fields(practice, code):
    # given
    (method, path, person, role, body), status = PROBLEMS[code]
    path = path.format(thread=practice.thread, past_thread=practice.past_thread)

    # when
    answer = call(method, path, person, role, body, {"Idempotency-Key": "k"})

    # then
    contract.assert_problem(answer, status, code)


def test_a_reused_idempotency_key_is_a_409_problem(practice):
    # given
    send(practice.thread, "pm", "provider", "first", key="k1")

    # when
    answer = send(practice.thread, "pm", "provider", "something else", key="k1")

    # then
    contract.assert_problem(answer, 409, "idempotency_key_reused")


def test_a_non_members_404_is_the_same_as_for_a_thread_that_does_not_exist(practice):
    # when
    hidden = call("GET", f"/v1/threads/{practice.thread}/messages", "po", "provider")
    missing = call("GET", "/v1/threads/t_000000000000000000000000000000/messages", "po", "provider")

    # then
    assert hidden.json == contract.assert_problem(missing, 404, "not_found")


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc", "1.5"])
def test_a_limit_outside_1_to_100_is_400_naming_limit(practice, limit):
    # when
    answer = call("GET", f"/v1/threads/{practice.thread}/messages?limit={limit}", "pm", "provider")

    # then
    problem = contract.assert_problem(answer, 400, "invalid_request")
    assert [e["field"] for e in problem["errors"]] == ["limit"]


@pytest.mark.parametrize(
    "path", ["/v1/threads", "/v1/clients", "/v1/clients/cm/care-team", "/v1/threads/{t}/messages"]
)
def test_limits_1_and_100_are_accepted(practice, path):
    # when
    statuses = {
        call("GET", f"{path.format(t=practice.thread)}?limit={n}", "pm", "provider").status
        for n in (1, 100)
    }

    # then
    assert statuses == {200}


def _seed_later_messages(thread_id: str, count: int, after: datetime) -> None:
    """`count` messages from pm after `after`, stored directly (50 API sends take ~20 s)."""
    for n in range(count):
        sent_at = after + timedelta(seconds=n + 1)
        message_id = str(ULID.from_datetime(sent_at))
        Message(
            pk=keys.thread_pk(thread_id),
            sk=keys.message_sk(message_id),
            message_id=message_id,
            thread_id=thread_id,
            thread_kind="client",
            sender_id="pm",
            sender_role="provider",
            recipient_id="cm",
            recipient_role="client",
            body=f"message {n}",
            sent_at=sent_at,
        ).save()


def test_a_page_is_50_by_default_and_the_cursor_continues_it(practice, clock):
    # given 51 messages in the thread: the practice's one, then 50 more
    _seed_later_messages(practice.thread, 50, clock.now())
    path = f"/v1/threads/{practice.thread}/messages"

    # when
    first = contract.ok(200, call("GET", path, "pm", "provider"))
    rest = contract.ok(200, call("GET", f"{path}?cursor={first['next_cursor']}", "pm", "provider"))

    # then
    assert (len(first["items"]), len(rest["items"]), rest["next_cursor"]) == (50, 1, None)
    assert rest["items"][0]["message_id"] == practice.message


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/v1/threads?cursor=garbage", "cursor"),
        ("/v1/threads?kind=x", "kind"),
        ("/v1/clients?status=x", "status"),
        ("/v1/clients?cursor=e30", "cursor"),
    ],
)
def test_a_bad_query_parameter_is_400_naming_it(practice, query, field):
    # when
    answer = call("GET", query, "pm", "provider")

    # then
    problem = contract.assert_problem(answer, 400, "invalid_request")
    assert field in [e["field"] for e in problem["errors"]]


def test_a_10000_character_body_is_accepted_even_with_every_character_escaped(practice):
    # given the widest JSON spelling of a valid body: 12 bytes per character
    raw = json.dumps({"body": "😀" * 10_000})

    # when
    answer = call(
        "POST",
        f"/v1/threads/{practice.thread}/messages",
        "pm",
        "provider",
        raw_body=raw,
        headers={"Idempotency-Key": "k"},
    )

    # then
    assert contract.ok(201, answer)["body"] == "😀" * 10_000


@pytest.mark.parametrize("body", ["", " \n\t ", "x" * 10_001])
def test_an_empty_blank_or_too_long_body_is_400_naming_body(practice, body):
    # when
    answer = send(practice.thread, "pm", "provider", body)

    # then
    problem = contract.assert_problem(answer, 400, "invalid_request")
    assert [e["field"] for e in problem["errors"]] == ["body"]


@pytest.mark.parametrize(("person_id", "status"), [("a" * 64, 200), ("a" * 65, 400)])
def test_person_ids_are_1_to_64_characters(table, clock, person_id, status):
    # when
    answer = call("PUT", f"/v1/people/{person_id}", "platform", "system", person_body())

    # then
    assert answer.status == status, answer


@pytest.mark.parametrize("person_id", ["a.b", "a b", "é", "a%2Fb"])
def test_person_ids_outside_the_alphabet_are_400_naming_person_id(table, clock, person_id):
    # when
    answer = call("PUT", f"/v1/people/{person_id}", "platform", "system", person_body())

    # then
    problem = contract.assert_problem(answer, 400, "invalid_request")
    assert [e["field"] for e in problem["errors"]] == ["person_id"]
