"""End to end through the real handler with API Gateway REST proxy events:
the platform feeds people and an appointment, the provider opens a thread and writes,
the client reads, replies and the unread counts follow."""

from tests.support.api_builders import call
from tests.support.feed_builders import appointment_body, at, person_body


def test_feed_open_send_read_unread(table, clock):
    # given the platform feeds a provider, a client and their first appointment
    system = ("platform", "system")
    assert call("PUT", "/v1/people/prov-1", *system, person_body("provider")).status == 200
    assert call("PUT", "/v1/people/client-1", *system, person_body("client")).status == 200
    booked = call("PUT", "/v1/appointments/appt-1", *system, appointment_body(starts_at=at(2)))
    assert booked.status == 200

    # when the provider opens a thread with the new client and writes twice
    opened = call("POST", "/v1/threads", "prov-1", "provider", {"client_id": "client-1"})
    thread_id = opened.json["thread_id"]
    sent = [
        call(
            "POST",
            f"/v1/threads/{thread_id}/messages",
            "prov-1",
            "provider",
            {"body": text},
            {"Idempotency-Key": f"key-{n}"},
        )
        for n, text in enumerate(["Welcome!", "See you on Saturday."])
    ]

    # then the provider sees the new-client notice and the client has two unread
    assert opened.status == 201
    assert [n["kind"] for n in opened.json["notices"]] == ["crisis", "new_client"]
    assert [s.status for s in sent] == [201, 201]
    assert call("GET", "/v1/unread", "client-1", "client").json["total"] == 2

    # when the client lists, opens, reads the first message and replies
    [summary] = call("GET", "/v1/threads", "client-1", "client").json["items"]
    page = call("GET", f"/v1/threads/{thread_id}/messages", "client-1", "client").json
    oldest = page["items"][-1]["message_id"]
    read = call(
        "POST",
        f"/v1/threads/{thread_id}/read",
        "client-1",
        "client",
        {"up_to_message_id": oldest},
    )
    reply = call(
        "POST",
        f"/v1/threads/{thread_id}/messages",
        "client-1",
        "client",
        {"body": "Thank you"},
        {"Idempotency-Key": "reply-1"},
    )

    # then
    assert (summary["thread_id"], summary["unread_count"], summary["can_send"]) == (
        thread_id,
        2,
        True,
    )
    assert [m["body"] for m in page["items"]] == ["See you on Saturday.", "Welcome!"]
    assert read.json == {"unread_count": 1}
    assert reply.status == 201
    assert call("GET", "/v1/me", "client-1", "client").json["unread_total"] == 0
    provider_unread = call("GET", "/v1/unread", "prov-1", "provider").json
    assert provider_unread["total"] == 1
    assert provider_unread["by_counterpart"][0]["person_id"] == "client-1"
