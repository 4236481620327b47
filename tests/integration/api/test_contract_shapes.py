"""The HTTP API answers exactly in API.md's shapes: keys, types, nullability, statuses, headers.

The shapes live in `tests/support/api_contract.py`, transcribed from API.md (not from the
models), with the practice every test starts from (`seed_practice`).
"""

from __future__ import annotations

import pytest

from tests.support import api_contract as contract
from tests.support.api_builders import call, seed_care, send
from tests.support.feed_builders import appointment_body, at, person_body, rematch_body


@pytest.fixture
def practice(table, clock) -> contract.Practice:
    return contract.seed_practice(clock)


def test_me_is_person_role_name_and_unread_total(practice):
    # when
    me = contract.ok(200, call("GET", "/v1/me", "pm", "provider"))

    # then
    contract.assert_shape(me, contract.ME)
    assert (me["person_id"], me["role"], me["unread_total"]) == ("pm", "provider", 1)


def test_unread_counts_by_counterpart_and_by_thread(practice):
    # when
    unread = contract.ok(200, call("GET", "/v1/unread", "pm", "provider"))

    # then
    contract.assert_shape(unread, contract.UNREAD)
    assert unread["by_thread"] == [{"thread_id": practice.thread, "unread_count": 1}]


def test_roster_items_have_the_contract_shape(practice):
    # when
    roster = contract.ok(200, call("GET", "/v1/clients?status=all", "pm", "provider"))

    # then
    contract.assert_shape(roster, contract.page(contract.ROSTER_CLIENT))
    assert [c["thread_id"] for c in roster["items"]] == [practice.thread]


def test_a_clients_care_team_has_the_contract_shape(practice):
    # when
    team = contract.ok(200, call("GET", "/v1/clients/cm/care-team", "pm", "provider"))

    # then
    contract.assert_shape(team, contract.page(contract.CARE_TEAM_MEMBER))
    assert {m["provider_id"]: m["is_me"] for m in team["items"]} == {
        "pm": True,
        "po": False,
        "pp": False,
    }


def test_my_care_team_has_the_contract_shape(practice):
    # when
    team = contract.ok(200, call("GET", "/v1/care-team", "cm", "client"))

    # then
    contract.assert_shape(team, contract.page(contract.MY_PROVIDER))
    assert {m["provider_id"]: m["can_send"] for m in team["items"]} == {
        "pm": True,
        "po": True,
        "pp": False,
    }


def test_starting_a_thread_is_201_then_opening_it_again_is_200(table, clock):
    # given
    seed_care("pm", "cm")

    # when
    first = call("POST", "/v1/threads", "pm", "provider", {"client_id": "cm"})
    again = call("POST", "/v1/threads", "cm", "client", {"provider_id": "pm"})

    # then
    contract.assert_shape(contract.ok(201, first), contract.THREAD)
    contract.assert_shape(contract.ok(200, again), contract.THREAD)
    assert first.json["thread_id"] == again.json["thread_id"]


def test_a_providers_new_client_thread_shows_crisis_and_new_client_notices(practice):
    # when
    thread = contract.ok(200, call("GET", f"/v1/threads/{practice.thread}", "pm", "provider"))

    # then
    contract.assert_shape(thread, contract.THREAD)
    crisis, new_client = thread["notices"]
    contract.assert_shape(crisis, contract.CRISIS_NOTICE)
    contract.assert_shape(new_client, contract.NEW_CLIENT_NOTICE)
    assert new_client["first_appointment_at"] == "2026-12-06T15:00:00Z"
    assert (thread["can_send"], thread["cannot_send"], thread["unread_count"]) == (True, None, 1)


def test_the_client_sees_only_the_crisis_notice_and_both_participants(practice):
    # when
    thread = contract.ok(200, call("GET", f"/v1/threads/{practice.thread}", "cm", "client"))

    # then
    contract.assert_shape(thread, contract.THREAD)
    assert [n["kind"] for n in thread["notices"]] == ["crisis"]
    assert {(p["person_id"], p["role"]) for p in thread["participants"]} == {
        ("pm", "provider"),
        ("cm", "client"),
    }
    assert thread["last_read_message_id"] == practice.message


def test_a_provider_thread_names_the_client_and_has_no_notices(practice):
    # when
    thread = contract.ok(
        200, call("GET", f"/v1/threads/{practice.provider_thread}", "po", "provider")
    )

    # then
    contract.assert_shape(thread, contract.THREAD)
    assert (thread["kind"], thread["notices"], thread["client"]["person_id"]) == (
        "provider",
        [],
        "cm",
    )


