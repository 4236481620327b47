"""Exactness under concurrency through the real handler: one process per Lambda container.

Each send runs in its own fresh interpreter (as each concurrent Lambda invocation has its own
container), imports the API handler, waits at a barrier so all start together, and sends
through `lambda_handler` against a moto server over HTTP.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

import pytest

from tests.support.api_builders import call, seed_care
from tests.support.http_moto import http_table

SENDS = 20


def _send_in_new_container(
    endpoint: str, table: str, thread_id: str, key: str, barrier: Any, results: Any
) -> None:
    os.environ.update(CARETHREAD_TABLE_NAME=table, CARETHREAD_DYNAMODB_ENDPOINT=endpoint)
    from carethread.data import models

    models.bind_table(table, region="us-east-1", host=endpoint)
    barrier.wait(timeout=60)
    response = call(
        "POST",
        f"/v1/threads/{thread_id}/messages",
        "p1",
        "provider",
        {"body": f"message {key}"},
        {"Idempotency-Key": key},
    )
    results.put((response.status, response.json.get("message_id")))


@pytest.fixture
def http_endpoint():
    from carethread.data.models import TableItem

    with http_table() as name:
        yield TableItem.Meta.host, name


def test_20_containers_sending_at_once_make_20_messages_and_20_unread(http_endpoint):
    # given a current pair with a thread, on the system clock (each container reads its own)
    endpoint, table = http_endpoint
    seed_care("p1", "c1")
    thread_id = call("POST", "/v1/threads", "p1", "provider", {"client_id": "c1"}).json["thread_id"]
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(SENDS), context.Queue()
    workers = [
        context.Process(
            target=_send_in_new_container,
            args=(endpoint, table, thread_id, f"k{n}", barrier, results),
        )
        for n in range(SENDS)
    ]

    # when all containers send at the same moment
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)

    # then every send succeeded once, and the counts are exact
    assert sorted(status for status, _ in outcomes) == [201] * SENDS
    assert len({message_id for _, message_id in outcomes}) == SENDS
    listed = call("GET", f"/v1/threads/{thread_id}/messages?limit=100", "c1", "client").json
    assert len(listed["items"]) == SENDS
    assert call("GET", "/v1/unread", "c1", "client").json["total"] == SENDS
