from carethread.data import keys
from carethread.data.models import InboxEntry

from tests.support.api_builders import call, seed_care, send, start_thread


def read(thread_id, person, role, message_id):
    return call(
        "POST", f"/v1/threads/{thread_id}/read", person, role, {"up_to_message_id": message_id}
    )


def client_thread(provider="p1", client="c1"):
    seed_care(provider, client)
    return start_thread(provider, "provider", client_id=client)


def test_messages_from_the_other_side_are_unread(table, clock):
    # given
    thread_id = client_thread()

    # when
    for _ in range(3):
        send(thread_id, "p1", "provider")

    # then
    unread = call("GET", "/v1/unread", "c1", "client").json
    assert unread["total"] == 3
    assert unread["by_thread"] == [{"thread_id": thread_id, "unread_count": 3}]
    assert unread["by_counterpart"] == [
        {"person_id": "p1", "display_name": "Name of p1", "unread_count": 3}
    ]


def test_reading_up_to_a_message_leaves_only_later_ones_unread(table, clock):
    # given
    thread_id = client_thread()
    ids = [send(thread_id, "p1", "provider").json["message_id"] for _ in range(3)]

    # when
    status, body, _ = read(thread_id, "c1", "client", ids[0])

    # then
    assert (status, body) == (200, {"unread_count": 2})
    assert call("GET", "/v1/me", "c1", "client").json["unread_total"] == 2


def test_the_read_marker_never_moves_back(table, clock):
    # given
    thread_id = client_thread()
    ids = [send(thread_id, "p1", "provider").json["message_id"] for _ in range(3)]
    read(thread_id, "c1", "client", ids[2])

    # when
    status, body, _ = read(thread_id, "c1", "client", ids[0])

    # then
    assert (status, body) == (200, {"unread_count": 0})
    entry = InboxEntry.get(keys.inbox_pk("c1"), keys.inbox_sk(thread_id))
    assert entry.last_read_message_id == ids[2]


def test_a_reply_is_unread_only_for_the_other_side(table, clock):
    # given the client wrote twice
    thread_id = client_thread()
    send(thread_id, "c1", "client")
    send(thread_id, "c1", "client")

    # when the provider replies
    send(thread_id, "p1", "provider")

    # then
    assert call("GET", "/v1/unread", "p1", "provider").json["total"] == 0
    assert call("GET", "/v1/unread", "c1", "client").json["total"] == 1


def test_sending_marks_the_thread_read_for_the_sender(table, clock):
    # given
    thread_id = client_thread()
    send(thread_id, "p1", "provider")
    send(thread_id, "p1", "provider")

    # when
    reply = send(thread_id, "c1", "client").json

    # then
    view = call("GET", f"/v1/threads/{thread_id}", "c1", "client").json
    assert (view["unread_count"], view["last_read_message_id"]) == (0, reply["message_id"])


def test_reading_ends_the_notification_streak(table, clock):
    # given the notifier emailed the client about this thread
    thread_id = client_thread()
    message_id = send(thread_id, "p1", "provider").json["message_id"]
    entry = InboxEntry.get(keys.inbox_pk("c1"), keys.inbox_sk(thread_id))
    entry.update(actions=[InboxEntry.notified_since_read.set(True)])

    # when
    read(thread_id, "c1", "client", message_id)

    # then
    entry.refresh()
    assert entry.notified_since_read is False


def test_reading_up_to_a_message_of_another_thread_is_400(table, clock):
    # given
    thread_id = client_thread("p1", "c1")
    other = client_thread("p1", "c2")
    foreign = send(other, "p1", "provider").json["message_id"]

    # when
    status, body, _ = read(thread_id, "c1", "client", foreign)

    # then
    assert (status, body["errors"][0]["field"]) == (400, "up_to_message_id")


def test_a_malformed_message_id_is_400(table, clock):
    # given
    thread_id = client_thread()

    # when
    status, body, _ = read(thread_id, "c1", "client", "not-a-ulid")

    # then
    assert (status, body["errors"][0]["field"]) == (400, "up_to_message_id")


def test_a_provider_s_unread_from_another_provider_sums_over_their_client_threads(table, clock):
    # given two mutual clients, each with its own provider thread
    for client in ("c1", "c2"):
        seed_care("p1", client)
        seed_care("p2", client)
        thread_id = start_thread("p2", "provider", provider_id="p1", client_id=client)
        send(thread_id, "p2", "provider")
        send(thread_id, "p2", "provider")
    client_thread_id = start_thread("p1", "provider", client_id="c1")
    send(client_thread_id, "c1", "client")

    # when
    unread = call("GET", "/v1/unread", "p1", "provider").json

    # then
    assert unread["total"] == 5
    assert unread["by_counterpart"] == [
        {"person_id": "p2", "display_name": "Name of p2", "unread_count": 4},
        {"person_id": "c1", "display_name": "Name of c1", "unread_count": 1},
    ]
    assert len(unread["by_thread"]) == 3


def test_me_names_me_and_totals_my_unread(table, clock):
    # given
    thread_id = client_thread()
    send(thread_id, "c1", "client")

    # when
    status, me, _ = call("GET", "/v1/me", "p1", "provider")

    # then
    assert (status, me) == (
        200,
        {"person_id": "p1", "role": "provider", "display_name": "Name of p1", "unread_total": 1},
    )
