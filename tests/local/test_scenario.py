"""A provider and a client over real HTTP: threads, messages, unread counts, and the emails
that the clock's schedules send. The runtime is shared by the module: each test has its own
provider and client."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import pytest

from tests.local.practice import emails_to, feed_current_pair, open_thread, send

SECRET = "my session notes"  # never in an email
_pairs = itertools.count(1)


class Pair(NamedTuple):
    provider_id: str
    client_id: str
    provider: str  # tokens
    patient: str
    thread_id: str


@pytest.fixture
def pair(client) -> Pair:
    number = next(_pairs)
    provider_id, client_id = f"dr-{number}", f"client-{number}"
    feed_current_pair(client, provider_id, client_id)
    provider = client.token(provider_id, "provider")
    patient = client.token(client_id, "client")
    thread_id = open_thread(client, provider, client_id=client_id)
    return Pair(provider_id, client_id, provider, patient, thread_id)


def _schedules_for(runtime, thread_id: str):
    return [s for s in runtime.schedules.pending() if s.payload["thread_id"] == thread_id]


def test_a_send_returns_after_the_notifier_has_scheduled_its_email(client, runtime, pair):
    # when
    send(client, pair.provider, pair.thread_id, SECRET)

    # then: the stream reached the notifier before the response came back
    [schedule] = _schedules_for(runtime, pair.thread_id)
    assert schedule.payload["recipient_id"] == pair.client_id
    assert emails_to(client, pair.client_id) == []


def test_moving_the_clock_past_the_delay_sends_the_email(client, pair):
    # given
    send(client, pair.provider, pair.thread_id, SECRET)
    sent_at = client.call("GET", "/_local/clock").json["now"]

    # when
    client.advance(3 * 60)

    # then
    [email] = emails_to(client, pair.client_id)
    assert email["subject"] == "You have a new secure message"
    assert SECRET not in email["body"]
    assert email["sent_at"] > sent_at


def test_the_client_sees_the_message_unread_until_reading_it(client, pair):
    # given
    message = send(client, pair.provider, pair.thread_id, SECRET)
    assert client.call("GET", "/v1/unread", token=pair.patient).json["total"] == 1

    # when
    body = {"up_to_message_id": message["message_id"]}
    path = f"/v1/threads/{pair.thread_id}/read"
    read = client.call("POST", path, token=pair.patient, body=body)

    # then
    assert read.status == 200
    assert client.call("GET", "/v1/unread", token=pair.patient).json["total"] == 0
    path = f"/v1/threads/{pair.thread_id}/messages"
    messages = client.call("GET", path, token=pair.patient).json
    assert [m["body"] for m in messages["items"]] == [SECRET]


def test_a_message_read_before_its_schedule_fires_sends_no_email(client, pair):
    # given
    message = send(client, pair.provider, pair.thread_id, SECRET)
    body = {"up_to_message_id": message["message_id"]}
    client.call("POST", f"/v1/threads/{pair.thread_id}/read", token=pair.patient, body=body)

    # when
    client.advance(10 * 60)

    # then
    assert emails_to(client, pair.client_id) == []


def test_a_client_reply_within_five_minutes_sends_the_provider_no_email(client, pair):
    # given
    send(client, pair.provider, pair.thread_id, SECRET)
    client.advance(60)

    # when
    send(client, pair.patient, pair.thread_id, "thanks, see you then")
    client.advance(10 * 60)

    # then
    assert emails_to(client, pair.provider_id) == []


def test_a_client_reply_after_five_minutes_emails_the_provider(client, pair):
    # given
    send(client, pair.provider, pair.thread_id, SECRET)
    client.advance(6 * 60)

    # when
    send(client, pair.patient, pair.thread_id, "thanks, see you then")
    client.advance(10 * 60)

    # then
    assert len(emails_to(client, pair.provider_id)) == 1


def test_schedules_fire_as_real_time_passes(client, runtime, pair):
    # given: the email falls due half a second from now on the runtime's clock
    send(client, pair.provider, pair.thread_id, SECRET)
    [schedule] = _schedules_for(runtime, pair.thread_id)
    client.call("POST", "/_local/clock", body={"now": _rfc3339(schedule.at, -0.5)})
    assert emails_to(client, pair.client_id) == []

    # when: nobody calls the API for a while
    deadline = time.monotonic() + 10
    while not emails_to(client, pair.client_id) and time.monotonic() < deadline:
        time.sleep(0.2)

    # then: the background loop fired it
    assert len(emails_to(client, pair.client_id)) == 1


def _rfc3339(at: datetime, offset_seconds: float) -> str:
    shifted = (at + timedelta(seconds=offset_seconds)).astimezone(UTC)
    return shifted.isoformat().replace("+00:00", "Z")