def test_a_past_relationship_thread_says_why_it_cannot_send(practice):
    # when
    thread = contract.ok(200, call("GET", f"/v1/threads/{practice.past_thread}", "pp", "provider"))

    # then
    contract.assert_shape(thread, contract.THREAD)
    assert thread["can_send"] is False
    assert thread["cannot_send"]["code"] == "relationship_past"


def test_thread_summaries_name_the_counterpart_most_recent_first(practice):
    # when
    threads = contract.ok(200, call("GET", "/v1/threads", "pm", "provider"))

    # then
    contract.assert_shape(threads, contract.page(contract.THREAD_SUMMARY))
    assert [(t["thread_id"], t["counterpart"]["role"]) for t in threads["items"]] == [
        (practice.provider_thread, "provider"),
        (practice.thread, "client"),
    ]


def test_messages_say_who_sent_them_and_whether_they_are_mine(practice):
    # when
    page = contract.ok(
        200, call("GET", f"/v1/threads/{practice.thread}/messages", "pm", "provider")
    )

    # then
    contract.assert_shape(page, contract.page(contract.MESSAGE))
    (message,) = page["items"]
    assert (message["sender_id"], message["sender_role"], message["mine"]) == (
        "cm",
        "client",
        False,
    )


def test_a_send_is_201_with_the_message_and_no_replay_header(practice):
    # when
    answer = send(practice.thread, "pm", "provider", "  see you soon \n", key="k1")

    # then
    contract.assert_shape(contract.ok(201, answer), contract.MESSAGE)
    assert (answer.json["body"], answer.json["mine"]) == ("  see you soon \n", True)
    assert "idempotent-replayed" not in answer.headers


def test_the_same_key_again_is_200_with_the_same_message_and_the_replay_header(practice):
    # given
    first = send(practice.thread, "pm", "provider", "once", key="k1")

    # when
    again = send(practice.thread, "pm", "provider", "once", key="k1")

    # then
    assert contract.ok(200, again) == first.json
    assert again.headers["idempotent-replayed"] == "true"


def test_marking_read_answers_the_unread_count(practice):
    # when
    answer = call(
        "POST",
        f"/v1/threads/{practice.thread}/read",
        "pm",
        "provider",
        {"up_to_message_id": practice.message},
    )

    # then
    contract.assert_shape(contract.ok(200, answer), contract.READ_RESULT)
    assert answer.json == {"unread_count": 0}


def test_the_feed_answers_person_appointment_and_relationship(table, clock):
    # when
    person = call("PUT", "/v1/people/pn", "platform", "system", person_body("provider"))
    call("PUT", "/v1/people/cn", "platform", "system", person_body("client"))
    booked = call("PUT", "/v1/appointments/a1", "platform", "system", appointment_body("pn", "cn"))

    # then
    assert contract.ok(200, person)["person_id"] == "pn"
    contract.assert_shape(contract.ok(200, booked), contract.APPOINTMENT_RESULT)
    assert booked.json["relationship"]["status_reason"] == "upcoming_appointment"


def test_a_rematch_answers_the_relationship_left_in_grace(practice):
    # when
    answer = call("POST", "/v1/rematches", "platform", "system", rematch_body("cm", "po", "pm"))

    # then
    contract.assert_shape(contract.ok(200, answer), contract.REMATCH_RESULT)
    assert answer.json["relationship"]["status_reason"] == "rematched_grace"


def test_times_are_whole_seconds_in_utc_with_z(practice, clock):
    # given a clock between seconds, as the real one always is
    clock.set(at(0, hours=1, microseconds=654_321))

    # when
    message = send(practice.thread, "pm", "provider", "now").json

    # then
    assert message["sent_at"] == "2026-12-03T16:00:00Z"


def test_a_time_with_an_offset_in_the_feed_comes_back_in_utc(table, clock):
    # given
    seed_care("pn", "cn")
    body = {**appointment_body("pn", "cn"), "starts_at": "2026-12-10T10:00:00.250-05:00"}

    # when
    answer = call("PUT", "/v1/appointments/a9", "platform", "system", body)

    # then
    assert contract.ok(200, answer)["appointment"]["starts_at"] == "2026-12-10T15:00:00Z"
