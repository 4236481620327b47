from datetime import timedelta

from carethread.data import keys
from carethread.data.models import InboxEntry, Message, Thread

from tests.support.api_builders import (
    appointment,
    seed_care,
    seed_person,
    seed_relationship,
    send,
    start_thread,
)


def stored_message(thread_id, message_id):
    return Message.get(keys.thread_pk(thread_id), keys.message_sk(message_id))


def client_thread(provider="p1", client="c1", state="current"):
    seed_care(provider, client, state)
    return start_thread(provider, "provider", client_id=client)


def test_a_send_returns_201_and_the_message(table, clock):
    # given
    thread_id = client_thread()

    # when
    status, message, _ = send(thread_id, "p1", "provider", "See you Thursday.")

    # then
    assert status == 201
    assert message["thread_id"] == thread_id
    assert (message["sender_id"], message["sender_role"], message["mine"]) == (
        "p1",
        "provider",
        True,
    )
    assert (message["body"], message["sent_at"]) == ("See you Thursday.", "2026-12-03T15:00:00Z")


def test_the_body_is_stored_exactly_as_sent(table, clock):
    # given
    thread_id = client_thread()
    body = "  Line one\n\n\tline two 🙂  "

    # when
    message = send(thread_id, "c1", "client", body).json

    # then
    assert stored_message(thread_id, message["message_id"]).body == body


def test_the_same_key_again_replays_the_original_with_200(table, clock):
    # given
    thread_id = client_thread()
    original = send(thread_id, "p1", "provider", "hi", key="k1")

    # when
    clock.advance(seconds=30)
    replay = send(thread_id, "p1", "provider", "hi", key="k1")

    # then
    assert replay.status == 200
    assert replay.headers["idempotent-replayed"] == "true"
    assert replay.json == original.json
    assert Thread.get(keys.thread_pk(thread_id), keys.META).message_count == 1


def test_the_same_key_with_another_body_is_409(table, clock):
    # given
    thread_id = client_thread()
    send(thread_id, "p1", "provider", "hi", key="k1")

    # when
    status, body, _ = send(thread_id, "p1", "provider", "something else", key="k1")

    # then
    assert (status, body["code"]) == (409, "idempotency_key_reused")


def test_the_same_key_in_another_thread_is_409(table, clock):
    # given
    first = client_thread("p1", "c1")
    second = client_thread("p1", "c2")
    send(first, "p1", "provider", "hi", key="k1")

    # when
    status, body, _ = send(second, "p1", "provider", "hi", key="k1")

    # then
    assert (status, body["code"]) == (409, "idempotency_key_reused")


def test_keys_are_scoped_per_sender(table, clock):
    # given
    thread_id = client_thread()
    send(thread_id, "p1", "provider", "hi", key="shared")

    # when
    status, message, _ = send(thread_id, "c1", "client", "hi", key="shared")

    # then
    assert (status, message["sender_id"]) == (201, "c1")


def test_an_expired_key_sends_a_new_message(table, clock):
    # given
    thread_id = client_thread()
    first = send(thread_id, "p1", "provider", "hi", key="k1").json

    # when
    clock.advance(hours=25)
    status, second, _ = send(thread_id, "p1", "provider", "hi", key="k1")

    # then
    assert status == 201
    assert second["message_id"] != first["message_id"]


def test_a_past_relationship_refuses_the_send_and_writes_nothing(table, clock):
    # given a thread whose relationship has since lapsed
    thread_id = client_thread()
    clock.advance(days=85)

    # when
    status, body, _ = send(thread_id, "c1", "client")

    # then
    assert (status, body["code"]) == (403, "relationship_past")
    assert Thread.get(keys.thread_pk(thread_id), keys.META).message_count == 0


def test_the_send_rule_reads_the_facts_not_the_cached_status(table, clock):
    # given a relationship cached as past, with an appointment booked since (facts: current)
    seed_person("p1", "provider")
    seed_person("c1", "client")
    relationship = seed_relationship("p1", "c1", [appointment(clock.now(), "completed")])
    thread_id = start_thread("p1", "provider", client_id="c1")
    relationship.update(actions=[type(relationship).status.set("past")])

    # when
    status, _, _ = send(thread_id, "c1", "client")

    # then
    assert status == 201


def test_a_provider_thread_send_needs_my_client_current(table, clock):
    # given a provider thread, then my own relationship with the client lapses
    seed_care("p1", "c1")
    seed_person("p2", "provider")
    seed_relationship("p2", "c1", [appointment(clock.now() - timedelta(days=80), "completed")])
    thread_id = start_thread("p1", "provider", provider_id="p2", client_id="c1")
    clock.advance(days=11)

    # when
    from_p2 = send(thread_id, "p2", "provider")
    from_p1 = send(thread_id, "p1", "provider")

    # then
    assert (from_p2.status, from_p2.json["code"]) == (403, "client_not_current")
    assert from_p1.status == 201


def test_the_message_carries_the_notifier_facts(table, clock):
    # given the client wrote first, the provider replies 3 minutes later
    thread_id = client_thread()
    send(thread_id, "c1", "client", "question")
    clock.advance(minutes=3)

    # when
    reply = send(thread_id, "p1", "provider", "answer").json

    # then
    stored = stored_message(thread_id, reply["message_id"])
    assert (stored.thread_kind, stored.recipient_id, stored.recipient_role) == (
        "client",
        "c1",
        "client",
    )
    assert stored.is_first_message is False
    assert stored.recipient_last_sent_at == clock.now() - timedelta(minutes=3)
    assert stored.recipient_notified_in_streak is False


def test_the_first_message_of_a_thread_is_stamped_first(table, clock):
    # given
    thread_id = client_thread()

    # when
    message = send(thread_id, "p1", "provider").json

    # then
    stored = stored_message(thread_id, message["message_id"])
    assert stored.is_first_message is True
    assert stored.recipient_last_sent_at is None


def test_the_streak_flag_is_stamped_from_the_recipient_inbox(table, clock):
    # given the notifier already emailed the client in this unread streak
    thread_id = client_thread()
    send(thread_id, "p1", "provider")
    entry = InboxEntry.get(keys.inbox_pk("c1"), keys.inbox_sk(thread_id))
    entry.update(actions=[InboxEntry.notified_since_read.set(True)])

    # when
    message = send(thread_id, "p1", "provider").json

    # then
    assert stored_message(thread_id, message["message_id"]).recipient_notified_in_streak is True


def test_message_ids_grow_even_within_one_instant(table, clock):
    # given a frozen clock
    thread_id = client_thread()

    # when
    ids = [send(thread_id, "p1", "provider", f"m{n}").json["message_id"] for n in range(5)]

    # then
    assert ids == sorted(ids)
    assert len(set(ids)) == 5


def test_the_thread_metadata_follows_the_send(table, clock):
    # given
    thread_id = client_thread()

    # when
    message = send(thread_id, "c1", "client").json

    # then
    thread = Thread.get(keys.thread_pk(thread_id), keys.META)
    assert (thread.message_count, thread.last_message_id) == (1, message["message_id"])
    assert thread.last_sent_at.as_dict() == {"c1": "2026-12-03T15:00:00Z"}
