from datetime import timedelta

from carethread.settings import messaging_settings

from tests.support.api_builders import (
    appointment,
    call,
    seed_care,
    seed_person,
    seed_relationship,
    send,
    start_thread,
)


def notice_kinds(thread):
    return [n["kind"] for n in thread["notices"]]


def test_every_client_thread_carries_the_crisis_notice_on_both_sides(table, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")

    # when
    provider_view = call("GET", f"/v1/threads/{thread_id}", "p1", "provider").json
    client_view = call("GET", f"/v1/threads/{thread_id}", "c1", "client").json

    # then
    for view in (provider_view, client_view):
        crisis = view["notices"][0]
        assert crisis["kind"] == "crisis"
        assert crisis["text"] == messaging_settings().crisis_text
        assert {"name": "Crisis Text Line", "contact": "Text HOME to 741741"} in crisis["resources"]


def test_a_provider_thread_has_no_crisis_notice(table, clock):
    # given
    seed_care("p1", "c1")
    seed_care("p2", "c1")
    thread_id = start_thread("p1", "provider", provider_id="p2", client_id="c1")

    # when
    view = call("GET", f"/v1/threads/{thread_id}", "p2", "provider").json

    # then
    assert view["notices"] == []


def test_a_new_client_notice_shows_the_first_appointment_to_the_provider(table, clock):
    # given a client whose initial appointment is in 3 days
    seed_person("p1", "provider", timezone="America/New_York")
    seed_care("p1", "c1", "new")
    thread_id = start_thread("c1", "client", provider_id="p1")

    # when
    view = call("GET", f"/v1/threads/{thread_id}", "p1", "provider").json

    # then
    assert notice_kinds(view) == ["crisis", "new_client"]
    new_client = view["notices"][1]
    assert new_client["first_appointment_at"] == "2026-12-06T15:00:00Z"
    assert "Sunday, December 6, 2026 at 10:00 AM EST" in new_client["text"]


def test_the_client_does_not_see_the_new_client_notice(table, clock):
    # given
    seed_care("p1", "c1", "new")
    thread_id = start_thread("c1", "client", provider_id="p1")

    # when
    view = call("GET", f"/v1/threads/{thread_id}", "c1", "client").json

    # then
    assert notice_kinds(view) == ["crisis"]


def test_the_new_client_notice_ends_when_the_first_appointment_has_passed(table, clock):
    # given
    seed_care("p1", "c1", "new")
    thread_id = start_thread("p1", "provider", client_id="c1")

    # when the first appointment starts
    clock.advance(days=3)
    view = call("GET", f"/v1/threads/{thread_id}", "p1", "provider").json

    # then
    assert notice_kinds(view) == ["crisis"]


def test_can_send_is_evaluated_from_the_facts_not_the_cached_status(table, clock):
    # given a relationship cached as current whose only visit ages past 90 days
    seed_relationship("p1", "c1", [appointment(clock.now() - timedelta(days=89), "completed")])
    seed_person("p1", "provider")
    seed_person("c1", "client")
    thread_id = start_thread("p1", "provider", client_id="c1")
    clock.advance(days=2)

    # when
    view = call("GET", f"/v1/threads/{thread_id}", "c1", "client").json

    # then
    assert view["can_send"] is False
    assert view["cannot_send"]["code"] == "relationship_past"


def test_a_non_member_gets_404_on_every_thread_endpoint(table, clock):
    # given
    seed_care("p1", "c1")
    seed_care("p2", "c2")
    thread_id = start_thread("p1", "provider", client_id="c1")
    message_id = send(thread_id, "p1", "provider").json["message_id"]

    # when
    responses = [
        call("GET", f"/v1/threads/{thread_id}", "p2", "provider"),
        call("GET", f"/v1/threads/{thread_id}/messages", "c2", "client"),
        send(thread_id, "p2", "provider"),
        call(
            "POST",
            f"/v1/threads/{thread_id}/read",
            "c2",
            "client",
            {"up_to_message_id": message_id},
        ),
    ]

    # then
    assert [(r.status, r.json["code"]) for r in responses] == [(404, "not_found")] * 4


def test_an_unknown_thread_is_404(table, clock):
    # given
    seed_person("p1", "provider")

    # when
    status, body, _ = call("GET", "/v1/threads/t_nope", "p1", "provider")

    # then
    assert (status, body["code"]) == (404, "not_found")


def test_the_thread_view_shows_my_unread_and_read_marker(table, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")
    first = send(thread_id, "p1", "provider").json
    clock.advance(minutes=1)
    send(thread_id, "p1", "provider")
    call(
        "POST",
        f"/v1/threads/{thread_id}/read",
        "c1",
        "client",
        {"up_to_message_id": first["message_id"]},
    )

    # when
    view = call("GET", f"/v1/threads/{thread_id}", "c1", "client").json

    # then
    assert view["unread_count"] == 1
    assert view["last_read_message_id"] == first["message_id"]
    assert view["last_message_at"] == "2026-12-03T15:01:00Z"
