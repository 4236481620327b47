"""Exactness under concurrency: many threads against a moto server over HTTP.

The API resolver keeps the current event on the app object (one request per Lambda
container), so the parallel callers here enter at the service layer, the handler's one call.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from carethread.data import keys
from carethread.data.models import InboxEntry, Message, Thread
from carethread.services.inbox import mark_read
from carethread.services.people import unread
from carethread.services.send import send_message
from carethread.services.threads import open_or_create_thread

from tests.support.api_builders import seed_care
from tests.support.http_moto import http_table


@pytest.fixture
def http(clock) -> Iterator[str]:
    with http_table() as name:
        yield name


def start(provider: str, client: str, now) -> str:
    view, _ = open_or_create_thread(
        person_id=provider, role="provider", client_id=client, provider_id=None, now=now
    )
    return view.thread_id


def send(thread_id: str, sender: str, role: str, key: str, now, body: str = "hello"):
    return send_message(
        sender_id=sender,
        sender_role=role,
        thread_id=thread_id,
        body=body,
        idempotency_key=key,
        now=now,
    )


def messages_in(thread_id: str) -> list[Message]:
    return list(Message.query(keys.thread_pk(thread_id), consistent_read=True))


def test_20_parallel_sends_make_20_messages_and_20_unread(http, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start("p1", "c1", clock.now())

    # when
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(
            pool.map(lambda n: send(thread_id, "p1", "provider", f"k{n}", clock.now()), range(20))
        )

    # then
    assert len({r.message.message_id for r in results}) == 20
    assert len(messages_in(thread_id)) == 20
    assert Thread.get(keys.thread_pk(thread_id), keys.META).message_count == 20
    assert unread("c1").total == 20


def test_10_parallel_replays_of_one_key_make_one_message(http, clock):
    # given
    seed_care("p1", "c1")
    thread_id = start("p1", "c1", clock.now())

    # when
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(
            pool.map(lambda _: send(thread_id, "c1", "client", "same", clock.now()), range(10))
        )

    # then
    assert len({r.message.message_id for r in results}) == 1
    assert sorted(r.replayed for r in results) == [False] + [True] * 9
    assert len(messages_in(thread_id)) == 1
    assert unread("p1").total == 1


def test_reading_while_messages_arrive_keeps_unread_exact(http, clock):
    # given a thread with one message the client will keep reading up to
    seed_care("p1", "c1")
    thread_id = start("p1", "c1", clock.now())
    first = send(thread_id, "p1", "provider", "k-first", clock.now()).message.message_id

    def read_latest(_: int) -> None:
        latest = max(m.message_id for m in messages_in(thread_id))
        mark_read(
            person_id="c1",
            role="client",
            thread_id=thread_id,
            up_to_message_id=latest,
            now=clock.now(),
        )

    # when sends and reads race
    with ThreadPoolExecutor(max_workers=16) as pool:
        sends = [
            pool.submit(send, thread_id, "p1", "provider", f"k{n}", clock.now()) for n in range(12)
        ]
        reads = [pool.submit(read_latest, n) for n in range(8)]
        for future in [*sends, *reads]:
            future.result()

    # then the stored count is exactly the messages after the stored marker
    entry = InboxEntry.get(keys.inbox_pk("c1"), keys.inbox_sk(thread_id), consistent_read=True)
    marker = entry.last_read_message_id or first
    after = [m for m in messages_in(thread_id) if m.message_id > marker]
    assert entry.unread_count == len(after)


def test_parallel_creates_coalesce_into_one_thread(http, clock):
    # given
    seed_care("p1", "c1")

    # when
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(
            pool.map(
                lambda _: open_or_create_thread(
                    person_id="c1",
                    role="client",
                    client_id=None,
                    provider_id="p1",
                    now=clock.now(),
                ),
                range(8),
            )
        )

    # then
    assert len({view.thread_id for view, _ in outcomes}) == 1
    assert sum(created for _, created in outcomes) == 1
