"""Every thread read, message send and refusal leaves an audit record — never the text."""

from carethread.services.audit import audit_by_actor, audit_for_thread

from tests.support.api_builders import call, seed_care, seed_person, send, start_thread


def actions(thread_id):
    return [(r.actor_id, r.action, r.outcome) for r in reversed(audit_for_thread(thread_id))]


def test_creating_opening_and_listing_a_thread_are_audited(table, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")

    # when
    call("GET", f"/v1/threads/{thread_id}", "c1", "client")
    call("GET", f"/v1/threads/{thread_id}/messages", "c1", "client")

    # then
    assert actions(thread_id) == [
        ("p1", "thread.create", "ok"),
        ("c1", "thread.open", "ok"),
        ("c1", "thread.messages.list", "ok"),
    ]


def test_a_send_is_audited_with_the_message_id_and_never_the_text(table, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")

    # when
    message = send(thread_id, "c1", "client", "my private words").json

    # then
    [record] = [r for r in audit_for_thread(thread_id) if r.action == "message.send"]
    assert (record.actor_id, record.actor_role, record.outcome) == ("c1", "client", "ok")
    assert record.detail.as_dict() == {"message_id": message["message_id"]}
    assert "private" not in str(record.serialize())


def test_a_refused_send_is_audited_with_the_rule_code(table, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")
    clock.advance(days=100)

    # when
    send(thread_id, "c1", "client")

    # then
    assert actions(thread_id)[-1] == ("c1", "message.send", "refused:relationship_past")


def test_a_refused_create_is_audited(table, clock):
    # given
    seed_care("p1", "c1", "past")

    # when
    call("POST", "/v1/threads", "c1", "client", {"provider_id": "p1"})

    # then
    [record] = audit_by_actor("c1")
    assert (record.action, record.outcome) == ("thread.create", "refused:relationship_past")


def test_a_non_member_attempt_is_audited(table, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")
    seed_person("intruder", "provider")

    # when
    call("GET", f"/v1/threads/{thread_id}", "intruder", "provider")

    # then
    assert actions(thread_id)[-1] == ("intruder", "thread.open", "refused:not_found")


def test_moving_the_read_marker_is_audited(table, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")
    message_id = send(thread_id, "p1", "provider").json["message_id"]

    # when
    call("POST", f"/v1/threads/{thread_id}/read", "c1", "client", {"up_to_message_id": message_id})

    # then
    assert actions(thread_id)[-1] == ("c1", "thread.mark_read", "ok")
